"""The measures of coordination (ukuran kinerja), computed exactly as docs/measures.md defines them.

Every measure is computed over the issues a viewer may see (`visible_issues`) within a
`MeasureFilter`, with grouped aggregate queries: the database returns counts per (start date,
end date, group) and the working days are read from a per-date ordinal of the working-day
calendar, so Python only reads grouped counts, never the issues one by one.
"""

from __future__ import annotations

import bisect
import calendar as month_calendar
import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from tuntas.issues.access import visible_issues
from tuntas.issues.models import Issue, IssueQuerySet, IssueRequest, Level
from tuntas.lib.deviation import Thresholds
from tuntas.lib.workdays import WorkCalendar, calendar
from tuntas.meetings.access import visible_action_items
from tuntas.meetings.models import ActionItem
from tuntas.org.access import Viewer
from tuntas.org.models import Unit
from tuntas.plans import services as plan_services
from tuntas.plans.access import visible_sub_activities
from tuntas.plans.models import SubActivity

# The monthly total of the realisation report is the city's official figure: reused, not redone.
from tuntas.plans.reports import ReportLine, sub_line, total_line
from tuntas.plans.views import colour

# Ageing buckets in working days since submission: (lowest, highest or None for no limit).
AGE_BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 5), (6, 10), (11, 20), (21, 40), (41, None))
# Issues closed as these never were problems to settle: left out of time to surface.
NOT_PROBLEMS = (Issue.Closure.NOT_RELEVANT, Issue.Closure.MERGED)
ONE_DAY = dt.timedelta(days=1)
TENTH = Decimal("0.1")


# --- the filter and the shapes of the results ------------------------------------------------


@dataclass(frozen=True)
class MeasureFilter:
    """A period (both days included) and optional Asisten, unit and category."""

    start: dt.date
    end: dt.date
    coordinator_id: int | None = None
    unit_id: int | None = None
    category_id: int | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True)
class Share:
    """A count out of a total, shown as a percentage with one decimal (half up)."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        value = Decimal(100 * self.numerator) / Decimal(self.denominator)
        return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def nearest_rank(counts: Counter[int], percentile: int) -> int | None:
    """Return the nearest-rank percentile of values given as value → how many times it occurs."""
    total = sum(counts.values())
    if total == 0:
        return None
    rank = -(-percentile * total // 100)  # ceil(p * N / 100), in integers
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= max(rank, 1):
            return value
    raise AssertionError("unreachable: the last value always reaches the rank")


@dataclass(frozen=True)
class Durations:
    """How many, and the median and 90th percentile in working days (nearest rank)."""

    count: int
    median: int | None
    p90: int | None

    @classmethod
    def of(cls, counts: Counter[int]) -> Durations:
        return cls(sum(counts.values()), nearest_rank(counts, 50), nearest_rank(counts, 90))


@dataclass(frozen=True)
class SettleGroup:
    """Time to settle and the headline share of one level, category or unit."""

    key: int
    label: str
    durations: Durations
    settled_low: Share


@dataclass(frozen=True)
class SettleTimes:
    overall: Durations
    by_level: list[SettleGroup]
    by_category: list[SettleGroup]
    by_unit: list[SettleGroup]


@dataclass(frozen=True)
class BacklogPoint:
    """Issues open at the end of a day."""

    day: dt.date
    open: int


@dataclass(frozen=True)
class AgeBucket:
    low: int
    high: int | None
    count: int


@dataclass(frozen=True)
class Backlog:
    """Open issues at the end of each week, and by age at the end of the period."""

    weeks: list[BacklogPoint]
    at: dt.date
    open: int
    ageing: list[AgeBucket]


@dataclass(frozen=True)
class FollowUpRow:
    """Requests (per asked unit) or action items (per owner unit) due in the period."""

    unit_id: int | None  # None for the total
    unit_name: str
    unit_short_name: str
    due: int = 0
    on_time: int = 0
    pending: int = 0  # not done, not yet late: left out of the share
    moot: int = 0  # requests only: unanswered, but the issue ended before the answer was due
    overdue: int = 0  # overdue at the end of the period

    @property
    def late(self) -> int:
        return self.due - self.on_time - self.pending - self.moot

    @property
    def share(self) -> Share:
        return Share(self.on_time, self.on_time + self.late)


@dataclass(frozen=True)
class FollowUp:
    rows: list[FollowUpRow]
    total: FollowUpRow


@dataclass(frozen=True)
class MonthLine:
    """A month's total line of the realisation report (pagu-weighted, cumulative)."""

    month: int
    day: dt.date  # the first day of the month
    line: ReportLine
    physical_status: str | None = None
    financial_status: str | None = None


