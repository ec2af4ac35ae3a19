"""The WhatsApp channel: the gateway, a file or the console for development, or off."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from tuntas.notifications.models import Delivery
from tuntas.notifications.services import notification_send
from tuntas.notifications.tasks import deliver_whatsapp
from tuntas.notifications.whatsapp import whatsapp_backend

pytestmark = pytest.mark.django_db


def queue(person):
    person.phone = "0812-3456-7890"
    person.save()
    [notification] = notification_send(
        recipients=[person], kind="issues.escalated", title="Isu dieskalasi ke Sekda", url="/x/"
    )
    return notification.deliveries.filter(channel=Delivery.Channel.WHATSAPP).first()


@pytest.mark.parametrize(
    ("backend", "url", "debug", "expected"),
    [
        ("", "", False, "off"),
        ("", "", True, "file"),
        ("", "http://gw.test/send", False, "gateway"),
        ("", "http://gw.test/send", True, "gateway"),
        ("console", "http://gw.test/send", False, "console"),
        ("off", "http://gw.test/send", True, "off"),
    ],
)
def test_the_backend_follows_the_settings(settings, backend, url, debug, expected):
    settings.WHATSAPP_BACKEND = backend
    settings.WHATSAPP_GATEWAY_URL = url
    settings.DEBUG = debug
    assert whatsapp_backend() == expected


def test_an_unknown_backend_is_refused(settings):
    settings.WHATSAPP_BACKEND = "telegram"
    with pytest.raises(ImproperlyConfigured):
        whatsapp_backend()


def test_the_file_channel_appends_one_json_line_per_message(org, settings, tmp_path):
    settings.WHATSAPP_BACKEND = "file"
    settings.WHATSAPP_FILE_PATH = str(tmp_path / "wa" / "outbox.jsonl")
    first, second = queue(org.asisten2), queue(org.sekda)

    assert deliver_whatsapp.call(first.pk) == "sent"
    assert deliver_whatsapp.call(second.pk) == "sent"
    assert deliver_whatsapp.call(first.pk) == "skipped"

    lines = [
        json.loads(line) for line in (tmp_path / "wa" / "outbox.jsonl").read_text().splitlines()
    ]
    assert [line["key"] for line in lines] == [f"tuntas-{first.pk}", f"tuntas-{second.pk}"]
    assert lines[0]["phone"] == "6281234567890"
    assert lines[0]["message"].startswith("*Isu dieskalasi ke Sekda*")


def test_the_console_channel_prints_the_message(org, settings, capsys):
    settings.WHATSAPP_BACKEND = "console"
    delivery = queue(org.asisten2)

    assert deliver_whatsapp.call(delivery.pk) == "sent"

    out = capsys.readouterr().out
    assert "6281234567890" in out
    assert "*Isu dieskalasi ke Sekda*" in out


def test_with_whatsapp_off_no_delivery_is_made(org, settings):
    settings.WHATSAPP_BACKEND = "off"
    settings.WHATSAPP_GATEWAY_URL = "http://gw.test/send"
    assert queue(org.asisten2) is None


@override_settings(WHATSAPP_PAYLOAD='{"to": "{phone}", "text": "{message}", "ref_id": "{key}"}')
def test_the_gateway_gets_the_idempotency_key_in_header_and_payload(org, gateway):
    delivery = queue(org.asisten2)

    assert deliver_whatsapp.call(delivery.pk) == "sent"

    [received] = gateway.received
    assert received.headers["idempotency-key"] == f"tuntas-{delivery.pk}"
    assert received.json()["ref_id"] == f"tuntas-{delivery.pk}"
