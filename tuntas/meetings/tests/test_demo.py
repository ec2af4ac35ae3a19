"""The demo meetings: a series per Asisten, last month's final minutes, next month's plan."""

import pytest
from django.utils import timezone

from tuntas.issues.demo import issues_demo_load
from tuntas.meetings.demo import meetings_demo_load
from tuntas.meetings.models import ActionItem, Meeting, MeetingSeries
from tuntas.notifications.services import emails_paused
from tuntas.org.demo import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_meetings_load_once_with_an_overdue_action_item():
    demo_load()
    with emails_paused():
        issues_demo_load()
        first = meetings_demo_load()
        again = meetings_demo_load()
    assert first["series"] == 3
    assert again == {"series": 0, "meetings": 0, "action_items": 0}
    series = MeetingSeries.objects.get(coordinator__short_name="ASISTEN2")
    assert series.standing_invitees.filter(short_name="PDAM").exists()
    final = series.meetings.get(status=Meeting.Status.FINAL)
    assert final.letter_number
    today = timezone.localdate()
    assert any(item.is_overdue(today) for item in ActionItem.objects.filter(meeting=final))
    upcoming = series.meetings.filter(status=Meeting.Status.PLANNED, starts_at__gt=timezone.now())
    assert upcoming.count() == 1
