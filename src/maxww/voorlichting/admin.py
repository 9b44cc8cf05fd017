from django.contrib import admin

from .models import CallTask, Invitation, LetterTemplate, Session


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["region", "tone", "subject", "updated_at"]
    list_filter = ["region", "tone"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "place", "capacity", "region", "format"]
    list_filter = ["region", "format"]
    filter_horizontal = ["hosts"]


admin.site.register([Invitation, CallTask])
