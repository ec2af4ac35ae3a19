"""The measures page: does coordination work? Settled low, fast, early; backlog; follow-up."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tuntas.dashboards.charts import (
    BAR_COLOUR,
    SECOND_COLOUR,
    Point,
    Series,
    bar_chart_svg,
    line_chart_svg,
)
from tuntas.dashboards.exports import exported_text
from tuntas.dashboards.measures import MeasureFilter, Measures, Share, measures_compute
from tuntas.dashboards.table_exports import day_text, label, measures_xlsx, xlsx_download
from tuntas.issues.access import visible_issues
from tuntas.issues.models import Category, IssueRequest
from tuntas.lib.forms import StyledForm
from tuntas.meetings.access import visible_action_items
from tuntas.org.access import Viewer, viewer_for
from tuntas.org.forms import DateInput
from tuntas.org.models import Unit, UnitQuerySet
from tuntas.plans.access import visible_sub_activities
from tuntas.plans.charts import month_label, s_curve_svg
from tuntas.plans.views import UnitMonth

# A longer period would only draw unreadable charts (and count years of holidays for nothing).
MAX_PERIOD_DAYS = 3 * 366
EARLIEST = dt.date(2000, 1, 1)
FIELDS = ("start", "end", "coordinator", "unit", "category")


class UnitChoiceField(forms.ModelChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


def assistant_choices(viewer: Viewer) -> UnitQuerySet:
    """The Asisten a viewer may filter by: all for leaders, else those of their issues."""
    assistants = Unit.objects.filter(kind=Unit.Kind.ASSISTANT).order_by("sort_order", "name")
    if viewer.is_leader or viewer.is_admin:
        return assistants
    routed = visible_issues(viewer).values("coordinator_id")
    return assistants.filter(Q(pk__in=routed) | Q(pk__in=viewer.assistant_ids))


def unit_choices(viewer: Viewer) -> UnitQuerySet:
    """The units a viewer may filter by: those of the issues, requests, action items and sub
    kegiatan the viewer may see."""
    issues = visible_issues(viewer).filter(submitted_at__isnull=False)
    return Unit.objects.filter(
        Q(pk__in=issues.values("reporting_unit_id"))
        | Q(pk__in=IssueRequest.objects.filter(issue__in=issues.values("pk")).values("unit_id"))
        | Q(pk__in=visible_action_items(viewer).values("unit_id"))
        | Q(pk__in=visible_sub_activities(viewer).values("unit_id"))
    ).order_by("sort_order", "name")


# Which units a viewer may filter by takes a scan of every issue they see (0.2-0.5 s over 100 000
# issues): kept this long per person, roles and day. A unit newly involved in their issues is
# offered at the latest this much later; what is computed is always scoped by visibility anyway.
CHOICES_SECONDS = 600


def cached_choices(
    viewer: Viewer, name: str, choices: Callable[[Viewer], UnitQuerySet]
) -> UnitQuerySet:
    """The viewer's choices of units, their ids cached for a while (see CHOICES_SECONDS)."""
    roles = sorted((a.role, a.unit_id) for a in viewer.assignments)
    who = hashlib.sha256(repr((viewer.person.pk, viewer.today, roles)).encode()).hexdigest()
    key = f"measures:{name}:{who[:32]}"
    ids: list[int] | None = cache.get(key)
    if ids is None:
        ids = list(choices(viewer).values_list("pk", flat=True))
        cache.set(key, ids, CHOICES_SECONDS)
    return Unit.objects.filter(pk__in=ids).order_by("sort_order", "name")


class MeasureFilterForm(StyledForm):
    """The period and the Asisten, unit and category the measures are computed for."""

    start = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    end = forms.DateField(label=gettext_lazy("To"), widget=DateInput())
    coordinator = UnitChoiceField(
        label=gettext_lazy("Asisten"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("All Asisten"),
    )
    unit = UnitChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("All units"),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=Category.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=gettext_lazy("All categories"),
    )

    def __init__(self, data: Any, *, viewer: Viewer) -> None:
        self.today = viewer.today
        super().__init__(data, initial=self.default_initial(self.today))
        coordinator = self.fields["coordinator"]
        unit = self.fields["unit"]
        assert isinstance(coordinator, UnitChoiceField) and isinstance(unit, UnitChoiceField)
        coordinator.queryset = cached_choices(viewer, "assistants", assistant_choices)
        unit.queryset = cached_choices(viewer, "units", unit_choices)

    @staticmethod
    def default_initial(today: dt.date) -> dict[str, Any]:
        """This year to date."""
        return {"start": today.replace(month=1, day=1), "end": today}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and start < EARLIEST:
            self.add_error("start", _("Choose a date from 2000 on."))
        elif start and start > self.today:
            self.add_error("start", _("The period cannot start after today."))
        elif start and end:
            if end < start:
                self.add_error("end", _("The end of the period cannot be before its start."))
            elif (end - start).days >= MAX_PERIOD_DAYS:
                self.add_error("end", _("Choose a period of at most three years."))
            else:
                # What has not happened yet cannot be measured: the period stops today.
                data["end"] = min(end, self.today)
        return data

    def describe(self, flt: MeasureFilter) -> list[str]:
        """The filter computed, as "Label: value" lines for an export."""
        labels = [label(_("From"), day_text(flt.start)), label(_("To"), day_text(flt.end))]
        if self.is_bound and self.is_valid():
            for name in ("coordinator", "unit", "category"):
                if chosen := self.cleaned_data.get(name):
                    labels.append(label(str(self.fields[name].label), chosen.name))
        return labels

    def measure_filter(self) -> MeasureFilter:
        """The filter to compute: the form's when it is valid, else this year to date."""
        if not self.is_bound or not self.is_valid():
            initial = self.default_initial(self.today)
            return MeasureFilter(start=initial["start"], end=initial["end"])
        data = self.cleaned_data
        return MeasureFilter(
            start=data["start"],
            end=data["end"],
            coordinator_id=data["coordinator"].pk if data["coordinator"] else None,
            unit_id=data["unit"].pk if data["unit"] else None,
            category_id=data["category"].pk if data["category"] else None,
        )


