"""Reporting a new issue: saved as a draft or submitted at once, with checked attachments."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.models import Attachment, Category, Event, Issue, Policy
from tuntas.issues.tests.viewkit import (
    EXE,
    HTML,
    NOW,
    PDF,
    PNG,
    REQUIRED,
    TODAY,
    docx_bytes,
    field_errors,
    login_redirect,
    messages_of,
    textarea,
    upload,
)
from tuntas.notifications.models import Notification

pytestmark = pytest.mark.django_db

URL = reverse("issues:create")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def form_data(org, **changes):
    data = {
        "reporting_unit": org.pupr.pk,
        "title": "Pipa PDAM menghalangi pelebaran Jl. Sudirman",
        "category": Category.objects.get(code="utilitas").pk,
        "urgency": "high",
        "first_met_on": "2026-05-04",
        "chronology": "Saat penggalian ditemukan pipa transmisi di bawah trotoar.",
        "impact": "Pekerjaan jalan berhenti 2 minggu.",
        "proposed_solution": "PDAM memindahkan pipa.",
        "location_detail": "Depan Pasar Ibuh",
    }
    data.update(changes)
    return data


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_someone_without_any_role_gets_404(org):
    assert org.client_for(org.nobody).get(URL).status_code == 404


@pytest.mark.parametrize("persona", ["asisten2", "pdam_partner", "sekda"])
def test_who_reports_for_no_unit_gets_403(org, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(org)).status_code == 403
    assert not Issue.objects.exists()


def test_it_rejects_put(org):
    assert org.client_for(org.pupr_operator).put(URL).status_code == 405


def test_the_form_opens_with_today_and_the_unit_filled_in(org):
    response = org.client_for(org.pupr_operator).get(URL)
    body = response.content.decode()

    assert response.status_code == 200
    assert 'value="2026-05-12"' in body
    assert f'type="hidden" name="reporting_unit" value="{org.pupr.pk}"' in body
    assert 'name="submit"' in body
    assert 'name="draft"' in body


# --- draft and submit -------------------------------------------------------------------------


def test_it_saves_a_draft(org):
    response = org.client_for(org.pupr_operator).post(URL, {**form_data(org), "draft": "1"})

    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])
    assert issue.status == Issue.Status.DRAFT
    assert issue.reported_by == org.pupr_operator
    assert issue.reporting_unit == org.pupr
    assert issue.urgency == "high"
    assert issue.first_met_on == dt.date(2026, 5, 4)
    assert [e.kind for e in issue.events.all()] == [Event.Kind.CREATED]
    assert messages_of(response) == ["Draf telah disimpan."]


def test_the_submit_button_sends_it_to_the_asisten(org):
    response = org.client_for(org.pupr_operator).post(URL, {**form_data(org), "submit": "1"})

    issue = Issue.objects.get()
    assert response.status_code == 302
    assert issue.status == Issue.Status.SUBMITTED
    assert issue.coordinator == org.asisten2_unit
    assert issue.submitted_at == NOW
    assert [e.kind for e in issue.events.all()] == [Event.Kind.CREATED, Event.Kind.SUBMITTED]
    assert messages_of(response) == ["Permasalahan telah dikirim ke Asisten."]
    assert Notification.objects.filter(recipient=org.asisten2, kind="issues.submitted").exists()


def test_operators_only_draft_when_the_policy_says_so(org):
    Policy.objects.update_or_create(pk=1, defaults={"staff_may_submit": False})

    response = org.client_for(org.pupr_operator).post(URL, {**form_data(org), "submit": "1"})

    assert response.status_code == 302
    assert Issue.objects.get().status == Issue.Status.DRAFT


def test_the_head_of_the_unit_submits_whatever_the_policy(org):
    Policy.objects.update_or_create(pk=1, defaults={"staff_may_submit": False})

    org.client_for(org.kadis_pupr).post(URL, {**form_data(org), "submit": "1"})

    assert Issue.objects.get().status == Issue.Status.SUBMITTED


# --- bad input --------------------------------------------------------------------------------


def test_a_future_date_is_refused_next_to_the_field_and_the_text_is_kept(org):
    data = form_data(org, first_met_on="2026-05-13")

    response = org.client_for(org.pupr_operator).post(URL, data)

    assert response.status_code == 200
    assert field_errors(response, "first_met_on") == ["Tanggal tidak boleh di masa depan."]
    body = response.content.decode()
    assert 'value="Pipa PDAM menghalangi pelebaran Jl. Sudirman"' in body
    assert 'value="2026-05-13"' in body
    assert textarea(response, "chronology") == data["chronology"]
    assert not Issue.objects.exists()


def test_a_missing_title_is_explained_in_indonesian(org):
    response = org.client_for(org.pupr_operator).post(URL, form_data(org, title=""))

    assert field_errors(response, "title") == [REQUIRED]
    assert textarea(response, "impact") == "Pekerjaan jalan berhenti 2 minggu."
    assert not Issue.objects.exists()


def test_one_cannot_report_for_another_unit(org):
    response = org.client_for(org.pupr_operator).post(
        URL, form_data(org, reporting_unit=org.dinsos.pk)
    )

    assert response.status_code == 200
    assert "reporting_unit" in response.context["form"].errors
    assert not Issue.objects.exists()


def test_half_a_coordinate_is_refused(org):
    response = org.client_for(org.pupr_operator).post(URL, form_data(org, latitude="-0.22"))

    assert field_errors(response, "longitude") == [
        "Isi lintang dan bujur sekaligus, atau kosongkan keduanya."
    ]
    assert 'value="-0.22"' in response.content.decode()


# --- attachments ------------------------------------------------------------------------------


def test_a_png_named_pdf_is_accepted_as_an_image(org, media):
    data = {**form_data(org), "attachments": [upload("denah.pdf", PNG, "application/pdf")]}

    response = org.client_for(org.pupr_operator).post(URL, data)

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "denah.pdf"
    assert attachment.content_type == "image/png"
    assert attachment.is_image
    assert attachment.size == len(PNG)
    assert attachment.uploaded_by == org.pupr_operator
    assert attachment.issue.events.filter(kind=Event.Kind.ATTACHED).count() == 1


def test_several_files_are_attached_at_once(org, media):
    files = [
        upload("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image/jpeg"),
        upload("surat.pdf", PDF, "application/pdf"),
        upload("rab.docx", docx_bytes(), "application/octet-stream"),
    ]

    org.client_for(org.pupr_operator).post(URL, {**form_data(org), "attachments": files})

    types = sorted(Attachment.objects.values_list("content_type", flat=True))
    assert types == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/jpeg",
    ]


def test_files_are_stored_under_a_random_name_inside_media_root(org, media):
    data = {**form_data(org), "attachments": [upload("Surat Kadis PUPR.png", PNG)]}

    org.client_for(org.pupr_operator).post(URL, data)

    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path)
    assert stored.is_file()
    assert stored.is_relative_to(media)
    assert stored.read_bytes() == PNG
    assert "Surat" not in str(attachment.file.name)
    assert "Kadis" not in str(attachment.file.name)
    assert len(stored.stem) >= 32  # secrets.token_urlsafe(24)


@pytest.mark.parametrize(
    ("name", "content"),
    [("foto.jpg", HTML), ("foto.jpg", EXE), ("gambar.png", b"<svg onload='alert(1)'/>")],
)
def test_a_file_that_is_not_a_photo_or_document_is_refused(org, media, name, content):
    data = {**form_data(org), "attachments": [upload(name, content, "image/jpeg")]}

    response = org.client_for(org.pupr_operator).post(URL, data)

    assert response.status_code == 200
    assert field_errors(response, "attachments") == [
        f"{name} bukan berkas foto, PDF, DOCX, atau XLSX."
    ]
    assert 'value="Pipa PDAM menghalangi pelebaran Jl. Sudirman"' in response.content.decode()
    assert textarea(response, "chronology") == form_data(org)["chronology"]
    assert not Issue.objects.exists()
    assert not any(media.rglob("*.*"))


def test_a_file_larger_than_the_policy_allows_is_refused(org, media):
    Policy.objects.update_or_create(pk=1, defaults={"max_attachment_mb": 1})
    big = PNG + b"\x00" * (1_153_434 - len(PNG))  # 1.1 MB
    data = {**form_data(org), "attachments": [upload("besar.png", big)]}

    response = org.client_for(org.pupr_operator).post(URL, data)

    assert response.status_code == 200
    assert field_errors(response, "attachments") == ["besar.png lebih besar dari 1 MB."]
    assert textarea(response, "proposed_solution") == "PDAM memindahkan pipa."
    assert not Issue.objects.exists()


def test_a_file_just_under_the_limit_is_accepted(org, media):
    Policy.objects.update_or_create(pk=1, defaults={"max_attachment_mb": 1})
    data = {**form_data(org), "attachments": [upload("pas.png", PNG + b"\x00" * 1_000_000)]}

    assert org.client_for(org.pupr_operator).post(URL, data).status_code == 302
    assert Attachment.objects.count() == 1


def test_today_is_allowed_as_first_met_on(org):
    response = org.client_for(org.pupr_operator).post(
        URL, form_data(org, first_met_on=TODAY.isoformat())
    )

    assert response.status_code == 302
