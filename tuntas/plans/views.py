"""Work-plan screens: sub kegiatan with their S-curve, targets, realisation and early warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.issues import services as issue_services
from tuntas.issues.access import visible_issues
from tuntas.issues.models import Category, Issue
from tuntas.lib import deviation as dev
from tuntas.lib.concurrency import STALE_MESSAGE
from tuntas.lib.importing import import_screen
from tuntas.lib.money import format_rupiah
from tuntas.org.access import Access, Viewer, get_for_viewer, require, viewer_for
from tuntas.org.forms import ImportUploadForm
from tuntas.org.models import Unit
from tuntas.plans import imports as plan_imports
from tuntas.plans.access import (
    can_open_issue,
    is_unit_reporter,
    sub_activity_access,
    visible_sub_activities,
)
from tuntas.plans.charts import month_label, s_curve_svg
from tuntas.plans.forms import PlanPolicyForm, RealisationForm, SubActivityForm, TargetsForm
from tuntas.plans.models import (
    MONTHS,
    PlanPolicy,
    Progress,
    RealisationCorrection,
    RealisationFile,
    SubActivity,
)
from tuntas.plans.services import (
    MONTH_NAMES,
    WARNING_LABELS,
    EarlyWarning,
    PlanError,
    early_warnings,
    latest_month,
    realisation_save,
    reporting_month,
    targets_save,
    thresholds,
    with_progress_data,
)

STATUS_FILTERS = {
    "green": gettext_lazy("Green"),
    "yellow": gettext_lazy("Yellow"),
    "red": gettext_lazy("Red"),
    "not_reported": gettext_lazy("Not reported"),
}
# Which warning of a sub kegiatan an issue is about when none is named: the gravest first.
WARNING_ORDER = ("kritis", "red", "not_reported", "projection_short")


def as_int(value: str | None, low: int, high: int) -> int | None:
    """Return a small whole number from a form or the query string, or None."""
    if value and value.isascii() and value.isdigit() and len(value) <= 6:
        number = int(value)
        if low <= number <= high:
            return number
    return None


def points(value: Decimal | None) -> str:
    """Format a deviation as officials read it: "-12,0" with a real minus sign (U+2212)."""
    if value is None:
        return "—"
    text = number_format(value, 1)
    return text.replace("-", "\u2212") if value < 0 else text


def pct(value: Decimal | None) -> str:
    """Format a percentage with two decimals in the screen's language, or a dash."""
    return "—" if value is None else number_format(value, 2)


# --- progress of many sub kegiatan --------------------------------------------------------


@dataclass
class SubRow:
    """One sub kegiatan judged by its latest month, as the lists show it."""

    sub: SubActivity
    progress: Progress
    missing: bool  # the month due is still not reported after the cut-off
    physical_status: str | None = None
    financial_status: str | None = None

    @property
    def status(self) -> str | None:
        return "not_reported" if self.missing else self.progress.status

    @property
    def month_name(self) -> str:
        return str(MONTH_NAMES[self.progress.month])


@dataclass
class UnitProgress:
    """A unit's sub kegiatan with their deviation weighted by pagu."""

    unit: Unit | None  # None for the city-wide total
    rows: list[SubRow] = field(default_factory=list)
    pagu: Decimal = Decimal(0)
    dev_physical: Decimal | None = None
    dev_financial: Decimal | None = None
    status: str | None = None
    physical_status: str | None = None
    financial_status: str | None = None
    missing: int = 0

    def close(self, limits: dev.Thresholds) -> UnitProgress:
        """Compute the weighted deviations and the colour of what the rows hold."""
        self.pagu = sum((r.sub.pagu for r in self.rows), Decimal(0))
        self.dev_physical = dev.weighted(
            (r.progress.dev_physical, r.sub.pagu)
            for r in self.rows
            if r.progress.dev_physical is not None
        )
        self.dev_financial = dev.weighted(
            (r.progress.dev_financial, r.sub.pagu)
            for r in self.rows
            if r.progress.dev_financial is not None
        )
        self.physical_status = colour(self.dev_physical, limits)
        self.financial_status = colour(self.dev_financial, limits)
        self.status = worst([self.physical_status, self.financial_status])
        self.missing = sum(1 for r in self.rows if r.missing)
        return self


