"""WhatsApp messages: their text, and the channel that carries them (gateway, file, console)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from tuntas.notifications.models import Delivery

BACKENDS = ("gateway", "file", "console", "off")


class PermanentFailure(Exception):
    """A refusal that retrying cannot fix, such as a gateway's 4xx answer."""


def whatsapp_backend() -> str:
    """Return the channel in use: as set, else the gateway if configured, else a file in DEBUG."""
    chosen: str = settings.WHATSAPP_BACKEND
    if chosen:
        if chosen not in BACKENDS:
            raise ImproperlyConfigured(f"WHATSAPP_BACKEND must be one of {', '.join(BACKENDS)}")
        return chosen
    if settings.WHATSAPP_GATEWAY_URL:
        return "gateway"
    # On a developer's machine messages land in a file to read, never on real phones.
    return "file" if settings.DEBUG else "off"


def whatsapp_enabled() -> bool:
    return whatsapp_backend() != "off"


def idempotency_key(delivery: Delivery) -> str:
    """Return the delivery's stable key: a gateway that honours it never sends a resend twice."""
    return f"tuntas-{delivery.pk}"


def whatsapp_text(delivery: Delivery) -> str:
    """Return the short WhatsApp message: title, body and link."""
    notification = delivery.notification
    body = notification.body
    if len(body) > 1000:
        body = body[:999].rstrip() + "…"
    link = f"{settings.SITE_URL}{notification.url}" if notification.url else ""
    return "\n".join(part for part in (f"*{notification.title}*", body, link) if part)


def whatsapp_payload(phone: str, message: str, key: str = "") -> bytes:
    """Fill the gateway's JSON template with JSON-escaped values."""

    def escaped(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)[1:-1]

    template: str = settings.WHATSAPP_PAYLOAD
    filled = (
        template.replace("{phone}", escaped(phone))
        .replace("{message}", escaped(message))
        .replace("{key}", escaped(key))
    )
    return filled.encode("utf-8")


def _post_to_gateway(delivery: Delivery, key: str, message: str) -> None:
    url = settings.WHATSAPP_GATEWAY_URL
    if not url:
        raise PermanentFailure("the WhatsApp gateway is not configured")
    request = urllib.request.Request(  # noqa: S310 (the URL is the operator's setting)
        url,
        data=whatsapp_payload(delivery.address, message, key),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
        method="POST",
    )
    if settings.WHATSAPP_TOKEN:
        # Indonesian gateways (Fonnte, Wablas, …) take the bare token as the Authorization value.
        request.add_header("Authorization", settings.WHATSAPP_TOKEN)
    try:
        with urllib.request.urlopen(request, timeout=settings.WHATSAPP_TIMEOUT) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as exc:
        # 4xx: the gateway refuses this message (bad number, bad token); sending it again
        # would be refused again. 5xx: the gateway is unwell, so try again later.
        detail = exc.read()[:500].decode("utf-8", "replace")
        if 400 <= exc.code < 500:
            raise PermanentFailure(f"HTTP {exc.code}: {detail}") from exc
        raise


def _record(key: str, phone: str, message: str) -> str:
    return json.dumps(
        {
            "at": timezone.now().isoformat(timespec="seconds"),
            "key": key,
            "phone": phone,
            "message": message,
        },
        ensure_ascii=False,
    )


def whatsapp_send(delivery: Delivery) -> None:
    """Send one WhatsApp delivery through the configured channel, or raise."""
    backend = whatsapp_backend()
    key = idempotency_key(delivery)
    message = whatsapp_text(delivery)
    if backend == "gateway":
        _post_to_gateway(delivery, key, message)
    elif backend == "file":
        path = Path(settings.WHATSAPP_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as outbox:
            outbox.write(_record(key, delivery.address, message) + "\n")
    elif backend == "console":
        sys.stdout.write(f"WhatsApp → {delivery.address} [{key}]\n{message}\n{'-' * 40}\n")
        sys.stdout.flush()
    else:
        raise PermanentFailure("WhatsApp is turned off (WHATSAPP_BACKEND=off)")


def stale_before(now: dt.datetime) -> dt.datetime:
    """Return the claim time before which a delivery still `sending` belongs to a dead worker."""
    return now - dt.timedelta(seconds=settings.NOTIFY_SENDING_TIMEOUT)
