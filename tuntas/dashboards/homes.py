"""What each role's home shows, gathered with a fixed number of aggregate queries.

The Asisten and their Bagian see what needs them now and a table of their OPDs; the Sekda and
the Kepala Daerah the escalations waiting for them, the city's measures, the Asisten side by side
and the realisation city-wide; a unit's head and staff their issues, requests, action items and
sub kegiatan; a partner only the requests, action items and meetings that involve it.

Realisation on the homes judges each sub kegiatan by its latest report, as the work-plan lists
do, so that the Asisten's total row and their card on the leaders' home show the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from tuntas.dashboards import measures
from tuntas.issues.access import REPORTER_ROLES, needing_action_q, visible_issues
from tuntas.issues.models import Issue, IssueRequest, Level, Policy
from tuntas.issues.queries import overdue_q, overdue_requests_q, portfolio_counts
from tuntas.lib import deviation as dev
from tuntas.lib.workdays import calendar
from tuntas.meetings.models import ActionItem, Invitation, Meeting
from tuntas.org.access import Viewer
from tuntas.org.models import RoleAssignment, Unit
from tuntas.plans.access import visible_sub_activities
from tuntas.plans.models import PlanPolicy
from tuntas.plans.services import thresholds, with_progress_data
from tuntas.plans.views import SubRow, UnitProgress, portfolio_plan, sub_rows

Role = RoleAssignment.Role
# Rows a list on the home shows; the card links to the full list for the rest.
SHOWN = 8
PENDING = (IssueRequest.Status.REQUESTED, IssueRequest.Status.ACCEPTED)
UPCOMING = (Meeting.Status.PLANNED, Meeting.Status.INVITED)
NO_SHARE = measures.Share(0, 0)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _flag(condition: Q) -> Case:
    """An annotation that is true for the rows matching the condition."""
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _late_issue(today: dt.date) -> Q:
    return overdue_q(today=today, policy=Policy.current(), cal=calendar())


def _late_actions(today: dt.date) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(status=ActionItem.Status.OPEN, due_on__lt=today)


# --- realisation against target ----------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Realisation against target of some sub kegiatan, weighted by pagu, with their colours.

    Only the sub kegiatan with both a target and a report count, as in the deviation.
    """

    progress: UnitProgress
    target_physical: Decimal | None
    real_physical: Decimal | None
    target_financial: Decimal | None  # percent of pagu
    real_financial: Decimal | None

    @property
    def subs(self) -> int:
        return len(self.progress.rows)


