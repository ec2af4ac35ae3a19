"""Dashboards: what is stored rather than computed, the spreadsheets made in the background."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.lib.uploads import random_name


def export_path(job: ExportJob, filename: str) -> str:
    """Store the workbook under a random name: the download view is the only way to it."""
    return random_name("exports", filename)


class ExportJob(models.Model):
    """A spreadsheet someone asked for that was too long to make at once, made in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("kind"), max_length=40)
    # The list's query string (filters, search, sort), the day and the language it was asked in.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), upload_to=export_path, blank=True)
    filename = models.CharField(_("file name"), max_length=120)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="export_job_mine")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="export_job_progress_max"),
            models.CheckConstraint(
                condition=~Q(status="done") | (~Q(file="") & Q(finished_at__isnull=False)),
                name="export_job_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
