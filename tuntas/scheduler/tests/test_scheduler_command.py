"""`manage.py scheduler --once`: runs each due job once per slot, however often it is called."""

import dataclasses
import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from tuntas.meetings.tests import kit
from tuntas.notifications.models import Notification
from tuntas.scheduler import jobs
from tuntas.scheduler.models import JobRun

pytestmark = pytest.mark.django_db
# The day before the kit's meeting (Tuesday 9 June 2026, 09.00), at 07.00 WIB.
SEVEN = dt.datetime(2026, 6, 8, 7, 0, tzinfo=kit.WIB)


def scheduler_once() -> str:
    out = StringIO()
    with time_machine.travel(SEVEN, tick=False):
        call_command("scheduler", "--once", stdout=out)
    return out.getvalue()


@pytest.fixture
def meeting(org):
    with time_machine.travel(kit.NOW, tick=False):
        return kit.make_meeting(org, status="invited")


def test_running_twice_runs_each_job_once_and_reminds_each_person_once(org, meeting):
    Notification.objects.all().delete()  # the invitations

    scheduler_once()
    scheduler_once()

    assert sorted(JobRun.objects.values_list("job", "slot")) == [
        ("issues_sweep", "2026-06-08"),
        ("meeting_reminders", "2026-06-08"),
        ("meetings_sweep", "2026-06-08"),
        # May's realisation is due by 10 June: the monthly claim of the reminder sent today.
        ("realisation_due", "2026-05"),
        ("realisation_reminders", "2026-06-08"),
        ("requests_reminders", "2026-06-08"),
        ("weekly_digest", "2026-W24"),
    ]
    assert all(run.finished_at and not run.failed for run in JobRun.objects.all())
    reminders = Notification.objects.filter(kind="meetings.reminder")
    recipients = list(reminders.values_list("recipient_id", flat=True))
    assert recipients
    assert len(recipients) == len(set(recipients))
    assert org.kadis_pupr.pk in recipients


def test_a_failing_job_records_its_error_and_the_others_still_run(monkeypatch, meeting):
    def boom(now):
        raise RuntimeError("gateway down")

    broken = dataclasses.replace(jobs.JOBS["issues_sweep"], run=boom)
    monkeypatch.setitem(jobs.JOBS, "issues_sweep", broken)

    out = scheduler_once()

    failed = JobRun.objects.get(job="issues_sweep")
    assert failed.failed
    assert failed.result == "RuntimeError: gateway down"
    assert failed.finished_at is not None
    assert JobRun.objects.filter(failed=False, finished_at__isnull=False).count() == 6
    assert "issues_sweep 2026-06-08: failed" in out
    assert Notification.objects.filter(kind="meetings.reminder").exists()


def test_a_job_claimed_by_another_scheduler_is_skipped():
    jobs.job_claim(job="meeting_reminders", slot="2026-06-08", now=SEVEN)

    out = scheduler_once()

    assert "meeting_reminders" not in out
    assert JobRun.objects.get(job="meeting_reminders").finished_at is None
