from django.contrib import admin

from .models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = (
        "timestamp",
        "username",
        "organisation",
        "role",
        "event",
        "legal_basis",
        "count",
    )
    list_filter = ("action", "legal_basis", "role")
    search_fields = ("username", "object_ref", "person_ref", "request_id")
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
