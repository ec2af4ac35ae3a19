"""The dependency map screens: who waits on whom (table and graph), and one edge's requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tuntas.dashboards.dependency import (
    Edge,
    Period,
    dependency_edges,
    dependency_ranking,
    dependency_svg,
    edge_access,
    edge_requests,
)
from tuntas.dashboards.exports import exported_text
from tuntas.dashboards.table_exports import day_text, dependency_xlsx, label, xlsx_download
from tuntas.lib.http import HtmxHttpRequest, is_fragment
from tuntas.org.access import Access, Viewer, require, viewer_for
from tuntas.org.models import Unit


@dataclass(frozen=True)
class MapFilter:
    """The map's filters read from the query string: the period and an optional Asisten."""

    period: Period
    assistant_id: int | None
    assistants: list[Unit]

    def query(self, **extra: str) -> str:
        """Return the query string that keeps these filters (plus `extra`)."""
        params = {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()}
        if self.assistant_id is not None:
            params["assistant"] = str(self.assistant_id)
        params.update(extra)
        return urlencode(params)


# Dates outside these years are typing mistakes, and 31-12-9999 has no day after it.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def _date(value: str) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _map_filter(request: HttpRequest, viewer: Viewer) -> MapFilter:
    """Read the filters; what cannot be read falls back to this year and every Asisten."""
    default = Period.year_of(viewer.today)
    start = _date(request.GET.get("start", "")) or default.start
    end = _date(request.GET.get("end", "")) or default.end
    if start > end:
        start, end = end, start
    assistants = list(Unit.objects.filter(kind=Unit.Kind.ASSISTANT).order_by("sort_order", "name"))
    wanted = request.GET.get("assistant", "")
    assistant_id = next((a.pk for a in assistants if str(a.pk) == wanted), None)
    return MapFilter(Period(start, end), assistant_id, assistants)


def _viewer_with_roles(request: HttpRequest) -> Viewer:
    """Return the viewer; a person without any role has no map (404)."""
    viewer = viewer_for(request)
    require(Access.READ if viewer.assignments or viewer.is_admin else Access.NONE, Access.READ)
    return viewer


@login_required
@require_GET
def dependency_map(request: HttpRequest) -> HttpResponse:
    """Show which units wait on which: the most waited-on first, and the graph on wide screens."""
    viewer = _viewer_with_roles(request)
    filters = _map_filter(request, viewer)
    edges = dependency_edges(
        viewer=viewer, period=filters.period, assistant_id=filters.assistant_id
    )
    ranking = dependency_ranking(
        viewer=viewer, period=filters.period, assistant_id=filters.assistant_id
    )
    query = filters.query()

    def edge_url(edge: Edge) -> str:
        url = reverse("dashboards:dependency_edge", args=[edge.asking.pk, edge.asked.pk])
        return f"{url}?{query}"

    graph = dependency_svg(edges, edge_url=edge_url, title=_("Dependency map")) if edges else ""
    context = {
        "filters": filters,
        "edges": [(edge, edge_url(edge)) for edge in edges],
        "ranking": ranking,
        "graph": graph,
        "query": query,
    }
    return render(request, "dashboards/dependency_map.html", context)


@login_required
@require_GET
def dependency_export(request: HttpRequest) -> HttpResponse:
    """Download the map's tables as XLSX: the units most waited on, and who waits on whom."""
    viewer = _viewer_with_roles(request)
    filters = _map_filter(request, viewer)
    period, assistant_id = filters.period, filters.assistant_id
    made = _("Requests made %(start)s – %(end)s") % {  # noqa: RUF001 (the page's msgid)
        "start": day_text(period.start),
        "end": day_text(period.end),
    }
    lines = [exported_text(viewer), made]
    assistant = next((a for a in filters.assistants if a.pk == assistant_id), None)
    if assistant is not None:
        lines.append(label(_("Coordinating assistant"), assistant.name))
    content = dependency_xlsx(
        ranking=dependency_ranking(viewer=viewer, period=period, assistant_id=assistant_id),
        edges=dependency_edges(viewer=viewer, period=period, assistant_id=assistant_id),
        filters="; ".join(lines),
    )
    return xlsx_download(content, f"peta-ketergantungan-{viewer.today:%Y%m%d}.xlsx")


def _get_edge_for_user(request: HttpRequest, asking: int, asked: int) -> tuple[Unit, Unit, Viewer]:
    """Return the two units of an edge the viewer may see; 404 for any other."""
    viewer = _viewer_with_roles(request)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[asking, asked])}
    if asking == asked or len(units) != 2:
        raise Http404
    require(edge_access(viewer, asking_id=asking, asked_id=asked), Access.READ)
    return units[asking], units[asked], viewer


@login_required
@require_GET
def dependency_edge(request: HtmxHttpRequest, asking: int, asked: int) -> HttpResponse:
    """List the requests one unit waits for from another, overdue first."""
    asking_unit, asked_unit, viewer = _get_edge_for_user(request, asking, asked)
    filters = _map_filter(request, viewer)
    show = "all" if request.GET.get("show") == "all" else "open"
    rows = edge_requests(
        viewer=viewer,
        asking_id=asking,
        asked_id=asked,
        period=filters.period,
        assistant_id=filters.assistant_id,
        pending_only=show == "open",
    )
    context = {
        "asking": asking_unit,
        "asked": asked_unit,
        "rows": rows,
        "show": show,
        "filters": filters,
        "query": filters.query(),
        "open_query": filters.query(show="open"),
        "all_query": filters.query(show="all"),
        "late_count": sum(1 for r in rows if getattr(r, "late", 0)),
    }
    template = "dashboards/dependency_edge.html"
    if is_fragment(request):
        template += "#edge-requests"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response