# --- charts ----------------------------------------------------------------------------------


def _percent_text(share: Share) -> str:
    if share.percent is None:
        return "—"
    return f"{number_format(share.percent, 1)}% ({share.numerator}/{share.denominator})"


def _month_name(day: dt.date, years: int) -> str:
    return month_label(day.month) + (f" {day:%y}" if years > 1 else "")


def trend_charts(measures: Measures) -> dict[str, str]:
    """The headline share and time to settle per month, and the weekly backlog, as SVG."""
    trend = measures.trend
    years = len({t.start.year for t in trend})
    share_points = [
        Point(
            _month_name(t.start, years),
            float(t.settled_low.percent) if t.settled_low.percent is not None else None,
            _percent_text(t.settled_low),
        )
        for t in trend
    ]
    last = next((p for p in reversed(share_points) if p.value is not None), None)
    days = _("working days")
    median = [
        Point(
            _month_name(t.start, years),
            t.settle.median,
            f"{t.settle.median} {days}" if t.settle.median is not None else "—",
        )
        for t in trend
    ]
    p90 = [
        Point(
            _month_name(t.start, years),
            t.settle.p90,
            f"{t.settle.p90} {days}" if t.settle.p90 is not None else "—",
        )
        for t in trend
    ]
    weeks = measures.backlog.weeks
    backlog_points = [
        Point(
            date_format(w.day, "j/n"),
            w.open,
            _("%(count)s open at the end of %(day)s")
            % {"count": w.open, "day": date_format(w.day, "DATE_FORMAT")},
        )
        for w in weeks
    ]
    return {
        "headline": bar_chart_svg(
            share_points,
            title=_("Settled at OPD or Asisten level, per month"),
            chart_id="chart-headline",
            summary=f"{last.label}: {last.text}" if last else _("Nothing settled in the period."),
            top=100,
            suffix="%",
        ),
        "settle": line_chart_svg(
            [
                Series("median", _("Median"), BAR_COLOUR, median),
                Series("p90", _("90th percentile"), SECOND_COLOUR, p90, dashed=True),
            ],
            title=_("Time to settle per month (working days)"),
            chart_id="chart-settle",
            summary=_("Median and 90th percentile of the working days to settle."),
        ),
        "backlog": bar_chart_svg(
            backlog_points,
            title=_("Open issues at the end of each week"),
            chart_id="chart-backlog",
            summary=backlog_points[-1].text if backlog_points else "—",
        ),
    }


# --- the page --------------------------------------------------------------------------------


def _measures_for(request: HttpRequest) -> tuple[Viewer, MeasureFilterForm, Measures]:
    """Compute the measures of the query string's filter; 404 for partners and the role-less."""
    viewer = viewer_for(request)
    if not viewer.is_internal:
        # Partners see only the issues that involve them: too few to measure coordination by.
        raise Http404
    bound = any(name in request.GET for name in FIELDS)
    form = MeasureFilterForm(request.GET if bound else None, viewer=viewer)
    return viewer, form, measures_compute(viewer=viewer, flt=form.measure_filter())


@login_required
@require_GET
def measures(request: HttpRequest) -> HttpResponse:
    """Show the measures of coordination over the issues the viewer may see, for a period."""
    _viewer, form, computed = _measures_for(request)
    flt = computed.filter
    realisation = computed.realisation
    context = {
        "form": form,
        "filter": flt,
        "m": computed,
        "charts": trend_charts(computed),
        "s_curve": s_curve_svg(
            [
                UnitMonth(
                    m.month,
                    m.line.target_physical,
                    m.line.real_physical,
                    m.line.target_financial_pct,
                    m.line.real_financial_pct,
                )
                for m in realisation.city
            ],
            title=_("Realisation against target of the units shown, %(year)s")
            % {"year": realisation.year},
            chart_id="chart-realisation",
        )
        if realisation.city
        else None,
    }
    return render(request, "dashboards/measures.html", context)


@login_required
@require_GET
def measures_export(request: HttpRequest) -> HttpResponse:
    """Download every table of the measures page as XLSX, for the page's filters."""
    viewer, form, computed = _measures_for(request)
    filters = "; ".join([exported_text(viewer), *form.describe(computed.filter)])
    content = measures_xlsx(computed, filters=filters)
    return xlsx_download(content, f"ukuran-kinerja-{viewer.today:%Y%m%d}.xlsx")
