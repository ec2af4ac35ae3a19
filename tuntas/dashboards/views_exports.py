"""Export screens: a list as XLSX at once, or made in the background with its progress."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from tuntas.dashboards.exports import (
    EXPORTS,
    Selection,
    export_kind,
    query_params,
    select,
    write_xlsx,
)
from tuntas.dashboards.models import ExportJob
from tuntas.dashboards.tasks import export_build
from tuntas.lib.http import HtmxHttpRequest, is_fragment
from tuntas.lib.xlsx import CONTENT_TYPE
from tuntas.org.access import viewer_for

JOB_LIST_LIMIT = 50


def export_response(request: HttpRequest, kind: str) -> HttpResponse:
    """Answer with the list as a workbook, or queue it and send the reader to its progress."""
    selection = select(export_kind(kind), viewer_for(request), request.GET)
    if selection.total > settings.EXPORT_INLINE_MAX_ROWS:
        job = export_job_queue(selection=selection)
        return redirect("dashboards:export_job", pk=job.pk)
    content, _rows = write_xlsx(selection)
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{selection.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_job_queue(*, selection: Selection) -> ExportJob:
    """Queue the export for the worker, or return the same one already waiting or running."""
    params = {
        "query": query_params(selection.params),
        "today": selection.viewer.today.isoformat(),
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }
    person = selection.viewer.person
    with transaction.atomic():
        # A second click, or the browser asking again, must not make the same file twice.
        waiting = ExportJob.objects.select_for_update().filter(
            requested_by=person,
            kind=selection.kind.slug,
            status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING],
            created_at__gte=timezone.now() - dt.timedelta(hours=1),
        )
        same = next((job for job in waiting if job.params == params), None)
        if same is not None:
            return same
        job = ExportJob.objects.create(
            requested_by=person,
            kind=selection.kind.slug,
            params=params,
            row_count=selection.total,
            filename=selection.filename,
        )
        transaction.on_commit(partial(export_build.enqueue, job.pk))
    return job


@login_required
@require_GET
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """Download a list as XLSX with the list's filters (the page's query string)."""
    return export_response(request, kind)


def _get_job_for_user(request: HttpRequest, pk: int) -> ExportJob:
    """Return the export if the reader asked for it: nobody else may see it, not even admins."""
    job = ExportJob.objects.filter(pk=pk, requested_by_id=request.user.pk).first()
    if job is None:
        raise Http404
    return job


def _title(job: ExportJob) -> str:
    kind = EXPORTS.get(job.kind)
    return str(kind.title) if kind else job.kind


@login_required
@require_GET
def export_job(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Show an export's progress; htmx polls the status fragment until it is finished."""
    job = _get_job_for_user(request, pk)
    template = "dashboards/export_job.html"
    if is_fragment(request):
        template += "#export-status"
    response = render(request, template, {"job": job, "title": _title(job)})
    response["Vary"] = "HX-Request"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_jobs(request: HttpRequest) -> HttpResponse:
    """List the reader's own recent exports, with their files while they are kept."""
    jobs = list(ExportJob.objects.filter(requested_by_id=request.user.pk)[:JOB_LIST_LIMIT])
    for job in jobs:
        job.title = _title(job)  # type: ignore[attr-defined]
    return render(
        request,
        "dashboards/export_job_list.html",
        {"jobs": jobs, "keep_days": settings.EXPORT_KEEP_DAYS},
    )


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """Send a finished export's workbook to the person who asked for it."""
    job = _get_job_for_user(request, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=job.filename, content_type=CONTENT_TYPE
    )
    response["Cache-Control"] = "private, no-store"
    return response
