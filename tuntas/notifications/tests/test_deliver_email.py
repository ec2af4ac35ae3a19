"""deliver_email: send a queued delivery once, retry on failure, give up in the end."""

import datetime as dt
import smtplib
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation

from tuntas.notifications.models import Delivery
from tuntas.notifications.services import Attachment, notification_send
from tuntas.notifications.tasks import deliver_email
from tuntas.notifications.tests.factories import delivery_ids, queued_emails

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def queued_delivery(person, **kwargs):
    """Queue one email delivery; its task is never enqueued because the test never commits."""
    kwargs.setdefault("kind", "issues.escalated")
    kwargs.setdefault("title", "Isu dieskalasi ke Sekda")
    [notification] = notification_send(recipients=[person], **kwargs)
    return notification.deliveries.get()


def server_disconnects():
    return mock.patch.object(
        EmailMultiAlternatives,
        "send",
        side_effect=smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    )


def test_it_sends_the_email_with_subject_body_and_attachment(org):
    delivery = queued_delivery(
        org.asisten2,
        body="Jalan Sudirman rusak berat.",
        attachments=[Attachment("surat.pdf", b"%PDF-1.7 surat", "application/pdf")],
    )

    assert deliver_email.call(delivery.pk) == "sent"

    [message] = mail.outbox
    assert message.to == [org.asisten2.email]
    assert message.subject == "[Tuntas] Isu dieskalasi ke Sekda"
    assert "Jalan Sudirman rusak berat." in message.body
    assert message.attachments == [("surat.pdf", b"%PDF-1.7 surat", "application/pdf")]
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Isu dieskalasi ke Sekda" in html


def test_it_marks_the_delivery_sent(org):
    delivery = queued_delivery(org.asisten2)

    with time_machine.travel(NOW, tick=False):
        deliver_email.call(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.sent_at == NOW
    assert delivery.attempts == 1


@override_settings(SITE_URL="https://tuntas.payakumbuhkota.go.id")
def test_the_link_is_built_from_site_url(org):
    delivery = queued_delivery(org.asisten2, url="/issues/7/")

    deliver_email.call(delivery.pk)

    [message] = mail.outbox
    link = "https://tuntas.payakumbuhkota.go.id/issues/7/"
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]


def test_running_it_twice_sends_one_email(org):
    delivery = queued_delivery(org.asisten2)

    assert deliver_email.call(delivery.pk) == "sent"
    assert deliver_email.call(delivery.pk) == "skipped"

    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1


@pytest.mark.parametrize("status", ["sending", "sent", "failed", "skipped"])
def test_it_skips_a_delivery_that_is_not_queued(org, status):
    delivery = queued_delivery(org.asisten2)
    Delivery.objects.filter(pk=delivery.pk).update(status=status, sent_at=NOW)

    assert deliver_email.call(delivery.pk) == "skipped"

    assert mail.outbox == []


def test_a_failing_server_is_recorded_and_retried_later(org, django_capture_on_commit_callbacks):
    delivery = queued_delivery(org.asisten2)

    with (
        time_machine.travel(NOW, tick=False),
        server_disconnects(),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert deliver_email.call(delivery.pk) == "retry"

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.QUEUED
    assert delivery.attempts == 1
    assert delivery.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert delivery.sent_at is None
    [retry] = queued_emails()
    assert delivery_ids([retry]) == [delivery.pk]
    assert retry.queue_name == "email"
    assert retry.run_after == NOW + dt.timedelta(minutes=1)


def test_each_retry_waits_twice_as_long(org, django_capture_on_commit_callbacks):
    delivery = queued_delivery(org.asisten2)
    Delivery.objects.filter(pk=delivery.pk).update(attempts=2)

    with (
        time_machine.travel(NOW, tick=False),
        server_disconnects(),
        django_capture_on_commit_callbacks(execute=True),
    ):
        deliver_email.call(delivery.pk)

    [retry] = queued_emails()
    assert retry.run_after == NOW + dt.timedelta(minutes=4)


@override_settings(NOTIFY_EMAIL_MAX_ATTEMPTS=3)
def test_it_gives_up_after_the_last_attempt(org, django_capture_on_commit_callbacks):
    delivery = queued_delivery(org.asisten2)

    with server_disconnects(), django_capture_on_commit_callbacks(execute=True):
        outcomes = [deliver_email.call(delivery.pk) for _ in range(4)]

    assert outcomes == ["retry", "retry", "failed", "skipped"]
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 3
    assert "SMTPServerDisconnected" in delivery.last_error
    assert len(queued_emails()) == 2


def test_it_sends_after_a_failed_attempt(org, django_capture_on_commit_callbacks):
    delivery = queued_delivery(org.asisten2)
    with server_disconnects(), django_capture_on_commit_callbacks(execute=True):
        deliver_email.call(delivery.pk)

    assert deliver_email.call(delivery.pk) == "sent"

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")
    assert len(mail.outbox) == 1


def test_it_writes_in_english_to_a_person_who_chose_english(org):
    org.asisten2.language = "en"
    org.asisten2.save()
    delivery = queued_delivery(org.asisten2, url="/issues/7/")

    deliver_email.call(delivery.pk)

    [message] = mail.outbox
    assert "Dear Ir. Dafrul Pasi, M.T.," in message.body
    assert "Open in Tuntas:" in message.body
    assert "Isu dieskalasi ke Sekda" in message.subject


@pytest.mark.parametrize("language", ["en", "id"])
def test_it_renders_in_the_recipients_language(org, language):
    org.asisten2.language = language
    org.asisten2.save()
    delivery = queued_delivery(org.asisten2)
    seen = []

    def spy(*args, **kwargs):
        seen.append(translation.get_language())
        return render_to_string(*args, **kwargs)

    other = "id" if language == "en" else "en"
    with (
        translation.override(other),
        mock.patch("tuntas.notifications.tasks.render_to_string", spy),
    ):
        deliver_email.call(delivery.pk)

    assert seen == [language, language]
    [message] = mail.outbox
    assert "Isu dieskalasi ke Sekda" in message.subject
