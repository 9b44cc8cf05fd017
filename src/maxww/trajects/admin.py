from django.contrib import admin

from .models import Consent, Contact, DurabilityCheck, Task, Traject, TrajectEvent


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["uuid", "purpose", "recipient", "kind", "given_at", "withdrawn_at"]
    list_filter = ["purpose", "kind"]
    raw_id_fields = ["person", "recorded_by"]


class EventInline(admin.TabularInline):
    model = TrajectEvent
    extra = 0
    readonly_fields = ["event", "from_state", "to_state", "by", "on", "at", "detail"]
    can_delete = False


@admin.register(Traject)
class TrajectAdmin(admin.ModelAdmin):
    list_display = [
        "uuid",
        "organisation",
        "coach",
        "state",
        "outcome",
        "signalled_date",
    ]
    list_filter = ["state", "outcome", "organisation"]
    raw_id_fields = ["person", "coach"]
    inlines = [EventInline]


admin.site.register([Contact, Task, DurabilityCheck])