def colour(deviation: Decimal | None, limits: dev.Thresholds) -> str | None:
    """Return the status colour of one deviation, or None when there is none."""
    return None if deviation is None else dev.status(deviation, limits)


def worst(statuses: Iterable[str | None]) -> str | None:
    order = {"green": 0, "yellow": 1, "red": 2}
    found = [s for s in statuses if s in order]
    return max(found, key=order.__getitem__) if found else None


def sub_rows(subs: Iterable[SubActivity], *, today: dt.date, policy: PlanPolicy) -> list[SubRow]:
    """Judge each sub kegiatan (prefetched with `with_progress_data`) by its latest month."""
    limits = thresholds(policy)
    report_year, report_month = reporting_month(today)
    cutoff = dev.month_cutoff(report_year, report_month, policy.cutoff_day)
    rows = []
    for sub in subs:
        reported = {r.month for r in sub.realisations.all()}
        missing = sub.year == report_year and today > cutoff and report_month not in reported
        progress = Progress(sub, latest_month(sub, today), limits)
        rows.append(
            SubRow(
                sub,
                progress,
                missing,
                colour(progress.dev_physical, limits),
                colour(progress.dev_financial, limits),
            )
        )
    return rows


def units_progress(
    rows: list[SubRow], *, policy: PlanPolicy
) -> tuple[list[UnitProgress], UnitProgress]:
    """Group rows per unit (in the rows' order) and total them city-wide, weighted by pagu."""
    limits = thresholds(policy)
    groups: dict[int, UnitProgress] = {}
    for row in rows:
        groups.setdefault(row.sub.unit_id, UnitProgress(row.sub.unit)).rows.append(row)
    total = UnitProgress(None, list(rows)).close(limits)
    return [g.close(limits) for g in groups.values()], total


def portfolio_plan(units: list[Unit], *, today: dt.date) -> dict[str, Any]:
    """For the coordinator's home: each unit's weighted deviation and the gravest warnings."""
    policy = PlanPolicy.current()
    subs = list(
        with_progress_data(
            SubActivity.objects.filter(year=today.year, unit__in=[u.pk for u in units])
        )
    )
    groups, _total = units_progress(sub_rows(subs, today=today, policy=policy), policy=policy)
    warnings = sorted(early_warnings(subs, today=today), key=warning_rank)
    return {
        "units": {g.unit.pk: g for g in groups if g.unit is not None},
        "warnings": warning_items(warnings[:5]),
        "warning_count": len(warnings),
    }


def warning_items(
    warnings: Iterable[EarlyWarning], viewer: Viewer | None = None
) -> list[dict[str, Any]]:
    """Wrap warnings for the templates: the month's name and whether to offer an issue."""
    return [
        {
            "warning": w,
            "month_name": MONTH_NAMES[w.month],
            "can_open_issue": viewer is not None and can_open_issue(viewer, w.sub),
        }
        for w in warnings
    ]


def warning_rank(warning: EarlyWarning) -> tuple[int, Decimal, str]:
    progress = warning.progress
    deviation = progress.dev_physical if progress and progress.dev_physical is not None else 0
    return (WARNING_ORDER.index(warning.kind), Decimal(deviation), warning.sub.name)