@dataclass(frozen=True)
class UnitRealisation:
    unit: Unit
    months: list[MonthLine]

    @property
    def last(self) -> MonthLine | None:
        return self.months[-1] if self.months else None


@dataclass(frozen=True)
class RealisationMeasure:
    """Realisation against target per unit and city-wide, for each ended month of the period."""

    year: int
    months: list[int]
    units: list[UnitRealisation]
    city: list[MonthLine]

    @property
    def last_month(self) -> dt.date | None:
        """The first day of the last month shown."""
        return dt.date(self.year, self.months[-1], 1) if self.months else None


@dataclass(frozen=True)
class TrendMonth:
    """The headline measures of one calendar month of the period (clipped to the period)."""

    start: dt.date
    end: dt.date
    settled_low: Share
    settle: Durations
    submitted: int
    surface: Durations
    open_at_end: int


@dataclass(frozen=True)
class Measures:
    """Every measure of one period and filter, as the measures page shows them."""

    filter: MeasureFilter
    as_of: dt.date
    headline: Share
    settle: SettleTimes
    surface: Durations
    backlog: Backlog
    requests: FollowUp
    action_items: FollowUp
    realisation: RealisationMeasure
    trend: list[TrendMonth] = field(default_factory=list)


# --- dates and working days ------------------------------------------------------------------


def _zone() -> dt.tzinfo:
    return timezone.get_default_timezone()


def _midnight(day: dt.date) -> dt.datetime:
    """The first moment of a local day (Asia/Jakarta by default)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), _zone())


@functools.cache
def fixed_offset_minutes(zone: dt.tzinfo) -> int | None:
    """Return the zone's UTC offset in minutes if it never changes (WIB, WITA, WIT), else None."""
    offsets = {
        zone.utcoffset(dt.datetime(year, month, 1, 12))
        for year in range(2000, 2041)
        for month in (1, 7)
    }
    if len(offsets) != 1:
        return None
    (offset,) = offsets
    return None if offset is None else int(offset.total_seconds() // 60)


class LocalDate(TruncDate):
    """The local date of a moment; on SQLite without calling Python for every row.

    SQLite's TruncDate converts each value in a Python function, slow over many rows. Indonesia
    has no daylight saving time, so adding the zone's fixed offset in SQLite's own date()
    gives the same date; a zone whose offset changes keeps the exact conversion.
    """

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        offset = fixed_offset_minutes(self.tzinfo or _zone())
        if offset is None:
            return self.as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.lhs)
        # Whole seconds only ("YYYY-MM-DD HH:MM:SS"): SQLite rounds fractions to milliseconds,
        # which would carry 23.59.59.9999 over to the next day.
        return f"date(substr({sql}, 1, 19), %s)", (*params, f"{offset:+d} minutes")


def _local_date(field_name: Any) -> TruncDate:
    return LocalDate(field_name, tzinfo=_zone())


def _moment_in(prefix: str, start: dt.date, end: dt.date) -> Q:
    """A moment whose local date lies in the period (both days included)."""
    return Q(**{f"{prefix}__gte": _midnight(start), f"{prefix}__lt": _midnight(end + ONE_DAY)})