def _weighted(pairs: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    return dev.weighted((value, pagu) for value, pagu in pairs if value is not None)


def figures_of(progress: UnitProgress) -> Figures:
    """Return the realisation and target behind a unit's (or a group's) weighted deviation."""
    physical = [r for r in progress.rows if r.progress.dev_physical is not None]
    financial = [r for r in progress.rows if r.progress.dev_financial is not None]
    return Figures(
        progress=progress,
        target_physical=_weighted((r.progress.target_physical, r.sub.pagu) for r in physical),
        real_physical=_weighted((r.progress.real_physical, r.sub.pagu) for r in physical),
        target_financial=_weighted(
            (r.progress.target_financial_pct, r.sub.pagu) for r in financial
        ),
        real_financial=_weighted((r.progress.real_financial_pct, r.sub.pagu) for r in financial),
    )


def figures(rows: Sequence[SubRow], limits: dev.Thresholds, unit: Unit | None = None) -> Figures:
    return figures_of(UnitProgress(unit, list(rows)).close(limits))


# --- the Asisten and their Bagian ----------------------------------------------------------------


def portfolio_units(viewer: Viewer) -> list[Unit]:
    """Return the units coordinated today by the Asisten this viewer acts for, with their heads."""
    if not viewer.assistant_ids:
        return []
    heads = (
        RoleAssignment.objects.active(viewer.today)
        .filter(role=Role.UNIT_HEAD)
        .select_related("person")
    )
    return list(
        Unit.objects.coordinated_by(viewer.assistant_ids, viewer.today)
        .filter(is_active=True)
        .prefetch_related(Prefetch("assignments", queryset=heads, to_attr="heads"))
        .order_by("sort_order", "name")
    )


@dataclass(frozen=True)
class Needs:
    """What waits for the Asisten now, counted over the issues they coordinate."""

    to_triage: int = 0
    overdue: int = 0
    proposed: int = 0
    red_subs: int = 0
    late_actions: int = 0  # action items of their meetings past their due date


def _next_meeting(assistant_ids: Iterable[int], today: dt.date) -> Meeting | None:
    """The next meeting of the Asisten, with how far its agenda and invitations are."""
    return (
        Meeting.objects.filter(
            coordinator__in=list(assistant_ids),
            status__in=UPCOMING,
            starts_at__gte=_midnight(today),
        )
        .select_related("coordinator")
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            invited=Count("invitations", distinct=True),
            answered=Count(
                "invitations",
                filter=~Q(invitations__reply=Invitation.Reply.PENDING),
                distinct=True,
            ),
        )
        .order_by("starts_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class Portfolio:
    """The table of the OPDs an Asisten coordinates, with what the rest of their home reuses.

    Each unit carries its row: `issue_counts`, `plan`, `figures`, `late_requests` and
    `late_actions`; `total` is the table's total row.
    """

    units: list[Unit]
    total: dict[str, Any]
    issue_counts: dict[int, dict[str, int]]  # every reporting unit of the Asisten's issues
    sub_rows: list[SubRow]  # the units' sub kegiatan this year
    plan_warnings: list[dict[str, Any]]
    plan_warning_count: int
    late_meeting_actions: int  # overdue action items of the Asisten's own meetings


def portfolio_table(viewer: Viewer) -> Portfolio:
    """Return the viewer's OPDs as their home's table shows them: a row each and the total."""
    today = viewer.today
    assistants = sorted(viewer.assistant_ids)
    portfolio = portfolio_units(viewer)
    unit_ids = [u.pk for u in portfolio]
    counts = portfolio_counts(assistant_ids=assistants, today=today)
    plan: dict[str, Any] = (
        portfolio_plan(portfolio, today=today)
        if portfolio
        else {"units": {}, "warnings": [], "warning_count": 0}
    )
    late_requests: dict[int, int] = dict(
        IssueRequest.objects.filter(unit__in=unit_ids, issue__status__in=Issue.OPEN_STATUSES)
        .filter(overdue_requests_q(today))
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("unit_id", "n")
    )
    # One query for both: the items each OPD owes, and those of the Asisten's own meetings.
    of_meetings = Q(meeting__coordinator__in=assistants)
    action_rows = list(
        _late_actions(today)
        .filter(Q(unit__in=unit_ids) | of_meetings)
        .values("unit_id")
        .annotate(n=Count("pk", filter=Q(unit__in=unit_ids)), mine=Count("pk", filter=of_meetings))
        .order_by()
    )
    late_actions: dict[int, int] = {row["unit_id"]: row["n"] for row in action_rows}
    rows: list[SubRow] = []
    in_table = Counter[str]()
    for unit in portfolio:
        unit.issue_counts = counts.get(unit.pk, {})  # type: ignore[attr-defined]
        unit.plan = plan["units"].get(unit.pk)  # type: ignore[attr-defined]
        unit.figures = figures_of(unit.plan) if unit.plan else None  # type: ignore[attr-defined]
        unit.late_requests = late_requests.get(unit.pk, 0)  # type: ignore[attr-defined]
        unit.late_actions = late_actions.get(unit.pk, 0)  # type: ignore[attr-defined]
        in_table.update(unit.issue_counts)  # type: ignore[attr-defined]
        if unit.plan:  # type: ignore[attr-defined]
            rows += unit.plan.rows  # type: ignore[attr-defined]
    total = {
        **in_table,
        "late_requests": sum(late_requests.values()),
        "late_actions": sum(late_actions.values()),
        "figures": figures(rows, thresholds()) if rows else None,
    }
    return Portfolio(
        units=portfolio,
        total=total,
        issue_counts=counts,
        sub_rows=rows,
        plan_warnings=plan["warnings"],
        plan_warning_count=plan["warning_count"],
        late_meeting_actions=sum(row["mine"] for row in action_rows),
    )


def coordinator_home(viewer: Viewer) -> dict[str, Any]:
    """What needs the Asisten (or their Bagian) now, and the table of their OPDs."""
    today = viewer.today
    assistants = sorted(viewer.assistant_ids)
    table = portfolio_table(viewer)
    issue_total = Counter[str]()
    for unit_counts in table.issue_counts.values():
        issue_total.update(unit_counts)
    needs = Needs(
        to_triage=issue_total["to_triage"],
        overdue=issue_total["overdue"],
        proposed=issue_total["proposed"],
        red_subs=sum(1 for row in table.sub_rows if row.progress.status == "red"),
        late_actions=table.late_meeting_actions,
    )
    late = _late_issue(today)
    proposed = Q(status=Issue.Status.IN_PROGRESS, escalation_proposed_at__isnull=False)
    triage = Q(status=Issue.Status.SUBMITTED)
    pressing = list(
        Issue.objects.filter(coordinator__in=assistants)
        .filter(proposed | late | triage)
        .annotate(
            rank=Case(
                When(proposed, then=Value(0)),
                When(late, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            is_late=_flag(late),
        )
        .select_related("reporting_unit", "category")
        .order_by("rank", "submitted_at", "pk")[:SHOWN]
    )
    actions = list(
        _late_actions(today)
        .filter(meeting__coordinator__in=assistants)
        .select_related("unit", "meeting", "issue")
        .order_by("due_on", "pk")[:SHOWN]
    )
    return {
        "portfolio": table.units,
        "portfolio_total": table.total,
        "plan_warnings": table.plan_warnings,
        "plan_warning_count": table.plan_warning_count,
        "needs": needs,
        "pressing": pressing,
        "late_actions": actions,
        "next_meeting": _next_meeting(assistants, today),
        # The lists can be filtered by one Asisten: the usual case of one role.
        "coordinator_id": assistants[0] if len(assistants) == 1 else None,
        "period_start": today.replace(month=1, day=1),
        "today": today,
    }


# --- the Sekda and the Kepala Daerah -------------------------------------------------------


def waiting_for_leader_q(viewer: Viewer) -> Q:
    """Issues escalated to the viewer's level (and, for the Sekda, issues no Asisten handles)."""
    waiting = Q(pk__in=[])
    if viewer.has_role(Role.SECRETARY_GENERAL):
        waiting |= Q(status=Issue.Status.IN_PROGRESS, level=Level.SECRETARY)
        waiting |= Q(status=Issue.Status.SUBMITTED, coordinator__isnull=True)
    if viewer.has_role(Role.HEAD):
        waiting |= Q(status=Issue.Status.IN_PROGRESS, level=Level.HEAD)
    return waiting


@dataclass(frozen=True)
class AssistantStats:
    """One Asisten's portfolio as the leaders compare it."""

    open: int = 0
    overdue: int = 0
    settled_low: measures.Share = NO_SHARE
    late_requests: int = 0  # requests asked of the portfolio's units, overdue
    late_actions: int = 0  # action items owed by the portfolio's units, overdue
    figures: Figures | None = None


@dataclass(frozen=True)
class SideBySide:
    """The Asisten as the leaders compare them, each with `portfolio_size` and `stats`."""

    assistants: list[Unit]
    period: measures.MeasureFilter  # of the settled-low share: this year to date
    sub_rows: list[SubRow]  # every sub kegiatan the viewer sees this year
    limits: dev.Thresholds


def this_year(today: dt.date) -> measures.MeasureFilter:
    """This year to date, the default period of the measures page."""
    return measures.MeasureFilter(start=today.replace(month=1, day=1), end=today)


def assistants_side_by_side(viewer: Viewer, *, late: Q | None = None) -> SideBySide:
    """Return each Asisten's portfolio as the leaders' home compares them.

    `late` is the overdue rule when the caller has already read the policy for it.
    """
    today = viewer.today
    late = _late_issue(today) if late is None else late
    issues = visible_issues(viewer).filter(submitted_at__isnull=False)
    period = this_year(today)
    settled_in = Q(
        status=Issue.Status.SETTLED,
        settled_at__gte=_midnight(period.start),
        settled_at__lt=_midnight(period.end + dt.timedelta(days=1)),
    )
    per_assistant = {
        row["coordinator_id"]: row
        for row in issues.filter(coordinator__isnull=False)
        .values("coordinator_id")
        .annotate(
            open=Count("pk", filter=Q(status__in=Issue.OPEN_STATUSES)),
            overdue=Count("pk", filter=late),
            settled=Count("pk", filter=settled_in),
            settled_low=Count("pk", filter=settled_in & Q(settled_level__lte=Level.ASSISTANT)),
        )
        .order_by()
    }
    coordinator_of: dict[int, int | None] = dict(
        Unit.objects.filter(is_active=True)
        .with_coordinator(today)
        .values_list("pk", "coordinator_id_on")  # type: ignore[misc]
    )
    late_requests: Counter[int | None] = Counter()
    for unit_id, n in (
        IssueRequest.objects.filter(issue__status__in=Issue.OPEN_STATUSES)
        .filter(overdue_requests_q(today))
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("unit_id", "n")
    ):
        late_requests[coordinator_of.get(unit_id)] += n
    late_actions: Counter[int | None] = Counter()
    for unit_id, n in (
        _late_actions(today)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("unit_id", "n")
    ):
        late_actions[coordinator_of.get(unit_id)] += n
    policy = PlanPolicy.current()
    limits = thresholds(policy)
    subs = with_progress_data(
        visible_sub_activities(viewer)
        .filter(year=today.year)
        .order_by("unit__sort_order", "unit__name", "code", "pk")
    )
    sub_lines = sub_rows(subs, today=today, policy=policy)
    by_assistant: dict[int | None, list[SubRow]] = defaultdict(list)
    for line in sub_lines:
        by_assistant[coordinator_of.get(line.sub.unit_id)].append(line)
    assistants = list(
        Unit.objects.filter(kind=Unit.Kind.ASSISTANT, is_active=True).order_by("sort_order", "name")
    )
    sizes = Counter(coordinator_of.values())
    for assistant in assistants:
        row: Mapping[str, Any] = per_assistant.get(assistant.pk, {})
        assistant.portfolio_size = sizes.get(assistant.pk, 0)  # type: ignore[attr-defined]
        assistant.stats = AssistantStats(  # type: ignore[attr-defined]
            open=row.get("open", 0),
            overdue=row.get("overdue", 0),
            settled_low=measures.Share(row.get("settled_low", 0), row.get("settled", 0)),
            late_requests=late_requests[assistant.pk],
            late_actions=late_actions[assistant.pk],
            figures=figures(by_assistant[assistant.pk], limits, assistant)
            if by_assistant[assistant.pk]
            else None,
        )
    return SideBySide(assistants=assistants, period=period, sub_rows=sub_lines, limits=limits)


def leader_home(viewer: Viewer) -> dict[str, Any]:
    """Escalations waiting for the leader, the city's measures and the Asisten side by side."""
    late = _late_issue(viewer.today)
    waiting = waiting_for_leader_q(viewer)
    issues = visible_issues(viewer).filter(submitted_at__isnull=False)
    waiting_rows = list(
        issues.filter(waiting)
        .annotate(is_late=_flag(late))
        .select_related("reporting_unit", "coordinator", "category")
        .order_by("level_since", "submitted_at", "pk")[:SHOWN]
    )
    city = issues.aggregate(
        waiting=Count("pk", filter=waiting),
        open=Count("pk", filter=Q(status__in=Issue.OPEN_STATUSES)),
        overdue=Count("pk", filter=late),
    )
    side = assistants_side_by_side(viewer, late=late)
    period = side.period
    # One grouped query gives both: the headline and the time to settle share their issues.
    settled_low, settle = measures.settled_overview(viewer=viewer, flt=period)
    return {
        "waiting": waiting_rows,
        "city": city,
        "period": period,
        "headline": settled_low,
        "settle": settle,
        "assistants": side.assistants,
        "city_figures": figures(side.sub_rows, side.limits) if side.sub_rows else None,
        "is_secretary": viewer.has_role(Role.SECRETARY_GENERAL),
        "is_head": viewer.has_role(Role.HEAD),
    }


def assistants_overview(viewer: Viewer) -> list[Unit]:
    """For the admin: each Asisten with the number of units they coordinate today."""
    assistants = list(
        Unit.objects.filter(kind=Unit.Kind.ASSISTANT, is_active=True).order_by("sort_order", "name")
    )
    sizes = Counter(
        Unit.objects.filter(is_active=True)
        .with_coordinator(viewer.today)
        .values_list("coordinator_id_on", flat=True)  # type: ignore[misc]
    )
    for assistant in assistants:
        assistant.portfolio_size = sizes.get(assistant.pk, 0)  # type: ignore[attr-defined]
    return assistants


# --- a unit's head and staff, and partners ---------------------------------------------------


def involvement(viewer: Viewer, unit_ids: Iterable[int]) -> dict[str, Any]:
    """What involves the units: requests to answer, action items owed, meetings invited to."""
    today = viewer.today
    ids = sorted(unit_ids)
    requests = IssueRequest.objects.filter(
        unit__in=ids, status__in=PENDING, issue__status__in=Issue.OPEN_STATUSES
    )
    items = ActionItem.objects.filter(unit__in=ids, status=ActionItem.Status.OPEN)
    invitations = Invitation.objects.filter(
        unit__in=ids, meeting__status__in=UPCOMING, meeting__starts_at__gte=_midnight(today)
    )
    counts = {
        "requests": requests.count(),
        "actions": items.count(),
    }
    return {
        "requests": list(
            requests.annotate(late=_flag(overdue_requests_q(today)))
            .select_related("issue", "issue__reporting_unit", "unit")
            .order_by("-late", "due_on", "pk")[:SHOWN]
        ),
        "actions": list(
            items.annotate(late=_flag(Q(due_on__lt=today)))
            .select_related("unit", "meeting", "issue")
            .order_by("-late", "due_on", "pk")[:SHOWN]
        ),
        "invitations": list(
            invitations.select_related("meeting", "meeting__coordinator", "unit").order_by(
                "meeting__starts_at", "pk"
            )[:SHOWN]
        ),
        "counts": counts,
    }


def unit_home(viewer: Viewer) -> dict[str, Any]:
    """A unit's own issues (what needs them first) and its sub kegiatan with their warnings."""
    today = viewer.today
    ids = viewer.unit_ids(*REPORTER_ROLES)
    units = [u for u in viewer.units if u.pk in ids]
    issues = (
        visible_issues(viewer)
        .filter(reporting_unit__in=ids)
        .filter(
            Q(status__in=[*Issue.OPEN_STATUSES, Issue.Status.DRAFT])
            | Q(status=Issue.Status.SETTLED, confirmed_at__isnull=True)
        )
    )
    rows = list(
        issues.annotate(needs_me=_flag(needing_action_q(viewer)), is_late=_flag(_late_issue(today)))
        .select_related("reporting_unit", "category")
        .order_by("-needs_me", "-is_late", "-created_at", "-pk")[:SHOWN]
    )
    plan = portfolio_plan(units, today=today)
    for unit in units:
        unit.plan = plan["units"].get(unit.pk)  # type: ignore[attr-defined]
        unit.figures = figures_of(unit.plan) if unit.plan else None  # type: ignore[attr-defined]
    return {
        "issues": rows,
        "issue_count": issues.count(),
        "units": units,
        "warnings": plan["warnings"],
        "warning_count": plan["warning_count"],
        "unit_id": units[0].pk if len(units) == 1 else None,
    }


def home_sections(viewer: Viewer) -> dict[str, Any]:
    """Gather every section the viewer's roles call for, each under its own name."""
    context: dict[str, Any] = {}
    if viewer.is_leader:
        context["leader"] = leader_home(viewer)
    if viewer.assistant_ids:
        context["coordinator"] = coordinator_home(viewer)
    if viewer.unit_ids(*REPORTER_ROLES):
        context["unit"] = unit_home(viewer)
    involved = viewer.unit_ids(*REPORTER_ROLES, Role.PARTNER)
    if involved:
        context["involved"] = involvement(viewer, involved)
    return context
