"""The worker's side of a long export: claim, write chunk by chunk with progress, store, purge."""

import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tuntas.dashboards import exports, tasks
from tuntas.dashboards.models import ExportJob
from tuntas.dashboards.tasks import export_build, export_jobs_purge
from tuntas.dashboards.tests.exportkit import HEADER_ROW, export_url
from tuntas.issues.tests.viewkit import NOW
from tuntas.notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db

AGENCIES = [
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Sosial",
    "Dinas Komunikasi dan Informatika",
]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def queue(org, person=None, kind="units", query=None, language="id"):
    """Create a queued job as the export view does (without running it)."""
    return ExportJob.objects.create(
        requested_by=person or org.asisten2,
        kind=kind,
        params={
            "query": {"kind": ["agency"]} if query is None else query,
            "today": "2026-05-12",
            "language": language,
        },
        row_count=3,
        filename="unit-kerja-20260512.xlsx",
    )


def book_of(job):
    with job.file.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read())).active


def test_a_queued_job_is_written_stored_and_marked_done(org):
    job = queue(org)

    assert export_build.call(job.pk) == "done"

    job.refresh_from_db()
    assert (job.status, job.progress, job.row_count) == ("done", 100, 3)
    assert job.started_at == job.finished_at == timezone.now()
    assert job.error == ""
    # Under MEDIA_ROOT, in its own folder and under a random name: never the list's name.
    path = Path(job.file.path)
    assert path.is_relative_to(Path(django_settings.MEDIA_ROOT) / "exports")
    assert path.suffix == ".xlsx" and "unit-kerja" not in path.name
    sheet = book_of(job)
    names = [row[0] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert sorted(names) == sorted(AGENCIES)


def test_progress_is_written_as_the_chunks_go(org, monkeypatch):
    job = queue(org)
    seen = []
    write = tasks.write_xlsx

    def spy(selection, on_progress):
        def record(done, total):
            on_progress(done, total)
            seen.append(ExportJob.objects.values_list("status", "progress").get(pk=job.pk))

        return write(selection, on_progress=record)

    monkeypatch.setattr(exports, "CHUNK", 1)
    monkeypatch.setattr(tasks, "write_xlsx", spy)

    export_build.call(job.pk)

    assert seen == [("running", 33), ("running", 66), ("running", 99)]
    job.refresh_from_db()
    assert job.progress == 100


def test_a_list_read_from_the_database_in_chunks_gets_every_row_once(org, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 2)
    job = queue(org, kind="people", query={})

    export_build.call(job.pk)

    job.refresh_from_db()
    names = [row[0] for row in book_of(job).iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert job.row_count == len(names) == len(set(names)) == 11


def test_the_rows_are_chosen_again_with_the_requesters_access(org):
    # A partner sees only its own unit, whatever the job's filters say.
    job = queue(org, person=org.bpn_partner, query={})

    export_build.call(job.pk)

    job.refresh_from_db()
    sheet = book_of(job)
    assert job.row_count == 1
    assert sheet.cell(HEADER_ROW + 1, 1).value == "Kantor Pertanahan Kota Payakumbuh"


def test_the_headers_follow_the_language_it_was_asked_in(org):
    english, indonesian = queue(org, language="en"), queue(org, query={"q": ["Sosial"]})

    export_build.call(english.pk)
    export_build.call(indonesian.pk)

    english.refresh_from_db()
    indonesian.refresh_from_db()
    assert book_of(english).cell(HEADER_ROW, 7).value == "Telephone"
    assert book_of(indonesian).cell(HEADER_ROW, 7).value != "Telephone"


def test_the_requester_is_told_in_the_inbox_when_it_is_ready(org):
    job = queue(org)
    export_build.call(job.pk)

    told = Notification.objects.get(kind="exports.ready")
    assert told.recipient == org.asisten2
    assert told.url == reverse("dashboards:export_job", args=[job.pk])
    assert told.title == "Ekspor Anda siap diunduh: unit-kerja-20260512.xlsx"
    # The inbox only: nobody is emailed or sent a WhatsApp message about their own download.
    assert not Delivery.objects.filter(notification=told).exists()


def test_the_requester_is_told_in_their_language_when_it_failed(org):
    job = queue(org, kind="deliveries", query={}, language="en")
    export_build.call(job.pk)

    told = Notification.objects.get(kind="exports.failed")
    assert (told.recipient, told.url) == (org.asisten2, f"/dashboards/exports/{job.pk}/")
    assert told.title == "Your export could not be made: unit-kerja-20260512.xlsx"
    assert not Notification.objects.filter(kind="exports.ready").exists()


def test_a_job_runs_once(org):
    job = queue(org)
    export_build.call(job.pk)

    assert export_build.call(job.pk) == "skipped"


def test_a_requester_who_may_no_longer_see_the_list_gets_a_failed_job(org):
    job = queue(org, kind="deliveries", query={})

    assert export_build.call(job.pk) == "failed"

    job.refresh_from_db()
    assert (job.status, job.file.name) == ("failed", "")
    assert job.error.startswith("PermissionDenied")
    assert job.finished_at == timezone.now()


def test_an_error_while_writing_is_recorded(org, monkeypatch):
    def broken(selection, on_progress):
        raise OSError("disk full")

    monkeypatch.setattr(tasks, "write_xlsx", broken)
    job = queue(org)

    assert export_build.call(job.pk) == "failed"

    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "OSError: disk full")


def test_the_immediate_backend_runs_it_before_the_page_answers(
    org, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
    client = org.client_for(org.asisten2)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(export_url("units"))
    page = client.get(response["Location"])

    job = ExportJob.objects.get()
    assert (job.status, job.progress) == ("done", 100)
    assert reverse("dashboards:export_download", args=[job.pk]) in page.content.decode()


def test_old_exports_and_their_files_are_purged(org, settings):
    settings.EXPORT_KEEP_DAYS = 7
    old, recent, running = queue(org), queue(org), queue(org)
    for job in (old, recent):
        job.file.save("export.xlsx", ContentFile(b"PK"), save=False)
        job.status, job.finished_at = ExportJob.Status.DONE, timezone.now()
        job.save()
    eight_days_ago = timezone.now() - dt.timedelta(days=8)
    ExportJob.objects.filter(pk__in=[old.pk, running.pk]).update(created_at=eight_days_ago)
    ExportJob.objects.filter(pk=running.pk).update(status=ExportJob.Status.RUNNING)
    old_file = Path(old.file.path)

    assert export_jobs_purge(now=timezone.now()) == 1

    assert set(ExportJob.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not old_file.exists()
    assert Path(recent.file.path).exists()


def test_a_finished_run_purges_the_old_ones(org):
    stale = queue(org)
    ExportJob.objects.filter(pk=stale.pk).update(
        status=ExportJob.Status.FAILED, created_at=timezone.now() - dt.timedelta(days=30)
    )
    job = queue(org)

    export_build.call(job.pk)

    assert list(ExportJob.objects.values_list("pk", flat=True)) == [job.pk]
