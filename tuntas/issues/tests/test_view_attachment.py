"""Downloading an attachment: only for who may see the issue, always as a download."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import (
    NOW,
    PDF,
    PNG,
    ask,
    attach,
    login_redirect,
    make_issue,
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


def url(attachment):
    return reverse("issues:attachment", args=[attachment.pk])


def body_of(response):
    return b"".join(response.streaming_content)


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    attachment = attach(make_issue(org, "in_progress"), org.pupr_operator)

    assert login_redirect(client.get(url(attachment)), url(attachment))


@pytest.mark.parametrize("persona", ["bpn_partner", "dinsos_operator", "pdam_partner", "nobody"])
def test_outsiders_get_404(org, persona):
    attachment = attach(make_issue(org, "in_progress"), org.pupr_operator)

    assert org.client_for(getattr(org, persona)).get(url(attachment)).status_code == 404


def test_a_file_of_a_draft_stays_with_the_reporting_unit(org):
    attachment = attach(make_issue(org, "draft"), org.pupr_operator)

    assert org.client_for(org.asisten2).get(url(attachment)).status_code == 404
    assert org.client_for(org.kadis_pupr).get(url(attachment)).status_code == 200


def test_it_rejects_post(org):
    attachment = attach(make_issue(org, "in_progress"), org.pupr_operator)

    assert org.client_for(org.pupr_operator).post(url(attachment)).status_code == 405


@pytest.mark.parametrize("persona", ["pupr_operator", "asisten2", "walikota"])
def test_who_may_see_the_issue_downloads_the_file(org, persona):
    attachment = attach(make_issue(org, "in_progress"), org.pupr_operator, "Denah lokasi.png")

    response = org.client_for(getattr(org, persona)).get(url(attachment))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Denah lokasi.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert body_of(response) == PNG


def test_an_asked_partner_downloads_the_files_of_the_issue(org):
    issue = make_issue(org, "in_progress")
    attachment = attach(issue, org.pupr_operator)
    ask(org, issue)

    assert org.client_for(org.pdam_partner).get(url(attachment)).status_code == 200


def test_the_type_comes_from_the_content_never_from_the_name(org):
    # Stored as sniffed at upload: a PDF named .html is still sent as a PDF download.
    issue = make_issue(org, "in_progress")
    attachment = attach(issue, org.pupr_operator, "laporan.html", PDF)
    attachment.content_type = "application/pdf"
    attachment.save(update_fields=["content_type"])

    response = org.client_for(org.pupr_operator).get(url(attachment))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_file_missing_on_disk_is_404(org):
    attachment = attach(make_issue(org, "in_progress"), org.pupr_operator)
    attachment.file.delete(save=False)

    assert org.client_for(org.pupr_operator).get(url(attachment)).status_code == 404


def test_a_missing_attachment_is_404(org):
    assert org.client_for(org.admin).get("/issues/files/424242/").status_code == 404
