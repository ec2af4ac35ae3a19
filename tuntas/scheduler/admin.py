"""Django admin for the scheduler: its runs, to inspect."""

from django.contrib import admin
from django.http import HttpRequest

from tuntas.scheduler.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin[JobRun]):
    list_display = ["job", "slot", "started_at", "finished_at", "failed", "result"]
    list_filter = ["job", "failed"]
    search_fields = ["slot", "result"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
