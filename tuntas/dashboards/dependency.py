"""The dependency map: which units wait on which, counted from the requests between them.

An edge runs from the *asking* unit to the *asked* unit of a request (`IssueRequest.unit`).
The asking unit is the issue's **reporting unit**, not the unit of the person who typed the
request: the Asisten's Bagian often asks on the reporter's behalf (most demo requests are
typed by Bagian Perekonomian), yet the work that waits is the reporter's, and the request's
notification already names the reporting unit as the one asking ("PUPR asks for your help").
A request has no unit of its own and a person may hold roles in several units, so the creator's
unit would be a guess. A unit is never asked on its own issue, so no edge is a loop.

A request counts when it was created in the period (local dates, both ends included), is
still pending (requested or accepted) and its issue is still open: a request left pending on a
settled or closed issue keeps nobody waiting. It is overdue by `overdue_requests_q` (no answer
by the date expected, or not done by the date needed). Only the issues the viewer may see count
(`visible_issues`); a partner (BUMD, BPN …) sees only the edges that touch its own units. The
optional Asisten filter keeps the issues that Asisten coordinates (`Issue.coordinator`).

Every number is one aggregate query (GROUP BY); the drawing reads only the grouped rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tuntas.issues.access import visible_issues
from tuntas.issues.models import Issue, IssueRequest
from tuntas.issues.queries import overdue_requests_q
from tuntas.org.access import Access, Viewer

PENDING = (IssueRequest.Status.REQUESTED, IssueRequest.Status.ACCEPTED)


@dataclass(frozen=True)
class Period:
    """A span of local dates, both ends included."""

    start: dt.date
    end: dt.date

    @classmethod
    def year_of(cls, day: dt.date) -> Period:
        """Return the calendar year (the fiscal year in Indonesia) of the day."""
        return cls(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Return the aware moments [start of the first day, start of the day after the last)."""
        first = dt.datetime.combine(self.start, dt.time.min)
        after = dt.datetime.combine(self.end, dt.time.min) + dt.timedelta(days=1)
        return timezone.make_aware(first), timezone.make_aware(after)


@dataclass(frozen=True)
class UnitRef:
    """The few fields of a unit the map shows."""

    pk: int
    short_name: str
    name: str


@dataclass(frozen=True)
class Edge:
    """The requests one unit waits for from another: how many are open, how many overdue."""

    asking: UnitRef
    asked: UnitRef
    open: int
    overdue: int


@dataclass(frozen=True)
class Load:
    """How much one unit is waited on: open and overdue requests, and by how many units."""

    unit: UnitRef
    open: int
    overdue: int
    waiting_units: int


def pending_q() -> Q:
    """Requests still to be done, on issues still open."""
    return Q(status__in=PENDING, issue__status__in=Issue.OPEN_STATUSES)


def _overdue_q(today: dt.date) -> Q:
    return pending_q() & overdue_requests_q(today)


def dependency_requests(
    *, viewer: Viewer, period: Period | None = None, assistant_id: int | None = None
) -> QuerySet[IssueRequest]:
    """Return the requests the map may count for this viewer: visible, in the period, any state."""
    requests = IssueRequest.objects.filter(issue__in=visible_issues(viewer))
    if not viewer.is_internal:
        own = viewer.unit_ids()
        requests = requests.filter(Q(unit__in=own) | Q(issue__reporting_unit__in=own))
    if period is not None:
        start, after = period.bounds()
        requests = requests.filter(created_at__gte=start, created_at__lt=after)
    if assistant_id is not None:
        requests = requests.filter(issue__coordinator_id=assistant_id)
    return requests


def dependency_edges(
    *, viewer: Viewer, period: Period, assistant_id: int | None = None
) -> list[Edge]:
    """Return who waits on whom: one edge per (asking, asked) pair with open requests."""
    rows = (
        dependency_requests(viewer=viewer, period=period, assistant_id=assistant_id)
        .filter(pending_q())
        .order_by()
        .values(
            "issue__reporting_unit_id",
            "issue__reporting_unit__short_name",
            "issue__reporting_unit__name",
            "unit_id",
            "unit__short_name",
            "unit__name",
        )
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue_requests_q(viewer.today)),
        )
    )
    edges = [
        Edge(
            asking=UnitRef(
                row["issue__reporting_unit_id"],
                row["issue__reporting_unit__short_name"],
                row["issue__reporting_unit__name"],
            ),
            asked=UnitRef(row["unit_id"], row["unit__short_name"], row["unit__name"]),
            open=row["open"],
            overdue=row["overdue"],
        )
        for row in rows
    ]
    edges.sort(key=lambda e: (-e.open, -e.overdue, e.asking.short_name, e.asked.short_name))
    return edges


