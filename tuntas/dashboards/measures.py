"""The measures of coordination (ukuran kinerja), computed exactly as docs/measures.md defines them.

Every measure is computed over the issues a viewer may see (`visible_issues`) within a
`MeasureFilter`, with grouped aggregate queries. Each issue stores its working days to surface
and to settle (`Issue.count_workdays`, recounted when the calendar changes), so the database
counts issues per number of working days and group; the backlog's ages are read from a per-date
ordinal of the working-day calendar. Python only reads grouped counts, never the issues one by
one.
"""

from __future__ import annotations

import bisect
import calendar as month_calendar
import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Count, DateField, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from tuntas.issues.access import visible_issues
from tuntas.issues.models import Issue, IssueQuerySet, IssueRequest, Level
from tuntas.lib import workdays
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


class LocalMonth(TruncMonth):
    """The first day of the local month of a moment, as a date; on SQLite like `LocalDate`."""

    output_field = DateField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        offset = fixed_offset_minutes(self.tzinfo or _zone())
        if offset is None:
            return self.as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.lhs)
        return f"date(substr({sql}, 1, 19), %s, 'start of month')", (
            *params,
            f"{offset:+d} minutes",
        )


def _local_month(field_name: Any) -> TruncMonth:
    return LocalMonth(field_name, tzinfo=_zone())


def _moment_in(prefix: str, start: dt.date, end: dt.date) -> Q:
    """A moment whose local date lies in the period (both days included)."""
    return Q(**{f"{prefix}__gte": _midnight(start), f"{prefix}__lt": _midnight(end + ONE_DAY)})


class WorkdayOrdinals:
    """Working days between dates, read from a running count over a range of dates."""

    # Days before this one count as this one (a mistyped year must not make the table long).
    EARLIEST = workdays.EARLIEST

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


class _SettledCount(NamedTuple):
    """How many issues settled in the period took these working days, at this level, of a key."""

    days: int
    level: int
    key: Any  # a category id, a unit id or the first day of the month settled
    n: int


@dataclass(frozen=True)
class _Settled:
    by_month: list[_SettledCount]
    by_category: list[_SettledCount]
    by_unit: list[_SettledCount]
    # Labels and sort keys, once per category and unit: {id: ((sort order, name), name)}.
    categories: dict[int, tuple[tuple[int, str], str]]
    units: dict[int, tuple[tuple[int, str], str]]


def _settled_scope(*, viewer: Viewer, flt: MeasureFilter) -> IssueQuerySet:
    return issue_scope(viewer=viewer, flt=flt).filter(
        _moment_in("settled_at", flt.start, flt.end), status=Issue.Status.SETTLED
    )


def _settled_counts(found: Iterable[Sequence[Any]]) -> list[_SettledCount]:
    # A settled issue always has its level (a database constraint) and its working days
    # (counted when it was saved).
    return [_SettledCount(row[0] or 0, row[1] or Level.HEAD, row[2], row[-1]) for row in found]


