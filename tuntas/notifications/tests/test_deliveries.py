"""The administrator's delivery log: filters, permissions, and resending failed deliveries."""

import datetime as dt

import pytest
from django.urls import reverse

from tuntas.notifications.models import Delivery
from tuntas.notifications.tests.factories import (
    delivery_ids,
    make_notification,
    queued_emails,
    queued_whatsapps,
)

pytestmark = pytest.mark.django_db

URL = reverse("notifications:deliveries")


def make_delivery(person, *, channel="email", status="sent", created_at=None, title="Isu baru"):
    notification = make_notification(person, title=title)
    return Delivery.objects.create(
        notification=notification,
        channel=channel,
        address=person.email,
        status=status,
        attempts=1,
        sent_at=dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC) if status == "sent" else None,
        created_at=created_at or dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC),
        last_error="HTTP 400: invalid target" if status == "failed" else "",
    )


def listed(response):
    return [d.pk for d in response.context["page"]]


def test_the_admin_sees_every_delivery_newest_first(org):
    old = make_delivery(org.asisten2, created_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    new = make_delivery(org.sekda, status="failed", channel="whatsapp")

    response = org.client_for(org.admin).get(URL)

    assert response.status_code == 200
    assert listed(response) == [new.pk, old.pk]
    assert "HTTP 400: invalid target" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"channel": "whatsapp"}, ["wa"]),
        ({"status": "failed"}, ["failed"]),
        ({"person": "dafrul"}, ["sent"]),  # Ir. Dafrul Pasi, the Asisten II
        ({"date_from": "2026-05-02"}, ["wa", "failed"]),
        ({"date_to": "2026-05-01"}, ["sent"]),
        ({"date_from": "2026-05-02", "date_to": "2026-05-02"}, ["failed"]),
    ],
)
def test_the_admin_filters_the_log(org, query, expected):
    rows = {
        "sent": make_delivery(org.asisten2, created_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC)),
        "failed": make_delivery(
            org.sekda, status="failed", created_at=dt.datetime(2026, 5, 2, 3, tzinfo=dt.UTC)
        ),
        "wa": make_delivery(org.kadis_pupr, channel="whatsapp", status="queued"),
    }

    response = org.client_for(org.admin).get(URL, query)

    assert listed(response) == [rows[name].pk for name in expected]


def test_the_log_is_paginated_and_keeps_the_filter(org):
    for _ in range(51):
        make_delivery(org.asisten2, channel="whatsapp")

    response = org.client_for(org.admin).get(URL, {"channel": "whatsapp"})

    assert len(listed(response)) == 50
    assert "?channel=whatsapp&page=2" in response.content.decode()


def test_the_log_does_a_fixed_number_of_queries(org, django_assert_num_queries):
    client = org.client_for(org.admin)
    make_delivery(org.asisten2)
    client.get(URL)  # warm the caches of the first request
    for person in [org.sekda, org.kadis_pupr, org.pupr_operator, org.walikota]:
        make_delivery(person, channel="whatsapp", status="failed")

    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(listed(response)) == 5


def test_an_invalid_date_is_explained(org):
    response = org.client_for(org.admin).get(URL, {"date_from": "kemarin"})

    assert response.status_code == 200
    assert "date_from" in response.context["form"].errors


def test_government_staff_get_403(org):
    assert org.client_for(org.sekda).get(URL).status_code == 403


@pytest.mark.parametrize("persona", ["pdam_partner", "nobody"])
def test_outsiders_get_404(org, persona):
    assert org.client_for(getattr(org, persona)).get(URL).status_code == 404


def test_the_log_rejects_post(org):
    assert org.client_for(org.admin).post(URL).status_code == 405


# --- resend -------------------------------------------------------------------------------


def resend_url(delivery):
    return reverse("notifications:resend", args=[delivery.pk])


@pytest.mark.parametrize(
    ("channel", "queued"), [("whatsapp", queued_whatsapps), ("email", queued_emails)]
)
def test_the_admin_resends_a_failed_delivery(
    org, channel, queued, django_capture_on_commit_callbacks
):
    delivery = make_delivery(org.asisten2, channel=channel, status="failed")

    with django_capture_on_commit_callbacks(execute=True):
        response = org.client_for(org.admin).post(resend_url(delivery))

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("queued", 0, "")
    assert delivery_ids(queued()) == [delivery.pk]


@pytest.mark.parametrize("status", ["queued", "sending", "sent", "skipped"])
def test_only_a_failed_delivery_is_resent(org, status, django_capture_on_commit_callbacks):
    delivery = make_delivery(org.asisten2, channel="whatsapp", status=status)

    with django_capture_on_commit_callbacks(execute=True):
        response = org.client_for(org.admin).post(resend_url(delivery), follow=True)

    delivery.refresh_from_db()
    assert delivery.status == status
    assert delivery.attempts == 1
    assert queued_whatsapps() == []
    [message] = response.context["messages"]
    assert message.level_tag == "error"


def test_resend_rejects_get(org):
    delivery = make_delivery(org.asisten2, status="failed")
    assert org.client_for(org.admin).get(resend_url(delivery)).status_code == 405


def test_resend_is_403_for_government_staff(org):
    delivery = make_delivery(org.asisten2, status="failed")
    assert org.client_for(org.sekda).post(resend_url(delivery)).status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == "failed"


def test_resend_is_404_for_outsiders(org):
    delivery = make_delivery(org.asisten2, status="failed")
    assert org.client_for(org.pdam_partner).post(resend_url(delivery)).status_code == 404
