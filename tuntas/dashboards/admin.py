"""Django admin: the background exports, to see which failed and why (never their files)."""

from django.contrib import admin
from django.http import HttpRequest

from tuntas.dashboards.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "requested_by", "kind", "status", "progress", "row_count"]
    list_filter = ["status", "kind"]
    search_fields = ["requested_by__full_name", "requested_by__username", "error"]
    # The file is the requester's alone: the admin sees that it exists, not what it holds.
    fields = readonly_fields = (
        "requested_by",
        "kind",
        "params",
        "status",
        "progress",
        "row_count",
        "filename",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
