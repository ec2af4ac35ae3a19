"""Django admin for work plans: the nomenclature and rules to configure, the rest to inspect."""

from django.contrib import admin
from django.http import HttpRequest

from tuntas.plans.models import (
    MonthlyTarget,
    Nomenclature,
    PlanPolicy,
    Realisation,
    RealisationCorrection,
    SubActivity,
)


@admin.register(Nomenclature)
class NomenclatureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "year"]
    list_filter = ["year", "level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(PlanPolicy)
class PlanPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "yellow_points", "red_points", "cutoff_day", "allow_corrections"]


class ReadOnlyInline(admin.TabularInline):
    """Targets and realisation change only through the screens, which keep the rules."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class MonthlyTargetInline(ReadOnlyInline):
    model = MonthlyTarget
    fields = ("month", "physical_pct", "financial")
    readonly_fields = fields


class RealisationInline(ReadOnlyInline):
    model = Realisation
    fields = ("month", "physical_pct", "financial", "note", "reported_by", "reported_at")
    readonly_fields = fields


@admin.register(SubActivity)
class SubActivityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "year", "pagu", "pptk"]
    list_filter = ["year", "unit"]
    search_fields = ["code", "name"]
    raw_id_fields = ["nomenclature", "pptk"]
    inlines = [MonthlyTargetInline, RealisationInline]


@admin.register(RealisationCorrection)
class RealisationCorrectionAdmin(admin.ModelAdmin):
    """Read-only: a correction is a record of what changed, never edited afterwards."""

    list_display = ["realisation", "by", "at"]
    readonly_fields = [
        "realisation",
        "old_physical_pct",
        "old_financial",
        "new_physical_pct",
        "new_financial",
        "reason",
        "by",
        "at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
