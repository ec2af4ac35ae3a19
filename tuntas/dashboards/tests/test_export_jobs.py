"""The reader's own background exports, newest first, with their files."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tuntas.dashboards.models import ExportJob
from tuntas.dashboards.tasks import export_build
from tuntas.issues.tests.viewkit import NOW, login_redirect

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:export_jobs")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def make_job(person, kind="units", ago=0):
    job = ExportJob.objects.create(
        requested_by=person,
        kind=kind,
        params={"query": {}, "today": "2026-05-12", "language": "id"},
        filename=f"{kind}.xlsx",
    )
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(hours=ago))
    return job


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


def test_it_lists_only_the_readers_exports_newest_first(org):
    older = make_job(org.asisten2, "units", ago=2)
    newer = make_job(org.asisten2, "people", ago=1)
    export_build.call(older.pk)
    theirs = make_job(org.bagekonomi_staff)

    response = org.client_for(org.asisten2).get(URL)
    page = response.content.decode()

    assert response.status_code == 200
    assert [j.pk for j in response.context["jobs"]] == [newer.pk, older.pk]
    assert reverse("dashboards:export_download", args=[older.pk]) in page
    assert reverse("dashboards:export_download", args=[newer.pk]) not in page
    assert reverse("dashboards:export_job", args=[theirs.pk]) not in page


def test_someone_without_exports_sees_an_empty_list(org):
    make_job(org.asisten2)

    response = org.client_for(org.pdam_partner).get(URL)

    assert response.status_code == 200
    assert response.context["jobs"] == []