def issue_plan_panel(sub_id: int, viewer: Viewer) -> dict[str, Any] | None:
    """For an issue's page: the linked sub kegiatan, its S-curve, and whether to link it."""
    sub = with_progress_data(SubActivity.objects.filter(pk=sub_id)).first()
    if sub is None:
        return None
    limits = thresholds()
    rows = [Progress(sub, month, limits) for month in MONTHS]
    return {
        "sub": sub,
        "chart": s_curve_svg(rows, title=sub.name, chart_id=f"s-curve-{sub.pk}"),
        "linked": sub_activity_access(viewer, sub) >= Access.READ,
    }


# --- one sub kegiatan -----------------------------------------------------------------------


def _get_sub_for_user(
    request: HttpRequest, pk: int, need: Access = Access.READ
) -> tuple[SubActivity, Viewer, Access]:
    viewer = viewer_for(request)
    sub, access = get_for_viewer(
        viewer,
        with_progress_data(SubActivity.objects.select_related("nomenclature")),
        pk,
        sub_activity_access,
        need,
    )
    return sub, viewer, access


def sub_list_state(params: QueryDict, today: dt.date) -> dict[str, Any]:
    """Return the list's filters from the query string: year, unit id and status."""
    return {
        "year": as_int(params.get("year"), 2000, 2100) or today.year,
        "unit": as_int(params.get("unit"), 1, 10**9),
        "status": params.get("status", ""),
    }


def filtered_sub_rows(
    params: QueryDict, viewer: Viewer, policy: PlanPolicy | None = None
) -> tuple[list[SubRow], dict[str, Any]]:
    """Return the visible sub kegiatan the list's filters select, judged, and the filters."""
    policy = policy or PlanPolicy.current()
    state = sub_list_state(params, viewer.today)
    subs = (
        visible_sub_activities(viewer)
        .filter(year=state["year"])
        .order_by("unit__sort_order", "unit__name", "code")
    )
    if state["unit"]:
        subs = subs.filter(unit_id=state["unit"])
    rows = sub_rows(with_progress_data(subs), today=viewer.today, policy=policy)
    if state["status"] in STATUS_FILTERS:
        rows = [r for r in rows if r.status == state["status"]]
    return rows, state


@login_required
@require_GET
def sub_activity_list(request: HttpRequest) -> HttpResponse:
    """List the visible sub kegiatan of a year per unit, with the unit's weighted deviation."""
    viewer = viewer_for(request)
    today = viewer.today
    policy = PlanPolicy.current()
    visible = visible_sub_activities(viewer)
    rows, state = filtered_sub_rows(request.GET, viewer, policy)
    year = state["year"]
    groups, total = units_progress(rows, policy=policy)
    years = sorted({*visible.values_list("year", flat=True).distinct(), today.year}, reverse=True)
    context = {
        "groups": groups,
        "total": total if (viewer.is_leader or viewer.is_admin) and rows else None,
        "state": state,
        "years": years,
        "units": Unit.objects.filter(pk__in=visible.filter(year=year).values("unit_id")).order_by(
            "sort_order", "name"
        ),
        "statuses": STATUS_FILTERS,
        "open_all": len(groups) <= 3,
    }
    return render(request, "plans/sub_activity_list.html", context)


def _month_rows(sub: SubActivity, policy: PlanPolicy, today: dt.date) -> list[dict[str, Any]]:
    limits = thresholds(policy)
    targets = {t.month: t for t in sub.targets.all()}
    rows = []
    for month in MONTHS:
        progress = Progress(sub, month, limits)
        due = dev.month_cutoff(sub.year, month, policy.cutoff_day)
        target = targets.get(month)
        rows.append(
            {
                "month": month,
                "label": MONTH_NAMES[month],
                "short": month_label(month),
                "progress": progress,
                "target_financial": target.financial if target else None,
                "late": not progress.reported and today > due,
                "physical_status": colour(progress.dev_physical, limits),
                "financial_status": colour(progress.dev_financial, limits),
            }
        )
    return rows


