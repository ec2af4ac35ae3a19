"""Background work of the dashboards: long exports, run by the task worker."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from tuntas.dashboards.exports import job_selection, write_xlsx
from tuntas.dashboards.models import ExportJob
from tuntas.notifications.services import notification_send

log = logging.getLogger(__name__)


def export_jobs_purge(*, now: dt.datetime) -> int:
    """Delete finished exports older than EXPORT_KEEP_DAYS, with their files; return how many."""
    cutoff = now - dt.timedelta(days=settings.EXPORT_KEEP_DAYS)
    old = ExportJob.objects.filter(created_at__lt=cutoff).exclude(status=ExportJob.Status.RUNNING)
    count = 0
    for job in old:
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


@task(queue_name="default")
def export_build(job_id: int) -> str:
    """Claim a queued export, write its workbook chunk by chunk with progress, and store it."""
    # Only one run can move the job out of QUEUED.
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, started_at=timezone.now(), progress=0
    )
    if not claimed:
        return "skipped"
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    shown = [0]

    def progress(done: int, total: int) -> None:
        # 100 only once the file is stored; write only when the shown figure changes.
        percent = min(99, done * 100 // total) if total else 99
        if percent != shown[0]:
            shown[0] = percent
            ExportJob.objects.filter(pk=job_id).update(progress=percent)

    language = job.params.get("language") or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            selection = job_selection(job)
            content, rows = write_xlsx(selection, on_progress=progress)
        job.file.save("export.xlsx", ContentFile(content), save=False)
    except Exception as exc:  # any failure: record it for the requester and the administrator
        log.exception("export %s (%s) failed", job_id, job.kind)
        with transaction.atomic():
            ExportJob.objects.filter(pk=job_id).update(
                status=ExportJob.Status.FAILED,
                error=f"{type(exc).__name__}: {exc}"[:2000],
                finished_at=timezone.now(),
            )
            _tell(job, language, failed=True)
        return "failed"
    job.status = ExportJob.Status.DONE
    job.progress = 100
    job.row_count = rows
    job.finished_at = timezone.now()
    with transaction.atomic():
        job.save(update_fields=["file", "status", "progress", "row_count", "finished_at"])
        _tell(job, language, failed=False)
    export_jobs_purge(now=job.finished_at)
    return "done"


def _tell(job: ExportJob, language: str, *, failed: bool) -> None:
    """Tell the requester in the inbox (who may have left the progress page) that it is over."""
    with translation.override(language):
        if failed:
            kind, title = "exports.failed", _("Your export could not be made: %(name)s")
        else:
            kind, title = "exports.ready", _("Your export is ready to download: %(name)s")
        notification_send(
            recipients=[job.requested_by],
            kind=kind,
            title=title % {"name": job.filename},
            url=reverse("dashboards:export_job", args=[job.pk]),
            email=False,
        )
