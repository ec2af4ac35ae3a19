"""Table-level questions about issues that need the working-day calendar: what is overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from tuntas.issues.models import Issue, IssueRequest, Level, Policy
from tuntas.lib.workdays import WorkCalendar, calendar


def start_cutoff(cal: WorkCalendar, today: dt.date, days: int) -> dt.date:
    """Return the earliest start date whose deadline (start + days working days) is not past.

    A step that started before this date is overdue today.
    """
    day = today
    while cal.add_working_days(day - dt.timedelta(days=1), days) >= today:
        day -= dt.timedelta(days=1)
    return day


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def overdue_requests_q(today: dt.date, prefix: str = "") -> Q:
    """Requests not answered in time, or not done by the date needed (`prefix` for joins)."""
    pending = [IssueRequest.Status.REQUESTED, IssueRequest.Status.ACCEPTED]
    return Q(
        **{f"{prefix}status": IssueRequest.Status.REQUESTED, f"{prefix}respond_by__lt": today}
    ) | Q(**{f"{prefix}status__in": pending, f"{prefix}due_on__lt": today})


def overdue_q(*, today: dt.date, policy: Policy, cal: WorkCalendar) -> Q:
    """Open issues past the time limit of their step, or with a late request."""
    triage = start_cutoff(cal, today, policy.triage_days)
    assistant = start_cutoff(cal, today, policy.settle_assistant_days)
    secretary = start_cutoff(cal, today, policy.settle_secretary_days)
    late_requests = IssueRequest.objects.filter(overdue_requests_q(today)).values("issue_id")
    return (
        Q(status=Issue.Status.SUBMITTED, submitted_at__lt=_midnight(triage))
        | Q(
            status=Issue.Status.IN_PROGRESS,
            level=Level.ASSISTANT,
            level_since__lt=_midnight(assistant),
        )
        | Q(
            status=Issue.Status.IN_PROGRESS,
            level=Level.SECRETARY,
            level_since__lt=_midnight(secretary),
        )
        | (Q(status__in=Issue.OPEN_STATUSES) & Q(pk__in=late_requests))
    )


def deadline(issue: Issue, *, policy: Policy, cal: WorkCalendar) -> dt.date | None:
    """Return the date by which the issue's current step must be done, if it has a limit."""
    if issue.status == Issue.Status.SUBMITTED and issue.submitted_at:
        return cal.add_working_days(timezone.localdate(issue.submitted_at), policy.triage_days)
    if issue.status == Issue.Status.IN_PROGRESS and issue.level_since:
        days: dict[Any, int] = {
            Level.ASSISTANT: policy.settle_assistant_days,
            Level.SECRETARY: policy.settle_secretary_days,
        }
        if issue.level in days:
            return cal.add_working_days(timezone.localdate(issue.level_since), days[issue.level])
    return None


def portfolio_counts(*, assistant_ids: Iterable[int], today: dt.date) -> dict[int, dict[str, int]]:
    """Count, per reporting unit of the Asisten's issues, what needs attention now."""
    policy = Policy.current()
    cal = calendar()
    monday = today - dt.timedelta(days=today.weekday())
    rows = (
        Issue.objects.filter(coordinator__in=list(assistant_ids))
        .values("reporting_unit_id")
        .annotate(
            to_triage=Count("pk", filter=Q(status=Issue.Status.SUBMITTED)),
            open=Count("pk", filter=Q(status__in=Issue.OPEN_STATUSES)),
            overdue=Count("pk", filter=overdue_q(today=today, policy=policy, cal=cal)),
            proposed=Count(
                "pk",
                filter=Q(status=Issue.Status.IN_PROGRESS, escalation_proposed_at__isnull=False),
            ),
            new_this_week=Count("pk", filter=Q(submitted_at__gte=_midnight(monday))),
        )
    )
    return {
        row["reporting_unit_id"]: {
            "to_triage": row["to_triage"],
            "open": row["open"],
            "overdue": row["overdue"],
            "proposed": row["proposed"],
            "new_this_week": row["new_this_week"],
        }
        for row in rows
    }


def issue_summary(viewer: Any) -> dict[str, int]:
    """Return the numbers a person's home shows: what needs them, open, overdue, requests."""
    from tuntas.issues.access import MEMBER_ROLES, needing_action_q, visible_issues

    policy = Policy.current()
    today = viewer.today
    counts = visible_issues(viewer).aggregate(
        needs_me=Count("pk", filter=needing_action_q(viewer)),
        open=Count("pk", filter=Q(status__in=Issue.OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q(today=today, policy=policy, cal=calendar())),
        settled=Count("pk", filter=Q(status=Issue.Status.SETTLED)),
        settled_low=Count(
            "pk", filter=Q(status=Issue.Status.SETTLED, settled_level__lte=Level.ASSISTANT)
        ),
    )
    # The city's headline measure: the share settled at OPD or Asisten level, in whole percent.
    counts["settled_low_percent"] = (
        round(100 * counts["settled_low"] / counts["settled"]) if counts["settled"] else 0
    )
    counts["waiting_requests"] = IssueRequest.objects.filter(
        unit__in=viewer.unit_ids(*MEMBER_ROLES),
        status__in=[IssueRequest.Status.REQUESTED, IssueRequest.Status.ACCEPTED],
    ).count()
    return counts
