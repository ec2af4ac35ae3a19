"""The bell: the unread count, never cached."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tuntas.notifications.tests.factories import make_notification

pytestmark = pytest.mark.django_db

URL = reverse("notifications:badge")


def shown_count(response):
    match = re.search(r'data-testid="unread-count">(\d+)<', response.content.decode())
    return int(match.group(1)) if match else None


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={URL}"


def test_it_counts_the_persons_unread_notifications(org):
    org.asisten2.language = "en"  # the assertion on the label reads the English text
    org.asisten2.save()
    for _ in range(3):
        make_notification(org.asisten2)
    make_notification(org.asisten2, read=True)
    make_notification(org.pupr_operator)

    response = org.client_for(org.asisten2).get(URL)

    assert response.status_code == 200
    assert shown_count(response) == 3
    assert 'aria-label="3 unread notifications"' in response.content.decode()


def test_it_shows_no_count_when_all_is_read(org):
    make_notification(org.asisten2, read=True)

    response = org.client_for(org.asisten2).get(URL)

    assert response.status_code == 200
    assert shown_count(response) is None
    assert 'id="bell"' in response.content.decode()


def test_it_is_never_cached(org):
    response = org.client_for(org.asisten2).get(URL)

    assert response["Cache-Control"] == "no-store"


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405
