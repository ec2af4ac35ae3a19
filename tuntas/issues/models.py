"""Issues (permasalahan): problems met in the field, the help asked, and their history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.lib import workdays
from tuntas.lib.uploads import StoredFile, random_name
from tuntas.org.models import Person, Unit


class Category(models.Model):
    """A kind of problem, such as land (lahan) or permits (perizinan), kept by the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active categories are offered for new issues.")
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Policy(models.Model):
    """The time limits and rules of issue handling, one row for the whole government."""

    triage_days = models.PositiveSmallIntegerField(
        _("working days to triage"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    response_days = models.PositiveSmallIntegerField(
        _("working days for a unit to answer a request"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    settle_assistant_days = models.PositiveSmallIntegerField(
        _("working days to settle at Asisten level"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    settle_secretary_days = models.PositiveSmallIntegerField(
        _("working days to settle at Sekda level"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    staff_may_submit = models.BooleanField(
        _("operators may submit"),
        default=True,
        help_text=_("When off, only the head of the unit submits what operators drafted."),
    )
    auto_escalate = models.BooleanField(
        _("escalate automatically"),
        default=False,
        help_text=_("When off, an overdue issue is only proposed for escalation."),
    )
    max_attachment_mb = models.PositiveSmallIntegerField(
        _("largest attachment (MB)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("issue policy")
        verbose_name_plural = _("issue policy")

    def __str__(self) -> str:
        return str(_("Issue policy"))

    @classmethod
    def current(cls) -> Policy:
        """Return the policy, creating it with the defaults on first use."""
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class Level(models.IntegerChoices):
    """Where an issue is handled: OPD → Asisten → Sekda → Kepala Daerah."""

    UNIT = 1, _("OPD")
    ASSISTANT = 2, _("Asisten")
    SECRETARY = 3, _("Sekda")
    HEAD = 4, _("Kepala Daerah")


class IssueQuerySet(models.QuerySet["Issue"]):
    def open(self) -> IssueQuerySet:
        return self.filter(status__in=Issue.OPEN_STATUSES)

    def settled_at_or_below_assistant(self) -> IssueQuerySet:
        return self.filter(status=Issue.Status.SETTLED, settled_level__lte=Level.ASSISTANT)


class Issue(models.Model):
    """A problem a unit met while executing its work plan (permasalahan / kendala)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for triage")
        NEEDS_INFO = "needs_info", _("More information asked")
        IN_PROGRESS = "in_progress", _("Being handled")
        SETTLED = "settled", _("Settled")
        CLOSED = "closed", _("Closed")

    class Urgency(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Closure(models.TextChoices):
        NOT_RELEVANT = "not_relevant", _("Not relevant")
        WITHDRAWN = "withdrawn", _("Withdrawn by the reporter")
        MERGED = "merged", _("Merged into another issue")

    OPEN_STATUSES = (Status.SUBMITTED, Status.NEEDS_INFO, Status.IN_PROGRESS)

    title = models.CharField(_("title"), max_length=200)
    chronology = models.TextField(_("chronology"), help_text=_("What happened, when, and where."))
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="issues"
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    first_met_on = models.DateField(_("first met on"))
    impact = models.TextField(_("impact on targets"), blank=True)
    proposed_solution = models.TextField(_("proposed solution"), blank=True)
    location = models.ForeignKey(
        Unit,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="located_issues",
        limit_choices_to={"kind": Unit.Kind.SUBDISTRICT},
    )
    location_detail = models.CharField(_("location detail"), max_length=200, blank=True)
    sub_activity = models.ForeignKey(
        "plans.SubActivity",
        verbose_name=_("sub kegiatan it blocks"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    reporting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="reported_issues",
    )
    reported_by = models.ForeignKey(
        Person,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="reported_issues",
    )
    coordinator = models.ForeignKey(
        Unit,
        verbose_name=_("coordinating assistant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_issues",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.UNIT)
    level_since = models.DateTimeField(_("at this level since"), null=True, blank=True)
    question = models.TextField(_("question to the reporter"), blank=True)

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    escalation_proposed_at = models.DateTimeField(
        _("escalation proposed at"), null=True, blank=True
    )

    resolution = models.TextField(_("resolution"), blank=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    settled_level = models.PositiveSmallIntegerField(
        _("settled at level"), choices=Level.choices, null=True, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed by the reporter at"), null=True, blank=True)

    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closure = models.CharField(_("closed as"), max_length=12, choices=Closure.choices, blank=True)
    closure_note = models.TextField(_("reason for closing"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_issues",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    # Working days of the measures (docs/measures.md), counted when the issue is saved so that a
    # dashboard over 100 000 issues groups by them in the database; `workdays_stamp` is the
    # calendar's fingerprint they were counted with, recounted by `issues_workdays_refresh`
    # (the scheduler) when the calendar changes.
    surface_workdays = models.PositiveIntegerField(
        _("working days to surface"), null=True, blank=True, editable=False
    )
    settle_workdays = models.PositiveIntegerField(
        _("working days to settle"), null=True, blank=True, editable=False
    )
    workdays_stamp = models.CharField(max_length=16, blank=True, editable=False)

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "level"], name="issue_status_level"),
            models.Index(fields=["coordinator", "status"], name="issue_coordinator_status"),
            # The lists' default order (newest first): page 1 of 100 000 issues reads 25 index
            # entries instead of sorting the table (bench/run.py).
            models.Index(fields=["created_at", "id"], name="issue_created"),
            # The measures' grouped counts read only these columns: from these indexes alone
            # (SQLite, and PostgreSQL's index-only scans) instead of the wide rows, about half
            # the time over 100 000 issues (bench/run.py).
            models.Index(
                fields=[
                    "status",
                    "settled_at",
                    "submitted_at",
                    "settle_workdays",
                    "settled_level",
                    "category",
                    "reporting_unit",
                    "coordinator",
                ],
                name="issue_measures_settled",
            ),
            models.Index(
                fields=[
                    "submitted_at",
                    "surface_workdays",
                    "status",
                    "closure",
                    "settled_at",
                    "closed_at",
                    "reporting_unit",
                    "coordinator",
                    "category",
                ],
                name="issue_measures_submitted",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="settled")
                | (Q(settled_at__isnull=False) & Q(settled_level__isnull=False)),
                name="issue_settled_has_level",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | (Q(closed_at__isnull=False) & ~Q(closure="")),
                name="issue_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(closure="merged") | Q(merged_into__isnull=False),
                name="issue_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="issue_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Not a signal (conventions): every save keeps the stored working days in step with the
        # dates they are counted from, also when only some fields are saved.
        self.count_workdays(workdays.calendar())
        fields = kwargs.get("update_fields")
        if fields is not None and not WORKDAY_FIELDS.isdisjoint(fields):
            kwargs["update_fields"] = {*fields, *WORKDAY_COUNTS}
        super().save(*args, **kwargs)

    def count_workdays(self, cal: workdays.WorkCalendar) -> None:
        """Count the working days to surface and to settle with this calendar."""
        self.surface_workdays, self.settle_workdays = workdays_of(
            self.first_met_on, self.submitted_at, self.settled_at, cal
        )
        self.workdays_stamp = cal.fingerprint

    @property
    def reference(self) -> str:
        """Return the number officials quote, e.g. "PMS-000042"."""
        return f"PMS-{self.pk:06d}" if self.pk else "PMS-baru"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def counts_as_settled_low(self) -> bool:
        """Whether this issue counts for "settled at or below the Asisten"."""
        return self.status == self.Status.SETTLED and (self.settled_level or 99) <= Level.ASSISTANT


# What the stored working days are counted from, and the stored counts.
WORKDAY_FIELDS = frozenset({"first_met_on", "submitted_at", "settled_at"})
WORKDAY_COUNTS = ("surface_workdays", "settle_workdays", "workdays_stamp")


def workdays_of(
    first_met_on: dt.date | None,
    submitted_at: dt.datetime | None,
    settled_at: dt.datetime | None,
    cal: workdays.WorkCalendar,
) -> tuple[int | None, int | None]:
    """Return the working days from first met to submission, and from submission to settlement.

    Each counts the working days after the first local (WIB) date up to and including the second;
    None while the second has not happened.
    """
    if submitted_at is None:
        return None, None
    submitted = timezone.localdate(submitted_at)
    surface = (
        cal.working_days_between(max(first_met_on, workdays.EARLIEST), submitted)
        if first_met_on
        else None
    )
    settle = (
        cal.working_days_between(submitted, timezone.localdate(settled_at)) if settled_at else None
    )
    return surface, settle


def issues_with_workdays(rows: Iterable[Issue], cal: workdays.WorkCalendar) -> list[Issue]:
    """Count the working days of issues about to be bulk-created (bulk_create skips save())."""
    listed = list(rows)
    for issue in listed:
        issue.count_workdays(cal)
    return listed


class IssueRequest(models.Model):
    """What one issue needs from one other unit (permintaan dukungan kepada pihak terkait)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        DONE = "done", _("Done")

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="requests"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("asked unit"), on_delete=models.PROTECT, related_name="issue_requests"
    )
    need = models.TextField(_("what is needed"))
    due_on = models.DateField(_("needed by"))
    respond_by = models.DateField(_("answer expected by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    done_note = models.TextField(_("what was done"), blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    # Set when the asked unit was reminded of the date needed; it is reminded only once.
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    overdue_reminded_at = models.DateTimeField(
        _("reminded as overdue at"), null=True, blank=True, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="request_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name}: {self.need[:60]}"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.ACCEPTED)

    def is_answer_overdue(self, today: dt.date) -> bool:
        return self.status == self.Status.REQUESTED and today > self.respond_by

    def is_overdue(self, today: dt.date) -> bool:
        """Whether the asked unit is late: no answer in time, or not done by the date needed."""
        return self.is_answer_overdue(today) or (self.is_pending and today > self.due_on)


class Response(models.Model):
    """One message in the thread of a request (tanggapan)."""

    request = models.ForeignKey(IssueRequest, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


def attachment_path(instance: Attachment, filename: str) -> str:
    """Store under a random name: the original name is kept in the row, never on disk."""
    return random_name("issues", filename)


class Attachment(StoredFile):
    """A photo or document attached to an issue, a request or a response."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="attachments")
    request = models.ForeignKey(
        IssueRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class Event(models.Model):
    """One entry of an issue's append-only timeline: who did what, when."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created the draft")
        EDITED = "edited", _("edited the issue")
        SUBMITTED = "submitted", _("submitted the issue")
        RETURNED = "returned", _("asked the reporter for more information")
        ACCEPTED = "accepted", _("accepted the issue")
        MERGED = "merged", _("merged the issue")
        CLOSED = "closed", _("closed the issue")
        REQUEST_ADDED = "request_added", _("asked a unit for help")
        REQUEST_ACCEPTED = "request_accepted", _("accepted the request")
        REQUEST_DECLINED = "request_declined", _("declined the request")
        REQUEST_DONE = "request_done", _("marked the request done")
        RESPONDED = "responded", _("answered")
        ATTACHED = "attached", _("attached a file")
        ESCALATION_PROPOSED = "escalation_proposed", _("proposed escalation (time limit passed)")
        ESCALATED = "escalated", _("escalated the issue")
        DEESCALATED = "deescalated", _("handed the issue back down")
        SETTLED = "settled", _("settled the issue")
        CONFIRMED = "confirmed", _("confirmed the settlement")
        REOPENED = "reopened", _("reopened the issue")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    actor = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("timeline events are append-only")
        super().save(*args, **kwargs)