class WorkdayOrdinals:
    """Working days between dates, read from a running count over a range of dates."""

    # A mistyped year (a first-met date in 0026) must not make the table millennia long:
    # days before this one count as this one.
    EARLIEST = dt.date(2000, 1, 1)

    def __init__(self, cal: WorkCalendar, days: Iterable[dt.date | None]) -> None:
        known = [max(d, self.EARLIEST) for d in days if d is not None]
        self.first = min(known) if known else self.EARLIEST
        last = max(known) if known else self.first
        self._running: list[int] = []
        count = 0
        day = self.first
        while day <= last:
            # The first day is the origin: only days after it are counted.
            if day != self.first and cal.is_working_day(day):
                count += 1
            self._running.append(count)
            day += ONE_DAY

    def _ordinal(self, day: dt.date) -> int:
        return self._running[(max(day, self.first) - self.first).days]

    def between(self, start: dt.date, end: dt.date) -> int:
        """Count the working days after start up to and including end (0 if end <= start)."""
        if end <= start:
            return 0
        return self._ordinal(end) - self._ordinal(start)


def week_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return every Sunday of the period, and its last day when that is not a Sunday."""
    days: list[dt.date] = []
    day = start + dt.timedelta(days=(6 - start.weekday()) % 7)
    while day <= end:
        days.append(day)
        day += dt.timedelta(days=7)
    if end >= start and (not days or days[-1] != end):
        days.append(end)
    return days


def period_months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Return the calendar months of the period, the first and last clipped to it."""
    months: list[tuple[dt.date, dt.date]] = []
    first = start.replace(day=1)
    while first <= end:
        last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
        months.append((max(first, start), min(last, end)))
        first = last + ONE_DAY
    return months


def _state_day(flt: MeasureFilter, as_of: dt.date) -> dt.date:
    """The day whose end the backlog and overdue counts describe: the period's last, or today."""
    return min(flt.end, as_of)


# --- the scope -------------------------------------------------------------------------------


def issue_scope(*, viewer: Viewer, flt: MeasureFilter) -> IssueQuerySet:
    """Return the submitted issues the viewer may see, of the filter's Asisten, unit, category."""
    issues = visible_issues(viewer).filter(submitted_at__isnull=False)
    if flt.coordinator_id:
        issues = issues.filter(coordinator_id=flt.coordinator_id)
    if flt.unit_id:
        issues = issues.filter(reporting_unit_id=flt.unit_id)
    if flt.category_id:
        issues = issues.filter(category_id=flt.category_id)
    return issues


def request_scope(*, viewer: Viewer, flt: MeasureFilter) -> QuerySet[IssueRequest]:
    """Return the requests of the visible issues of the Asisten and category, asked of the unit."""
    issues = visible_issues(viewer).filter(submitted_at__isnull=False)
    if flt.coordinator_id:
        issues = issues.filter(coordinator_id=flt.coordinator_id)
    if flt.category_id:
        issues = issues.filter(category_id=flt.category_id)
    requests = IssueRequest.objects.filter(issue__in=issues.values("pk"))
    if flt.unit_id:
        requests = requests.filter(unit_id=flt.unit_id)
    return requests


def action_item_scope(*, viewer: Viewer, flt: MeasureFilter) -> QuerySet[ActionItem]:
    """Return the visible action items of the Asisten's meetings, the unit's, of the category."""
    items: QuerySet[ActionItem] = visible_action_items(viewer)
    if flt.coordinator_id:
        items = items.filter(meeting__coordinator_id=flt.coordinator_id)
    if flt.unit_id:
        items = items.filter(unit_id=flt.unit_id)
    if flt.category_id:
        items = items.filter(issue__category_id=flt.category_id)
    return items


# --- settled issues: the headline and time to settle ----------------------------------------


class _SettledRow(NamedTuple):
    """How many issues were submitted and settled on these days, at this level, of these."""

    submitted_on: dt.date
    settled_on: dt.date
    level: int
    category_id: int
    unit_id: int
    n: int


