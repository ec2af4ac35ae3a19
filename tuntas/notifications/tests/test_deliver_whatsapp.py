"""deliver_whatsapp: post a queued delivery to the gateway once, retry 5xx, fail 4xx at once."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from tuntas.notifications.models import Delivery
from tuntas.notifications.services import notification_send
from tuntas.notifications.tasks import deliver_whatsapp
from tuntas.notifications.tests.factories import delivery_ids, queued_whatsapps
from tuntas.notifications.whatsapp import whatsapp_payload

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def queued_whatsapp(person, **kwargs):
    """Queue one WhatsApp delivery; the test never commits, so no task runs by itself."""
    person.phone = "0812-3456-7890"
    person.save()
    kwargs.setdefault("kind", "issues.escalated")
    kwargs.setdefault("title", "Isu dieskalasi ke Sekda")
    [notification] = notification_send(recipients=[person], **kwargs)
    return notification.deliveries.get(channel=Delivery.Channel.WHATSAPP)


@override_settings(SITE_URL="https://tuntas.payakumbuhkota.go.id")
def test_it_posts_phone_and_message_with_the_token(org, gateway):
    delivery = queued_whatsapp(
        org.asisten2, title='Jalan "Sudirman" rusak', body="Mohon tindak lanjut.", url="/issues/7/"
    )

    assert deliver_whatsapp.call(delivery.pk) == "sent"

    [received] = gateway.received
    assert received.path == "/send"
    assert received.headers["authorization"] == "rahasia-token"
    assert received.headers["content-type"] == "application/json"
    assert received.json() == {
        "target": "6281234567890",
        "message": '*Jalan "Sudirman" rusak*\nMohon tindak lanjut.\n'
        "https://tuntas.payakumbuhkota.go.id/issues/7/",
    }


def test_a_gateway_failing_three_times_delivers_once(org, gateway):
    delivery = queued_whatsapp(org.asisten2)
    gateway.answer(500, 502, 503)

    outcomes = [deliver_whatsapp.call(delivery.pk) for _ in range(5)]

    assert outcomes == ["retry", "retry", "retry", "sent", "skipped"]
    assert len(gateway.received) == 4
    assert len(gateway.delivered()) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 4, "")


def test_running_it_twice_sends_once(org, gateway):
    delivery = queued_whatsapp(org.asisten2)

    assert deliver_whatsapp.call(delivery.pk) == "sent"
    assert deliver_whatsapp.call(delivery.pk) == "skipped"

    assert len(gateway.received) == 1


def test_a_5xx_is_retried_later_with_backoff(org, gateway, django_capture_on_commit_callbacks):
    delivery = queued_whatsapp(org.asisten2)
    gateway.answer(503)

    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert deliver_whatsapp.call(delivery.pk) == "retry"

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.QUEUED
    assert "HTTP Error 503" in delivery.last_error
    [retry] = queued_whatsapps()
    assert delivery_ids([retry]) == [delivery.pk]
    assert retry.run_after == NOW + dt.timedelta(minutes=1)


def test_a_4xx_fails_at_once_with_the_error(org, gateway, django_capture_on_commit_callbacks):
    delivery = queued_whatsapp(org.asisten2)
    gateway.answer(400)

    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_whatsapp.call(delivery.pk) == "failed"

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "HTTP 400" in delivery.last_error
    assert "invalid target" in delivery.last_error
    assert queued_whatsapps() == []


@override_settings(WHATSAPP_TIMEOUT=0.2)
def test_a_timeout_is_retried(org, gateway):
    delivery = queued_whatsapp(org.asisten2)
    gateway.hang = True

    assert deliver_whatsapp.call(delivery.pk) == "retry"

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.QUEUED
    assert "timed out" in delivery.last_error


@override_settings(NOTIFY_WHATSAPP_MAX_ATTEMPTS=2)
def test_it_gives_up_after_the_last_attempt(org, gateway):
    delivery = queued_whatsapp(org.asisten2)
    gateway.answer(500, 500, 500)

    outcomes = [deliver_whatsapp.call(delivery.pk) for _ in range(3)]

    assert outcomes == ["retry", "failed", "skipped"]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 2)


@override_settings(WHATSAPP_PAYLOAD='{"phone": "{phone}", "text": "{message}", "type": "text"}')
def test_the_payload_template_is_filled_with_escaped_values():
    body = whatsapp_payload("6281234567890", 'Rapat "koordinasi"\nbesok')

    assert body.decode() == (
        '{"phone": "6281234567890", "text": "Rapat \\"koordinasi\\"\\nbesok", "type": "text"}'
    )
