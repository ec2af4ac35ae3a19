"""The shared meeting test helpers reach every state through the services."""

import datetime as dt

import pytest
import time_machine

from tuntas.meetings.models import ActionItem, Meeting
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.mark.parametrize("status", kit.STATUSES)
def test_it_makes_a_meeting_in_each_status(org, status):
    meeting = kit.make_meeting(org, status=status)
    assert Meeting.objects.get(pk=meeting.pk).status == status


def test_successive_meetings_share_the_series(org):
    first = kit.make_meeting(org, on=dt.date(2026, 4, 14))
    second = kit.make_meeting(org)
    assert first.series_id == second.series_id


def test_an_issue_item_invites_its_units(org):
    from tuntas.issues.tests.viewkit import ask, make_issue

    meeting = kit.make_meeting(org)
    issue = make_issue(org, "in_progress")
    ask(org, issue, org.pdam)
    item = kit.add_issue_item(meeting, issue)
    assert {u.short_name for u in item.units.all()} == {"PUPR", "PDAM"}
    assert set(meeting.invitations.values_list("unit__short_name", flat=True)) == {"PUPR", "PDAM"}


def test_an_action_item_comes_from_final_minutes(org):
    action = kit.make_action_item(
        org, on=dt.date(2026, 4, 14), unit=org.pdam, due_on=dt.date(2026, 4, 30)
    )
    assert action.meeting.status == Meeting.Status.FINAL
    assert action.is_overdue(kit.TODAY)
    assert ActionItem.objects.count() == 1