@dataclass(frozen=True)
class _Settled:
    rows: list[_SettledRow]
    # Labels and sort keys, once per category and unit: {id: ((sort order, name), name)}.
    categories: dict[int, tuple[tuple[int, str], str]]
    units: dict[int, tuple[tuple[int, str], str]]


def _settled_rows(*, viewer: Viewer, flt: MeasureFilter) -> _Settled:
    """Count the issues settled in the period per (submitted, settled, level, category, unit)."""
    found = (
        issue_scope(viewer=viewer, flt=flt)
        .filter(_moment_in("settled_at", flt.start, flt.end), status=Issue.Status.SETTLED)
        .annotate(s=_local_date("submitted_at"), e=_local_date("settled_at"))
        .values_list(
            "s",
            "e",
            "settled_level",
            "category_id",
            "reporting_unit_id",
            "category__sort_order",
            "category__name",
            "reporting_unit__sort_order",
            "reporting_unit__name",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows: list[_SettledRow] = []
    categories: dict[int, tuple[tuple[int, str], str]] = {}
    units: dict[int, tuple[tuple[int, str], str]] = {}
    for s, e, level, category, unit, c_order, c_name, u_order, u_name, n in found:
        # A settled issue always has its level (a database constraint).
        rows.append(_SettledRow(s, e, level or Level.HEAD, category, unit, n))
        if category not in categories:
            categories[category] = ((c_order, c_name), c_name)
        if unit not in units:
            units[unit] = ((u_order, u_name), u_name)
    return _Settled(rows, categories, units)


def _headline_of(rows: Iterable[_SettledRow]) -> Share:
    total = low = 0
    for row in rows:
        total += row.n
        low += row.n if row.level <= Level.ASSISTANT else 0
    return Share(low, total)


def _settle_times_of(settled: _Settled, days: WorkdayOrdinals) -> SettleTimes:
    overall: Counter[int] = Counter()
    by: dict[str, dict[int, Counter[int]]] = {
        "level": defaultdict(Counter),
        "category": defaultdict(Counter),
        "unit": defaultdict(Counter),
    }
    low: dict[str, Counter[int]] = {name: Counter() for name in by}
    for row in settled.rows:
        taken = days.between(row.submitted_on, row.settled_on)
        overall[taken] += row.n
        is_low = row.level <= Level.ASSISTANT
        keys = (("level", row.level), ("category", row.category_id), ("unit", row.unit_id))
        for name, key in keys:
            by[name][key][taken] += row.n
            if is_low:
                low[name][key] += row.n
    levels = {level: ((level, ""), str(Level(level).label)) for level in by["level"]}
    labels = {"level": levels, "category": settled.categories, "unit": settled.units}

    def listed(name: str) -> list[SettleGroup]:
        ordered = sorted(by[name], key=lambda k: labels[name][k][0])
        return [
            SettleGroup(
                key=key,
                label=labels[name][key][1],
                durations=Durations.of(by[name][key]),
                settled_low=Share(low[name][key], sum(by[name][key].values())),
            )
            for key in ordered
        ]

    return SettleTimes(
        overall=Durations.of(overall),
        by_level=listed("level"),
        by_category=listed("category"),
        by_unit=listed("unit"),
    )


def _settled_overview_of(rows: Sequence[_SettledRow], days: WorkdayOrdinals) -> Durations:
    counts: Counter[int] = Counter()
    for row in rows:
        counts[days.between(row.submitted_on, row.settled_on)] += row.n
    return Durations.of(counts)


def settled_overview(*, viewer: Viewer, flt: MeasureFilter) -> tuple[Share, Durations]:
    """Return the headline and the overall time to settle, from one grouped query."""
    rows = _settled_rows(viewer=viewer, flt=flt).rows
    days = WorkdayOrdinals(calendar(), [d for r in rows for d in (r.submitted_on, r.settled_on)])
    return _headline_of(rows), _settled_overview_of(rows, days)


def headline(*, viewer: Viewer, flt: MeasureFilter) -> Share:
    """Share the issues settled in the period at OPD or Asisten level (the headline)."""
    return _headline_of(_settled_rows(viewer=viewer, flt=flt).rows)


def time_to_settle(*, viewer: Viewer, flt: MeasureFilter) -> SettleTimes:
    """Measure the working days from submission to settlement of the period's settled issues."""
    settled = _settled_rows(viewer=viewer, flt=flt)
    dates = [d for r in settled.rows for d in (r.submitted_on, r.settled_on)]
    return _settle_times_of(settled, WorkdayOrdinals(calendar(), dates))


# --- time to surface -------------------------------------------------------------------------


def _surface_rows(*, viewer: Viewer, flt: MeasureFilter) -> list[tuple[dt.date, dt.date, int]]:
    """Issues submitted in the period, counted per (first met on, submitted on)."""
    rows = (
        issue_scope(viewer=viewer, flt=flt)
        .filter(_moment_in("submitted_at", flt.start, flt.end))
        .exclude(Q(status=Issue.Status.CLOSED) & Q(closure__in=NOT_PROBLEMS))
        .annotate(s=_local_date("submitted_at"))
        .values("first_met_on", "s")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(r["first_met_on"], r["s"], r["n"]) for r in rows]


def _surface_of(rows: Iterable[tuple[dt.date, dt.date, int]], days: WorkdayOrdinals) -> Durations:
    counts: Counter[int] = Counter()
    for met, submitted, n in rows:
        counts[days.between(met, submitted)] += n
    return Durations.of(counts)


def time_to_surface(*, viewer: Viewer, flt: MeasureFilter) -> Durations:
    """Measure the working days from first met to submission of the period's submitted issues."""
    rows = _surface_rows(viewer=viewer, flt=flt)
    days = WorkdayOrdinals(calendar(), [d for r in rows for d in r[:2]])
    return _surface_of(rows, days)


def overview(*, viewer: Viewer, flt: MeasureFilter) -> tuple[Share, Durations, Durations]:
    """Return the headline, the overall time to settle and the time to surface of the period."""
    settled = _settled_rows(viewer=viewer, flt=flt).rows
    surfaced = _surface_rows(viewer=viewer, flt=flt)
    dates = [d for r in settled for d in (r.submitted_on, r.settled_on)]
    days = WorkdayOrdinals(calendar(), [*dates, *(d for r in surfaced for d in r[:2])])
    return _headline_of(settled), _settled_overview_of(settled, days), _surface_of(surfaced, days)


# --- backlog and ageing ----------------------------------------------------------------------


def _open_rows(
    *, viewer: Viewer, flt: MeasureFilter, until: dt.date
) -> list[tuple[dt.date, dt.date | None, int]]:
    """Issues that may be open at the end of some day of the period, per (submitted, ended on)."""
    rows = (
        issue_scope(viewer=viewer, flt=flt)
        .annotate(ended=Coalesce("settled_at", "closed_at"))
        .filter(submitted_at__lt=_midnight(until + ONE_DAY))
        .filter(Q(ended__isnull=True) | Q(ended__gte=_midnight(flt.start)))
        .annotate(s=_local_date("submitted_at"), e=_local_date("ended"))
        .values("s", "e")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(r["s"], r["e"], r["n"]) for r in rows]


class OpenCounter:
    """Count the issues open at the end of any day from (submitted on, ended on, count) rows.

    An issue is open at the end of day D when it was submitted on or before D and not settled or
    closed by then (ended on a later day, or not at all). One ended on the day it was submitted
    is never open at the end of a day.
    """

    def __init__(self, rows: Iterable[tuple[dt.date, dt.date | None, int]]) -> None:
        kept = [(s, e, n) for s, e, n in rows if e is None or e > s]
        self._starts = sorted(s for s, _e, _n in kept)
        self._start_counts = self._running(sorted((s, n) for s, _e, n in kept))
        ends = sorted((e, n) for _s, e, n in kept if e is not None)
        self._ends = [e for e, _n in ends]
        self._end_counts = self._running(ends)

    @staticmethod
    def _running(pairs: list[tuple[dt.date, int]]) -> list[int]:
        total, out = 0, []
        for _day, n in pairs:
            total += n
            out.append(total)
        return out

    @staticmethod
    def _upto(days: list[dt.date], counts: list[int], day: dt.date) -> int:
        index = bisect.bisect_right(days, day)
        return counts[index - 1] if index else 0

    def at(self, day: dt.date) -> int:
        return self._upto(self._starts, self._start_counts, day) - self._upto(
            self._ends, self._end_counts, day
        )


def _backlog_of(
    rows: Sequence[tuple[dt.date, dt.date | None, int]],
    flt: MeasureFilter,
    at: dt.date,
    days: WorkdayOrdinals,
) -> Backlog:
    counter = OpenCounter(rows)
    weeks = [BacklogPoint(day, counter.at(day)) for day in week_ends(flt.start, at)]
    ages: Counter[int] = Counter()
    for s, e, n in rows:
        if s <= at and (e is None or e > at):
            ages[days.between(s, at)] += n
    buckets = [
        AgeBucket(
            low,
            high,
            sum(n for age, n in ages.items() if age >= low and (high is None or age <= high)),
        )
        for low, high in AGE_BUCKETS
    ]
    return Backlog(weeks=weeks, at=at, open=sum(ages.values()), ageing=buckets)


def backlog(*, viewer: Viewer, flt: MeasureFilter) -> Backlog:
    """Count the open issues at the end of each week of the period, and their ages at its end."""
    at = _state_day(flt, viewer.today)
    rows = _open_rows(viewer=viewer, flt=flt, until=at)
    days = WorkdayOrdinals(calendar(), [at, *(r[0] for r in rows)])
    return _backlog_of(rows, flt, at, days)


# --- requests and action items ---------------------------------------------------------------


def _follow_up(rows: Iterable[Mapping[str, Any]], prefix: str) -> FollowUp:
    listed = sorted(
        (
            FollowUpRow(
                unit_id=r[f"{prefix}_id"],
                unit_name=r[f"{prefix}__name"],
                unit_short_name=r[f"{prefix}__short_name"],
                due=r["due"],
                on_time=r["on_time"],
                pending=r["pending"],
                moot=r.get("moot", 0),
                overdue=r["overdue"],
            )
            for r in rows
        ),
        key=lambda row: (row.unit_short_name, row.unit_id or 0),
    )
    total = FollowUpRow(
        unit_id=None,
        unit_name="",
        unit_short_name="",
        due=sum(r.due for r in listed),
        on_time=sum(r.on_time for r in listed),
        pending=sum(r.pending for r in listed),
        moot=sum(r.moot for r in listed),
        overdue=sum(r.overdue for r in listed),
    )
    return FollowUp(rows=[r for r in listed if r.due or r.overdue], total=total)


def requests_on_time(*, viewer: Viewer, flt: MeasureFilter) -> FollowUp:
    """Count the requests answered on time and overdue per asked unit."""
    today = viewer.today
    at = _state_day(flt, today)
    after = _midnight(at + ONE_DAY)  # the end of the day the overdue count describes
    S = IssueRequest.Status
    due = Q(respond_by__gte=flt.start, respond_by__lte=flt.end)
    unanswered = Q(answered_at__isnull=True)
    on_time = due & Q(answered_on__lte=F("respond_by"))
    # Nobody needed the answer any more: the issue was settled or closed by the date it was due.
    # (Spelled out for NULL: a negated comparison with an open issue's NULL would count nothing.)
    ended_in_time = Q(issue_ended_on__lte=F("respond_by"))
    still_needed = Q(issue_ended_on__isnull=True) | Q(issue_ended_on__gt=F("respond_by"))
    moot = due & unanswered & ended_in_time
    pending = due & unanswered & still_needed & Q(respond_by__gte=today)
    issue_open = (
        Q(issue__submitted_at__lt=after)
        & (Q(issue__settled_at__isnull=True) | Q(issue__settled_at__gte=after))
        & (Q(issue__closed_at__isnull=True) | Q(issue__closed_at__gte=after))
    )
    not_answered = Q(answered_at__isnull=True) | Q(answered_at__gte=after)
    not_finished = (Q(done_at__isnull=True) | Q(done_at__gte=after)) & (
        ~Q(status=S.DECLINED) | Q(answered_at__gte=after)
    )
    overdue = (
        issue_open
        & Q(created_at__lt=after)
        & ((Q(respond_by__lt=at) & not_answered) | (Q(due_on__lt=at) & not_finished))
    )
    rows = (
        request_scope(viewer=viewer, flt=flt)
        .annotate(
            answered_on=_local_date("answered_at"),
            issue_ended_on=_local_date(Coalesce("issue__settled_at", "issue__closed_at")),
        )
        .filter(due | overdue)
        .values("unit_id", "unit__name", "unit__short_name")
        .annotate(
            due=Count("pk", filter=due),
            on_time=Count("pk", filter=on_time),
            pending=Count("pk", filter=pending),
            moot=Count("pk", filter=moot),
            overdue=Count("pk", filter=overdue),
        )
        .order_by()
    )
    return _follow_up(rows, "unit")


def action_items_on_time(*, viewer: Viewer, flt: MeasureFilter) -> FollowUp:
    """Count the action items done on time and overdue per owner unit."""
    today = viewer.today
    at = _state_day(flt, today)
    after = _midnight(at + ONE_DAY)
    S = ActionItem.Status
    due = Q(due_on__gte=flt.start, due_on__lte=flt.end)
    # An item the secretariat sent back is open again: it is not done, whatever done_at says.
    done = ~Q(status=S.OPEN) & Q(done_at__isnull=False)
    not_done = Q(status=S.OPEN) | Q(done_at__isnull=True)
    on_time = due & done & Q(done_on__lte=F("due_on"))
    pending = due & not_done & Q(due_on__gte=today)
    overdue = Q(created_at__lt=after) & Q(due_on__lt=at) & (not_done | Q(done_at__gte=after))
    rows = (
        action_item_scope(viewer=viewer, flt=flt)
        .annotate(done_on=_local_date("done_at"))
        .filter(due | overdue)
        .values("unit_id", "unit__name", "unit__short_name")
        .annotate(
            due=Count("pk", filter=due),
            on_time=Count("pk", filter=on_time),
            pending=Count("pk", filter=pending),
            overdue=Count("pk", filter=overdue),
        )
        .order_by()
    )
    return _follow_up(rows, "unit")


# --- realisation against target --------------------------------------------------------------


def realisation_months(flt: MeasureFilter, as_of: dt.date) -> tuple[int, list[int]]:
    """Return the fiscal year (of the period's end) and its months in the period that ended."""
    year = flt.end.year
    first = flt.start.month if flt.start.year == year else 1
    ended = [
        month
        for month in range(first, flt.end.month + 1)
        if (year, month) < (as_of.year, as_of.month)
    ]
    return year, ended


def _month_line(year: int, month: int, line: ReportLine, limits: Thresholds) -> MonthLine:
    return MonthLine(
        month,
        dt.date(year, month, 1),
        line,
        colour(line.dev_physical, limits),
        colour(line.dev_financial, limits),
    )


def realisation(*, viewer: Viewer, flt: MeasureFilter) -> RealisationMeasure:
    """Total each unit's and all units' realisation against target per ended month."""
    year, months = realisation_months(flt, viewer.today)
    subs = visible_sub_activities(viewer).filter(year=year)
    if flt.coordinator_id:
        on = _state_day(flt, viewer.today)
        portfolio = Unit.objects.coordinated_by([flt.coordinator_id], on).values("pk")
        subs = subs.filter(unit__in=portfolio)
    if flt.unit_id:
        subs = subs.filter(unit_id=flt.unit_id)
    if not months:
        return RealisationMeasure(year=year, months=[], units=[], city=[])
    limits = plan_services.thresholds()
    loaded: list[SubActivity] = list(
        plan_services.with_progress_data(
            subs.order_by("unit__sort_order", "unit__name", "unit_id", "code", "pk")
        )
    )
    by_unit: dict[int, list[SubActivity]] = {}
    for sub in loaded:
        by_unit.setdefault(sub.unit_id, []).append(sub)
    units: list[UnitRealisation] = []
    every: dict[int, list[ReportLine]] = {m: [] for m in months}
    for unit_subs in by_unit.values():
        unit = unit_subs[0].unit
        monthly: list[MonthLine] = []
        for m in months:
            lines = [sub_line(sub, m, limits, "") for sub in unit_subs]
            every[m] += lines
            total = total_line(lines, number="", code="", name=unit.name, limits=limits)
            monthly.append(_month_line(year, m, total, limits))
        units.append(UnitRealisation(unit=unit, months=monthly))
    city = [
        _month_line(
            year, m, total_line(every[m], number="", code="", name="", limits=limits), limits
        )
        for m in months
    ]
    return RealisationMeasure(year=year, months=months, units=units, city=city)


# --- everything at once ----------------------------------------------------------------------


def _trend_of(
    flt: MeasureFilter,
    at: dt.date,
    settled: Sequence[_SettledRow],
    surfaced: Sequence[tuple[dt.date, dt.date, int]],
    opened: Sequence[tuple[dt.date, dt.date | None, int]],
    days: WorkdayOrdinals,
) -> list[TrendMonth]:
    by_month: dict[tuple[int, int], list[_SettledRow]] = defaultdict(list)
    for row in settled:
        by_month[row.settled_on.year, row.settled_on.month].append(row)
    reported: dict[tuple[int, int], list[tuple[dt.date, dt.date, int]]] = defaultdict(list)
    for row_ in surfaced:
        reported[row_[1].year, row_[1].month].append(row_)
    counter = OpenCounter(opened)
    months: list[TrendMonth] = []
    for first, last in period_months(flt.start, min(flt.end, at)):
        key = (first.year, first.month)
        settle: Counter[int] = Counter()
        for row in by_month[key]:
            settle[days.between(row.submitted_on, row.settled_on)] += row.n
        months.append(
            TrendMonth(
                start=first,
                end=last,
                settled_low=_headline_of(by_month[key]),
                settle=Durations.of(settle),
                submitted=sum(n for _m, _s, n in reported[key]),
                surface=_surface_of(reported[key], days),
                open_at_end=counter.at(last),
            )
        )
    return months


def measures_compute(*, viewer: Viewer, flt: MeasureFilter) -> Measures:
    """Compute every measure of the page, sharing the grouped queries between them."""
    at = _state_day(flt, viewer.today)
    settled = _settled_rows(viewer=viewer, flt=flt)
    surfaced = _surface_rows(viewer=viewer, flt=flt)
    opened = _open_rows(viewer=viewer, flt=flt, until=at)
    dates: list[dt.date | None] = [at]
    dates += [d for r in settled.rows for d in (r.submitted_on, r.settled_on)]
    dates += [d for r in surfaced for d in r[:2]]
    dates += [r[0] for r in opened]
    days = WorkdayOrdinals(calendar(), dates)
    return Measures(
        filter=flt,
        as_of=viewer.today,
        headline=_headline_of(settled.rows),
        settle=_settle_times_of(settled, days),
        surface=_surface_of(surfaced, days),
        backlog=_backlog_of(opened, flt, at, days),
        requests=requests_on_time(viewer=viewer, flt=flt),
        action_items=action_items_on_time(viewer=viewer, flt=flt),
        realisation=realisation(viewer=viewer, flt=flt),
        trend=_trend_of(flt, at, settled.rows, surfaced, opened, days),
    )
