from django.contrib import admin

from .models import Instrument, InstrumentUse


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("name", "funder", "phase", "amount", "cost_unit", "is_active")
    list_filter = ("funder", "phase", "is_active", "regions")
    search_fields = ("name", "description")
    filter_horizontal = ("regions",)


@admin.register(InstrumentUse)
class InstrumentUseAdmin(admin.ModelAdmin):
    list_display = ("instrument", "used_on", "cost", "organisation")
    list_filter = ("instrument", "organisation")
    raw_id_fields = ("person",)
