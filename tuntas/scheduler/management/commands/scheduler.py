"""Run the periodic jobs at their times (what `make run` and the production service start)."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from tuntas.issues.services import issues_workdays_refresh
from tuntas.lib import workdays
from tuntas.notifications.services import deliveries_reconcile
from tuntas.scheduler.jobs import due_jobs, job_run

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the deadline sweeps and reminders at their times; two schedulers never double one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one pass and exit (cron).")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between passes.")

    # The calendar fingerprint the issues' stored working days were last checked against.
    counted_with: str | None = None

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self.run_pass(timezone.now(), None)
            return
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True  # a job already running is allowed to finish

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        last_checked: dt.datetime | None = None
        while not stopping:
            now = timezone.now()
            if self.run_pass(now, last_checked):
                last_checked = now
            # A long-lived process must not keep a connection the database has dropped.
            close_old_connections()
            deadline = time.monotonic() + options["interval"]
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.5)

    def run_pass(self, now: dt.datetime, last_checked: dt.datetime | None) -> bool:
        """Run the jobs due at `now`; return False if the database failed (check again)."""
        try:
            due = due_jobs(now, last_checked)
        except DatabaseError:
            logger.exception("Scheduler could not read the working-day calendar")
            return False
        ok = self.reconcile(now)
        ok = self.recount_workdays() and ok
        for job, slot in due:
            try:
                run = job_run(job=job, slot=slot, now=now)
            except DatabaseError:
                logger.exception("Scheduler could not claim or record %s for %s", job.name, slot)
                ok = False
                continue
            if run is not None:
                status = "failed" if run.failed else "done"
                self.stdout.write(f"{job.name} {slot}: {status}: {run.result}")
        return ok

    def reconcile(self, now: dt.datetime) -> bool:
        """Settle deliveries left "sending" by a worker that died; False if the database failed."""
        try:
            requeued, failed = deliveries_reconcile(now=now)
        except DatabaseError:
            logger.exception("Scheduler could not reconcile deliveries")
            return False
        if requeued or failed:
            self.stdout.write(
                f"deliveries left by a stopped worker: {requeued} requeued, {failed} failed"
            )
        return True

    def recount_workdays(self) -> bool:
        """Recount the issues' working days once the calendar changed; False if the database failed.

        The calendar is reloaded every pass (one small query), so a day off added in the admin
        is counted within one interval whichever process saved it.
        """
        try:
            workdays.invalidate_calendar()
            fingerprint = workdays.calendar().fingerprint
            if fingerprint == self.counted_with:
                return True
            recounted = issues_workdays_refresh()
        except DatabaseError:
            logger.exception("Scheduler could not recount the issues' working days")
            return False
        self.counted_with = fingerprint
        if recounted:
            self.stdout.write(f"working days recounted for {recounted} issue(s): calendar changed")
        return True