def dependency_ranking(
    *, viewer: Viewer, period: Period, assistant_id: int | None = None
) -> list[Load]:
    """Return the units waited on, most first: open requests, then overdue, then waiting units."""
    rows = (
        dependency_requests(viewer=viewer, period=period, assistant_id=assistant_id)
        .filter(pending_q())
        .order_by()
        .values("unit_id", "unit__short_name", "unit__name")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue_requests_q(viewer.today)),
            waiting_units=Count("issue__reporting_unit", distinct=True),
        )
    )
    loads = [
        Load(
            unit=UnitRef(row["unit_id"], row["unit__short_name"], row["unit__name"]),
            open=row["open"],
            overdue=row["overdue"],
            waiting_units=row["waiting_units"],
        )
        for row in rows
    ]
    loads.sort(key=lambda x: (-x.open, -x.overdue, -x.waiting_units, x.unit.short_name))
    return loads


def edge_access(viewer: Viewer, *, asking_id: int, asked_id: int) -> Access:
    """READ when the viewer may see at least one request of the edge, in any period or state.

    Partners see only edges touching their own units; the rest follows `visible_issues`.
    """
    if not viewer.is_internal and not viewer.unit_ids() & {asking_id, asked_id}:
        return Access.NONE
    seen = (
        dependency_requests(viewer=viewer)
        .filter(issue__reporting_unit_id=asking_id, unit_id=asked_id)
        .exists()
    )
    return Access.READ if seen else Access.NONE


