"""Mark all read: only the person's own unread notifications."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from tuntas.notifications.models import Notification
from tuntas.notifications.tests.factories import make_notification

pytestmark = pytest.mark.django_db

URL = reverse("notifications:read_all")
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def test_anonymous_visitors_are_sent_to_the_login_page(org, client):
    make_notification(org.asisten2)

    response = client.post(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={URL}"
    assert Notification.objects.unread().count() == 1


def test_it_marks_all_the_persons_notifications_read(org):
    make_notification(org.asisten2, title="Satu")
    make_notification(org.asisten2, title="Dua")

    with time_machine.travel(NOW, tick=False):
        response = org.client_for(org.asisten2).post(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:inbox")
    read_times = Notification.objects.for_person(org.asisten2).values_list("read_at", flat=True)
    assert list(read_times) == [NOW, NOW]


def test_it_leaves_other_peoples_notifications_unread(org):
    make_notification(org.asisten2)
    theirs = make_notification(org.pupr_operator)

    org.client_for(org.asisten2).post(URL)

    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_it_keeps_the_time_already_read_ones_were_read(org):
    earlier = make_notification(org.asisten2, read=True)
    first_read = earlier.read_at

    with time_machine.travel(NOW + dt.timedelta(days=30), tick=False):
        org.client_for(org.asisten2).post(URL)

    earlier.refresh_from_db()
    assert earlier.read_at == first_read


def test_htmx_gets_the_bell_without_a_count(org):
    make_notification(org.asisten2)

    response = org.client_for(org.asisten2).post(URL, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="bell"' in body
    assert 'data-testid="unread-count"' not in body
    assert Notification.objects.unread().count() == 0


def test_it_rejects_get(org):
    make_notification(org.asisten2)

    response = org.client_for(org.asisten2).get(URL)

    assert response.status_code == 405
    assert Notification.objects.unread().count() == 1
