"""Evidence files of action items: uploaded with the report, downloaded only by who may see it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tuntas.meetings.models import ActionItemFile
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def action(org):
    today = dt.date.today()
    return kit.make_action_item(
        org, on=today - dt.timedelta(days=3), unit=org.pdam, due_on=today + dt.timedelta(days=7)
    )


def test_the_owner_reports_done_with_a_photo_and_the_runner_downloads_it(org, action):
    url = reverse("meetings:action_update", args=[action.pk, "done"])
    photo = SimpleUploadedFile("pipa-dipindah.jpg", PNG, content_type="image/jpeg")
    response = org.client_for(org.pdam_partner).post(
        url, {"note": "Pipa sudah dipindahkan.", "attachments": photo}
    )
    assert response.status_code == 302
    evidence = ActionItemFile.objects.get(action_item=action)
    assert evidence.content_type == "image/png"  # judged by content, not by name
    assert str(evidence.file.name).endswith(".png")
    download = org.client_for(org.bagekonomi_staff).get(
        reverse("meetings:action_file", args=[evidence.pk])
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_script_is_refused_as_evidence(org, action):
    url = reverse("meetings:action_update", args=[action.pk, "done"])
    fake = SimpleUploadedFile("foto.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = org.client_for(org.pdam_partner).post(url, {"note": "Selesai.", "attachments": fake})
    assert response.status_code == 400
    assert not ActionItemFile.objects.exists()


def test_evidence_permissions(org, action, client):
    url = reverse("meetings:action_update", args=[action.pk, "done"])
    photo = SimpleUploadedFile("a.png", PNG, content_type="image/png")
    org.client_for(org.pdam_partner).post(url, {"note": "Selesai.", "attachments": photo})
    file_url = reverse("meetings:action_file", args=[ActionItemFile.objects.get().pk])
    assert client.get(file_url).status_code == 302
    assert org.client_for(org.dinsos_operator).get(file_url).status_code == 404
    assert org.client_for(org.pdam_partner).post(file_url).status_code == 405
