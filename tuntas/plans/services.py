"""Work-plan workflows and early warnings, each change in one transaction and never silent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.lib import deviation as dev
from tuntas.lib.dates import format_date
from tuntas.lib.uploads import store_all
from tuntas.org.access import Viewer
from tuntas.plans.models import (
    MonthlyTarget,
    PlanPolicy,
    Progress,
    Realisation,
    RealisationCorrection,
    RealisationFile,
    SubActivity,
)


class PlanError(ValueError):
    """A realisation or target that breaks the rules, with a message for the person."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def thresholds(policy: PlanPolicy | None = None) -> dev.Thresholds:
    policy = policy or PlanPolicy.current()
    return dev.Thresholds(yellow=policy.yellow_points, red=policy.red_points)


def with_progress_data(subs: QuerySet[SubActivity]) -> QuerySet[SubActivity]:
    """Prefetch what progress needs, so a list computes every row without more queries."""
    return subs.select_related("unit", "pptk").prefetch_related(
        Prefetch("targets", queryset=MonthlyTarget.objects.order_by("month")),
        Prefetch("realisations", queryset=Realisation.objects.order_by("month")),
    )


def reporting_month(today: dt.date) -> tuple[int, int]:
    """The (year, month) whose report is expected now: last month."""
    first = today.replace(day=1)
    last = first - dt.timedelta(days=1)
    return last.year, last.month


def latest_month(sub: SubActivity, today: dt.date) -> int:
    """The month to judge a sub kegiatan by: its latest report, else last month."""
    reported = [r.month for r in sub.realisations.all()]
    if reported:
        return max(reported)
    year, month = reporting_month(today)
    return month if year == sub.year else (12 if sub.year < year else 1)


# --- targets ---------------------------------------------------------------------------------


def targets_save(*, sub: SubActivity, rows: dict[int, tuple[Decimal, Decimal]], by: Viewer) -> None:
    """Save the 12-month cumulative plan; each month at least the previous, never above pagu."""
    previous = (Decimal("0"), Decimal("0"))
    for month in sorted(rows):
        physical, financial = rows[month]
        if not Decimal("0") <= physical <= Decimal("100"):
            raise PlanError(f"physical_{month}", _("Physical progress lies between 0 and 100%."))
        if financial < 0 or financial > sub.pagu:
            raise PlanError(f"financial_{month}", _("The amount cannot exceed the budget (pagu)."))
        if physical < previous[0] or financial < previous[1]:
            raise PlanError(
                f"physical_{month}" if physical < previous[0] else f"financial_{month}",
                _("Targets are cumulative: a month cannot be lower than the month before."),
            )
        previous = (physical, financial)
    with transaction.atomic():
        locked = SubActivity.objects.select_for_update().get(pk=sub.pk)
        for month, (physical, financial) in rows.items():
            MonthlyTarget.objects.update_or_create(
                sub_activity=locked,
                month=month,
                defaults={"physical_pct": physical, "financial": financial},
            )
        MonthlyTarget.objects.filter(sub_activity=locked).exclude(month__in=list(rows)).delete()
        locked.version += 1
        locked.save(update_fields=["version"])


# --- realisation -----------------------------------------------------------------------------


def realisation_save(
    *,
    sub: SubActivity,
    month: int,
    physical: Decimal,
    financial: Decimal,
    note: str,
    by: Viewer,
    reason: str = "",
    today: dt.date | None = None,
    files: Sequence[tuple[UploadedFile, str]] = (),
) -> Realisation:
    """Record a month's realisation; earlier months only as recorded corrections."""
    today = today or timezone.localdate()
    if not Decimal("0") <= physical <= Decimal("100"):
        raise PlanError("physical", _("Physical progress lies between 0 and 100%."))
    if financial < 0 or financial > sub.pagu:
        raise PlanError("financial", _("Spending cannot exceed the budget (pagu)."))
    if (sub.year, month) > (today.year, today.month):
        raise PlanError("month", _("A month that has not begun cannot be reported."))
    with transaction.atomic():
        locked = SubActivity.objects.select_for_update().get(pk=sub.pk)
        existing = {r.month: r for r in locked.realisations.all()}
        latest = max(existing) if existing else 0
        if month > latest + 1 and month > 1:
            raise PlanError(
                "month",
                _("Report %(month)s first: months are reported in order.")
                % {"month": MONTH_NAMES[latest + 1]},
            )
        current = existing.get(month)
        if current is not None and month < latest:
            if not PlanPolicy.current().allow_corrections:
                raise PlanError(
                    "month",
                    _("An earlier month can only be corrected when the administrator allows it."),
                )
            if not reason.strip():
                raise PlanError("reason", _("Give the reason for the correction."))
        if current is not None and (
            current.physical_pct != physical or current.financial != financial
        ):
            RealisationCorrection.objects.create(
                realisation=current,
                old_physical_pct=current.physical_pct,
                old_financial=current.financial,
                new_physical_pct=physical,
                new_financial=financial,
                reason=reason or _("Changed by the unit."),
                by=by.person,
            )
        realisation, _created = Realisation.objects.update_or_create(
            sub_activity=locked,
            month=month,
            defaults={
                "physical_pct": physical,
                "financial": financial,
                "note": note,
                "reported_by": by.person,
                "reported_at": timezone.now(),
            },
        )
        store_all(RealisationFile, files, realisation=realisation, uploaded_by=by.person)
        locked.version += 1
        locked.save(update_fields=["version"])
    return realisation


