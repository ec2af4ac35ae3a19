"""The monthly recap (rekap permasalahan dan tindak lanjut) of an Asisten's portfolio or the city.

What the recap counts, exactly:

- **The month** is a calendar month in the local time zone (Asia/Jakarta): a moment belongs to
  it when its local date does. **Month end** is the end of its last day, or of today while the
  month is still running (the recap then says how far it goes).
- **Scope.** An Asisten's recap counts the issues routed to that Asisten (`Issue.coordinator`),
  the requests of those issues (whichever unit was asked), and the meetings of that Asisten with
  their action items; the city-wide recap counts them all. Both only ever count what the viewer
  may see.
- **Measures** are those of `measures.py` (docs/measures.md) over the month: the share of the
  issues settled in the month that were settled at OPD or Asisten level, the working days to
  settle them (median and 90th percentile), the working days from first met to reported of the
  issues reported in the month (median), and the requests (answers) and action items due in the
  month that were answered or done on time.
- **The issues of the month** are those reported by month end and not settled or closed before
  the month began. By status: settled in the month, closed in the month, or still open at month
  end, then either not yet accepted (waiting for triage or for more information) or being
  handled. By level: those settled in the month by the level they were settled at, and those
  open at month end by their level then (the last escalation or hand-back before month end,
  else Asisten once accepted, else OPD). By reporting unit and by category: reported (new),
  settled (and at OPD or Asisten level), closed in the month, and open at month end.
- **Overdue at month end**: the requests and action items `measures.py` counts as overdue at
  the end of the month, listed, with the working days since the date they missed.
- **Decisions**: the meetings held in the month (by the local date they started) whose minutes
  are final, with each agenda item that decided something: its decisions (one per line), the
  outcome for its issue, and its action items with unit and due date.

Issue states are read from the issue's own dates (reported, accepted, settled, closed), as the
measures read them; a settled issue that was reopened later counts as not settled.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tuntas.dashboards.measures import (
    Durations,
    FollowUpRow,
    MeasureFilter,
    Share,
    WorkdayOrdinals,
    action_item_scope,
    action_items_on_time,
    issue_scope,
    overview,
    request_scope,
    requests_on_time,
)
from tuntas.issues.models import Event, IssueRequest, Level
from tuntas.lib.workdays import calendar
from tuntas.meetings.access import visible_meetings
from tuntas.meetings.models import ActionItem, AgendaItem, Meeting
from tuntas.org.access import Viewer
from tuntas.org.models import Unit

ONE_DAY = dt.timedelta(days=1)
LEVEL_CHANGES = (Event.Kind.ESCALATED, Event.Kind.DEESCALATED)

# The states of the issues of the month at month end, in the order the recap lists them.
STATUS_LABELS = {
    "waiting": gettext_lazy("Not yet accepted (triage or more information)"),
    "handling": gettext_lazy("Being handled"),
    "settled": gettext_lazy("Settled in the month"),
    "closed": gettext_lazy("Closed in the month"),
}


# --- the shapes of the recap -----------------------------------------------------------------


@dataclass(frozen=True)
class RecapMeasures:
    """The measures of the month (see `measures.py` for their definitions)."""

    headline: Share
    settle: Durations
    surface: Durations
    requests: FollowUpRow
    action_items: FollowUpRow


@dataclass(frozen=True)
class CountRow:
    """The issues of the month of one reporting unit or category (key None: all of them)."""

    key: int | None
    label: str
    new: int = 0
    settled: int = 0
    settled_low: int = 0  # settled at OPD or Asisten level
    closed: int = 0
    open_at_end: int = 0

    @property
    def settled_low_share(self) -> Share:
        return Share(self.settled_low, self.settled)


@dataclass(frozen=True)
class StatusRow:
    """How many issues of the month ended it in one state."""

    key: str  # waiting, handling, settled, closed
    count: int

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.key])


@dataclass(frozen=True)
class LevelRow:
    """Issues settled in the month at a level, and issues open at that level at month end."""

    level: int
    settled: int
    open_at_end: int

    @property
    def label(self) -> str:
        return str(Level(self.level).label)


@dataclass(frozen=True)
class IssueCounts:
    by_status: list[StatusRow]
    by_level: list[LevelRow]
    by_unit: list[CountRow]
    by_category: list[CountRow]
    total: CountRow

    @property
    def caseload(self) -> int:
        """The issues of the month: reported by its end, not ended before it began."""
        return sum(row.count for row in self.by_status)


@dataclass(frozen=True)
class OverdueRequest:
    """A request overdue at month end: its answer, or the help itself, came too late."""

    request_id: int
    issue_id: int
    reference: str
    issue_title: str
    reporting_unit: str
    asked_unit: str
    need: str
    respond_by: dt.date
    due_on: dt.date
    since: dt.date  # the earliest date it missed that still applies at month end
    answered: bool  # answered by month end (so what is late is the help itself)
    days_late: int  # working days after `since`, up to month end


@dataclass(frozen=True)
class OverdueActionItem:
    """An action item overdue at month end."""

    item_id: int
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    description: str
    unit: str
    due_on: dt.date
    days_late: int
    issue_reference: str


@dataclass(frozen=True)
class DecidedAction:
    """An action item a meeting decided: what, which unit, by when."""

    description: str
    unit: str
    due_on: dt.date


@dataclass(frozen=True)
class DecidedItem:
    """An agenda item that decided something, numbered as in the minutes."""

    number: int
    title: str
    decisions: list[str]
    outcome: str  # AgendaItem.Outcome value, "" for none
    actions: list[DecidedAction]

    @property
    def outcome_label(self) -> str:
        return str(AgendaItem.Outcome(self.outcome).label) if self.outcome else ""


@dataclass(frozen=True)
class MeetingDecisions:
    """A meeting of the month with final minutes, and what it decided."""

    meeting_id: int
    date: dt.date
    title: str
    coordinator: str
    items: list[DecidedItem]
    other_actions: list[DecidedAction]  # action items not tied to an agenda item

    @property
    def decision_count(self) -> int:
        return sum(len(item.decisions) for item in self.items)

    @property
    def action_count(self) -> int:
        return sum(len(item.actions) for item in self.items) + len(self.other_actions)


@dataclass(frozen=True)
class Recap:
    """The monthly recap of one scope: an Asisten's portfolio, or the city (asisten None)."""

    year: int
    month: int
    start: dt.date
    end: dt.date
    as_of: dt.date  # month end, or today while the month runs
    asisten: Unit | None
    measures: RecapMeasures
    issues: IssueCounts
    overdue_requests: list[OverdueRequest] = field(default_factory=list)
    overdue_action_items: list[OverdueActionItem] = field(default_factory=list)
    meetings: list[MeetingDecisions] = field(default_factory=list)
    # All of them, also when only the first few are in overdue_action_items (a preview).
    overdue_action_item_count: int = 0

    @property
    def complete(self) -> bool:
        """Whether the month has ended."""
        return self.as_of == self.end


