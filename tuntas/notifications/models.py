"""Notifications: what a person was told, and every delivery of it through a channel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def for_person(self, person: object) -> NotificationQuerySet:
        return self.filter(recipient=person)


class Notification(models.Model):
    """A message in one person's in-app inbox (the bell)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=60, help_text=_("e.g. org.role_assigned"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return self.title

    def mark_read(self) -> None:
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])


class Delivery(models.Model):
    """One notification sent to its recipient through one channel, with its attempts."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        WHATSAPP = "whatsapp", _("WhatsApp")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed by a worker at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One delivery per notification and channel: a retry reuses it, never duplicates it.
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="delivery_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address} ({self.get_status_display()})"

    def requeue(self) -> bool:
        """Put a failed delivery back in the queue with fresh attempts; refuse any other status."""
        requeued = Delivery.objects.filter(pk=self.pk, status=Delivery.Status.FAILED).update(
            status=Delivery.Status.QUEUED, attempts=0, last_error=""
        )
        if requeued:
            self.refresh_from_db()
        return bool(requeued)


class DeliveryAttachment(models.Model):
    """A file sent with a delivery, such as a letter PDF or an .ics invitation."""

    delivery = models.ForeignKey(
        Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


class KindGroup(models.TextChoices):
    """The families of notification kinds a person sets preferences for."""

    ISSUES = "issues", _("Issues and requests")
    MEETINGS = "meetings", _("Meetings")
    PLANS = "plans", _("Work plans")
    ORG = "org", _("Organisation and roles")
    DIGEST = "digest", _("Weekly digest")


# Kinds that reach people on WhatsApp unless they turned it off.
URGENT_KINDS = frozenset(
    {
        "issues.escalated",
        "issues.escalation_proposed",
        "issues.request_added",
        "issues.request_due",
        "issues.request_overdue",
        "meetings.invited",
        "meetings.cancelled",
        "meetings.rescheduled",
        "meetings.action_due",
        "meetings.action_overdue",
        "meetings.reminder",
    }
)


def kind_group(kind: str) -> str | None:
    """Return the preference group of a notification kind such as issues.escalated."""
    prefix = kind.split(".", 1)[0]
    return prefix if prefix in KindGroup.values else None


def channel_default(kind: str, channel: str) -> bool:
    """Whether a kind goes out through a channel for a person who set nothing."""
    if channel == Delivery.Channel.WHATSAPP:
        return kind in URGENT_KINDS
    return True


def group_default(group: str, channel: str) -> bool:
    """Whether a group's checkbox starts ticked: WhatsApp only where the group has urgent kinds."""
    if channel == Delivery.Channel.WHATSAPP:
        return any(kind_group(kind) == group for kind in URGENT_KINDS)
    return True


class NotificationPreference(models.Model):
    """A person's choice to receive, or not, one group of notifications through one channel."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind_group = models.CharField(
        _("notifications about"), max_length=10, choices=KindGroup.choices
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Delivery.Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind_group", "channel"], name="notification_preference_once"
            )
        ]

    def __str__(self) -> str:
        state = "on" if self.enabled else "off"
        return f"{self.person} · {self.kind_group} · {self.channel}: {state}"
