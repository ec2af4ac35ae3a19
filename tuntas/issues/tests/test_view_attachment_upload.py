"""Adding photos and documents on the issue page."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.models import Attachment, Event, Policy
from tuntas.issues.tests.viewkit import (
    EXE,
    HTML,
    NOW,
    PDF,
    PNG,
    login_redirect,
    make_issue,
    messages_of,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(issue):
    return reverse("issues:attachment_upload", args=[issue.pk])


def files(*uploads):
    return {"attachments": list(uploads or [upload("lokasi.png")])}


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    issue = make_issue(org, "in_progress")

    assert login_redirect(client.post(url(issue), files()), url(issue))


@pytest.mark.parametrize("persona", ["bpn_partner", "dinsos_operator", "nobody"])
def test_outsiders_get_404(org, persona):
    issue = make_issue(org, "in_progress")

    assert org.client_for(getattr(org, persona)).post(url(issue), files()).status_code == 404
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("persona", ["sekda", "admin"])
def test_readers_get_403(org, persona):
    issue = make_issue(org, "in_progress")  # at the Asisten level: not Sekda's to handle

    assert org.client_for(getattr(org, persona)).post(url(issue), files()).status_code == 403
    assert not Attachment.objects.exists()


def test_nothing_is_added_to_a_closed_issue(org):
    issue = make_issue(org, "closed")

    assert org.client_for(org.pupr_operator).post(url(issue), files()).status_code == 403


def test_it_rejects_get(org):
    issue = make_issue(org, "in_progress")

    assert org.client_for(org.pupr_operator).get(url(issue)).status_code == 405


# --- uploading --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["pupr_operator", "bagekonomi_staff"])
def test_the_reporter_or_the_handler_attaches_files(org, persona):
    issue = make_issue(org, "in_progress")
    person = getattr(org, persona)

    response = org.client_for(person).post(
        url(issue), files(upload("lokasi.png"), upload("surat.pdf", PDF, "application/pdf"))
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])
    rows = list(issue.attachments.order_by("original_name"))
    assert [(a.original_name, a.content_type) for a in rows] == [
        ("lokasi.png", "image/png"),
        ("surat.pdf", "application/pdf"),
    ]
    assert all(a.uploaded_by == person and a.request is None for a in rows)
    event = issue.events.get(kind=Event.Kind.ATTACHED)
    assert (event.actor, sorted(event.data["files"])) == (person, ["lokasi.png", "surat.pdf"])
    assert messages_of(response) == ["Berkas telah dilampirkan."]


def test_the_sekda_attaches_once_the_issue_is_at_the_secretary_level(org):
    issue = make_issue(org, "secretary")

    assert org.client_for(org.sekda).post(url(issue), files()).status_code == 302
    assert issue.attachments.count() == 1


@pytest.mark.parametrize("content", [HTML, EXE])
def test_a_disguised_file_is_refused_with_the_reason(org, content):
    issue = make_issue(org, "in_progress")
    client = org.client_for(org.pupr_operator)

    response = client.post(url(issue), files(upload("foto.jpg", content, "image/jpeg")))

    assert response.status_code == 302
    assert messages_of(response) == ["foto.jpg bukan berkas foto, PDF, DOCX, atau XLSX."]
    assert not Attachment.objects.exists()
    assert not issue.events.filter(kind=Event.Kind.ATTACHED).exists()


def test_the_reason_is_shown_on_the_issue_page(org):
    issue = make_issue(org, "in_progress")

    response = org.client_for(org.pupr_operator).post(
        url(issue), files(upload("foto.jpg", HTML, "image/jpeg")), follow=True
    )

    assert "foto.jpg bukan berkas foto, PDF, DOCX, atau XLSX." in response.content.decode()


def test_a_file_too_large_is_refused(org):
    Policy.objects.update_or_create(pk=1, defaults={"max_attachment_mb": 1})
    issue = make_issue(org, "in_progress")
    big = PNG + b"\x00" * (1_153_434 - len(PNG))

    response = org.client_for(org.pupr_operator).post(url(issue), files(upload("besar.png", big)))

    assert messages_of(response) == ["besar.png lebih besar dari 1 MB."]
    assert not Attachment.objects.exists()


def test_sending_no_file_is_explained(org):
    issue = make_issue(org, "in_progress")

    response = org.client_for(org.pupr_operator).post(url(issue), {"note": ""})

    assert response.status_code == 302
    assert messages_of(response) == ["Pilih paling sedikit satu berkas."]
