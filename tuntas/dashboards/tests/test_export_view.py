"""The export endpoint of every list: at once when short, queued for the worker when long."""

import pytest
import time_machine
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tuntas.dashboards.exports import EXPORTS
from tuntas.dashboards.models import ExportJob
from tuntas.dashboards.tests.exportkit import export_url, sheet_of, title_lines
from tuntas.issues.tests.viewkit import NOW, login_redirect, make_issue

pytestmark = pytest.mark.django_db

TASK = "tuntas.dashboards.tasks.export_build"
KINDS = sorted(EXPORTS)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, kind):
    url = export_url(kind)

    assert login_redirect(client.get(url), url)


@pytest.mark.parametrize("kind", KINDS)
def test_it_rejects_post(org, kind):
    assert org.client_for(org.admin).post(export_url(kind)).status_code == 405


def test_an_unknown_list_is_not_found(org):
    assert org.client_for(org.admin).get(export_url("passwords")).status_code == 404


@pytest.mark.parametrize(
    ("kind", "filename"),
    [
        ("action-items", "rencana-tindak-lanjut-20260512.xlsx"),
        ("meetings", "rapat-koordinasi-20260512.xlsx"),
        ("sub-activities", "sub-kegiatan-20260512.xlsx"),
        ("units", "unit-kerja-20260512.xlsx"),
        ("people", "daftar-pegawai-20260512.xlsx"),
        ("deliveries", "log-pengiriman-20260512.xlsx"),
    ],
)
def test_the_file_is_named_after_the_list_and_the_day(org, kind, filename):
    response = org.client_for(org.admin).get(export_url(kind))

    sheet_of(response)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["Cache-Control"] == "private, no-store"


def test_the_lines_above_the_table_say_who_exported_it_when_and_with_which_filters(org):
    response = org.client_for(org.asisten2).get(export_url("units"), {"q": "Dinas"})

    title, line = title_lines(response)
    assert title
    assert "12/05/2026 10:00" in line
    assert "Ir. Dafrul Pasi, M.T." in line
    assert "Dinas" in line


def test_a_long_list_is_queued_for_the_worker(org, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_INLINE_MAX_ROWS = 2  # the city has three agencies
    client = org.client_for(org.asisten2)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(export_url("units"), {"kind": "agency", "page": "2"})

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:export_job", args=[job.pk])
    assert job.requested_by == org.asisten2
    assert (job.kind, job.status, job.progress, job.row_count) == ("units", "queued", 0, 3)
    assert job.params == {"query": {"kind": ["agency"]}, "today": "2026-05-12", "language": "id"}
    assert job.filename == "unit-kerja-20260512.xlsx"
    assert list(
        DBTaskResult.objects.filter(task_path=TASK).values_list("args_kwargs", flat=True)
    ) == [{"args": [job.pk], "kwargs": {}}]


def test_a_list_as_long_as_the_limit_is_still_written_at_once(org, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 3  # the city has three agencies

    response = org.client_for(org.asisten2).get(export_url("units"), {"kind": "agency"})

    sheet_of(response)
    assert not ExportJob.objects.exists()


def test_asking_again_while_it_is_made_gives_the_same_job(org, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    client = org.client_for(org.asisten2)

    first = client.get(export_url("units"), {"q": "Dinas"})
    again = client.get(export_url("units"), {"q": "Dinas"})
    other = client.get(export_url("units"), {"q": "Asisten"})

    assert first["Location"] == again["Location"]
    assert other["Location"] != first["Location"]
    assert ExportJob.objects.count() == 2


def test_a_finished_job_does_not_stop_a_new_one(org, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    client = org.client_for(org.asisten2)
    client.get(export_url("units"))
    ExportJob.objects.update(status=ExportJob.Status.FAILED)

    client.get(export_url("units"))

    assert ExportJob.objects.count() == 2


def test_someone_else_asking_the_same_gets_their_own_job(org, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 0

    mine = org.client_for(org.asisten2).get(export_url("units"))
    theirs = org.client_for(org.bagekonomi_staff).get(export_url("units"))

    assert mine["Location"] != theirs["Location"]


def test_the_issue_list_export_is_queued_too_when_long(org, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    make_issue(org, "submitted", title="Pipa PDAM")
    make_issue(org, "submitted", title="Trotoar")

    response = org.client_for(org.asisten2).get(reverse("issues:export"), {"q": "a"})

    job = ExportJob.objects.get()
    assert response["Location"] == reverse("dashboards:export_job", args=[job.pk])
    assert (job.kind, job.row_count, job.params["query"]) == ("issues", 2, {"q": ["a"]})
    assert job.filename == "permasalahan-20260512.xlsx"


def test_a_queued_export_is_checked_like_one_written_at_once(org, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 0

    assert org.client_for(org.asisten2).get(export_url("deliveries")).status_code == 403
    assert org.client_for(org.bpn_partner).get(export_url("deliveries")).status_code == 404
    assert not ExportJob.objects.exists()


def test_the_issue_list_keeps_its_export_link_in_step_with_htmx_filters(org):
    client = org.client_for(org.asisten2)
    export = reverse("issues:export")

    page = client.get(reverse("issues:list"), {"urgency": "critical"}).content.decode()
    fragment = client.get(
        reverse("issues:list"), {"urgency": "critical"}, HTTP_HX_REQUEST="true"
    ).content.decode()

    assert f'href="{export}?urgency=critical" class="btn" id="export-xlsx">' in page
    assert f'href="{export}?urgency=critical" class="btn" id="export-xlsx" hx-swap-oob="true"' in (
        fragment
    )
