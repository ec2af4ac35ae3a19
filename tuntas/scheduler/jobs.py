"""The periodic jobs, their schedules (Asia/Jakarta time), and claiming and running one."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tuntas.dashboards.digest import digests_send
from tuntas.issues.services import REMIND_DAYS, issues_sweep, requests_remind
from tuntas.lib.deviation import month_cutoff
from tuntas.lib.scheduling import Schedule
from tuntas.lib.workdays import calendar
from tuntas.meetings.services import action_items_remind, meetings_remind_tomorrow
from tuntas.plans.models import PlanPolicy
from tuntas.plans.services import realisation_remind, reporting_month
from tuntas.scheduler.models import JobRun

logger = logging.getLogger(__name__)

# The issue's times are WIB whatever the server's clock says.
ZONE = ZoneInfo("Asia/Jakarta")
SEVEN = dt.time(7, 0)


@dataclass(frozen=True)
class Job:
    """A named periodic job: what it runs and when."""

    name: str
    schedule: Schedule
    run: Callable[[dt.datetime], str]


def _issues_sweep(now: dt.datetime) -> str:
    return f"{issues_sweep(now=now)} issue(s) escalated or proposed for escalation"


def _requests_reminders(now: dt.datetime) -> str:
    return f"{requests_remind(now=now)} request reminder(s) sent"


def _meetings_sweep(now: dt.datetime) -> str:
    return f"{action_items_remind(now=now)} action item reminder(s) sent"


def _realisation_reminders(now: dt.datetime) -> str:
    """Remind units of last month's realisation two working days before the cut-off, and after."""
    today = now.astimezone(ZONE).date()
    year, month = reporting_month(today)
    cutoff = month_cutoff(year, month, PlanPolicy.current().cutoff_day)
    if today > cutoff:
        kind = "realisation_overdue"
    elif cutoff <= calendar().add_working_days(today, REMIND_DAYS):
        kind = "realisation_due"
    else:
        return "no reminder due"
    with transaction.atomic():
        # One reminder of each kind per month: the month is the claim's slot, and a failure
        # rolls the claim back so the next day tries again.
        claim = job_claim(job=kind, slot=f"{year}-{month:02d}", now=now)
        if claim is None:
            return f"{kind} for {year}-{month:02d} already sent"
        units = realisation_remind(
            year=year, month=month, cutoff=cutoff, overdue=kind == "realisation_overdue"
        )
        claim.result = f"{units} unit(s) reminded"
        claim.finished_at = timezone.now()
        claim.save(update_fields=["result", "finished_at"])
    return f"{kind}: {units} unit(s) reminded of {year}-{month:02d}"


def _weekly_digest(now: dt.datetime) -> str:
    return f"{digests_send(now=now)} weekly digest(s) sent"


def _database_statistics(now: dt.datetime) -> str:
    """Refresh SQLite's statistics, without which it reads whole tables where an index serves.

    PostgreSQL's autovacuum keeps its own statistics up to date.
    """
    if connection.vendor != "sqlite":
        return "not needed: the database keeps its statistics itself"
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return "SQLite statistics refreshed"


def _meeting_reminders(now: dt.datetime) -> str:
    return f"{meetings_remind_tomorrow(now=now)} meeting(s) of tomorrow reminded"


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        Job("issues_sweep", Schedule(SEVEN, working_days_only=True), _issues_sweep),
        Job("requests_reminders", Schedule(SEVEN, working_days_only=True), _requests_reminders),
        Job("meetings_sweep", Schedule(SEVEN, working_days_only=True), _meetings_sweep),
        Job("meeting_reminders", Schedule(SEVEN), _meeting_reminders),
        Job(
            "realisation_reminders",
            Schedule(SEVEN, working_days_only=True),
            _realisation_reminders,
        ),
        Job("weekly_digest", Schedule(SEVEN, weekday=0), _weekly_digest),
        # From midnight: a scheduler started during the day (make run) runs it at once.
        Job("database_statistics", Schedule(dt.time(0, 0)), _database_statistics),
    )
}


def due_jobs(now: dt.datetime, last_checked: dt.datetime | None = None) -> list[tuple[Job, str]]:
    """Return the (job, slot) pairs due at `now`; with `last_checked`, only those due since."""
    local = now.astimezone(ZONE)
    since = last_checked.astimezone(ZONE) if last_checked else None
    cal = calendar()
    due = []
    for job in JOBS.values():
        slot = job.schedule.due_slot(local, is_working_day=cal.is_working_day, since=since)
        if slot is not None:
            due.append((job, slot))
    return due


def job_claim(*, job: str, slot: str, now: dt.datetime) -> JobRun | None:
    """Insert the job's row for the slot; return None if another scheduler already has it."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job, slot=slot, started_at=now)
    except IntegrityError:
        return None


def job_run(*, job: Job, slot: str, now: dt.datetime | None = None) -> JobRun | None:
    """Claim the slot and run the job, recording its result or error; None if not claimed."""
    now = now or timezone.now()
    run = job_claim(job=job.name, slot=slot, now=now)
    if run is None:
        return None
    # A run that dies mid-way (power cut) keeps its row without finished_at and is not retried:
    # a reminder sent twice is worse than one an operator re-runs by hand.
    try:
        run.result = job.run(now)
    except Exception as exc:
        logger.exception("Job %s for %s failed", job.name, slot)
        run.failed = True
        run.result = f"{type(exc).__name__}: {exc}"
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "failed", "finished_at"])
    return run
