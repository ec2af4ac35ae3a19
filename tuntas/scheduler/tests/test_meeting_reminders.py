"""The day-before reminder of a meeting (meetings_remind_tomorrow, run by the scheduler)."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from tuntas.meetings import services
from tuntas.meetings.tests import kit
from tuntas.notifications.models import Notification

pytestmark = pytest.mark.django_db
MEETING_DAY = kit.NEXT_MEETING_ON  # Tuesday 9 June 2026
SEVEN = dt.datetime(2026, 6, 8, 7, 0, tzinfo=kit.WIB)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def remind(now=SEVEN) -> int:
    Notification.objects.all().delete()  # drop the invitations sent while setting up
    with translation.override("id"):
        return services.meetings_remind_tomorrow(now=now)


def test_it_reminds_the_invited_units_of_tomorrows_meeting(org):
    kit.make_meeting(org, status="invited")

    assert remind() == 1

    reminders = Notification.objects.filter(kind="meetings.reminder")
    recipients = set(reminders.values_list("recipient_id", flat=True))
    assert {org.kadis_pupr.pk, org.pdam_partner.pk} <= recipients
    assert org.dinsos_operator.pk not in recipients
    note = reminders.first()
    assert note.title.startswith("Besok: Rapat Koordinasi")
    assert note.body == (
        "Besok, Selasa, 9 Juni 2026 pukul 09.00 WIB, Ruang Rapat Asisten II, Lantai 2 Balai Kota."
    )


def test_it_leaves_meetings_on_other_days_alone(org):
    kit.make_meeting(org, status="invited", on=MEETING_DAY + dt.timedelta(days=1))
    kit.make_meeting(org, status="invited", on=MEETING_DAY - dt.timedelta(days=1))

    assert remind() == 0
    assert not Notification.objects.exists()


def test_it_leaves_meetings_without_invitations_or_cancelled_alone(org):
    kit.make_meeting(org, status="planned")
    kit.make_meeting(org, status="cancelled")

    assert remind() == 0


def test_the_day_runs_on_jakarta_time(org):
    kit.make_meeting(org, status="invited")
    late_sunday_utc = dt.datetime(2026, 6, 7, 18, 0, tzinfo=dt.UTC)  # 01.00 WIB Monday

    assert remind(late_sunday_utc) == 1
