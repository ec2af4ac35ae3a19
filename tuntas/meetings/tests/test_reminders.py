"""Action items are reminded two working days before their due date, once."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from tuntas.meetings.models import ActionItem
from tuntas.meetings.services import action_items_remind
from tuntas.meetings.tests import kit
from tuntas.notifications.models import Notification

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def action(org):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=WIB), tick=False):
        # Due Wednesday 25 March 2026: the Lebaran closure (18-24 March) lies before it.
        return kit.make_action_item(
            org, on=dt.date(2026, 3, 2), unit=org.pdam, due_on=dt.date(2026, 3, 25)
        )


def reminders(org):
    return Notification.objects.filter(
        recipient=org.pdam_partner, kind="meetings.action_due"
    ).count()


def test_no_reminder_while_the_due_date_is_far(org, action):
    with time_machine.travel(dt.datetime(2026, 3, 12, 7, tzinfo=WIB), tick=False):
        assert action_items_remind() == 0
    assert reminders(org) == 0


def test_the_reminder_counts_working_days_across_lebaran(org, action):
    # Tuesday 17 March: the next two working days are 25 and 26 March, so the item is due soon.
    with time_machine.travel(dt.datetime(2026, 3, 17, 7, tzinfo=WIB), tick=False):
        assert action_items_remind() == 1
    assert reminders(org) == 1


def test_running_the_sweep_twice_reminds_once(org, action):
    with time_machine.travel(dt.datetime(2026, 3, 23, 7, tzinfo=WIB), tick=False):
        call_command("meetings_sweep")
        call_command("meetings_sweep")
    assert reminders(org) == 1
    assert ActionItem.objects.get(pk=action.pk).reminded_at is not None


def test_done_items_are_not_reminded(org, action):
    ActionItem.objects.filter(pk=action.pk).update(status=ActionItem.Status.DONE)
    with time_machine.travel(dt.datetime(2026, 3, 23, 7, tzinfo=WIB), tick=False):
        assert action_items_remind() == 0


def overdue_reminders(org):
    return Notification.objects.filter(
        recipient=org.pdam_partner, kind="meetings.action_overdue"
    ).count()


def test_an_item_still_open_after_its_due_date_gets_one_overdue_reminder(org, action):
    with time_machine.travel(dt.datetime(2026, 3, 26, 7, tzinfo=WIB), tick=False):
        assert action_items_remind() == 1  # the overdue one; the upcoming one was never due
        assert action_items_remind() == 0
    with time_machine.travel(dt.datetime(2026, 3, 30, 7, tzinfo=WIB), tick=False):
        assert action_items_remind() == 0
    assert overdue_reminders(org) == 1
    assert ActionItem.objects.get(pk=action.pk).overdue_reminded_at is not None


def test_an_item_on_its_due_date_is_not_yet_overdue(org, action):
    with time_machine.travel(dt.datetime(2026, 3, 25, 7, tzinfo=WIB), tick=False):
        action_items_remind()
    assert overdue_reminders(org) == 0


def test_a_done_item_is_not_reminded_as_overdue(org, action):
    ActionItem.objects.filter(pk=action.pk).update(status=ActionItem.Status.DONE)
    with time_machine.travel(dt.datetime(2026, 3, 26, 7, tzinfo=WIB), tick=False):
        assert action_items_remind() == 0
    assert overdue_reminders(org) == 0