@login_required
@require_GET
def sub_activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a sub kegiatan: its data, S-curve, months, warnings, corrections and issues."""
    sub, viewer, access = _get_sub_for_user(request, pk)
    policy = PlanPolicy.current()
    months = _month_rows(sub, policy, viewer.today)
    files: dict[int, list[RealisationFile]] = {}
    for evidence in RealisationFile.objects.filter(realisation__sub_activity=sub).select_related(
        "realisation"
    ):
        files.setdefault(evidence.realisation.month, []).append(evidence)
    for row in months:
        row["files"] = files.get(row["month"], [])
    context = {
        "sub": sub,
        "months": months,
        "chart": s_curve_svg([m["progress"] for m in months], title=sub.name),
        "warnings": warning_items(early_warnings([sub], today=viewer.today)),
        "corrections": RealisationCorrection.objects.filter(realisation__sub_activity=sub)
        .select_related("realisation", "by")
        .order_by("-at", "-pk"),
        "issues": visible_issues(viewer)
        .filter(sub_activity=sub)
        .select_related("reporting_unit", "category"),
        "has_files": bool(files),
        "can_write": access >= Access.WRITE,
        "can_open_issue": can_open_issue(viewer, sub),
    }
    return render(request, "plans/sub_activity_detail.html", context)


# --- one unit -------------------------------------------------------------------------------


@dataclass
class UnitMonth:
    """A unit's cumulative progress in one month, weighted by pagu, as the S-curve reads it."""

    month: int
    target_physical: Decimal | None
    real_physical: Decimal | None
    target_financial_pct: Decimal | None
    real_financial_pct: Decimal | None

    @property
    def label(self) -> str:
        return str(MONTH_NAMES[self.month])


def unit_months(subs: list[SubActivity]) -> list[UnitMonth]:
    """Weigh the sub kegiatan (prefetched) month by month: physical by pagu, finance in Rp."""
    total_pagu = sum((s.pagu for s in subs), Decimal(0))
    targets = [({t.month: t for t in s.targets.all()}, s.pagu) for s in subs]
    reals = [({r.month: r for r in s.realisations.all()}, s.pagu) for s in subs]
    rows = []
    for month in MONTHS:
        planned = [(by[month], pagu) for by, pagu in targets if month in by]
        done = [(by[month], pagu) for by, pagu in reals if month in by]
        rows.append(
            UnitMonth(
                month,
                dev.weighted((t.physical_pct, pagu) for t, pagu in planned) if planned else None,
                dev.weighted((r.physical_pct, pagu) for r, pagu in done) if done else None,
                dev.financial_pct(sum((t.financial for t, _p in planned), Decimal(0)), total_pagu)
                if planned
                else None,
                dev.financial_pct(sum((r.financial for r, _p in done), Decimal(0)), total_pagu)
                if done
                else None,
            )
        )
    return rows