# --- building it -----------------------------------------------------------------------------


def _midnight(day: dt.date) -> dt.datetime:
    """The first moment of a local day (Asia/Jakarta by default)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a month."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, not {month}")
    last = month_calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def recap_build(
    *,
    viewer: Viewer,
    year: int,
    month: int,
    asisten: Unit | None = None,
    preview: int | None = None,
) -> Recap:
    """Compute the recap of a month for a viewer: an Asisten's portfolio, or all they may see.

    The caller decides whether the viewer may have the recap of that Asisten (or the city's).
    With `preview`, only the first overdue action items are loaded (the page); the downloads
    list them all. `overdue_action_item_count` counts them all either way.
    """
    start, end = month_bounds(year, month)
    if start > viewer.today:
        raise ValueError(f"{year}-{month:02d} has not begun")
    flt = MeasureFilter(start=start, end=end, coordinator_id=asisten.pk if asisten else None)
    as_of = min(end, viewer.today)
    requests = requests_on_time(viewer=viewer, flt=flt)
    items = action_items_on_time(viewer=viewer, flt=flt)
    settled_low, settle, surface = overview(viewer=viewer, flt=flt)
    measures = RecapMeasures(
        headline=settled_low,
        settle=settle,
        surface=surface,
        requests=requests.total,
        action_items=items.total,
    )
    late_requests = _overdue_requests(viewer, flt, as_of)
    late_items, late_item_count = _overdue_action_items(viewer, flt, as_of, preview=preview)
    days = WorkdayOrdinals(
        calendar(),
        [as_of, *(r["since"] for r in late_requests), *(i.due_on for i in late_items)],
    )
    return Recap(
        year=year,
        month=month,
        start=start,
        end=end,
        as_of=as_of,
        asisten=asisten,
        measures=measures,
        issues=_issue_counts(viewer, flt, as_of),
        overdue_requests=[
            OverdueRequest(**r, days_late=days.between(r["since"], as_of)) for r in late_requests
        ],
        overdue_action_items=[
            OverdueActionItem(
                item_id=i.pk,
                meeting_id=i.meeting_id,
                meeting_title=i.meeting.title,
                meeting_date=timezone.localdate(i.meeting.starts_at),
                description=i.description,
                unit=i.unit.name,
                due_on=i.due_on,
                days_late=days.between(i.due_on, as_of),
                issue_reference=i.issue.reference if i.issue else "",
            )
            for i in late_items
        ],
        overdue_action_item_count=late_item_count,
        meetings=_decisions(viewer, flt),
    )


def _issue_counts(viewer: Viewer, flt: MeasureFilter, as_of: dt.date) -> IssueCounts:
    """Count the issues of the month in one grouped query, then total them per table."""
    start, after = _midnight(flt.start), _midnight(as_of + ONE_DAY)
    # An issue ends when it is settled or closed (the first of the two, as the measures read
    # it): written out rather than with Coalesce so that each count's filter stays a plain Q.
    open_at_end = (
        Q(settled_at__isnull=True, closed_at__isnull=True)
        | Q(settled_at__gte=after)
        | Q(settled_at__isnull=True, closed_at__gte=after)
    )
    not_ended_before = (
        Q(settled_at__isnull=True, closed_at__isnull=True)
        | Q(settled_at__gte=start)
        | Q(settled_at__isnull=True, closed_at__gte=start)
    )
    settled = Q(settled_at__gte=start, settled_at__lt=after)
    closed = Q(settled_at__isnull=True, closed_at__gte=start, closed_at__lt=after)
    last_change = (
        Event.objects.filter(issue=OuterRef("pk"), kind__in=LEVEL_CHANGES, at__lt=after)
        .order_by("-at", "-pk")
        .annotate(to_level=Cast(KeyTextTransform("to_level", "data"), IntegerField()))
        .values("to_level")[:1]
    )
    level_at_end = Coalesce(
        Subquery(last_change, output_field=IntegerField()),
        Case(
            When(accepted_at__lt=after, then=Value(Level.ASSISTANT)),
            default=Value(Level.UNIT),
        ),
        output_field=IntegerField(),
    )
    rows = (
        issue_scope(viewer=viewer, flt=flt)
        .filter(not_ended_before, submitted_at__lt=after)
        .annotate(
            level_end=Case(
                When(open_at_end, then=level_at_end), default=Value(0), output_field=IntegerField()
            ),
            handled=_flag(open_at_end & Q(accepted_at__lt=after)),
        )
        .values(
            "reporting_unit_id",
            "reporting_unit__name",
            "reporting_unit__sort_order",
            "category_id",
            "category__name",
            "category__sort_order",
            "settled_level",
            "level_end",
            "handled",
        )
        .annotate(
            new=Count("pk", filter=Q(submitted_at__gte=start)),
            settled=Count("pk", filter=settled),
            settled_low=Count("pk", filter=settled & Q(settled_level__lte=Level.ASSISTANT)),
            closed=Count("pk", filter=closed),
            open_end=Count("pk", filter=open_at_end),
        )
        .order_by()
    )
    status: Counter[str] = Counter()
    settled_by_level: Counter[int] = Counter()
    open_by_level: Counter[int] = Counter()
    units: dict[int, _Tally] = defaultdict(_Tally)
    categories: dict[int, _Tally] = defaultdict(_Tally)
    total = _Tally()
    for row in rows:
        status["handling" if row["handled"] else "waiting"] += row["open_end"]
        status["settled"] += row["settled"]
        status["closed"] += row["closed"]
        if row["settled"] and row["settled_level"] is not None:
            settled_by_level[row["settled_level"]] += row["settled"]
        if row["open_end"]:
            open_by_level[row["level_end"]] += row["open_end"]
        unit = units[row["reporting_unit_id"]]
        unit.order = (row["reporting_unit__sort_order"], row["reporting_unit__name"])
        category = categories[row["category_id"]]
        category.order = (row["category__sort_order"], row["category__name"])
        for tally in (unit, category, total):
            tally.add(row)
    return IssueCounts(
        by_status=[StatusRow(key, status[key]) for key in STATUS_LABELS],
        by_level=[
            LevelRow(level, settled_by_level[level], open_by_level[level]) for level in Level.values
        ],
        by_unit=_count_rows(units),
        by_category=_count_rows(categories),
        total=total.row(None, ""),
    )


@dataclass
class _Tally:
    order: tuple[int, str] = (0, "")
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, row: Mapping[str, Any]) -> None:
        for name in ("new", "settled", "settled_low", "closed", "open_end"):
            self.counts[name] += row[name]

    def row(self, key: int | None, label: str) -> CountRow:
        c = self.counts
        return CountRow(
            key=key,
            label=label,
            new=c["new"],
            settled=c["settled"],
            settled_low=c["settled_low"],
            closed=c["closed"],
            open_at_end=c["open_end"],
        )


def _count_rows(tallies: dict[int, _Tally]) -> list[CountRow]:
    ordered = sorted(tallies.items(), key=lambda pair: (pair[1].order, pair[0]))
    return [tally.row(key, tally.order[1]) for key, tally in ordered]


def _overdue_requests(viewer: Viewer, flt: MeasureFilter, as_of: dt.date) -> list[dict[str, Any]]:
    """The requests overdue at month end, exactly as `measures.requests_on_time` counts them."""
    after = _midnight(as_of + ONE_DAY)
    S = IssueRequest.Status
    issue_open = (
        Q(issue__submitted_at__lt=after)
        & (Q(issue__settled_at__isnull=True) | Q(issue__settled_at__gte=after))
        & (Q(issue__closed_at__isnull=True) | Q(issue__closed_at__gte=after))
    )
    not_answered = Q(answered_at__isnull=True) | Q(answered_at__gte=after)
    not_finished = (Q(done_at__isnull=True) | Q(done_at__gte=after)) & (
        ~Q(status=S.DECLINED) | Q(answered_at__gte=after)
    )
    answer_late = Q(respond_by__lt=as_of) & not_answered
    help_late = Q(due_on__lt=as_of) & not_finished
    requests = (
        request_scope(viewer=viewer, flt=flt)
        .filter(issue_open, Q(created_at__lt=after), answer_late | help_late)
        .annotate(answer_late=_flag(answer_late), help_late=_flag(help_late))
        .select_related("issue", "issue__reporting_unit", "unit")
        .order_by("unit__sort_order", "unit__name", "respond_by", "due_on", "pk")
    )
    rows: list[dict[str, Any]] = []
    for request in requests:
        answer, work = request.answer_late, request.help_late
        missed = [d for d, late in ((request.respond_by, answer), (request.due_on, work)) if late]
        rows.append(
            {
                "request_id": request.pk,
                "issue_id": request.issue_id,
                "reference": request.issue.reference,
                "issue_title": request.issue.title,
                "reporting_unit": request.issue.reporting_unit.name,
                "asked_unit": request.unit.name,
                "need": request.need,
                "respond_by": request.respond_by,
                "due_on": request.due_on,
                "since": min(missed),
                "answered": not answer,
            }
        )
    return rows


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _overdue_action_items(
    viewer: Viewer, flt: MeasureFilter, as_of: dt.date, *, preview: int | None = None
) -> tuple[list[ActionItem], int]:
    """The action items overdue at month end, as `measures.action_items_on_time` counts them,
    and how many there are (all of them, or the first `preview` and the count)."""
    after = _midnight(as_of + ONE_DAY)
    # An item the secretariat sent back is open again, whatever done_at says.
    not_done = Q(status=ActionItem.Status.OPEN) | Q(done_at__isnull=True)
    overdue = Q(created_at__lt=after) & Q(due_on__lt=as_of) & (not_done | Q(done_at__gte=after))
    items = (
        action_item_scope(viewer=viewer, flt=flt)
        .filter(overdue)
        .select_related("unit", "meeting", "issue")
        # Only what the recap shows: minutes, notes and the issues' long texts stay behind.
        .only(*RECAP_ITEM_FIELDS)
        .order_by("unit__sort_order", "unit__name", "due_on", "pk")
    )
    if preview is None:
        rows = list(items)
        return rows, len(rows)
    # The page shows a few: LIMIT in SQL, the total counted by a window in the same query.
    rows = list(items.annotate(total=Window(Count("pk")))[:preview])
    return rows, rows[0].total if rows else 0  # type: ignore[attr-defined]


RECAP_ITEM_FIELDS = (
    "meeting_id",
    "description",
    "unit_id",
    "due_on",
    "issue_id",
    "meeting__title",
    "meeting__starts_at",
    "unit__name",
    "unit__sort_order",
    "issue__id",
)


def _decisions(viewer: Viewer, flt: MeasureFilter) -> list[MeetingDecisions]:
    """The meetings held in the month with final minutes, and what each decided."""
    actions = ActionItem.objects.select_related("unit").order_by("due_on", "pk")
    meetings = (
        visible_meetings(viewer)
        .filter(
            status=Meeting.Status.FINAL,
            starts_at__gte=_midnight(flt.start),
            starts_at__lt=_midnight(flt.end + ONE_DAY),
        )
        .select_related("coordinator")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("action_items", queryset=actions)
                ),
            ),
            Prefetch(
                "action_items",
                queryset=actions.filter(agenda_item__isnull=True),
                to_attr="loose_actions",
            ),
        )
        .order_by("starts_at", "pk")
    )
    if flt.coordinator_id:
        meetings = meetings.filter(coordinator_id=flt.coordinator_id)
    listed: list[MeetingDecisions] = []
    for meeting in meetings:
        items = []
        for number, item in enumerate(meeting.agenda_items.all(), start=1):
            decided = [_decided(a) for a in item.action_items.all()]
            if item.decision_lines or item.outcome or decided:
                items.append(
                    DecidedItem(
                        number=number,
                        title=item.title,
                        decisions=item.decision_lines,
                        outcome=item.outcome,
                        actions=decided,
                    )
                )
        listed.append(
            MeetingDecisions(
                meeting_id=meeting.pk,
                date=timezone.localdate(meeting.starts_at),
                title=meeting.title,
                coordinator=meeting.coordinator.name,
                items=items,
                other_actions=[_decided(a) for a in meeting.loose_actions],
            )
        )
    return listed


def _decided(item: ActionItem) -> DecidedAction:
    return DecidedAction(description=item.description, unit=item.unit.name, due_on=item.due_on)
