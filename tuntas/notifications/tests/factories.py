"""Plain factory functions and queue probes shared by the notification tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tuntas.notifications.models import Notification
from tuntas.org.models import Person

DELIVER_EMAIL = "tuntas.notifications.tasks.deliver_email"


def make_notification(
    recipient: Person,
    *,
    title: str = "Isu baru",
    body: str = "",
    url: str = "",
    read: bool = False,
    created_at: dt.datetime | None = None,
) -> Notification:
    """Create one notification in a person's inbox, read or unread."""
    now = timezone.now()
    return Notification.objects.create(
        recipient=recipient,
        kind="issues.created",
        title=title,
        body=body,
        url=url,
        created_at=created_at or now,
        read_at=now if read else None,
    )


def queued_emails() -> list[DBTaskResult]:
    """Return the deliver_email tasks waiting in the database queue, oldest first."""
    return list(DBTaskResult.objects.filter(task_path=DELIVER_EMAIL).order_by("enqueued_at"))


def delivery_ids(tasks: list[DBTaskResult]) -> list[int]:
    return [task.args_kwargs["args"][0] for task in tasks]


DELIVER_WHATSAPP = "tuntas.notifications.tasks.deliver_whatsapp"


def queued_whatsapps() -> list[DBTaskResult]:
    """Return the deliver_whatsapp tasks waiting in the database queue, oldest first."""
    return list(DBTaskResult.objects.filter(task_path=DELIVER_WHATSAPP).order_by("enqueued_at"))
