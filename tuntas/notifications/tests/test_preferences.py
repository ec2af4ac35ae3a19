"""Notification preferences: defaults, and notification_send choosing channels by them."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tuntas.notifications.models import (
    Delivery,
    NotificationPreference,
    channel_default,
    kind_group,
)
from tuntas.notifications.services import notification_send, preferences_for
from tuntas.notifications.tests.factories import delivery_ids, queued_whatsapps

pytestmark = pytest.mark.django_db

GATEWAY = override_settings(WHATSAPP_GATEWAY_URL="http://127.0.0.1:9/send")


def channels(notification):
    return {d.channel: d for d in notification.deliveries.all()}


def with_phone(person, phone="081234567890"):
    person.phone = phone
    person.save()
    return person


@pytest.mark.parametrize(
    ("kind", "group"),
    [
        ("issues.escalated", "issues"),
        ("meetings.invited", "meetings"),
        ("plans.realisation_due", "plans"),
        ("org.role_assigned", "org"),
        ("digest.weekly", "digest"),
        ("unknown.thing", None),
    ],
)
def test_a_kind_belongs_to_the_group_of_its_prefix(kind, group):
    assert kind_group(kind) == group


def test_by_default_email_carries_everything_and_whatsapp_only_urgent_kinds():
    assert channel_default("issues.created", "email")
    assert channel_default("digest.weekly", "email")
    assert channel_default("issues.escalated", "whatsapp")
    assert channel_default("meetings.reminder", "whatsapp")
    assert not channel_default("issues.created", "whatsapp")
    assert not channel_default("digest.weekly", "whatsapp")


def test_the_profile_shows_the_defaults_for_a_person_who_chose_nothing(org):
    rows = {row.group: (row.email, row.whatsapp) for row in preferences_for(org.asisten2)}

    assert rows == {
        "issues": (True, True),
        "meetings": (True, True),
        "plans": (True, False),
        "org": (True, False),
        "digest": (True, False),
    }


@GATEWAY
def test_an_urgent_kind_goes_by_email_and_whatsapp(org, django_capture_on_commit_callbacks):
    with_phone(org.asisten2, "0812-3456-7890")

    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notification_send(
            recipients=[org.asisten2], kind="issues.escalated", title="Eskalasi"
        )

    sent = channels(notification)
    assert set(sent) == {"email", "whatsapp"}
    assert sent["whatsapp"].address == "6281234567890"
    assert sent["whatsapp"].status == Delivery.Status.QUEUED
    assert delivery_ids(queued_whatsapps()) == [sent["whatsapp"].pk]


@GATEWAY
def test_an_ordinary_kind_goes_by_email_only(org):
    with_phone(org.asisten2)

    [notification] = notification_send(
        recipients=[org.asisten2], kind="issues.created", title="Isu baru"
    )

    assert set(channels(notification)) == {"email"}


def test_no_whatsapp_without_a_gateway(org):
    with_phone(org.asisten2)

    [notification] = notification_send(
        recipients=[org.asisten2], kind="issues.escalated", title="Eskalasi"
    )

    assert set(channels(notification)) == {"email"}


@GATEWAY
def test_a_person_who_turned_whatsapp_off_gets_none(org, django_capture_on_commit_callbacks):
    with_phone(org.asisten2)
    NotificationPreference.objects.create(
        person=org.asisten2, kind_group="issues", channel="whatsapp", enabled=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notification_send(
            recipients=[org.asisten2], kind="issues.escalated", title="Eskalasi"
        )

    assert set(channels(notification)) == {"email"}
    assert queued_whatsapps() == []


@GATEWAY
def test_a_person_who_turned_whatsapp_on_gets_ordinary_kinds_too(org):
    with_phone(org.asisten2)
    NotificationPreference.objects.create(
        person=org.asisten2, kind_group="plans", channel="whatsapp", enabled=True
    )

    [notification] = notification_send(
        recipients=[org.asisten2], kind="plans.realisation_due", title="Belum lapor"
    )

    assert set(channels(notification)) == {"email", "whatsapp"}


def test_a_person_who_turned_email_off_gets_the_inbox_only(org):
    NotificationPreference.objects.create(
        person=org.asisten2, kind_group="digest", channel="email", enabled=False
    )

    [notification] = notification_send(
        recipients=[org.asisten2], kind="digest.weekly", title="Ringkasan mingguan"
    )

    assert channels(notification) == {}


@GATEWAY
def test_a_person_without_a_mobile_number_gets_a_skipped_whatsapp(
    org, django_capture_on_commit_callbacks
):
    with_phone(org.asisten2, "(0752) 92052")  # a landline cannot receive WhatsApp

    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notification_send(
            recipients=[org.asisten2], kind="meetings.invited", title="Undangan rapat"
        )

    whatsapp = channels(notification)["whatsapp"]
    assert (whatsapp.status, whatsapp.address) == ("skipped", "")
    assert whatsapp.last_error == "no mobile number"
    assert queued_whatsapps() == []


@GATEWAY
def test_preferences_are_read_in_one_query_for_all_recipients(org):
    people = [org.asisten2, org.sekda, org.kadis_pupr, org.pupr_operator]
    NotificationPreference.objects.create(
        person=org.sekda, kind_group="issues", channel="whatsapp", enabled=False
    )

    with CaptureQueriesContext(connection) as queries:
        notification_send(recipients=people, kind="issues.escalated", title="Eskalasi")

    reads = [q for q in queries if "notificationpreference" in q["sql"]]
    assert len(reads) == 1
