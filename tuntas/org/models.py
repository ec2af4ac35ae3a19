"""Organisation: the government, its units, its people and the roles they hold."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.lib import workdays

if TYPE_CHECKING:
    from collections.abc import Iterable

nip_validator = RegexValidator(r"^\d{18}$", _("NIP must be exactly 18 digits, without spaces."))
phone_validator = RegexValidator(
    r"^(\+62|62|0)8\d{7,12}$",
    _("Enter a mobile number such as 081234567890 or +6281234567890."),
)


class Government(models.Model):
    """The regional government (Pemerintah Daerah) that runs this Tuntas, with its letterhead."""

    class Level(models.TextChoices):
        CITY = "city", _("City (Kota)")
        REGENCY = "regency", _("Regency (Kabupaten)")
        PROVINCE = "province", _("Province (Provinsi)")

    name = models.CharField(
        _("name"), max_length=200, help_text=_("e.g. Pemerintah Kota Payakumbuh")
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.CITY)
    region_name = models.CharField(_("region name"), max_length=100, help_text=_("e.g. Payakumbuh"))
    address = models.CharField(_("address"), max_length=300)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    logo = models.FileField(_("logo"), upload_to="government/", blank=True)
    letter_number_pattern = models.CharField(
        _("letter number pattern"),
        max_length=100,
        default="{klasifikasi}/{seq}/{unit}/{year}",
        help_text=_("Placeholders: {klasifikasi}, {seq}, {unit}, {year}, {month_roman}."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("government")
        verbose_name_plural = _("governments")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Government | None:
        """Return the government this installation serves (there is one)."""
        return cls.objects.order_by("pk").first()


class UnitQuerySet(models.QuerySet["Unit"]):
    def active(self) -> UnitQuerySet:
        return self.filter(is_active=True)

    def with_coordinator(self, on: dt.date | None = None) -> UnitQuerySet:
        """Annotate each unit with the id of its coordinating Asisten on the given date."""
        day = on or timezone.localdate()
        latest = (
            UnitCoordination.objects.filter(unit=OuterRef("pk"), valid_from__lte=day)
            .order_by("-valid_from")
            .values("coordinator_id")[:1]
        )
        return self.annotate(coordinator_id_on=Subquery(latest))

    def coordinated_by(
        self, assistant_ids: Iterable[int], on: dt.date | None = None
    ) -> UnitQuerySet:
        """Return the units whose coordinating Asisten on the date is one of the given units."""
        # The annotation is unknown to django-stubs, hence the ignore.
        return self.with_coordinator(on).filter(coordinator_id_on__in=list(assistant_ids))  # type: ignore[misc]


class Unit(models.Model):
    """An organisational unit: head's office, Setda, Asisten, Bagian, OPD, BUMD or partner."""

    class Kind(models.TextChoices):
        HEAD = "head", _("Regional head")
        SETDA = "setda", _("Regional secretariat (Setda)")
        ASSISTANT = "assistant", _("Assistant (Asisten)")
        SECTION = "section", _("Section (Bagian)")
        AGENCY = "agency", _("Agency (Dinas/Badan/Kantor)")
        DISTRICT = "district", _("District (Kecamatan)")
        SUBDISTRICT = "subdistrict", _("Subdistrict (Kelurahan)")
        ENTERPRISE = "enterprise", _("Regional enterprise (BUMD)")
        PARTNER = "partner", _("External partner")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=40, unique=True, help_text=_("e.g. PUPR, Bappeda, PDAM")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    sipd_code = models.CharField(
        _("SIPD unit code"), max_length=40, blank=True, help_text=_("e.g. 1.03.0.00.0.00.01.0000")
    )
    letter_code = models.CharField(
        _("letter code"),
        max_length=40,
        blank=True,
        help_text=_("Code used in letter numbers; the short name when empty."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="unit_not_own_parent"),
            # Short names are matched without case (search, import), so they are unique so too.
            models.UniqueConstraint(
                Lower("short_name"),
                name="unit_short_name_ci_unique",
                violation_error_message=_("Another unit already uses this short name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def coordinator_on(self, day: dt.date | None = None) -> Unit | None:
        """Return the Asisten unit that coordinates this unit on the given date."""
        row = (
            self.coordinations.filter(valid_from__lte=day or timezone.localdate())
            .select_related("coordinator")
            .order_by("-valid_from")
            .first()
        )
        return row.coordinator if row else None

    @property
    def is_external(self) -> bool:
        return self.kind in (self.Kind.ENTERPRISE, self.Kind.PARTNER)


class UnitCoordination(models.Model):
    """The Asisten who coordinates a unit, from a date on (structures change by Perda)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="coordinations"
    )
    coordinator = models.ForeignKey(
        Unit,
        verbose_name=_("coordinating assistant"),
        on_delete=models.PROTECT,
        related_name="coordinated",
        limit_choices_to={"kind": Unit.Kind.ASSISTANT},
    )
    valid_from = models.DateField(_("applies from"))
    legal_basis = models.CharField(
        _("legal basis"), max_length=200, blank=True, help_text=_("e.g. Perwali No. 5 Tahun 2026")
    )

    class Meta:
        verbose_name = _("unit coordination")
        verbose_name_plural = _("unit coordinations")
        ordering = ["unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "valid_from"], name="coordination_unique_start"
            ),
            models.CheckConstraint(
                condition=~Q(unit=F("coordinator")), name="coordination_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} → {self.coordinator} ({self.valid_from:%Y-%m-%d})"


class PersonManager(UserManager["Person"]):
    def get_by_natural_key(self, username: str | None) -> Person:
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class Person(AbstractUser):
    """A person who uses Tuntas: an official (ASN) or a partner's officer."""

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(
        _("full name with titles"), max_length=200, help_text=_("e.g. Dr. Ir. Budi Santoso, M.T.")
    )
    nip = models.CharField(
        "NIP",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[nip_validator],
        help_text=_("18 digits; empty for people who are not civil servants."),
    )
    position = models.CharField(_("position (jabatan)"), max_length=200, blank=True)
    rank = models.CharField(
        _("rank/grade (pangkat/golongan)"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Pembina Tingkat I (IV/b)"),
    )
    phone = models.CharField(
        _("mobile (WhatsApp)"), max_length=20, blank=True, validators=[phone_validator]
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        default="id",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PersonManager()  # type: ignore[misc]

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            # People log in with their user name in any case, so two may not differ by case only.
            models.UniqueConstraint(
                Lower("username"),
                name="person_username_ci_unique",
                violation_error_message=_("Another person already uses this user name."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(",")[0]

    @property
    def initials(self) -> str:
        """Return up to two initials of the name, skipping titles such as "Dr.", "Ir." or "H."."""
        words = [w for w in self.get_short_name().split() if not w.endswith(".")]
        return "".join(w[0] for w in words[:2]).upper() or self.username[:1].upper()

    def save(self, *args: object, **kwargs: object) -> None:
        # Empty NIPs are stored as NULL so that the unique constraint ignores them.
        if not self.nip:
            self.nip = None
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active(self, on: dt.date | None = None) -> RoleAssignmentQuerySet:
        """Return the assignments in force on the given date (today by default)."""
        day = on or timezone.localdate()
        return self.filter(valid_from__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class RoleAssignment(models.Model):
    """A person holding a role for a unit, definitively or as acting official (Plt./Plh.)."""

    class Role(models.TextChoices):
        HEAD = "head", _("Regional head (Kepala Daerah)")
        SECRETARY_GENERAL = "secretary_general", _("Regional secretary (Sekda)")
        COORDINATOR = "coordinator", _("Assistant (Asisten)")
        SECRETARIAT = "secretariat", _("Secretariat staff (Bagian)")
        UNIT_HEAD = "unit_head", _("Head of unit")
        UNIT_STAFF = "unit_staff", _("Unit operator")
        PARTNER = "partner", _("Partner")
        ADMIN = "admin", _("System administrator")

    class Capacity(models.TextChoices):
        DEFINITIVE = "definitive", _("Definitive")
        PLT = "plt", _("Acting (Plt.)")
        PLH = "plh", _("Daily acting (Plh.)")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    capacity = models.CharField(
        _("capacity"), max_length=12, choices=Capacity.choices, default=Capacity.DEFINITIVE
    )
    position_title = models.CharField(
        _("position title"),
        max_length=200,
        blank=True,
        help_text=_(
            "Printed in signature blocks, e.g. Kepala Dinas Pekerjaan Umum dan Penataan Ruang."
        ),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["unit__sort_order", "unit__name", "role", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="assignment_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["person", "unit", "role", "valid_from"], name="assignment_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} — {self.unit.short_name}"

    @property
    def capacity_prefix(self) -> str:
        """Return "Plt. " or "Plh. " for acting officials, as documents print it."""
        return {self.Capacity.PLT: "Plt. ", self.Capacity.PLH: "Plh. "}.get(
            self.Capacity(self.capacity), ""
        )

    @property
    def signature_title(self) -> str:
        """Return the title a signature prints, e.g. "Plt. Asisten Perekonomian dan Pembangunan"."""
        return f"{self.capacity_prefix}{self.position_title or self.person.position}".strip()

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or self.valid_until >= day)


class ChangeLog(models.Model):
    """One recorded change to the organisation: who did what to which record, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        ENDED = "ended", _("ended")
        IMPORTED = "imported", _("imported")

    actor = models.ForeignKey(
        Person,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes_made",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="changelog"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="changelog"
    )
    summary = models.CharField(_("summary"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.summary


class WorkdayOverride(models.Model):
    """A local exception to the national working-day calendar: an extra day off or a working day."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=11, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=120, help_text=_("e.g. Hari Jadi Kota, or Hari kerja pengganti")
    )

    class Meta:
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["day_off", "working_day"]), name="workdayoverride_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

    # Not signals (conventions): the per-process calendar cache is dropped here, and again at
    # commit so that a calendar loaded while the transaction was open is not kept.
    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        workdays.invalidate_calendar()
        transaction.on_commit(workdays.invalidate_calendar)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        result = super().delete(*args, **kwargs)
        workdays.invalidate_calendar()
        transaction.on_commit(workdays.invalidate_calendar)
        return result
