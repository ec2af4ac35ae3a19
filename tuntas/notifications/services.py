"""Tell people something: the one entry point every app uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from tuntas.lib.phone import normalise_msisdn
from tuntas.notifications.models import (
    Delivery,
    DeliveryAttachment,
    KindGroup,
    Notification,
    NotificationPreference,
    channel_default,
    group_default,
    kind_group,
)
from tuntas.notifications.whatsapp import stale_before, whatsapp_backend, whatsapp_enabled
from tuntas.org.models import Person

OPTIONAL_CHANNELS = (Delivery.Channel.EMAIL, Delivery.Channel.WHATSAPP)

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


def _wanted(people: list[Person], kind: str) -> dict[tuple[int, str], bool]:
    """Return whether each person wants this kind by email and WhatsApp, in one query."""
    group = kind_group(kind)
    chosen: dict[tuple[int, str], bool] = {}
    if group is not None and people:
        rows = NotificationPreference.objects.filter(
            person__in=[p.pk for p in people], kind_group=group
        ).values_list("person_id", "channel", "enabled")
        chosen = {(person_id, channel): enabled for person_id, channel, enabled in rows}
    return {
        (p.pk, channel): chosen.get((p.pk, channel), channel_default(kind, channel))
        for p in people
        for channel in OPTIONAL_CHANNELS
    }


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
    """Store an in-app notification for each recipient and queue its email and WhatsApp.

    Deliveries are handed to the task queue only after the surrounding transaction commits, so
    a rolled-back action never tells anyone anything, and the web request never waits on SMTP
    or the gateway. Each person's preferences choose the channels beyond the inbox.
    """
    from tuntas.notifications.tasks import deliver_email, deliver_whatsapp

    people = [p for p in {p.pk: p for p in recipients}.values() if p.is_active]
    outbound = not _emails_paused.get()
    wanted = _wanted(people, kind) if outbound else {}
    whatsapp_on = whatsapp_enabled()
    created: list[Notification] = []
    with transaction.atomic():
        for person in people:
            notification = Notification.objects.create(
                recipient=person, kind=kind, title=title, body=body, url=url
            )
            created.append(notification)
            if not outbound:
                continue
            if whatsapp_on and wanted[person.pk, Delivery.Channel.WHATSAPP]:
                phone = normalise_msisdn(person.phone)
                whatsapp = Delivery.objects.create(
                    notification=notification,
                    channel=Delivery.Channel.WHATSAPP,
                    address=phone or "",
                    status=Delivery.Status.QUEUED if phone else Delivery.Status.SKIPPED,
                    last_error="" if phone else "no mobile number",
                )
                if phone:
                    transaction.on_commit(partial(deliver_whatsapp.enqueue, whatsapp.pk))
            if not email or not wanted[person.pk, Delivery.Channel.EMAIL]:
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


@dataclass(frozen=True)
class PreferenceRow:
    """One group on the profile page with its email and WhatsApp checkboxes."""

    group: str
    label: str
    email: bool
    whatsapp: bool


def preference_field(group: str, channel: str) -> str:
    return f"pref-{group}-{channel}"


def preferences_ticked(data: Mapping[str, object]) -> set[tuple[str, str]]:
    """Return the (group, channel) pairs whose checkbox is in the submitted form data."""
    return {
        (group, channel)
        for group in KindGroup.values
        for channel in OPTIONAL_CHANNELS
        if preference_field(group, channel) in data
    }


def preferences_for(person: Person) -> list[PreferenceRow]:
    """Return the person's effective choice for every group and optional channel."""
    chosen = {(p.kind_group, p.channel): p.enabled for p in person.notification_preferences.all()}

    def on(group: str, channel: str) -> bool:
        return chosen.get((group, channel), group_default(group, channel))

    return [
        PreferenceRow(
            group=group,
            label=str(label),
            email=on(group, Delivery.Channel.EMAIL),
            whatsapp=on(group, Delivery.Channel.WHATSAPP),
        )
        for group, label in KindGroup.choices
    ]


def preferences_save(*, person: Person, ticked: set[tuple[str, str]]) -> None:
    """Store the ticked (group, channel) pairs; a box left at its default keeps no row.

    Keeping no row for a default keeps its meaning: WhatsApp ticked for issues means urgent
    issues only, as for anyone who never opened the page.
    """
    with transaction.atomic():
        for group in KindGroup.values:
            for channel in OPTIONAL_CHANNELS:
                enabled = (group, channel) in ticked
                if enabled == group_default(group, channel):
                    NotificationPreference.objects.filter(
                        person=person, kind_group=group, channel=channel
                    ).delete()
                else:
                    NotificationPreference.objects.update_or_create(
                        person=person,
                        kind_group=group,
                        channel=channel,
                        defaults={"enabled": enabled},
                    )


# Kept in English like the other delivery errors: it is for the operator's log, not the user.
UNKNOWN_OUTCOME = (
    "The worker stopped while sending; the message may already have arrived. "
    "Check with the recipient before resending."
)


def deliveries_reconcile(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Settle deliveries whose worker died mid-send; return how many were requeued and failed.

    Nobody knows whether such a message went out. Where the gateway drops a repeated
    Idempotency-Key, sending it again is safe and it is requeued. Anywhere else (email, a
    gateway without that promise) it is marked failed with that doubt, for the admin to check
    and resend: a message sent twice is the one thing this module never does on its own.
    """
    from tuntas.notifications.tasks import deliver_whatsapp

    now = now or timezone.now()
    stale = Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=stale_before(now)
    )
    requeued = 0
    if settings.WHATSAPP_GATEWAY_DEDUPES and whatsapp_backend() == "gateway":
        for pk in stale.filter(channel=Delivery.Channel.WHATSAPP).values_list("pk", flat=True):
            with transaction.atomic():
                # Conditional on the same state, so two schedulers never requeue it twice.
                if stale.filter(pk=pk).update(status=Delivery.Status.QUEUED):
                    transaction.on_commit(partial(deliver_whatsapp.enqueue, pk))
                    requeued += 1
    failed = stale.update(status=Delivery.Status.FAILED, last_error=UNKNOWN_OUTCOME)
    return requeued, failed


Row = TypeVar("Row", bound=models.Model)


def remind_once(
    rows: QuerySet[Row], *, stamp: str, now: dt.datetime, send: Callable[[Row], None]
) -> int:
    """Stamp each row's `stamp` field and send its reminder, skipping rows already stamped.

    Only the run that stamps a row sends, in the same transaction, so two sweeps at once (or
    one run twice) never remind twice, and a failed send leaves the row unstamped.
    """
    count = 0
    for row in rows.filter(**{f"{stamp}__isnull": True}):
        with transaction.atomic():
            stamped = (
                type(row)
                ._default_manager.filter(pk=row.pk, **{f"{stamp}__isnull": True})
                .update(**{stamp: now})
            )
            if stamped:
                send(row)
                count += 1
    return count
