from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Municipality, Organisation, Region, RegionalConfig, User


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0


class RegionalConfigInline(admin.StackedInline):
    model = RegionalConfig
    can_delete = False


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    inlines = [RegionalConfigInline, MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region")
    list_filter = ("region",)
    search_fields = ("code", "name")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "uwv_access_enabled", "is_active")
    list_filter = ("kind", "region", "uwv_access_enabled")
    search_fields = ("name",)
    filter_horizontal = ("municipalities",)


@admin.register(RegionalConfig)
class RegionalConfigAdmin(admin.ModelAdmin):
    list_display = (
        "region",
        "screening_months",
        "invitation_months",
        "coaching_months",
        "follow_up_months",
        "documentation_months",
        "session_tone",
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "organisation",
        "is_active",
    )
    list_filter = ("role", "organisation", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("maxww"), {"fields": ("organisation", "role", "sector_specialisation")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("maxww"), {"fields": ("organisation", "role")}),
    )