def edge_requests(
    *,
    viewer: Viewer,
    asking_id: int,
    asked_id: int,
    period: Period,
    assistant_id: int | None = None,
    pending_only: bool = True,
    limit: int = 500,
) -> list[IssueRequest]:
    """Return the requests of one edge, overdue first, then by the date needed.

    Each row carries `late` (1 when overdue on an open issue, else 0).
    """
    requests = dependency_requests(viewer=viewer, period=period, assistant_id=assistant_id).filter(
        issue__reporting_unit_id=asking_id, unit_id=asked_id
    )
    if pending_only:
        requests = requests.filter(pending_q())
    late = Case(
        When(_overdue_q(viewer.today), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        requests.select_related("issue")
        .annotate(late=late)
        .order_by("-late", "due_on", "pk")[:limit]
    )


# --- drawing ---------------------------------------------------------------------------------

# Two columns, asking units on the left and asked units on the right, in a view box that
# scales to its container's width; the page shows it on wide screens only.
WIDTH = 520
LEFT_X, RIGHT_X = 130, 380
TOP, ROW = 52, 34
OPEN_COLOUR = "#206bc4"  # Tabler blue
OVERDUE_COLOUR = "#d63939"  # Tabler red
NODE_COLOUR = "#182433"
MUTED = "#667382"


def _width(count: int) -> float:
    """Return the stroke width of an edge: one request is thin, a dozen is at the maximum."""
    return min(1.5 + 2.5 * count, 16.0)


def _edge_title(edge: Edge) -> str:
    text = ngettext(
        "%(asking)s waits on %(asked)s: %(open)d open request",
        "%(asking)s waits on %(asked)s: %(open)d open requests",
        edge.open,
    ) % {"asking": edge.asking.short_name, "asked": edge.asked.short_name, "open": edge.open}
    if edge.overdue:
        text += ", " + ngettext("%(count)d overdue", "%(count)d overdue", edge.overdue) % {
            "count": edge.overdue
        }
    return text


def _columns(edges: Sequence[Edge]) -> tuple[list[UnitRef], list[UnitRef]]:
    """Order the asked units by how much they are waited on, the asking units to cross less.

    An asking unit sits at the mean height of the units it asks, weighted by open requests
    (the barycentre heuristic), so that most lines run flat instead of across the drawing.
    """
    asked: dict[UnitRef, tuple[int, int]] = {}
    for edge in edges:
        n_open, n_late = asked.get(edge.asked, (0, 0))
        asked[edge.asked] = (n_open + edge.open, n_late + edge.overdue)
    right = sorted(asked, key=lambda u: (-asked[u][0], -asked[u][1], u.short_name))
    row = {unit: index for index, unit in enumerate(right)}
    weight: dict[UnitRef, int] = {}
    moment: dict[UnitRef, int] = {}
    for edge in edges:
        weight[edge.asking] = weight.get(edge.asking, 0) + edge.open
        moment[edge.asking] = moment.get(edge.asking, 0) + edge.open * row[edge.asked]
    left = sorted(weight, key=lambda u: (moment[u] / weight[u], -weight[u], u.short_name))
    return left, right


def dependency_svg(
    edges: Sequence[Edge], *, edge_url: Callable[[Edge], str], title: str
) -> SafeString:
    """Return the map as SVG: asking units left, asked units right, one link per edge.

    An edge's width grows with its open requests; the overdue share of it is drawn in red
    inside, so an edge all red is one where every open request is late. Each asked unit is
    labelled with its open requests and, in red brackets, the overdue ones.
    """
    left, right = _columns(edges)
    y_left = {u: TOP + i * ROW for i, u in enumerate(left)}
    y_right = {u: TOP + i * ROW for i, u in enumerate(right)}
    totals: dict[UnitRef, tuple[int, int]] = {}
    for edge in edges:
        n_open, n_late = totals.get(edge.asked, (0, 0))
        totals[edge.asked] = (n_open + edge.open, n_late + edge.overdue)
    rows = max(len(left), len(right), 1)
    height = TOP + rows * ROW + 24
    summary = ngettext(
        "%(count)d unit waits on others.", "%(count)d units wait on others.", len(left)
    ) % {"count": len(left)}
    if right:
        summary += " " + _("Most waited on: %(unit)s.") % {"unit": right[0].short_name}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(title)}" aria-describedby="dependency-graph-desc" '
        f'class="dependency-graph" width="100%" style="max-width: 46rem; height: auto" '
        f'font-family="inherit" font-size="13">',
        f"<title>{escape(title)}</title>",
        f'<desc id="dependency-graph-desc">{escape(summary)}</desc>',
        "<style>.edge:hover .open, .edge:focus .open { stroke-opacity: .9 }</style>",
        f'<g fill="{MUTED}" font-size="12" font-weight="bold" aria-hidden="true">'
        f'<text x="{LEFT_X}" y="{TOP - 28}" text-anchor="end">{escape(_("Asking unit"))}</text>'
        f'<text x="{RIGHT_X}" y="{TOP - 28}">{escape(_("Asked unit"))}</text></g>',
        '<g class="edges">',
    ]
    mid = (LEFT_X + RIGHT_X) / 2
    # Thick edges first, so that the thin ones stay visible (and clickable) on top.
    for edge in sorted(edges, key=lambda e: (-e.open, -e.overdue)):
        y1, y2 = y_left[edge.asking], y_right[edge.asked]
        path = f"M{LEFT_X + 6},{y1} C{mid},{y1} {mid},{y2} {RIGHT_X - 6},{y2}"
        key = f"{edge.asking.short_name}-{edge.asked.short_name}"
        width = _width(edge.open)
        parts.append(
            f'<a class="edge" href="{escape(edge_url(edge))}" data-edge="{escape(key)}">'
            f"<title>{escape(_edge_title(edge))}</title>"
            f'<path class="hit" d="{path}" fill="none" stroke="transparent" stroke-width="14"/>'
            f'<path class="open" d="{path}" fill="none" stroke="{OPEN_COLOUR}" '
            f'stroke-opacity=".5" stroke-width="{width}"/>'
        )
        if edge.overdue:
            late = round(width * edge.overdue / edge.open, 1)
            parts.append(
                f'<path class="overdue" d="{path}" fill="none" stroke="{OVERDUE_COLOUR}" '
                f'stroke-width="{late}"/>'
            )
        parts.append("</a>")
    parts.append("</g>")
    parts.append(f'<g class="asking" fill="{NODE_COLOUR}">')
    for unit in left:
        y = y_left[unit]
        parts.append(
            f'<g data-unit="{escape(unit.short_name)}"><title>{escape(unit.name)}</title>'
            f'<circle cx="{LEFT_X}" cy="{y}" r="5"/>'
            f'<text x="{LEFT_X - 12}" y="{y + 4}" text-anchor="end">'
            f"{escape(unit.short_name)}</text></g>"
        )
    parts.append("</g>")
    parts.append(f'<g class="asked" fill="{NODE_COLOUR}">')
    for unit in right:
        y = y_right[unit]
        n_open, n_late = totals[unit]
        overdue = f'<tspan fill="{OVERDUE_COLOUR}"> ({n_late})</tspan>' if n_late else ""
        parts.append(
            f'<g data-unit="{escape(unit.short_name)}"><title>{escape(unit.name)}</title>'
            f'<circle cx="{RIGHT_X}" cy="{y}" r="5"/>'
            f'<text x="{RIGHT_X + 12}" y="{y + 4}"><tspan font-weight="bold">'
            f"{escape(unit.short_name)}</tspan> {n_open}{overdue}</text></g>"
        )
    parts.append("</g>")
    legend_y = TOP + rows * ROW - 4
    parts.append(
        f'<g class="legend" fill="{MUTED}" font-size="12" aria-hidden="true">'
        f'<line x1="{LEFT_X - 110}" x2="{LEFT_X - 86}" y1="{legend_y - 4}" '
        f'y2="{legend_y - 4}" stroke="{OPEN_COLOUR}" stroke-opacity=".5" stroke-width="6"/>'
        f'<text x="{LEFT_X - 80}" y="{legend_y}">{escape(_("open requests"))}</text>'
        f'<line x1="{mid + 10}" x2="{mid + 34}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="{OVERDUE_COLOUR}" stroke-width="6"/>'
        f'<text x="{mid + 40}" y="{legend_y}">{escape(_("overdue (in brackets)"))}</text></g>'
    )
    parts.append("</svg>")
    # Every piece of text above went through escape(): the markup is safe to render.
    return mark_safe("".join(parts))  # noqa: S308
