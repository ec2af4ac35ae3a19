"""Units that have not reported last month's realisation are reminded before the cut-off, and
once more after it ("belum lapor")."""

import pytest
import time_machine
from django.core.management import call_command

from tuntas.notifications.models import Notification
from tuntas.plans.tests.kit import at, make_sub, report, report_months
from tuntas.scheduler.models import JobRun

pytestmark = pytest.mark.django_db
# May 2026's report is due by 10 June (Wednesday); 1 June is Hari Lahir Pancasila.


@pytest.fixture
def subs(org):
    with time_machine.travel(at("2026-06-02"), tick=False):
        reported = make_sub(org, year=2026, name="Pelebaran Jl. Soekarno-Hatta")
        report_months(reported, org.pupr_operator, [(2, 0), (5, 1), (10, 2), (18, 3), (28, 4)])
        missing = make_sub(org, unit=org.dinsos, year=2026, name="Bantuan sosial lansia")
        report_months(missing, org.dinsos_operator, [(2, 0), (5, 1), (10, 2), (18, 3)])
    Notification.objects.all().delete()
    return reported, missing


def told(kind):
    return list(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


def sweep(day):
    with time_machine.travel(at(day, 7), tick=False):
        call_command("scheduler", "--once")


def test_nothing_is_sent_while_the_cut_off_is_more_than_two_working_days_away(org, subs):
    sweep("2026-06-05")  # Friday: the next two working days are 8 and 9 June
    assert told("plans.realisation_due") == []


def test_the_unit_that_has_not_reported_is_reminded_once_before_the_cut_off(org, subs):
    sweep("2026-06-08")
    sweep("2026-06-08")
    sweep("2026-06-09")

    assert told("plans.realisation_due") == ["operator.dinsos"]
    notification = Notification.objects.get(kind="plans.realisation_due")
    assert "Bantuan sosial lansia" in notification.body
    assert "Pelebaran" not in notification.body
    assert notification.url == f"/plans/unit/{org.dinsos.pk}/"
    assert JobRun.objects.filter(job="realisation_due", slot="2026-05").count() == 1


def test_after_the_cut_off_it_is_reminded_once_as_not_reported(org, subs):
    sweep("2026-06-10")  # the cut-off day itself is still on time
    assert told("plans.realisation_overdue") == []

    sweep("2026-06-11")
    sweep("2026-06-12")

    assert told("plans.realisation_overdue") == ["operator.dinsos"]
    [title] = Notification.objects.filter(kind="plans.realisation_overdue").values_list(
        "title", flat=True
    )
    assert "10 Juni 2026" in title


def test_a_unit_that_reports_in_time_is_not_reminded_after_the_cut_off(org, subs):
    _, missing = subs
    with time_machine.travel(at("2026-06-09"), tick=False):
        report(missing, 5, 28, 4, org.dinsos_operator)
    sweep("2026-06-11")
    assert told("plans.realisation_overdue") == []
