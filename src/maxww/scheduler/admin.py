"""The beheerder sees every run of the scheduled jobs (read only)."""

from django.contrib import admin

from .jobs import JOBS
from .models import ScheduledRun


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ("title", "due_at", "outcome", "exit_code", "finished_at", "host")
    list_filter = ("outcome", "job")
    date_hierarchy = "due_at"
    readonly_fields = [f.name for f in ScheduledRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="taak", ordering="job")
    def title(self, run: ScheduledRun) -> str:
        job = JOBS.get(run.job)
        return job.title if job else run.job