MONTH_NAMES = {
    1: gettext_lazy("January"),
    2: gettext_lazy("February"),
    3: gettext_lazy("March"),
    4: gettext_lazy("April"),
    5: gettext_lazy("May"),
    6: gettext_lazy("June"),
    7: gettext_lazy("July"),
    8: gettext_lazy("August"),
    9: gettext_lazy("September"),
    10: gettext_lazy("October"),
    11: gettext_lazy("November"),
    12: gettext_lazy("December"),
}


# --- early warnings --------------------------------------------------------------------------


@dataclass(frozen=True)
class EarlyWarning:
    """A signal about one sub kegiatan that needs a coordinator's attention."""

    kind: str  # red, kritis, not_reported, projection_short
    sub: SubActivity
    month: int
    progress: Progress | None

    @property
    def label(self) -> str:
        return str(WARNING_LABELS[self.kind])


WARNING_LABELS: dict[str, Any] = {
    "red": gettext_lazy("Red deviation"),
    "kritis": gettext_lazy("Kontrak kritis"),
    "not_reported": gettext_lazy("Not reported"),
    "projection_short": gettext_lazy("Will not reach the target"),
}


def early_warnings(
    subs: QuerySet[SubActivity] | list[SubActivity], *, today: dt.date | None = None
) -> list[EarlyWarning]:
    """Return the warnings of the given sub kegiatan (prefetched with `with_progress_data`)."""
    today = today or timezone.localdate()
    policy = PlanPolicy.current()
    limits = thresholds(policy)
    report_year, report_month = reporting_month(today)
    cutoff = dev.month_cutoff(report_year, report_month, policy.cutoff_day)
    out: list[EarlyWarning] = []
    for sub in subs:
        reported = {r.month for r in sub.realisations.all()}
        if sub.year == report_year and today > cutoff and report_month not in reported:
            out.append(EarlyWarning("not_reported", sub, report_month, None))
        if not reported:
            continue
        month = max(reported)
        progress = Progress(sub, month, limits)
        if progress.status == "red":
            out.append(EarlyWarning("red", sub, month, progress))
        if progress.kritis:
            out.append(EarlyWarning("kritis", sub, month, progress))
        if progress.projection_short:
            out.append(EarlyWarning("projection_short", sub, month, progress))
    return out


# --- "belum lapor" reminders -----------------------------------------------------------------


def realisation_remind(*, year: int, month: int, cutoff: dt.date, overdue: bool) -> int:
    """Remind each unit with sub kegiatan not yet reported for the month; return the units told.

    The unit's head and operators and the PPTK of each missing sub kegiatan are told once per
    call; the scheduler calls it once per month before the cut-off and once after it.
    """
    from tuntas.issues.services import people_of
    from tuntas.notifications.services import notification_send
    from tuntas.plans.access import WRITER_ROLES

    missing = (
        SubActivity.objects.filter(year=year)
        .exclude(realisations__month=month)
        .select_related("unit", "pptk")
        .order_by("unit__sort_order", "unit__name", "code")
    )
    by_unit: dict[int, list[SubActivity]] = {}
    for sub in missing:
        by_unit.setdefault(sub.unit_id, []).append(sub)
    month_name = f"{MONTH_NAMES[month]} {year}"
    for unit_id, subs in by_unit.items():
        people = people_of([unit_id], WRITER_ROLES) + [s.pptk for s in subs if s.pptk]
        if overdue:
            title = _("Realisation of %(month)s not reported (due %(date)s)")
        else:
            title = _("Realisation of %(month)s due by %(date)s")
        names = "\n".join(f"• {sub.code} {sub.name}" for sub in subs[:10])
        if len(subs) > 10:
            names += "\n• " + _("and %(count)d more") % {"count": len(subs) - 10}
        notification_send(
            recipients=people,
            kind="plans.realisation_overdue" if overdue else "plans.realisation_due",
            title=title % {"month": month_name, "date": format_date(cutoff)},
            body=_("Sub kegiatan without a report:") + "\n" + names,
            url=reverse("plans:unit", args=[unit_id]),
        )
    return len(by_unit)
