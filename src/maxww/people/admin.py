from django.contrib import admin

from .models import AccessGrant, Household, Person, WWClaim


class WWClaimInline(admin.TabularInline):
    model = WWClaim
    extra = 0
    fields = (
        "claim_ref",
        "start_date",
        "max_end_date",
        "status",
        "sector",
        "education_level",
    )
    readonly_fields = fields
    can_delete = False


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Admin list without names or BSNs: functional admins manage, not browse."""

    list_display = ("uuid", "municipality", "owner", "created_at")
    list_filter = ("municipality__region", "owner")
    readonly_fields = ("uuid",)
    exclude = ("bsn_hash", "bsn_encrypted")
    inlines = [WWClaimInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("municipality", "owner")


@admin.register(AccessGrant)
class AccessGrantAdmin(admin.ModelAdmin):
    list_display = (
        "person",
        "organisation",
        "basis",
        "source",
        "granted_at",
        "revoked_at",
    )
    list_filter = ("basis", "organisation")
    raw_id_fields = ("person",)


admin.site.register(Household)
