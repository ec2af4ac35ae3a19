"""Deliveries left "sending" by a worker that died are settled without sending anything twice."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from tuntas.notifications.models import Delivery
from tuntas.notifications.services import UNKNOWN_OUTCOME, deliveries_reconcile, notification_send
from tuntas.notifications.tests.factories import delivery_ids, queued_whatsapps

pytestmark = pytest.mark.django_db

CLAIMED = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def stuck(person, channel, *, claimed_at=CLAIMED):
    """Return a delivery a worker claimed at `claimed_at` and never finished."""
    person.phone = "081234567890"
    person.save()
    [notification] = notification_send(
        recipients=[person], kind="issues.escalated", title="Isu dieskalasi"
    )
    delivery = notification.deliveries.get(channel=channel)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENDING, claimed_at=claimed_at, attempts=1
    )
    return delivery


@pytest.fixture
def whatsapp_on(settings):
    settings.WHATSAPP_GATEWAY_URL = "http://127.0.0.1:9/send"


def state(delivery):
    delivery.refresh_from_db()
    return delivery.status, delivery.last_error


def test_a_stuck_email_is_failed_with_the_doubt_for_the_admin(org, settings):
    settings.NOTIFY_SENDING_TIMEOUT = 600
    delivery = stuck(org.asisten2, Delivery.Channel.EMAIL)

    assert deliveries_reconcile(now=CLAIMED + dt.timedelta(minutes=11)) == (0, 1)

    assert state(delivery) == (Delivery.Status.FAILED, UNKNOWN_OUTCOME)
    assert delivery.requeue()  # the admin may resend it after checking


def test_a_delivery_still_within_its_timeout_is_left_alone(org, settings):
    settings.NOTIFY_SENDING_TIMEOUT = 600
    delivery = stuck(org.asisten2, Delivery.Channel.EMAIL)

    assert deliveries_reconcile(now=CLAIMED + dt.timedelta(minutes=9)) == (0, 0)

    assert state(delivery) == (Delivery.Status.SENDING, "")


def test_a_stuck_whatsapp_is_failed_when_the_gateway_may_not_dedupe(org, whatsapp_on):
    delivery = stuck(org.asisten2, Delivery.Channel.WHATSAPP)

    assert deliveries_reconcile(now=CLAIMED + dt.timedelta(hours=1)) == (0, 1)

    assert state(delivery) == (Delivery.Status.FAILED, UNKNOWN_OUTCOME)
    assert queued_whatsapps() == []


def test_a_stuck_whatsapp_is_requeued_when_the_gateway_dedupes(
    org, whatsapp_on, settings, django_capture_on_commit_callbacks
):
    settings.WHATSAPP_GATEWAY_DEDUPES = True
    delivery = stuck(org.asisten2, Delivery.Channel.WHATSAPP)
    Delivery.objects.filter(channel=Delivery.Channel.EMAIL).delete()

    with django_capture_on_commit_callbacks(execute=True):
        assert deliveries_reconcile(now=CLAIMED + dt.timedelta(hours=1)) == (1, 0)
        assert deliveries_reconcile(now=CLAIMED + dt.timedelta(hours=1)) == (0, 0)

    assert state(delivery) == (Delivery.Status.QUEUED, "")
    assert delivery_ids(queued_whatsapps()) == [delivery.pk]


def test_the_scheduler_reconciles_on_every_pass(org, capsys):
    delivery = stuck(org.asisten2, Delivery.Channel.EMAIL)

    with time_machine.travel(CLAIMED + dt.timedelta(hours=1), tick=False):
        call_command("scheduler", "--once")

    assert state(delivery)[0] == Delivery.Status.FAILED
    assert "1 failed" in capsys.readouterr().out
