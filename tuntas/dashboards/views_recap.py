"""The monthly recap page: choose a month and a scope, preview the recap, download PDF or XLSX."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tuntas.dashboards.recap import recap_build
from tuntas.dashboards.recap_files import (
    measure_lines,
    notes,
    period_text,
    recap_pdf,
    recap_xlsx,
    scope_text,
    state_text,
)
from tuntas.lib.dates import format_date
from tuntas.lib.xlsx import CONTENT_TYPE
from tuntas.org.access import Viewer, viewer_for
from tuntas.org.models import Unit
from tuntas.plans.reports import month_name

EARLIEST_YEAR = 2000
# Overdue items listed on the page; the downloads list them all.
PREVIEW = 5
YEARS_SHOWN = 5


def recap_scopes(viewer: Viewer) -> tuple[list[Unit], bool]:
    """Return the Asisten whose recap the viewer may have, and whether the city's too.

    The Wali Kota, the Sekda and the admin have every Asisten's and the city's; an Asisten and
    their Bagian their own portfolio; everyone else nothing (404).
    """
    assistants = Unit.objects.filter(kind=Unit.Kind.ASSISTANT).order_by("sort_order", "name")
    if viewer.is_leader or viewer.is_admin:
        return list(assistants), True
    if viewer.assistant_ids:
        return list(assistants.filter(pk__in=viewer.assistant_ids)), False
    raise Http404


def default_month(today: dt.date) -> tuple[int, int]:
    """The month just ended: the one a monthly recap is made for."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.year, last.month


def chosen_month(params: QueryDict, today: dt.date) -> tuple[int, int]:
    """Return the (year, month) asked for, or the default for anything unreadable or to come."""
    try:
        year, month = int(params.get("year", "")), int(params.get("month", ""))
    except ValueError:
        return default_month(today)
    too_early = year < EARLIEST_YEAR
    if too_early or not 1 <= month <= 12 or (year, month) > (today.year, today.month):
        return default_month(today)
    return year, month


def chosen_asisten(raw: str | None, assistants: list[Unit], city_wide: bool) -> Unit | None:
    """Return the Asisten asked for (None: the city); 404 for one the viewer may not choose."""
    if raw:
        chosen = next((unit for unit in assistants if str(unit.pk) == raw), None)
        if chosen is None:
            raise Http404
        return chosen
    if city_wide or not assistants:
        return None
    return assistants[0]


def _download(content: bytes, content_type: str, filename: str, disposition: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def recap(request: HttpRequest) -> HttpResponse:
    """The monthly recap of an Asisten's portfolio or of the city, as a page, PDF or XLSX.

    Query: year, month (default: last month), asisten (an id; empty for the city-wide recap
    where the viewer may have it), format=pdf|xlsx for a download.
    """
    viewer = viewer_for(request)
    assistants, city_wide = recap_scopes(viewer)
    year, month = chosen_month(request.GET, viewer.today)
    asisten = chosen_asisten(request.GET.get("asisten"), assistants, city_wide)
    output = request.GET.get("format", "")
    # The page previews the overdue action items; the downloads list them all.
    preview = None if output in ("xlsx", "pdf") else PREVIEW
    data = recap_build(viewer=viewer, year=year, month=month, asisten=asisten, preview=preview)
    scope = slugify(asisten.short_name) if asisten is not None else "kota"
    stem = f"rekap-permasalahan-{year}-{month:02d}-{scope}"
    if output == "xlsx":
        made_by = _("made on %(date)s by %(name)s") % {
            "date": format_date(viewer.today),
            "name": viewer.person.full_name or viewer.person.username,
        }
        content = recap_xlsx(data, made_by=made_by)
        return _download(content, CONTENT_TYPE, f"{stem}.xlsx", "attachment")
    if output == "pdf":
        return _download(recap_pdf(data, viewer=viewer), "application/pdf", f"{stem}.pdf", "inline")
    query = urlencode({"year": year, "month": month, "asisten": asisten.pk if asisten else ""})
    years = list(range(viewer.today.year, viewer.today.year - YEARS_SHOWN, -1))
    if year not in years:
        years.append(year)
    context = {
        "recap": data,
        "lines": measure_lines(data),
        "notes": notes(data),
        "period": period_text(data),
        "scope": scope_text(data),
        "state": state_text(data),
        "overdue_requests": data.overdue_requests[:PREVIEW],
        "overdue_action_items": data.overdue_action_items[:PREVIEW],
        "more_requests": max(len(data.overdue_requests) - PREVIEW, 0),
        "more_action_items": max(data.overdue_action_item_count - PREVIEW, 0),
        "form": {"year": year, "month": month, "asisten": asisten},
        "months": [(m, month_name(m)) for m in range(1, 13)],
        "years": years,
        "assistants": assistants,
        "city_wide": city_wide,
        "query": query,
    }
    return render(request, "dashboards/recap.html", context)
