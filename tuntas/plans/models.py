"""Work plans: the budget nomenclature, sub kegiatan, monthly targets and realisation."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.lib.uploads import StoredFile, random_name
from tuntas.org.models import Person, Unit

MONTHS = range(1, 13)
PROJECTION_FROM_MONTH = 6
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Nomenclature(models.Model):
    """One entry of the budget nomenclature of a fiscal year (urusan … sub kegiatan)."""

    class Level(models.TextChoices):
        URUSAN = "urusan", _("Urusan")
        BIDANG = "bidang", _("Bidang urusan")
        PROGRAM = "program", _("Program")
        KEGIATAN = "kegiatan", _("Kegiatan")
        SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan")

    year = models.PositiveSmallIntegerField(_("fiscal year"))
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=300)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("nomenclature entry")
        verbose_name_plural = _("nomenclature")
        ordering = ["year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="nomenclature_code_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PlanPolicy(models.Model):
    """Thresholds and rules of deviation and reporting, one row for the government."""

    yellow_points = models.DecimalField(
        _("yellow beyond (points behind)"), max_digits=5, decimal_places=2, default=Decimal("5")
    )
    red_points = models.DecimalField(
        _("red beyond (points behind)"), max_digits=5, decimal_places=2, default=Decimal("10")
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("report due by this day of the next month"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    allow_corrections = models.BooleanField(
        _("allow corrections of earlier months"),
        default=False,
        help_text=_("Corrections are always recorded with the old and new values."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("work plan rules")
        verbose_name_plural = _("work plan rules")

    def __str__(self) -> str:
        return str(_("Work plan rules"))

    @classmethod
    def current(cls) -> PlanPolicy:
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class SubActivity(models.Model):
    """A unit's sub kegiatan in its DPA for a fiscal year, with budget and output."""

    year = models.PositiveSmallIntegerField(_("fiscal year"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="sub_activities"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=300)
    nomenclature = models.ForeignKey(
        Nomenclature, on_delete=models.PROTECT, null=True, blank=True, related_name="sub_activities"
    )
    program_name = models.CharField(_("program"), max_length=300, blank=True)
    activity_name = models.CharField(_("kegiatan"), max_length=300, blank=True)
    pagu = models.DecimalField(_("budget (pagu)"), max_digits=18, decimal_places=2)
    pptk = models.ForeignKey(
        Person,
        verbose_name=_("PPTK"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_activities",
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    output = models.CharField(_("output"), max_length=300, blank=True)
    output_target = models.CharField(_("output target"), max_length=100, blank=True)
    output_unit = models.CharField(_("unit of measure"), max_length=60, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")
        ordering = ["year", "unit__sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "unit", "code"], name="sub_activity_once"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="sub_activity_pagu_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MonthlyTarget(models.Model):
    """The cumulative plan for one month: physical progress and money spent (anggaran kas)."""

    sub_activity = models.ForeignKey(SubActivity, on_delete=models.CASCADE, related_name="targets")
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    physical_pct = models.DecimalField(
        _("physical (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    financial = models.DecimalField(_("finance (Rp)"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("monthly target")
        verbose_name_plural = _("monthly targets")
        ordering = ["sub_activity", "month"]
        constraints = [
            models.UniqueConstraint(fields=["sub_activity", "month"], name="target_once_a_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="target_month_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sub_activity.code} {self.month}"


class Realisation(models.Model):
    """What a unit reports it achieved by the end of a month (cumulative)."""

    sub_activity = models.ForeignKey(
        SubActivity, on_delete=models.CASCADE, related_name="realisations"
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    physical_pct = models.DecimalField(
        _("physical (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    financial = models.DecimalField(_("finance (Rp)"), max_digits=18, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    reported_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        ordering = ["sub_activity", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_activity", "month"], name="realisation_once_a_month"
            ),
            models.CheckConstraint(
                condition=Q(physical_pct__gte=0) & Q(physical_pct__lte=100),
                name="realisation_physical_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sub_activity.code} {self.month}"


def evidence_path(instance: RealisationFile, filename: str) -> str:
    """Store evidence under a random name; the original name stays in the row."""
    return random_name("realisation", filename)


class RealisationFile(StoredFile):
    """A photo or document that shows a month's realisation (evidence)."""

    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("realisation evidence")
        verbose_name_plural = _("realisation evidence")


class RealisationCorrection(models.Model):
    """A recorded change of an earlier month's realisation: never silent."""

    realisation = models.ForeignKey(
        Realisation, on_delete=models.CASCADE, related_name="corrections"
    )
    old_physical_pct = models.DecimalField(max_digits=5, decimal_places=2)
    old_financial = models.DecimalField(max_digits=18, decimal_places=2)
    new_physical_pct = models.DecimalField(max_digits=5, decimal_places=2)
    new_financial = models.DecimalField(max_digits=18, decimal_places=2)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("realisation correction")
        verbose_name_plural = _("realisation corrections")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.realisation} {self.at:%Y-%m-%d}"


# --- progress of one sub kegiatan ----------------------------------------------------------


class Progress:
    """Target, realisation and deviation of one sub kegiatan in one month (cumulative)."""

    def __init__(self, sub: SubActivity, month: int, thresholds: object) -> None:
        from tuntas.lib import deviation as dev

        targets = {t.month: t for t in sub.targets.all()}
        reals = {r.month: r for r in sub.realisations.all()}
        self.sub = sub
        self.month = month
        target = targets.get(month)
        real = reals.get(month)
        self.reported = real is not None
        self.target_physical = target.physical_pct if target else None
        self.target_financial_pct = (
            dev.financial_pct(target.financial, sub.pagu) if target else None
        )
        self.real_physical = real.physical_pct if real else None
        self.real_financial_pct = dev.financial_pct(real.financial, sub.pagu) if real else None
        self.real_financial = real.financial if real else None
        self.dev_physical = (
            dev.deviation(self.target_physical, self.real_physical)
            if self.target_physical is not None and self.real_physical is not None
            else None
        )
        self.dev_financial = (
            dev.deviation(self.target_financial_pct, self.real_financial_pct)
            if self.target_financial_pct is not None and self.real_financial_pct is not None
            else None
        )
        statuses: list[str] = [
            dev.status(d, thresholds)  # type: ignore[arg-type]
            for d in (self.dev_physical, self.dev_financial)
            if d is not None
        ]
        order = {"green": 0, "yellow": 1, "red": 2}
        # The worse of the physical and the financial status counts.
        self.status: str | None = max(statuses, key=order.__getitem__) if statuses else None
        self.kritis = bool(
            self.target_physical is not None
            and self.dev_physical is not None
            and dev.kontrak_kritis(self.target_physical, self.dev_physical)
        )
        points = [(m, reals[m].physical_pct) for m in sorted(reals) if m <= month]
        self.projection = dev.projection(points) if points else None
        year_end = targets.get(12)
        # Three months of pace cannot foresee the steep middle of an S-curve: the projection
        # only warns from June on, when the remaining months are few enough to judge.
        self.projection_short = bool(
            month >= PROJECTION_FROM_MONTH
            and self.projection is not None
            and year_end is not None
            and dev.projection_short(self.projection, year_end.physical_pct)
        )


def sub_activity_progress(sub: SubActivity, month: int, thresholds: object) -> Progress:
    """Return the progress of a sub kegiatan in a month (targets and realisations prefetched)."""
    return Progress(sub, month, thresholds)