@login_required
@require_GET
def unit_plan(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Show a unit's S-curve, weighted by pagu, and its sub kegiatan of a year."""
    viewer = viewer_for(request)
    today = viewer.today
    visible = visible_sub_activities(viewer).filter(unit_id=unit_pk)
    unit = Unit.objects.filter(pk=unit_pk, pk__in=visible.values("unit_id")).first()
    if unit is None:
        raise Http404
    year = as_int(request.GET.get("year"), 2000, 2100) or today.year
    policy = PlanPolicy.current()
    subs = list(with_progress_data(visible.filter(year=year).order_by("code")))
    rows = sub_rows(subs, today=today, policy=policy)
    groups, _total = units_progress(rows, policy=policy)
    months = unit_months(subs)
    context = {
        "unit": unit,
        "year": year,
        "years": sorted({*visible.values_list("year", flat=True).distinct(), today.year}),
        "group": groups[0] if groups else None,
        "months": months,
        "chart": s_curve_svg(months, title=unit.name, chart_id=f"s-curve-unit-{unit.pk}")
        if subs
        else None,
    }
    return render(request, "plans/unit_plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def sub_activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the unit keep its sub kegiatan's PPTK, location and output up to date."""
    sub, viewer, _access = _get_sub_for_user(request, pk, Access.WRITE)
    form = SubActivityForm(request.POST or None, instance=sub, today=viewer.today)
    if request.method == "POST" and form.is_valid() and form.save_versioned() is not None:
        messages.success(request, _("The sub kegiatan data have been saved."))
        return redirect("plans:detail", pk=sub.pk)
    return render(request, "plans/sub_activity_form.html", {"sub": sub, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def targets_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the unit set the 12-month cumulative plan in one grid that works on a phone."""
    sub, viewer, _access = _get_sub_for_user(request, pk, Access.WRITE)
    initial: dict[str, Any] = {"version": sub.version}
    for target in sub.targets.all():
        initial[f"physical_{target.month}"] = target.physical_pct
        initial[f"financial_{target.month}"] = target.financial
    form = TargetsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("version") != sub.version:
            form.add_error(None, STALE_MESSAGE)
        else:
            try:
                targets_save(sub=sub, rows=form.rows(), by=viewer)
            except PlanError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(request, _("The targets have been saved."))
                return redirect("plans:detail", pk=sub.pk)
    return render(request, "plans/targets_form.html", {"sub": sub, "form": form})


def _next_month(sub: SubActivity, today: dt.date) -> int:
    """The month the unit reports next: after its latest report, unless that has not begun."""
    reported = sorted(r.month for r in sub.realisations.all())
    following = min(reported[-1] + 1, 12) if reported else 1
    if (sub.year, following) > (today.year, today.month):
        return reported[-1] if reported else 1
    return following


@login_required
@require_http_methods(["GET", "POST"])
def realisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the unit report a month's realisation, or correct an earlier one with a reason."""
    sub, viewer, _access = _get_sub_for_user(request, pk, Access.WRITE)
    reported = {r.month: r for r in sub.realisations.all()}
    month = as_int(request.GET.get("month"), 1, 12) or _next_month(sub, viewer.today)
    initial: dict[str, Any] = {"month": month}
    if month in reported:
        existing = reported[month]
        initial.update(
            physical=existing.physical_pct, financial=existing.financial, note=existing.note
        )
    form = RealisationForm(
        request.POST or None, request.FILES or None, initial=initial, correcting=bool(reported)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            realisation_save(
                sub=sub,
                month=data["month"],
                physical=data["physical"],
                financial=data["financial"],
                note=data["note"],
                reason=data.get("reason", ""),
                by=viewer,
                today=viewer.today,
                files=data["attachments"],
            )
        except PlanError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("The realisation of %(month)s has been saved.")
                % {"month": MONTH_NAMES[data["month"]]},
            )
            return redirect("plans:detail", pk=sub.pk)
    targets = {t.month: t for t in sub.targets.all()}
    return render(
        request,
        "plans/realisation_form.html",
        {
            "sub": sub,
            "form": form,
            "last_reported": MONTH_NAMES[max(reported)] if reported else None,
            "month_name": MONTH_NAMES[month],
            "target": targets.get(month),
        },
    )


@login_required
@require_GET
def warning_list(request: HttpRequest) -> HttpResponse:
    """List the early warnings of the sub kegiatan the viewer may see, per unit."""
    viewer = viewer_for(request)
    today = viewer.today
    report_year, _month = reporting_month(today)
    subs = with_progress_data(
        visible_sub_activities(viewer)
        .filter(year__in={today.year, report_year})
        .order_by("unit__sort_order", "unit__name", "code")
    )
    groups: dict[int, dict[str, Any]] = {}
    ordered = sorted(
        early_warnings(subs, today=today),
        key=lambda w: (w.sub.unit.sort_order, w.sub.unit.name, *warning_rank(w)),
    )
    for item in warning_items(ordered, viewer):
        sub = item["warning"].sub
        groups.setdefault(sub.unit_id, {"unit": sub.unit, "warnings": []})["warnings"].append(item)
    return render(request, "plans/warning_list.html", {"groups": list(groups.values())})


# --- an issue from a warning ----------------------------------------------------------------


def _finance_is_worse(progress: Progress) -> bool:
    physical, financial = progress.dev_physical, progress.dev_financial
    return financial is not None and (physical is None or financial < physical)


def _issue_text(sub: SubActivity, kind: str, progress: Progress) -> tuple[str, str]:
    """Return a pre-filled title and chronology for an issue about the sub kegiatan."""
    month = MONTH_NAMES[progress.month]
    if kind == "not_reported":
        title = _("Not reported for %(month)s: %(name)s") % {"month": month, "name": sub.name}
    elif kind == "projection_short":
        title = _("Projected to miss the year-end target: %(name)s") % {"name": sub.name}
    elif kind == "kritis":
        title = _("Kontrak kritis, physical deviation %(points)s points: %(name)s") % {
            "points": points(progress.dev_physical),
            "name": sub.name,
        }
    elif _finance_is_worse(progress):
        title = _("Finance deviation %(points)s points: %(name)s") % {
            "points": points(progress.dev_financial),
            "name": sub.name,
        }
    else:
        title = _("Physical deviation %(points)s points: %(name)s") % {
            "points": points(progress.dev_physical),
            "name": sub.name,
        }
    lines = [
        _("Early warning from the work plan, %(month)s %(year)s: %(warning)s.")
        % {"month": month, "year": sub.year, "warning": WARNING_LABELS.get(kind, "—")},
        _("Sub kegiatan: %(code)s %(name)s (pagu %(pagu)s).")
        % {"code": sub.code, "name": sub.name, "pagu": format_rupiah(sub.pagu)},
    ]
    if progress.reported:
        lines.append(
            _("Physical: target %(target)s%%, realisation %(real)s%%, deviation %(dev)s points.")
            % {
                "target": pct(progress.target_physical),
                "real": pct(progress.real_physical),
                "dev": points(progress.dev_physical),
            }
        )
        lines.append(
            _(
                "Finance: target %(target)s%%, realisation %(real)s%% (%(amount)s), "
                "deviation %(dev)s points."
            )
            % {
                "target": pct(progress.target_financial_pct),
                "real": pct(progress.real_financial_pct),
                "amount": format_rupiah(progress.real_financial),
                "dev": points(progress.dev_financial),
            }
        )
    else:
        lines.append(_("The realisation of %(month)s has not been reported.") % {"month": month})
    if progress.projection is not None:
        lines.append(
            _("Year-end projection at the recent pace: %(pct)s%%.")
            % {"pct": pct(progress.projection)}
        )
    return title[:200], "\n".join(lines)


def _issue_category() -> Category:
    active = Category.objects.filter(is_active=True)
    found = active.filter(code="anggaran").first() or active.first()
    if found is None:
        raise PermissionDenied  # no category to file it under: the admin must add one
    return found


@login_required
@require_POST
def issue_from_sub(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a sub kegiatan's warning into an issue linked to it, pre-filled."""
    sub, viewer, _access = _get_sub_for_user(request, pk)
    if not can_open_issue(viewer, sub):
        raise PermissionDenied
    today = viewer.today
    existing = (
        visible_issues(viewer)
        .filter(sub_activity=sub, status__in=[Issue.Status.DRAFT, *Issue.OPEN_STATUSES])
        .first()
    )
    if existing is not None:
        messages.info(request, _("An issue about this sub kegiatan is already open."))
        return redirect("issues:detail", pk=existing.pk)
    month = as_int(request.POST.get("month"), 1, 12) or latest_month(sub, today)
    progress = Progress(sub, month, thresholds())
    kind = request.POST.get("kind", "")
    if kind not in WARNING_LABELS:
        kinds = {w.kind for w in early_warnings([sub], today=today)}
        kind = next((k for k in WARNING_ORDER if k in kinds), "red")
    title, chronology = _issue_text(sub, kind, progress)
    issue = Issue(
        title=title,
        chronology=chronology,
        category=_issue_category(),
        urgency=Issue.Urgency.CRITICAL if progress.kritis else Issue.Urgency.HIGH,
        first_met_on=today,
        reporting_unit=sub.unit,
        sub_activity=sub,
    )
    if is_unit_reporter(viewer, sub):
        issue_services.issue_create(issue=issue, by=viewer)
        messages.success(request, _("A draft issue has been prepared: check it and submit it."))
        return redirect("issues:edit", pk=issue.pk)
    # The Asisten (or their Bagian) opens it on their own initiative: it is theirs at once.
    try:
        issue_services.issue_open_from_warning(issue=issue, by=viewer)
    except issue_services.ActionNotAllowed:
        raise PermissionDenied from None
    messages.success(request, _("The issue has been opened and accepted at the Asisten level."))
    return redirect("issues:detail", pk=issue.pk)


@login_required
@require_GET
def realisation_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Send a realisation's evidence to someone who may see its sub kegiatan, as a download."""
    viewer = viewer_for(request)

    def decide(v: Viewer, evidence: RealisationFile) -> Access:
        return sub_activity_access(v, evidence.realisation.sub_activity)

    evidence, _access = get_for_viewer(
        viewer,
        RealisationFile.objects.select_related("realisation__sub_activity"),
        pk,
        decide,
    )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- rules ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest) -> HttpResponse:
    """Let the admin set the deviation thresholds, the report cut-off and corrections."""
    viewer = viewer_for(request)
    require(
        Access.WRITE if viewer.is_admin else (Access.READ if viewer.is_internal else Access.NONE),
        Access.WRITE,
    )
    form = PlanPolicyForm(request.POST or None, instance=PlanPolicy.current())
    if request.method == "POST" and form.is_valid() and form.save_versioned() is not None:
        messages.success(request, _("The rules have been saved."))
        return redirect("plans:policy")
    return render(request, "plans/policy_form.html", {"form": form})


# --- imports ---------------------------------------------------------------------------------


class PlanImportForm(ImportUploadForm):
    year = forms.IntegerField(label=gettext_lazy("Fiscal year"), min_value=2000, max_value=2100)


@login_required
@require_http_methods(["GET", "POST"])
def import_data(request: HttpRequest, kind: str) -> HttpResponse:
    """Import the nomenclature, DPA sub kegiatan or monthly targets from SIPD-style files."""
    viewer = viewer_for(request)
    import_kind = plan_imports.IMPORT_KINDS.get(kind)
    if import_kind is None:
        raise Http404
    require(
        Access.WRITE if viewer.is_admin else (Access.READ if viewer.is_internal else Access.NONE),
        Access.WRITE,
    )
    form = PlanImportForm(
        request.POST or None, request.FILES or None, initial={"year": viewer.today.year}
    )
    titles = {
        "nomenclature": _("Import the budget nomenclature"),
        "dpa": _("Import DPA sub kegiatan"),
        "targets": _("Import monthly targets"),
    }
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else viewer.today.year
    return import_screen(
        request,
        session_key=f"plans-import-{kind}",
        form=form,
        parse=lambda name, content: plan_imports.plans_import_parse(
            kind=import_kind, year=year, filename=name, content=content
        ),
        load=plan_imports.ImportPreview.from_data,
        apply=lambda preview: plan_imports.plans_import_apply(preview=preview, by=viewer.person),
        conflict=plan_imports.ImportConflict,
        again_url=reverse("plans:import", args=[kind]),
        done_url=reverse("plans:list"),
        context={
            "kind": kind,
            "title": titles[kind],
            "columns": plan_imports.column_guide(import_kind),
        },
    )
