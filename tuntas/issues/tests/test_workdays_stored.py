"""Issues store their working days to surface and to settle, recounted as the calendar changes."""

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps

from tuntas.issues import services
from tuntas.issues.models import Issue
from tuntas.issues.tests.factories import at, fresh, make_issue, viewer
from tuntas.lib import workdays
from tuntas.org.models import WorkdayOverride

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def national_calendar():
    workdays.invalidate_calendar()


def settled_issue(org, *, met: str, submitted: str, settled: str) -> Issue:
    with time_machine.travel(at(submitted, 9), tick=False) as traveller:
        issue = make_issue(org, status="in_progress", first_met_on=D.fromisoformat(met))
        traveller.move_to(at(settled, 15))
        return services.issue_settle(issue=issue, by=viewer(org.asisten2), resolution="Beres.")


def test_a_draft_has_no_working_days_yet(org):
    issue = fresh(make_issue(org, first_met_on=D(2026, 3, 2)))
    assert (issue.surface_workdays, issue.settle_workdays) == (None, None)
    assert issue.workdays_stamp == workdays.calendar().fingerprint


def test_submitting_stores_the_working_days_to_surface(org):
    # Met Fri 13 March, submitted Wed 25 March: Mon 16, Tue 17 (2), then Nyepi and the Lebaran
    # closure 18-24 March, Wed 25 (3).
    with time_machine.travel(at("2026-03-25", 9), tick=False):
        issue = make_issue(org, status="submitted", first_met_on=D(2026, 3, 13))
    assert (fresh(issue).surface_workdays, fresh(issue).settle_workdays) == (3, None)


def test_settling_stores_the_working_days_to_settle(org):
    # Submitted Fri 8 May, settled Tue 12 May: Mon 11 (1), Tue 12 (2).
    issue = settled_issue(org, met="2026-05-06", submitted="2026-05-08", settled="2026-05-12")
    stored = fresh(issue)
    assert (stored.surface_workdays, stored.settle_workdays) == (2, 2)


def test_reopening_clears_the_working_days_to_settle(org):
    issue = settled_issue(org, met="2026-05-06", submitted="2026-05-08", settled="2026-05-12")
    with time_machine.travel(at("2026-05-13", 9), tick=False):
        services.issue_reopen(issue=issue, by=viewer(org.pupr_operator), reason="Belum beres.")
    assert fresh(issue).settle_workdays is None


def test_a_day_off_added_later_is_counted_by_the_refresh(org):
    issue = settled_issue(org, met="2026-05-06", submitted="2026-05-08", settled="2026-05-12")
    WorkdayOverride.objects.create(
        date=D(2026, 5, 11), kind=WorkdayOverride.Kind.DAY_OFF, name="Libur daerah"
    )
    assert fresh(issue).settle_workdays == 2  # stored with the calendar it was settled under

    assert services.issues_workdays_refresh() == Issue.objects.count()

    stored = fresh(issue)
    assert (stored.surface_workdays, stored.settle_workdays) == (2, 1)  # Tue 12 only
    assert stored.workdays_stamp == workdays.calendar().fingerprint
    assert services.issues_workdays_refresh() == 0  # nothing left to recount


def test_the_refresh_recounts_named_issues_whatever_their_stamp(org):
    issue = settled_issue(org, met="2026-05-06", submitted="2026-05-08", settled="2026-05-12")
    other = settled_issue(org, met="2026-05-06", submitted="2026-05-08", settled="2026-05-12")
    # A bulk update moves the dates without save(): the stamp stays, the counts are stale.
    Issue.objects.filter(pk__in=[issue.pk, other.pk]).update(settled_at=at("2026-05-15", 9))

    assert services.issues_workdays_refresh() == 0
    assert services.issues_workdays_refresh(issue_ids=[issue.pk], batch=1) == 1

    # Mon 11, Tue 12, Wed 13; Ascension Day (Thu 14) and its cuti bersama (Fri 15) are off.
    assert fresh(issue).settle_workdays == 3
    assert fresh(other).settle_workdays == 2


def test_the_refresh_works_in_batches(org):
    issues = [
        settled_issue(org, met="2026-05-06", submitted="2026-05-08", settled="2026-05-12")
        for _ in range(3)
    ]
    WorkdayOverride.objects.create(
        date=D(2026, 5, 12), kind=WorkdayOverride.Kind.DAY_OFF, name="Libur daerah"
    )
    assert services.issues_workdays_refresh(batch=2) == 3
    assert [fresh(i).settle_workdays for i in issues] == [1, 1, 1]


def test_the_fingerprint_follows_the_overrides_and_the_package():
    plain = workdays.WorkCalendar()
    off = workdays.WorkCalendar(extra_days_off={D(2026, 5, 11): "Libur daerah"})
    working = workdays.WorkCalendar(working_days={D(2026, 5, 11): "Hari kerja"})
    assert len({plain.fingerprint, off.fingerprint, working.fingerprint}) == 3
    assert plain.fingerprint == workdays.WorkCalendar().fingerprint


def test_the_fingerprint_changes_with_the_holidays_package(monkeypatch):
    before = workdays.WorkCalendar().fingerprint
    monkeypatch.setattr(workdays.holidays, "__version__", "99.0")
    assert workdays.WorkCalendar().fingerprint != before


def test_the_migration_counts_the_issues_already_there(org):
    issue = settled_issue(org, met="2026-05-06", submitted="2026-05-08", settled="2026-05-12")
    draft = make_issue(org)
    Issue.objects.update(surface_workdays=None, settle_workdays=None, workdays_stamp="")
    migration = importlib.import_module("tuntas.issues.migrations.0008_stored_workdays")

    migration.count_workdays(apps, None)

    stored = fresh(issue)
    fingerprint = workdays.calendar().fingerprint
    assert (stored.surface_workdays, stored.settle_workdays) == (2, 2)
    assert stored.workdays_stamp == fresh(draft).workdays_stamp == fingerprint