def _settled_by_month(*, viewer: Viewer, flt: MeasureFilter) -> list[_SettledCount]:
    """Count the period's settled issues per (working days taken, level, month settled)."""
    found = (
        _settled_scope(viewer=viewer, flt=flt)
        .annotate(month=_local_month("settled_at"))
        .values_list("settle_workdays", "settled_level", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _settled_counts(found)


def _settled_rows(*, viewer: Viewer, flt: MeasureFilter) -> _Settled:
    """Count the period's settled issues per working days and level: by month, category, unit."""
    scope = _settled_scope(viewer=viewer, flt=flt)
    by_category = scope.values_list(
        "settle_workdays", "settled_level", "category_id", "category__sort_order", "category__name"
    )
    by_unit = scope.values_list(
        "settle_workdays",
        "settled_level",
        "reporting_unit_id",
        "reporting_unit__sort_order",
        "reporting_unit__name",
    )
    categories: dict[int, tuple[tuple[int, str], str]] = {}
    units: dict[int, tuple[tuple[int, str], str]] = {}
    counted: list[list[_SettledCount]] = []
    for rows, labels in ((by_category, categories), (by_unit, units)):
        found = list(rows.annotate(n=Count("pk")).order_by())
        for _days, _level, key, order, name, _n in found:
            labels.setdefault(key, ((order, name), name))
        counted.append(_settled_counts(found))
    return _Settled(
        _settled_by_month(viewer=viewer, flt=flt), counted[0], counted[1], categories, units
    )


def _headline_of(rows: Iterable[_SettledCount]) -> Share:
    total = low = 0
    for row in rows:
        total += row.n
        low += row.n if row.level <= Level.ASSISTANT else 0
    return Share(low, total)


def _durations_of(rows: Iterable[_SettledCount]) -> Durations:
    counts: Counter[int] = Counter()
    for row in rows:
        counts[row.days] += row.n
    return Durations.of(counts)


def _settle_groups(
    rows: Iterable[_SettledCount],
    key: Callable[[_SettledCount], int],
    labels: Mapping[int, tuple[tuple[int, str], str]],
) -> list[SettleGroup]:
    grouped: dict[int, list[_SettledCount]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return [
        SettleGroup(
            key=group,
            label=labels[group][1],
            durations=_durations_of(grouped[group]),
            settled_low=_headline_of(grouped[group]),
        )
        for group in sorted(grouped, key=lambda k: labels[k][0])
    ]


def _settle_times_of(settled: _Settled) -> SettleTimes:
    levels = {row.level: ((row.level, ""), str(Level(row.level).label)) for row in settled.by_month}
    return SettleTimes(
        overall=_durations_of(settled.by_month),
        by_level=_settle_groups(settled.by_month, lambda row: row.level, levels),
        by_category=_settle_groups(settled.by_category, lambda row: row.key, settled.categories),
        by_unit=_settle_groups(settled.by_unit, lambda row: row.key, settled.units),
    )


def settled_overview(*, viewer: Viewer, flt: MeasureFilter) -> tuple[Share, Durations]:
    """Return the headline and the overall time to settle, from one grouped query."""
    rows = _settled_by_month(viewer=viewer, flt=flt)
    return _headline_of(rows), _durations_of(rows)


def headline(*, viewer: Viewer, flt: MeasureFilter) -> Share:
    """Share the issues settled in the period at OPD or Asisten level (the headline)."""
    return _headline_of(_settled_by_month(viewer=viewer, flt=flt))


def time_to_settle(*, viewer: Viewer, flt: MeasureFilter) -> SettleTimes:
    """Measure the working days from submission to settlement of the period's settled issues."""
    return _settle_times_of(_settled_rows(viewer=viewer, flt=flt))


# --- time to surface -------------------------------------------------------------------------


class _SurfaceCount(NamedTuple):
    """How many issues submitted in a month of the period took these working days to surface."""

    days: int
    month: dt.date
    n: int


def _surface_rows(*, viewer: Viewer, flt: MeasureFilter) -> list[_SurfaceCount]:
    """Issues submitted in the period, counted per (working days to surface, month submitted)."""
    rows = (
        issue_scope(viewer=viewer, flt=flt)
        .filter(_moment_in("submitted_at", flt.start, flt.end))
        .exclude(Q(status=Issue.Status.CLOSED) & Q(closure__in=NOT_PROBLEMS))
        .annotate(month=_local_month("submitted_at"))
        .values_list("surface_workdays", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [_SurfaceCount(days or 0, month, n) for days, month, n in rows]


def _surface_of(rows: Iterable[_SurfaceCount]) -> Durations:
    counts: Counter[int] = Counter()
    for row in rows:
        counts[row.days] += row.n
    return Durations.of(counts)


def time_to_surface(*, viewer: Viewer, flt: MeasureFilter) -> Durations:
    """Measure the working days from first met to submission of the period's submitted issues."""
    return _surface_of(_surface_rows(viewer=viewer, flt=flt))


def overview(*, viewer: Viewer, flt: MeasureFilter) -> tuple[Share, Durations, Durations]:
    """Return the headline, the overall time to settle and the time to surface of the period."""
    settled_low, settle = settled_overview(viewer=viewer, flt=flt)
    return settled_low, settle, time_to_surface(viewer=viewer, flt=flt)


# --- backlog and ageing ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Opened:
    """Issues that may be open at the end of some day of the period, counted per local day.

    `starts`: per day submitted; `ends`: per day settled or closed (up to the day described);
    `open_at`: those still open at the end of that day, per day submitted.
    """

    starts: list[tuple[dt.date, int]]
    ends: list[tuple[dt.date, int]]
    open_at: list[tuple[dt.date, int]]


def _open_rows(*, viewer: Viewer, flt: MeasureFilter, until: dt.date) -> _Opened:
    """Count the starts and ends of the issues that may be open during the period, per day."""
    after = _midnight(until + ONE_DAY)
    # An issue ended before its (latest) submission is never open at the end of a day.
    scope = (
        issue_scope(viewer=viewer, flt=flt)
        .annotate(ended=Coalesce("settled_at", "closed_at"))
        .filter(submitted_at__lt=after)
        .filter(Q(ended__isnull=True) | Q(ended__gte=F("submitted_at")))
    )
    in_period = scope.filter(Q(ended__isnull=True) | Q(ended__gte=_midnight(flt.start)))

    def per_day(rows: IssueQuerySet, field_name: str) -> list[tuple[dt.date, int]]:
        counted = (
            rows.annotate(day=_local_date(field_name)).values_list("day").annotate(n=Count("pk"))
        )
        return list(counted.order_by())

    return _Opened(
        starts=per_day(in_period, "submitted_at"),
        ends=per_day(in_period.filter(ended__lt=after), "ended"),
        open_at=per_day(scope.filter(Q(ended__isnull=True) | Q(ended__gte=after)), "submitted_at"),
    )


class OpenCounter:
    """Count the issues open at the end of any day from the days they started and ended.

    An issue is open at the end of day D when it was submitted on or before D and not settled or
    closed by then. One ended on the day it was submitted counts at both and is never open.
    """

    def __init__(self, opened: _Opened) -> None:
        self._starts, self._start_counts = self._running(opened.starts)
        self._ends, self._end_counts = self._running(opened.ends)

    @staticmethod
    def _running(pairs: Iterable[tuple[dt.date, int]]) -> tuple[list[dt.date], list[int]]:
        days, totals, total = [], [], 0
        for day, n in sorted(pairs):
            total += n
            days.append(day)
            totals.append(total)
        return days, totals

    @staticmethod
    def _upto(days: list[dt.date], counts: list[int], day: dt.date) -> int:
        index = bisect.bisect_right(days, day)
        return counts[index - 1] if index else 0

    def at(self, day: dt.date) -> int:
        return self._upto(self._starts, self._start_counts, day) - self._upto(
            self._ends, self._end_counts, day
        )


def _backlog_of(opened: _Opened, flt: MeasureFilter, at: dt.date) -> Backlog:
    counter = OpenCounter(opened)
    weeks = [BacklogPoint(day, counter.at(day)) for day in week_ends(flt.start, at)]
    days = WorkdayOrdinals(calendar(), [at, *(day for day, _n in opened.open_at)])
    ages: Counter[int] = Counter()
    for submitted_on, n in opened.open_at:
        ages[days.between(submitted_on, at)] += n
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
    return _backlog_of(_open_rows(viewer=viewer, flt=flt, until=at), flt, at)


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
    settled: Sequence[_SettledCount],
    surfaced: Sequence[_SurfaceCount],
    opened: _Opened,
) -> list[TrendMonth]:
    by_month: dict[dt.date, list[_SettledCount]] = defaultdict(list)
    for row in settled:
        by_month[row.key].append(row)
    reported: dict[dt.date, list[_SurfaceCount]] = defaultdict(list)
    for surface in surfaced:
        reported[surface.month].append(surface)
    counter = OpenCounter(opened)
    months: list[TrendMonth] = []
    for first, last in period_months(flt.start, min(flt.end, at)):
        key = first.replace(day=1)
        months.append(
            TrendMonth(
                start=first,
                end=last,
                settled_low=_headline_of(by_month[key]),
                settle=_durations_of(by_month[key]),
                submitted=sum(row.n for row in reported[key]),
                surface=_surface_of(reported[key]),
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
    return Measures(
        filter=flt,
        as_of=viewer.today,
        headline=_headline_of(settled.by_month),
        settle=_settle_times_of(settled),
        surface=_surface_of(surfaced),
        backlog=_backlog_of(opened, flt, at),
        requests=requests_on_time(viewer=viewer, flt=flt),
        action_items=action_items_on_time(viewer=viewer, flt=flt),
        realisation=realisation(viewer=viewer, flt=flt),
        trend=_trend_of(flt, at, settled.by_month, surfaced, opened),
    )
