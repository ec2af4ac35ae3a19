"""notification_send: the inbox row, the email delivery, and the email task after commit."""

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import task_backends

from tuntas.notifications.models import Delivery, DeliveryAttachment, Notification
from tuntas.notifications.services import Attachment, notification_send
from tuntas.notifications.tests.factories import delivery_ids, queued_emails
from tuntas.testing.personas import make_person

pytestmark = pytest.mark.django_db


def send(recipients, **kwargs):
    kwargs.setdefault("kind", "issues.escalated")
    kwargs.setdefault("title", "Isu dieskalasi ke Sekda")
    return notification_send(recipients=recipients, **kwargs)


def test_it_stores_one_notification_per_distinct_recipient(org):
    created = send(
        [org.asisten2, org.pupr_operator, org.asisten2],
        body="Jalan Sudirman rusak",
        url="/issues/7/",
    )

    assert len(created) == 2
    assert {n.recipient for n in created} == {org.asisten2, org.pupr_operator}
    assert Notification.objects.count() == 2
    stored = Notification.objects.get(recipient=org.asisten2)
    assert (stored.kind, stored.title, stored.body, stored.url) == (
        "issues.escalated",
        "Isu dieskalasi ke Sekda",
        "Jalan Sudirman rusak",
        "/issues/7/",
    )
    assert stored.read_at is None


def test_it_queues_one_email_delivery_per_notification(org):
    created = send([org.asisten2, org.pdam_partner])

    for notification in created:
        [delivery] = notification.deliveries.all()
        assert delivery.channel == Delivery.Channel.EMAIL
        assert delivery.status == Delivery.Status.QUEUED
        assert delivery.address == notification.recipient.email
        assert delivery.attempts == 0
        assert delivery.last_error == ""


def test_it_skips_the_email_of_a_person_without_an_address(org, django_capture_on_commit_callbacks):
    no_email = make_person("tanpa.surel", email="")

    with django_capture_on_commit_callbacks(execute=True):
        [notification] = send([no_email])

    [delivery] = notification.deliveries.all()
    assert delivery.status == Delivery.Status.SKIPPED
    assert delivery.address == ""
    assert delivery.last_error == "no email address"
    assert queued_emails() == []


def test_it_stores_the_attachments_with_the_delivery(org):
    letter = Attachment("surat.pdf", b"%PDF-1.7 surat", "application/pdf")
    invite = Attachment("rapat.ics", b"BEGIN:VCALENDAR")

    [notification] = send([org.asisten2], attachments=[letter, invite])

    delivery = notification.deliveries.get()
    stored = {a.filename: a for a in delivery.attachments.all()}
    assert set(stored) == {"surat.pdf", "rapat.ics"}
    assert bytes(stored["surat.pdf"].content) == b"%PDF-1.7 surat"
    assert stored["surat.pdf"].content_type == "application/pdf"
    assert stored["rapat.ics"].content_type == "application/octet-stream"


def test_it_enqueues_the_email_only_after_commit(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        created = send([org.asisten2, org.pupr_operator])
        assert queued_emails() == []

    assert len(callbacks) == 2
    assert queued_emails() == []
    for callback in callbacks:
        callback()
    tasks = queued_emails()
    expected = {n.deliveries.get().pk for n in created}
    assert sorted(delivery_ids(tasks)) == sorted(expected)
    assert {t.queue_name for t in tasks} == {"email"}


# The database queue would roll back with the transaction anyway; an outside queue would not,
# so this test uses a backend that keeps what it was given.
@override_settings(
    TASKS={
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "email"],
        }
    }
)
def test_it_enqueues_nothing_when_the_transaction_rolls_back(
    org, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send([org.asisten2])
        raise RuntimeError("the action failed after telling people")

    assert callbacks == []
    assert task_backends["default"].results == []
    assert Notification.objects.count() == 0
    assert Delivery.objects.count() == 0


def test_inactive_people_get_nothing(org, django_capture_on_commit_callbacks):
    org.pupr_operator.is_active = False
    org.pupr_operator.save()

    with django_capture_on_commit_callbacks(execute=True):
        created = send([org.pupr_operator, org.asisten2])

    assert [n.recipient for n in created] == [org.asisten2]
    assert not Notification.objects.filter(recipient=org.pupr_operator).exists()
    assert not Delivery.objects.filter(notification__recipient=org.pupr_operator).exists()
    assert delivery_ids(queued_emails()) == [created[0].deliveries.get().pk]


def test_without_email_it_creates_no_delivery(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = send([org.asisten2], email=False, attachments=[Attachment("surat.pdf", b"%PDF")])

    assert len(created) == 1
    assert Delivery.objects.count() == 0
    assert DeliveryAttachment.objects.count() == 0
    assert callbacks == []
    assert queued_emails() == []


def test_paused_emails_fill_the_inbox_but_queue_no_email(org):
    from tuntas.notifications.models import Delivery, Notification
    from tuntas.notifications.services import emails_paused, notification_send

    with emails_paused():
        notification_send(recipients=[org.asisten2], kind="demo.test", title="Contoh")
    assert Notification.objects.filter(recipient=org.asisten2, kind="demo.test").count() == 1
    assert not Delivery.objects.exists()
    notification_send(recipients=[org.asisten2], kind="demo.test", title="Sungguhan")
    assert Delivery.objects.count() == 1
