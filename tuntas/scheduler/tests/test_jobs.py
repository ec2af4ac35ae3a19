"""Which jobs are due when, and claiming a job's slot."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tuntas.scheduler.jobs import due_jobs, job_claim
from tuntas.scheduler.models import JobRun

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
MONDAY = dt.date(2026, 6, 8)  # an ordinary working day
INDEPENDENCE_DAY = dt.date(2026, 8, 17)  # a Monday, and a national holiday


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=WIB)


def names(due):
    return {(job.name, slot) for job, slot in due}


def test_only_the_database_statistics_are_due_before_seven():
    assert names(due_jobs(at(MONDAY, 6, 59))) == {("database_statistics", "2026-06-08")}


def test_all_are_due_at_seven_on_a_working_monday():
    assert names(due_jobs(at(MONDAY, 7))) == {
        ("issues_sweep", "2026-06-08"),
        ("requests_reminders", "2026-06-08"),
        ("meetings_sweep", "2026-06-08"),
        ("meeting_reminders", "2026-06-08"),
        ("realisation_reminders", "2026-06-08"),
        ("weekly_digest", "2026-W24"),
        ("database_statistics", "2026-06-08"),
    }


def test_the_weekly_digest_is_not_due_on_a_tuesday():
    tuesday = MONDAY + dt.timedelta(days=1)
    assert "weekly_digest" not in {name for name, _ in names(due_jobs(at(tuesday, 7)))}


def test_the_time_is_jakarta_time_whatever_the_clock_zone():
    early = due_jobs(dt.datetime(2026, 6, 7, 23, 59, tzinfo=dt.UTC))  # 06.59 WIB
    assert names(early) == {("database_statistics", "2026-06-08")}
    assert len(due_jobs(dt.datetime(2026, 6, 8, 0, 0, tzinfo=dt.UTC))) == 7


def test_only_the_meeting_reminders_the_weekly_digest_and_the_statistics_run_on_a_holiday():
    # 17 August 2026 is a Monday: the digest goes out on holidays too, it is read at home.
    assert names(due_jobs(at(INDEPENDENCE_DAY, 7))) == {
        ("meeting_reminders", "2026-08-17"),
        ("weekly_digest", "2026-W34"),
        ("database_statistics", "2026-08-17"),
    }


def test_jobs_already_due_at_the_last_check_are_not_due_again():
    assert due_jobs(at(MONDAY, 7, 1), last_checked=at(MONDAY, 7)) == []
    assert len(due_jobs(at(MONDAY, 7), last_checked=at(MONDAY, 6, 59))) == 6


def test_a_second_claim_of_the_same_slot_fails():
    first = job_claim(job="issues_sweep", slot="2026-06-08", now=at(MONDAY, 7))
    second = job_claim(job="issues_sweep", slot="2026-06-08", now=at(MONDAY, 7))

    assert first is not None
    assert second is None
    assert JobRun.objects.count() == 1


def test_another_slot_or_job_can_be_claimed():
    assert job_claim(job="issues_sweep", slot="2026-06-08", now=at(MONDAY, 7))
    assert job_claim(job="issues_sweep", slot="2026-06-09", now=at(MONDAY, 7))
    assert job_claim(job="meetings_sweep", slot="2026-06-08", now=at(MONDAY, 7))


def test_the_statistics_job_analyses_an_sqlite_database(org):
    from django.db import connection

    from tuntas.scheduler.jobs import JOBS

    result = JOBS["database_statistics"].run(at(MONDAY, 0))
    if connection.vendor != "sqlite":
        assert result.startswith("not needed")
        return
    assert result == "SQLite statistics refreshed"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'org_unit'")
        assert cursor.fetchone()[0] >= 1
