"""Tell people something: the one entry point every app uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from django.db import transaction

from tuntas.notifications.models import Delivery, DeliveryAttachment, Notification
from tuntas.org.models import Person

# Set while loading demo data: the inbox is filled, but nobody is emailed.
_emails_paused: ContextVar[bool] = ContextVar("tuntas_emails_paused", default=False)


@contextmanager
def emails_paused() -> Iterator[None]:
    """Store in-app notifications only, without emailing anyone (for demo and seed data)."""
    token = _emails_paused.set(True)
    try:
        yield
    finally:
        _emails_paused.reset(token)


@dataclass(frozen=True)
class Attachment:
    """A file to send along with an email."""

    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


def notification_send(
    *,
    recipients: Iterable[Person],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    attachments: Sequence[Attachment] = (),
    email: bool = True,
) -> list[Notification]:
    """Store an in-app notification for each recipient and queue its email for the worker.

    The email is handed to the task queue only after the surrounding transaction commits, so
    a rolled-back action never tells anyone anything, and the web request never waits on SMTP.
    """
    from tuntas.notifications.tasks import deliver_email

    created: list[Notification] = []
    with transaction.atomic():
        for person in {p.pk: p for p in recipients}.values():
            if not person.is_active:
                continue
            notification = Notification.objects.create(
                recipient=person, kind=kind, title=title, body=body, url=url
            )
            created.append(notification)
            if not email or _emails_paused.get():
                continue
            delivery = Delivery.objects.create(
                notification=notification,
                channel=Delivery.Channel.EMAIL,
                address=person.email,
                status=Delivery.Status.QUEUED if person.email else Delivery.Status.SKIPPED,
                last_error="" if person.email else "no email address",
            )
            if not person.email:
                continue
            DeliveryAttachment.objects.bulk_create(
                DeliveryAttachment(
                    delivery=delivery,
                    filename=a.filename,
                    content_type=a.content_type,
                    content=a.content,
                )
                for a in attachments
            )
            transaction.on_commit(partial(deliver_email.enqueue, delivery.pk))
    return created
