"""`manage.py scheduler --once`: runs each due job once per slot, however often it is called."""

import dataclasses
import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from tuntas.issues.services import issue_settle
from tuntas.issues.tests.factories import at, fresh, make_issue, viewer
from tuntas.meetings.tests import kit
from tuntas.notifications.models import Notification
from tuntas.org.models import WorkdayOverride
from tuntas.scheduler import jobs
from tuntas.scheduler.management.commands.scheduler import Command
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
        ("database_statistics", "2026-06-08"),
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
    assert JobRun.objects.filter(failed=False, finished_at__isnull=False).count() == 7
    assert "issues_sweep 2026-06-08: failed" in out
    assert Notification.objects.filter(kind="meetings.reminder").exists()


def test_a_job_claimed_by_another_scheduler_is_skipped():
    jobs.job_claim(job="meeting_reminders", slot="2026-06-08", now=SEVEN)

    out = scheduler_once()

    assert "meeting_reminders" not in out
    assert JobRun.objects.get(job="meeting_reminders").finished_at is None


def test_a_pass_recounts_the_working_days_once_the_calendar_changed(
    org, django_assert_max_num_queries
):
    with time_machine.travel(at("2026-05-08"), tick=False) as traveller:
        issue = make_issue(org, status="in_progress", first_met_on=dt.date(2026, 5, 6))
        traveller.move_to(at("2026-05-12", 15))
        issue_settle(issue=issue, by=viewer(org.asisten2), resolution="Beres.")
    out = StringIO()
    command = Command(stdout=out)
    assert command.recount_workdays()
    with django_assert_max_num_queries(1):  # the overrides only: nothing changed, no scan
        assert command.recount_workdays()
    assert fresh(issue).settle_workdays == 2

    # Added in another process: this one's cached calendar does not know it yet.
    WorkdayOverride.objects.bulk_create(
        [WorkdayOverride(date=dt.date(2026, 5, 11), kind="day_off", name="Libur daerah")]
    )
    assert command.recount_workdays()

    assert fresh(issue).settle_workdays == 1
    assert "recounted for 1 issue(s)" in out.getvalue()
