"""Background sending of notifications, run by the task worker."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from django_tasks.base import Task

from tuntas.notifications.models import Delivery
from tuntas.notifications.whatsapp import PermanentFailure, whatsapp_send
from tuntas.org.models import Government

log = logging.getLogger(__name__)


def _backoff(attempt: int) -> dt.timedelta:
    """Wait 1, 2, 4, 8 … minutes between attempts, at most an hour."""
    return dt.timedelta(minutes=min(2 ** (attempt - 1), 60))


def _build_message(delivery: Delivery) -> EmailMultiAlternatives:
    notification = delivery.notification
    person = notification.recipient
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "person": person,
            "government": Government.current(),
            "link": f"{settings.SITE_URL}{notification.url}" if notification.url else "",
        }
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
    message = EmailMultiAlternatives(
        subject=f"[Tuntas] {notification.title}", body=text, to=[delivery.address]
    )
    message.attach_alternative(html, "text/html")
    for attachment in delivery.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
    return message


def _attempt(
    delivery_id: int,
    *,
    send: Callable[[Delivery], None],
    retry_task: Task[[int], str],
    max_attempts: int,
) -> str:
    """Claim a queued delivery, send it once, and record success, a retry or giving up."""
    # Claim the delivery first in a short transaction: only one run can move it out of
    # QUEUED, and no database lock is held while the mail server or gateway is slow.
    # The claim time lets the scheduler find a delivery whose worker died mid-send.
    # The attempt is counted with the claim, so one cut short by a killed worker still counts.
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related("notification", "notification__recipient").get(
        pk=delivery_id
    )
    try:
        send(delivery)
    except Exception as exc:  # any SMTP or network failure: record it and try again later
        log.warning("%s delivery %s failed: %s", delivery.channel, delivery.pk, exc)
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        gave_up = isinstance(exc, PermanentFailure) or delivery.attempts >= max_attempts
        delivery.status = Delivery.Status.FAILED if gave_up else Delivery.Status.QUEUED
        with transaction.atomic():
            delivery.save(update_fields=["last_error", "status"])
            if not gave_up:
                run_after = timezone.now() + _backoff(delivery.attempts)
                transaction.on_commit(
                    lambda: retry_task.using(run_after=run_after).enqueue(delivery_id)
                )
        return "failed" if gave_up else "retry"
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.last_error = ""
    delivery.save(update_fields=["status", "sent_at", "last_error"])
    return "sent"


def _send_email(delivery: Delivery) -> None:
    _build_message(delivery).send()


@task(queue_name="email")
def deliver_email(delivery_id: int) -> str:
    """Send one queued email delivery; running it twice never sends twice."""
    return _attempt(
        delivery_id,
        send=_send_email,
        retry_task=deliver_email,
        max_attempts=settings.NOTIFY_EMAIL_MAX_ATTEMPTS,
    )


@task(queue_name="email")
def deliver_whatsapp(delivery_id: int) -> str:
    """Send one queued WhatsApp delivery through the gateway; running it twice never sends twice."""
    return _attempt(
        delivery_id,
        send=whatsapp_send,
        retry_task=deliver_whatsapp,
        max_attempts=settings.NOTIFY_WHATSAPP_MAX_ATTEMPTS,
    )


TASK_FOR_CHANNEL: dict[str, Task[[int], str]] = {
    Delivery.Channel.EMAIL: deliver_email,
    Delivery.Channel.WHATSAPP: deliver_whatsapp,
}


@task(queue_name="email")
def send_plain_email(subject: str, body: str, to: str) -> str:
    """Send a system email that is not an inbox notification (e.g. a password reset link)."""
    EmailMultiAlternatives(subject=subject, body=body, to=[to]).send()
    return "sent"
