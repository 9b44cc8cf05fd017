from django.contrib import admin

from .models import (
    CandidateProfile,
    Employer,
    Occupation,
    Placement,
    Proposal,
    Vacancy,
)


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "major_group")
    search_fields = ("code", "label")
    list_filter = ("major_group",)


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "kvk_number", "sector", "region", "account_manager")
    list_filter = ("region", "sector")
    search_fields = ("name", "kvk_number")


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ("title", "employer", "status", "start_date", "region")
    list_filter = ("status", "region", "is_shared_in_region")
    search_fields = ("title", "external_ref", "employer__name")
    raw_id_fields = ("employer", "occupation", "created_by")


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    """No names here: functional admins manage, they do not browse people."""

    list_display = ("id", "hours_available", "max_travel_km", "available_from")
    raw_id_fields = ("traject", "updated_by")
    filter_horizontal = ("occupations",)


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("uuid", "vacancy", "status", "proposed_date", "organisation")
    list_filter = ("status", "organisation")
    raw_id_fields = ("vacancy", "traject", "proposed_by")


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ("uuid", "employer", "start_date", "hours_per_week", "organisation")
    raw_id_fields = ("proposal", "traject", "vacancy", "employer", "placed_by")
