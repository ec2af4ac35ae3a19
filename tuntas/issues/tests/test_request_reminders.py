"""Asked units are reminded two working days before a request is needed, once."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from tuntas.issues import services
from tuntas.issues.models import IssueRequest
from tuntas.issues.services import requests_remind, unit_people
from tuntas.issues.tests.factories import at, make_issue, make_request, viewer
from tuntas.notifications.models import Delivery, Notification
from tuntas.scheduler.models import JobRun

pytestmark = pytest.mark.django_db
# Wednesday 25 March 2026: the Lebaran closure (18-24 March) lies before it.
NEEDED_ON = dt.date(2026, 3, 25)


@pytest.fixture
def request_(org):
    with time_machine.travel(at("2026-03-02"), tick=False):
        issue = make_issue(org, status="in_progress")
        request = make_request(issue, org.pdam, org.asisten2, due_on=NEEDED_ON)
    Notification.objects.all().delete()
    return request


def reminded(org):
    return list(
        Notification.objects.filter(kind="issues.request_due").values_list(
            "recipient_id", flat=True
        )
    )


def test_no_reminder_while_the_date_needed_is_far(org, request_):
    with time_machine.travel(at("2026-03-12", 7), tick=False):
        assert requests_remind() == 0
    assert reminded(org) == []


def test_the_reminder_counts_working_days_across_lebaran(org, request_):
    # Tuesday 17 March: the next two working days are 25 and 26 March.
    with time_machine.travel(at("2026-03-17", 7), tick=False):
        assert requests_remind() == 1
    assert org.pdam_partner.pk in reminded(org)


def test_running_the_scheduler_twice_reminds_each_person_of_the_unit_once(org, request_):
    with time_machine.travel(at("2026-03-17", 7), tick=False):
        call_command("scheduler", "--once")
        call_command("scheduler", "--once")

    recipients = reminded(org)
    expected = {p.pk for p in unit_people(org.pdam.pk) if p.is_active}
    assert expected
    assert sorted(recipients) == sorted(expected)
    assert IssueRequest.objects.get(pk=request_.pk).reminded_at is not None
    assert JobRun.objects.filter(job="requests_reminders").count() == 1


def test_a_second_sweep_on_a_later_day_does_not_remind_again(org, request_):
    with time_machine.travel(at("2026-03-17", 7), tick=False):
        assert requests_remind() == 1
    with time_machine.travel(at("2026-03-25", 7), tick=False):
        assert requests_remind() == 0
    assert len(reminded(org)) == len(set(reminded(org)))


def test_the_reminder_is_urgent_enough_for_whatsapp(org, request_, settings):
    settings.WHATSAPP_GATEWAY_URL = "http://gateway.test/send"
    with time_machine.travel(at("2026-03-17", 7), tick=False):
        requests_remind()
    assert Delivery.objects.filter(
        notification__kind="issues.request_due", channel=Delivery.Channel.WHATSAPP
    ).exists()


@pytest.mark.parametrize("status", ["done", "declined"])
def test_answered_requests_are_not_reminded(org, request_, status):
    IssueRequest.objects.filter(pk=request_.pk).update(status=status, decline_reason="Bukan kami")
    with time_machine.travel(at("2026-03-23", 7), tick=False):
        assert requests_remind() == 0


def test_requests_of_settled_issues_are_not_reminded(org, request_):
    with time_machine.travel(at("2026-03-10"), tick=False):
        services.issue_settle(
            issue=request_.issue, by=viewer(org.asisten2), resolution="PDAM memindahkan pipa."
        )
    with time_machine.travel(at("2026-03-23", 7), tick=False):
        assert requests_remind() == 0


def overdue_reminded(org):
    return list(
        Notification.objects.filter(kind="issues.request_overdue").values_list(
            "recipient_id", flat=True
        )
    )


def test_a_request_still_pending_after_its_date_gets_one_overdue_reminder(org, request_):
    # Thursday 26 March: the day after the date needed.
    with time_machine.travel(at("2026-03-26", 7), tick=False):
        assert requests_remind() == 1
        assert requests_remind() == 0
    with time_machine.travel(at("2026-03-27", 7), tick=False):
        assert requests_remind() == 0

    expected = {p.pk for p in unit_people(org.pdam.pk) if p.is_active}
    assert sorted(overdue_reminded(org)) == sorted(expected)
    [title] = set(
        Notification.objects.filter(kind="issues.request_overdue").values_list("title", flat=True)
    )
    assert "25 Maret 2026" in title
    assert IssueRequest.objects.get(pk=request_.pk).overdue_reminded_at is not None


def test_no_overdue_reminder_on_the_day_the_request_is_needed(org, request_):
    with time_machine.travel(at("2026-03-25", 7), tick=False):
        requests_remind()
    assert overdue_reminded(org) == []


def test_the_overdue_reminder_goes_out_on_whatsapp(org, request_, settings):
    settings.WHATSAPP_GATEWAY_URL = "http://gateway.test/send"
    with time_machine.travel(at("2026-03-26", 7), tick=False):
        requests_remind()
    assert Delivery.objects.filter(
        notification__kind="issues.request_overdue", channel=Delivery.Channel.WHATSAPP
    ).exists()


def test_a_done_request_is_not_reminded_as_overdue(org, request_):
    IssueRequest.objects.filter(pk=request_.pk).update(status="done")
    with time_machine.travel(at("2026-03-26", 7), tick=False):
        assert requests_remind() == 0
