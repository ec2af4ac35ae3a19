"""The progress page of a background export, polled by htmx until the file is ready."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.models import ExportJob
from tuntas.dashboards.tasks import export_build
from tuntas.issues.tests.viewkit import NOW, login_redirect

pytestmark = pytest.mark.django_db

POLL = 'hx-trigger="every 2s"'


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def job(org):
    return ExportJob.objects.create(
        requested_by=org.asisten2,
        kind="units",
        params={"query": {}, "today": "2026-05-12", "language": "id"},
        row_count=9,
        filename="unit-kerja-20260512.xlsx",
    )


def url(job):
    return reverse("dashboards:export_job", args=[job.pk])


def fragment(client, job):
    return client.get(url(job), HTTP_HX_REQUEST="true")


def test_anonymous_visitors_are_sent_to_the_login_page(client, job):
    assert login_redirect(client.get(url(job)), url(job))


def test_it_rejects_post(org, job):
    assert org.client_for(org.asisten2).post(url(job)).status_code == 405


@pytest.mark.parametrize("person", ["bagekonomi_staff", "admin", "sekda"])
def test_nobody_but_the_requester_sees_it(org, job, person):
    assert org.client_for(getattr(org, person)).get(url(job)).status_code == 404


def test_an_unknown_job_is_not_found(org):
    assert (
        org.client_for(org.asisten2).get(reverse("dashboards:export_job", args=[999])).status_code
        == 404
    )


def test_a_queued_job_shows_a_progress_bar_that_polls(org, job):
    response = org.client_for(org.asisten2).get(url(job))
    page = response.content.decode()

    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert "<html" in page
    assert POLL in page
    assert 'class="progress-bar" style="width: 0%"' in page
    assert reverse("dashboards:export_jobs") in page
    assert reverse("dashboards:export_download", args=[job.pk]) not in page


def test_the_fragment_shows_the_progress_and_keeps_polling(org, job):
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=40)

    response = fragment(org.client_for(org.asisten2), job)
    html = response.content.decode()

    assert "<html" not in html
    assert html.lstrip().startswith('<div id="export-status"')
    assert POLL in html
    assert f'hx-get="{url(job)}"' in html
    assert 'aria-valuenow="40"' in html
    assert 'style="width: 40%"' in html


def test_polling_stops_with_a_download_link_once_done(org, job):
    client = org.client_for(org.asisten2)
    assert POLL in fragment(client, job).content.decode()

    export_build.call(job.pk)
    html = fragment(client, job).content.decode()

    assert POLL not in html
    assert "hx-get" not in html
    assert f'href="{reverse("dashboards:export_download", args=[job.pk])}"' in html
    assert "unit-kerja-20260512.xlsx" in html


def test_a_failed_job_says_so_and_stops_polling(org, job):
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, error="OSError: x")

    html = fragment(org.client_for(org.asisten2), job).content.decode()

    assert POLL not in html
    assert 'class="alert alert-danger' in html
    assert "OSError" not in html  # the cause is for the administrator, in the admin
