from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One run of a periodic job for its slot (a day or a week), claimed by one scheduler."""

    job = models.CharField(_("job"), max_length=60)
    slot = models.CharField(_("slot"), max_length=20, help_text=_("e.g. 2026-11-30 or 2026-W49"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    failed = models.BooleanField(_("failed"), default=False)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at"]
        constraints = [
            # The claim: whoever inserts the row runs the job, so two schedulers never double it.
            models.UniqueConstraint(fields=["job", "slot"], name="scheduler_jobrun_once_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.slot}"
