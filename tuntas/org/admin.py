"""Django admin for the system operator: raw inspection, not the daily screens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from tuntas.org.models import (
    ChangeLog,
    Government,
    Person,
    RoleAssignment,
    Unit,
    UnitCoordination,
    WorkdayOverride,
)


class AssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ["unit", "role", "capacity", "position_title", "valid_from", "valid_until"]
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(UserAdmin):
    list_display = ["username", "full_name", "nip", "position", "email", "is_active"]
    search_fields = ["username", "full_name", "nip", "email"]
    ordering = ["full_name"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Identity"), {"fields": ("full_name", "nip", "position", "rank")}),
        (_("Contact"), {"fields": ("phone", "email", "language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "email", "password1", "password2")}),
    )
    inlines = [AssignmentInline]


class CoordinationInline(admin.TabularInline):
    model = UnitCoordination
    fk_name = "unit"
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["short_name", "name", "sipd_code"]
    inlines = [CoordinationInline]


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ["name", "region_name", "level"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "unit", "capacity", "valid_from", "valid_until"]
    list_filter = ["role", "capacity"]
    search_fields = ["person__full_name", "unit__short_name"]
    autocomplete_fields = ["person", "unit"]


@admin.register(ChangeLog)
class ChangeLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "summary"]
    list_filter = ["action"]
    search_fields = ["summary"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the log is append-only

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
