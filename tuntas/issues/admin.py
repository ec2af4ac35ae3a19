"""Django admin for issues: categories and rules to configure, the rest to inspect."""

from django.contrib import admin

from tuntas.issues.models import Category, Event, Issue, IssueRequest, Policy


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "triage_days",
        "response_days",
        "settle_assistant_days",
        "auto_escalate",
    ]


class RequestInline(admin.TabularInline):
    model = IssueRequest
    extra = 0
    fields = ("unit", "status", "due_on", "respond_by")
    readonly_fields = ("unit", "status", "due_on", "respond_by")
    can_delete = False


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    """Read-only: issues change only through the screens, which keep the timeline."""

    list_display = ["reference", "title", "reporting_unit", "status", "level", "submitted_at"]
    list_filter = ["status", "level", "urgency", "category"]
    search_fields = ["title"]
    inlines = [RequestInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "issue", "kind", "actor"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
