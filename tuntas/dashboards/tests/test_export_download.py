"""The file of a finished background export, for the person who asked for it only."""

from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.models import ExportJob
from tuntas.dashboards.tasks import export_build
from tuntas.dashboards.tests.exportkit import HEADER_ROW, sheet_of
from tuntas.issues.tests.viewkit import NOW, login_redirect

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def job(org):
    job = ExportJob.objects.create(
        requested_by=org.asisten2,
        kind="units",
        params={"query": {"q": ["Dinas"]}, "today": "2026-05-12", "language": "id"},
        filename="unit-kerja-20260512.xlsx",
    )
    export_build.call(job.pk)
    job.refresh_from_db()
    return job


def url(job):
    return reverse("dashboards:export_download", args=[job.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, job):
    assert login_redirect(client.get(url(job)), url(job))


def test_it_rejects_post(org, job):
    assert org.client_for(org.asisten2).post(url(job)).status_code == 405


def test_the_requester_downloads_a_valid_workbook(org, job):
    response = org.client_for(org.asisten2).get(url(job))

    sheet = sheet_of(response)
    assert response["Content-Disposition"] == 'attachment; filename="unit-kerja-20260512.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    names = {row[0] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert names == {
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas Sosial",
        "Dinas Komunikasi dan Informatika",
    }


@pytest.mark.parametrize("person", ["bagekonomi_staff", "admin", "pdam_partner"])
def test_nobody_else_may_download_it(org, job, person):
    assert org.client_for(getattr(org, person)).get(url(job)).status_code == 404


def test_the_file_is_not_served_as_media(org, job, client):
    client.force_login(org.asisten2)

    assert client.get(f"/media/{job.file.name}").status_code == 404


@pytest.mark.parametrize("status", ["queued", "running", "failed"])
def test_there_is_nothing_to_download_before_it_is_done(org, job, status):
    ExportJob.objects.filter(pk=job.pk).update(status=status)

    assert org.client_for(org.asisten2).get(url(job)).status_code == 404


def test_a_purged_file_is_gone(org, job):
    Path(job.file.path).unlink()

    assert org.client_for(org.asisten2).get(url(job)).status_code == 404
