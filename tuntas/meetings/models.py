"""Coordination meetings (rapat koordinasi) and the action items their decisions create."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.issues.models import Issue
from tuntas.lib.uploads import StoredFile, random_name
from tuntas.org.models import Person, Unit


class MeetingSeries(models.Model):
    """A recurring coordination meeting of one Asisten (rapat koordinasi berkala)."""

    coordinator = models.ForeignKey(
        Unit,
        verbose_name=_("coordinating assistant"),
        on_delete=models.PROTECT,
        related_name="meeting_series",
        limit_choices_to={"kind": Unit.Kind.ASSISTANT},
    )
    title = models.CharField(_("title"), max_length=200)
    rrule = models.CharField(
        _("recurrence"),
        max_length=200,
        help_text=_("RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=2TU (second Tuesday of the month)."),
    )
    start_time = models.TimeField(_("starts at"), default=dt.time(9, 0))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    chair = models.ForeignKey(
        Person, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="chaired_series"
    )
    secretariat = models.ForeignKey(
        Unit,
        verbose_name=_("secretariat (Bagian)"),
        on_delete=models.PROTECT,
        related_name="served_series",
    )
    standing_invitees = models.ManyToManyField(
        Unit, verbose_name=_("standing invitees"), related_name="standing_series", blank=True
    )
    klasifikasi = models.CharField(
        _("classification code"),
        max_length=20,
        default="000.1.6",
        help_text=_("For letter numbers."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["coordinator__sort_order", "title"]

    def __str__(self) -> str:
        return self.title


def document_path(instance: Meeting, filename: str) -> str:
    """Store a sent letter or a final notula under a random name."""
    return random_name("meetings", filename)


class Meeting(models.Model):
    """One coordination meeting, from planning to final minutes."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        INVITED = "invited", _("Invitations sent")
        HELD = "held", _("Held")
        FINAL = "final", _("Minutes final")
        CANCELLED = "cancelled", _("Cancelled")

    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    coordinator = models.ForeignKey(
        Unit,
        verbose_name=_("coordinating assistant"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    secretariat = models.ForeignKey(
        Unit, verbose_name=_("secretariat (Bagian)"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    chair = models.ForeignKey(
        Person, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    letter_number = models.CharField(_("letter number"), max_length=80, blank=True)
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
    # The documents exactly as they went out: downloads serve these, so a later change of the
    # letterhead, a title or an agenda never alters a letter or a notula already sent.
    letter_file = models.FileField(
        _("invitation letter as sent"),
        upload_to=document_path,
        max_length=200,
        blank=True,
        editable=False,
    )
    change_reason = models.TextField(_("reason for the last change"), blank=True)
    notulis = models.ForeignKey(
        Person,
        verbose_name=_("minute taker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    finalised_at = models.DateTimeField(_("minutes finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minutes_file = models.FileField(
        _("notula as finalised"),
        upload_to=document_path,
        max_length=200,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="final") | Q(finalised_at__isnull=False),
                name="meeting_final_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    @property
    def is_locked(self) -> bool:
        """Final minutes (and cancelled meetings) can no longer change."""
        return self.status in (self.Status.FINAL, self.Status.CANCELLED)

    @property
    def end(self) -> dt.datetime:
        return self.ends_at or self.starts_at + dt.timedelta(hours=2)


class AgendaItem(models.Model):
    """One item of a meeting's agenda (pokok bahasan), with what was discussed and decided."""

    class Source(models.TextChoices):
        ACTION_ITEM = "action_item", _("Open action item")
        ISSUE = "issue", _("Issue")
        WARNING = "warning", _("Early warning")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        SETTLED = "settled", _("Settled at this meeting")
        CONTINUED = "continued", _("Continued")
        ESCALATED = "escalated", _("Escalated to the Sekda")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.OTHER
    )
    issue = models.ForeignKey(
        Issue,
        verbose_name=_("issue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    action_item = models.ForeignKey(
        "ActionItem",
        verbose_name=_("action item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    sub_activity = models.ForeignKey(
        "plans.SubActivity",
        verbose_name=_("sub kegiatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    title = models.CharField(_("title"), max_length=300)
    reason = models.CharField(_("why on the agenda"), max_length=200, blank=True)
    minutes_allotted = models.PositiveSmallIntegerField(_("minutes allotted"), default=10)
    units = models.ManyToManyField(
        Unit, verbose_name=_("units to invite"), related_name="+", blank=True
    )
    discussion = models.TextField(_("discussion"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("One decision per line."))
    outcome = models.CharField(
        _("outcome for the issue"), max_length=10, choices=Outcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def decision_lines(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]


class Invitation(models.Model):
    """The invitation of one unit to a meeting and its answer."""

    class Reply(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ATTEND = "attend", _("Will attend")
        REPRESENTED = "represented", _("Represented by")
        ABSENT = "absent", _("Cannot attend")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="invitations"
    )
    reply = models.CharField(
        _("answer"), max_length=12, choices=Reply.choices, default=Reply.PENDING
    )
    representative_name = models.CharField(_("representative's name"), max_length=200, blank=True)
    representative_position = models.CharField(
        _("representative's position"), max_length=200, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    replied_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["unit__sort_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "unit"], name="invitation_once_per_unit"),
            models.CheckConstraint(
                condition=~Q(reply="represented") | ~Q(representative_name=""),
                name="invitation_representative_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name}: {self.get_reply_display()}"


class Attendance(models.Model):
    """One line of the attendance list (daftar hadir)."""

    class Source(models.TextChoices):
        QR = "qr", _("QR check-in")
        SECRETARIAT = "secretariat", _("Entered by the secretariat")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    nip = models.CharField("NIP", max_length=18, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    representing = models.CharField(_("representing"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.QR)
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="attendance_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> ActionItemQuerySet:
        return self.filter(status__in=[ActionItem.Status.OPEN, ActionItem.Status.DONE])


class ActionItem(models.Model):
    """A commitment decided in a meeting (rencana tindak lanjut): what, which unit, by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done, waiting for verification")
        VERIFIED = "verified", _("Verified")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="action_items"
    )
    issue = models.ForeignKey(
        Issue,
        verbose_name=_("issue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="action_items"
    )
    description = models.TextField(_("what"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    progress = models.TextField(_("progress"), blank=True)
    done_note = models.TextField(_("evidence of completion"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(_("reminded as overdue at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.unit.short_name}: {self.description[:60]}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == self.Status.OPEN and today > self.due_on


class DraftActionItem(models.Model):
    """An action item written into the minutes, created for real when they are finalised."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="draft_actions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("what"))
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("planned action item")
        verbose_name_plural = _("planned action items")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description[:60]


class LetterSequence(models.Model):
    """The running letter number of one unit in one year; never handed out twice."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("letter sequence")
        verbose_name_plural = _("letter sequences")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="letter_sequence_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.year}: {self.last}"


class CalendarFeed(models.Model):
    """A person's private calendar subscription (meetings and due dates), revocable."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.person}"


def evidence_path(instance: ActionItemFile, filename: str) -> str:
    """Store evidence under a random name; the original name stays in the row."""
    return random_name("actions", filename)


class ActionItemFile(StoredFile):
    """A photo or document that shows the progress or completion of an action item."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
