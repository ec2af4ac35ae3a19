"""Opening a notification: mark it read and follow its link, but only to this site."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from tuntas.notifications.tests.factories import make_notification

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
INBOX = reverse("notifications:inbox")


def open_url(notification):
    return reverse("notifications:open", args=[notification.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(org, client):
    notification = make_notification(org.asisten2, url="/issues/7/")

    response = client.post(open_url(notification))

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse(settings.LOGIN_URL)}?next=")
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_marks_the_notification_read_and_follows_its_link(org):
    notification = make_notification(org.asisten2, url="/issues/7/?tab=timeline")

    with time_machine.travel(NOW, tick=False):
        response = org.client_for(org.asisten2).post(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == "/issues/7/?tab=timeline"
    notification.refresh_from_db()
    assert notification.read_at == NOW


def test_it_keeps_the_time_it_was_first_read(org):
    notification = make_notification(org.asisten2, url="/issues/7/", read=True)
    first_read = notification.read_at

    org.client_for(org.asisten2).post(open_url(notification))

    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_without_a_link_it_goes_back_to_the_inbox(org):
    notification = make_notification(org.asisten2, url="")

    response = org.client_for(org.asisten2).post(open_url(notification))

    assert response["Location"] == INBOX
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "external",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "http://evil.example",
        "javascript:alert(1)",
        "https:///evil.example",
    ],
)
def test_it_refuses_an_external_link_by_going_to_the_inbox(org, external):
    notification = make_notification(org.asisten2, url=external)

    response = org.client_for(org.asisten2).post(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == INBOX
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_outsider_gets_404(org):
    notification = make_notification(org.asisten2, url="/issues/7/")

    response = org.client_for(org.pupr_operator).post(open_url(notification))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_admin_cannot_open_someone_elses_notification_either(org):
    notification = make_notification(org.asisten2, url="/issues/7/")

    response = org.client_for(org.admin).post(open_url(notification))

    assert response.status_code == 404


def test_a_missing_notification_gives_404(org):
    response = org.client_for(org.asisten2).post(reverse("notifications:open", args=[999999]))

    assert response.status_code == 404


def test_it_rejects_get(org):
    notification = make_notification(org.asisten2, url="/issues/7/")

    response = org.client_for(org.asisten2).get(open_url(notification))

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None
