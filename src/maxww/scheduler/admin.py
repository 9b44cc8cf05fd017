"""The beheerder sees every run of the scheduled jobs (read only)."""

from django.contrib import admin

from .jobs import JOBS, SCHEDULE
from .models import ScheduledRun


class JobFilter(admin.SimpleListFilter):
    """Filter by job, named by its Dutch title."""

    title = "taak"
    parameter_name = "job"

    def lookups(self, request, model_admin):
        return [(job.name, job.title) for job in SCHEDULE]

    def queryset(self, request, queryset):
        return queryset.filter(job=self.value()) if self.value() else queryset


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ("title", "due_at", "outcome", "exit_code", "finished_at", "host")
    list_filter = ("outcome", JobFilter)
    date_hierarchy = "due_at"
    readonly_fields = [f.name for f in ScheduledRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the record of what ran; `maxww scheduler prune` ages it out

    @admin.display(description="taak", ordering="job")
    def title(self, run: ScheduledRun) -> str:
        job = JOBS.get(run.job)
        return job.title if job else run.job
