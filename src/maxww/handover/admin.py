"""Admin: keys and trusted keys for functional admins; handovers read-only."""

from django.contrib import admin

from .models import BijstandApplication, Handover, OrganisationKey, TrustedKey


@admin.register(OrganisationKey)
class OrganisationKeyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "key_id", "valid_from", "expires_at", "revoked_at"]
    readonly_fields = ["key_id", "public_key"]
    exclude = ["private_key_encrypted"]


@admin.register(TrustedKey)
class TrustedKeyAdmin(admin.ModelAdmin):
    list_display = ["organisation_identifier", "key_id", "expires_at", "revoked_at"]


@admin.register(Handover)
class HandoverAdmin(admin.ModelAdmin):
    list_display = ["uuid", "from_name", "to_organisation", "status", "created_at"]
    list_filter = ["status"]
    fields = ["uuid", "from_name", "to_organisation", "status", "version", "created_at"]
    readonly_fields = fields


@admin.register(BijstandApplication)
class BijstandApplicationAdmin(admin.ModelAdmin):
    list_display = ["uuid", "organisation", "status", "route", "received_at"]
    list_filter = ["status", "route"]
    fields = ["uuid", "organisation", "status", "route", "received_at"]
    readonly_fields = fields
