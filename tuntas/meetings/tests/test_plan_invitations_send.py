"""Sending the invitations: a letter number, the PDF and the calendar invitation to everyone."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings import services
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit
from tuntas.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(request):
    if "transactional_db" in request.fixturenames:
        yield  # the threads of the concurrency test need a clock that runs
        return
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:invitations_send", args=[meeting.pk])


def ready(org, **kwargs):
    """A planned meeting with an agenda item and its standing invitees."""
    meeting = kit.make_meeting(org, **kwargs)
    kit.add_other_item(meeting, "Percepatan pelebaran Jl. Sudirman")
    return meeting


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = ready(org)

    assert login_redirect(client.post(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org):
    meeting = ready(org)

    assert org.client_for(org.dinsos_operator).post(url(meeting)).status_code == 404


def test_an_invited_partner_gets_403(org):
    meeting = ready(org)

    assert org.client_for(org.pdam_partner).post(url(meeting)).status_code == 403
    assert Meeting.objects.get().status == "planned"


def test_it_rejects_get(org):
    meeting = ready(org)

    assert org.client_for(org.asisten2).get(url(meeting)).status_code == 405


def test_it_numbers_the_letter_and_sends_it_with_the_calendar_invitation(org):
    meeting = ready(org)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting))

    sent = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert sent.status == "invited"
    assert sent.letter_number == "000.1.6/1/BAG-EKONOMI/2026"
    assert sent.letter_date == kit.TODAY
    assert all(i.sent_at for i in sent.invitations.all())
    told = set(
        Notification.objects.filter(kind="meetings.invited").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"kadis.pupr", "pdam", "asisten2", "bagekonomi"} <= told
    [pdf] = set(kit.sent_attachments("meetings.invited", "undangan.pdf"))
    assert "000.1.6/1/BAG-EKONOMI/2026" in kit.pdf_text(pdf)
    [ics] = set(kit.sent_attachments("meetings.invited", "undangan.ics"))
    calendar, event = kit.ics_event(ics)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(meeting.uid)


def test_numbers_increase_per_unit_and_start_again_each_year(org):
    client = org.client_for(org.bagekonomi_staff)
    first, second = ready(org), ready(org, on=dt.date(2026, 7, 14))
    client.post(url(first))
    client.post(url(second))
    numbers = list(Meeting.objects.order_by("starts_at").values_list("letter_number", flat=True))
    assert numbers == ["000.1.6/1/BAG-EKONOMI/2026", "000.1.6/2/BAG-EKONOMI/2026"]

    with time_machine.travel(dt.datetime(2027, 1, 5, 9, 0, tzinfo=kit.WIB), tick=False):
        january = ready(org, on=dt.date(2027, 1, 12))
        org.client_for(org.bagekonomi_staff).post(url(january))

    january.refresh_from_db()
    assert january.letter_number == "000.1.6/1/BAG-EKONOMI/2027"


def test_a_one_off_meeting_uses_the_default_classification(org):
    meeting = ready(org)
    Meeting.objects.filter(pk=meeting.pk).update(series=None)

    org.client_for(org.bagekonomi_staff).post(url(meeting))

    assert Meeting.objects.get().letter_number.startswith("000.1.6/")


def test_sending_again_keeps_the_number(org):
    meeting = ready(org)
    client = org.client_for(org.bagekonomi_staff)
    client.post(url(meeting))

    client.post(url(meeting))

    assert Meeting.objects.get().letter_number == "000.1.6/1/BAG-EKONOMI/2026"


def test_nothing_is_sent_without_an_agenda(org):
    meeting = kit.make_meeting(org)

    org.client_for(org.bagekonomi_staff).post(url(meeting))

    assert Meeting.objects.get().status == "planned"
    assert not Notification.objects.filter(kind="meetings.invited").exists()


def test_a_held_meeting_is_not_sent_again(org):
    meeting = kit.make_meeting(org, status="held")

    org.client_for(org.bagekonomi_staff).post(url(meeting))

    assert Meeting.objects.get().status == "held"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)")
def test_two_senders_at_once_never_get_the_same_number(transactional_db, org):
    taken: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    def take() -> None:
        try:
            start.wait()
            for _ in range(20):
                number = services.letter_number_take(
                    unit=org.bag_ekonomi, on=dt.date(2026, 5, 12), klasifikasi="000.1.6"
                )
                with lock:
                    taken.append(number)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(taken) == 40
    assert len(set(taken)) == 40
