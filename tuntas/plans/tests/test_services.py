"""Targets and realisation through the services, and the early warnings on real dates."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from tuntas.org.access import Viewer
from tuntas.plans.models import PlanPolicy, Progress, RealisationCorrection
from tuntas.plans.services import (
    PlanError,
    early_warnings,
    realisation_save,
    targets_save,
    thresholds,
    with_progress_data,
)
from tuntas.plans.tests.kit import at, make_sub, report, report_months, s_curve

pytestmark = pytest.mark.django_db

M = Decimal(1_000_000)
ON_TRACK = [(2, 0), (5, 30 * M), (10, 70 * M), (18, 140 * M), (28, 230 * M)]


def kinds(sub, day):
    fresh = with_progress_data(type(sub).objects.filter(pk=sub.pk))
    return sorted(w.kind for w in early_warnings(fresh, today=day))


def progress(sub, month):
    fresh = with_progress_data(type(sub).objects.filter(pk=sub.pk)).get()
    return Progress(fresh, month, thresholds())


def allow_corrections():
    PlanPolicy.objects.update_or_create(pk=1, defaults={"allow_corrections": True})


# --- targets ---------------------------------------------------------------------------------


def test_targets_are_saved_for_twelve_months(org):
    sub = make_sub(org)

    assert [t.physical_pct for t in sub.targets.order_by("month")][:3] == [2, 5, 10]
    assert sub.targets.get(month=12).financial == sub.pagu
    sub.refresh_from_db()
    assert sub.version == 2


def test_a_target_lower_than_the_month_before_is_refused(org):
    sub = make_sub(org, targets=None)
    rows = s_curve()
    rows[8] = (Decimal(50), rows[8][1])  # July plans 53 %, August only 50 %

    with pytest.raises(PlanError) as error:
        targets_save(sub=sub, rows=rows, by=Viewer.of(org.pupr_operator))

    assert error.value.field == "physical_8"
    assert not sub.targets.exists()


def test_a_finance_target_lower_than_the_month_before_is_refused(org):
    sub = make_sub(org, targets=None)
    rows = s_curve()
    rows[6] = (rows[6][0], Decimal(1))

    with pytest.raises(PlanError) as error:
        targets_save(sub=sub, rows=rows, by=Viewer.of(org.pupr_operator))

    # June's finance is lower than May's (the service names June's physical field for both).
    assert error.value.field.endswith("_6")


def test_a_finance_target_above_the_pagu_is_refused(org):
    sub = make_sub(org, targets=None)
    rows = s_curve()
    rows[12] = (Decimal(100), sub.pagu + 1)

    with pytest.raises(PlanError) as error:
        targets_save(sub=sub, rows=rows, by=Viewer.of(org.pupr_operator))

    assert error.value.field == "financial_12"


def test_saving_fewer_months_removes_the_others(org):
    sub = make_sub(org)

    targets_save(sub=sub, rows={12: (Decimal(100), sub.pagu)}, by=Viewer.of(org.pupr_operator))

    assert list(sub.targets.values_list("month", flat=True)) == [12]


# --- realisation -----------------------------------------------------------------------------


@time_machine.travel(at("2026-06-16"), tick=False)
def test_months_are_reported_in_order(org):
    sub = make_sub(org)
    report(sub, 1, 2, 0, org.pupr_operator)

    with pytest.raises(PlanError) as error:
        report(sub, 3, 10, 0, org.pupr_operator)

    assert error.value.field == "month"
    assert list(sub.realisations.values_list("month", flat=True)) == [1]


def test_the_first_report_is_january(org):
    sub = make_sub(org)

    with pytest.raises(PlanError) as error:
        report(sub, 2, 5, 0, org.pupr_operator)

    assert error.value.field == "month"


@time_machine.travel(at("2026-06-16"), tick=False)
def test_a_month_that_has_not_begun_is_refused(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, [(1, 0)] * 6)

    with pytest.raises(PlanError) as error:
        realisation_save(
            sub=sub,
            month=7,
            physical=Decimal(40),
            financial=Decimal(0),
            note="",
            by=Viewer.of(org.pupr_operator),
        )

    assert error.value.field == "month"


def test_the_current_month_may_be_reported_during_it(org):
    sub = make_sub(org)

    realisation = report(sub, 1, 2, 0, org.pupr_operator, today=dt.date(2026, 1, 20))

    assert realisation.month == 1


def test_spending_above_the_pagu_is_refused(org):
    sub = make_sub(org)

    with pytest.raises(PlanError) as error:
        report(sub, 1, 2, sub.pagu + 1, org.pupr_operator)

    assert error.value.field == "financial"
    assert not sub.realisations.exists()


@pytest.mark.parametrize("physical", ["-0.01", "100.01"])
def test_physical_progress_stays_between_0_and_100(org, physical):
    sub = make_sub(org)

    with pytest.raises(PlanError) as error:
        report(sub, 1, physical, 0, org.pupr_operator)

    assert error.value.field == "physical"


def test_an_earlier_month_is_not_corrected_unless_the_admin_allows_it(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, ON_TRACK[:3])

    with pytest.raises(PlanError) as error:
        report(sub, 1, 3, 0, org.pupr_operator, reason="Salah ketik")

    assert error.value.field == "month"
    assert sub.realisations.get(month=1).physical_pct == 2
    assert not RealisationCorrection.objects.exists()


def test_a_correction_needs_a_reason(org):
    allow_corrections()
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, ON_TRACK[:3])

    with pytest.raises(PlanError) as error:
        report(sub, 1, 3, 0, org.pupr_operator, reason="  ")

    assert error.value.field == "reason"
    assert not RealisationCorrection.objects.exists()


def test_a_correction_is_recorded_with_old_and_new_values(org):
    allow_corrections()
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, ON_TRACK[:3])

    report(sub, 2, 6, 31 * M, org.kadis_pupr, reason="Salah ketik")

    [correction] = RealisationCorrection.objects.all()
    assert (correction.old_physical_pct, correction.new_physical_pct) == (5, 6)
    assert (correction.old_financial, correction.new_financial) == (30 * M, 31 * M)
    assert correction.reason == "Salah ketik"
    assert correction.by == org.kadis_pupr
    assert sub.realisations.get(month=2).physical_pct == 6


def test_changing_the_latest_month_is_recorded_too(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, ON_TRACK[:3])

    report(sub, 3, 11, 70 * M, org.pupr_operator)

    [correction] = RealisationCorrection.objects.all()
    assert (correction.old_physical_pct, correction.new_physical_pct) == (10, 11)
    assert correction.reason  # "Changed by the unit." when none is given


def test_the_same_values_again_record_no_correction(org):
    allow_corrections()
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, ON_TRACK[:3])

    report(sub, 2, 5, 30 * M, org.pupr_operator, reason="Periksa ulang")

    assert not RealisationCorrection.objects.exists()


# --- deviation, status, kontrak kritis, projection -------------------------------------------


@time_machine.travel(at("2026-06-16"), tick=False)
def test_twelve_points_behind_at_28_percent_planned_is_red_and_kritis(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, [*ON_TRACK[:4], (16, 200 * M)])

    may = progress(sub, 5)

    assert (may.target_physical, may.real_physical) == (Decimal("28.00"), Decimal("16.00"))
    assert may.dev_physical == Decimal("-12.00")
    assert may.dev_financial == Decimal("-3.00")
    assert may.status == "red"
    assert may.kritis
    # Before June the pace of an S-curve says nothing yet: no projection warning.
    assert kinds(sub, dt.date(2026, 6, 16)) == ["kritis", "red"]


@time_machine.travel(at("2026-10-16"), tick=False)
def test_six_points_behind_late_in_the_year_is_yellow_but_kritis(org):
    sub = make_sub(org)
    plan = [2, 5, 10, 18, 28, 40, 53, 66, 72]  # September: 78 % planned
    report_months(sub, org.pupr_operator, [(p, 0) for p in plan])

    september = progress(sub, 9)

    assert september.dev_physical == Decimal("-6.00")
    assert september.status == "red"  # finance: nothing spent of 72 % planned
    assert september.kritis


@time_machine.travel(at("2026-06-16"), tick=False)
def test_the_worse_of_physical_and_finance_sets_the_colour(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, [*ON_TRACK[:4], (28, 170 * M)])  # finance -6

    may = progress(sub, 5)

    assert may.dev_physical == 0
    assert may.dev_financial == Decimal("-6.00")
    assert may.status == "yellow"
    assert not may.kritis


@time_machine.travel(at("2026-06-16"), tick=False)
def test_the_admins_thresholds_are_used(org):
    PlanPolicy.objects.update_or_create(
        pk=1, defaults={"yellow_points": Decimal(2), "red_points": Decimal(4)}
    )
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, [*ON_TRACK[:4], (23, 230 * M)])

    assert progress(sub, 5).status == "red"


@time_machine.travel(at("2026-10-16"), tick=False)
def test_a_slowing_pace_is_projected_short_of_the_target(org):
    sub = make_sub(org)
    plan = [2, 5, 10, 18, 28, 40, 45, 48, 50]
    report_months(sub, org.pupr_operator, [(p, 0) for p in plan])

    september = progress(sub, 9)

    # Last three months: 40 → 50, 3.33 points a month, 60 % in December.
    assert september.projection == Decimal("60.00")
    assert september.projection_short


@pytest.mark.parametrize(
    ("today", "months"),
    [("2026-06-16", 5), ("2026-07-16", 6), ("2026-10-16", 9)],
)
def test_a_sub_kegiatan_exactly_on_plan_is_not_projected_short(org, today, months):
    plan = [2, 5, 10, 18, 28, 40, 53, 66, 78]
    with time_machine.travel(at(today), tick=False):
        sub = make_sub(org)
        report_months(sub, org.pupr_operator, [(p, 0) for p in plan[:months]])

        assert "projection_short" not in kinds(sub, dt.date.fromisoformat(today))


# --- the monthly cut-off ---------------------------------------------------------------------


@pytest.fixture
def reported_to_october(org):
    with time_machine.travel(at("2026-11-03"), tick=False):
        sub = make_sub(org)
        report_months(
            sub, org.pupr_operator, [(p, 0) for p in [2, 5, 10, 18, 28, 40, 53, 66, 78, 88]]
        )
    return sub


def test_november_is_not_late_on_the_day_it_is_due(org, reported_to_october):
    # November's report is due by 10 December 2026 (a Thursday).
    with time_machine.travel(at("2026-12-10", 23), tick=False):
        assert "not_reported" not in kinds(reported_to_october, dt.date(2026, 12, 10))


def test_november_is_late_the_day_after(org, reported_to_october):
    with time_machine.travel(at("2026-12-11"), tick=False):
        found = early_warnings(
            with_progress_data(type(reported_to_october).objects.all()), today=dt.date(2026, 12, 11)
        )

    late = [w for w in found if w.kind == "not_reported"]
    assert [(w.sub, w.month) for w in late] == [(reported_to_october, 11)]


def test_a_report_in_time_clears_the_warning(org, reported_to_october):
    report(reported_to_october, 11, 95, 0, org.pupr_operator, today=dt.date(2026, 12, 9))

    assert "not_reported" not in kinds(reported_to_october, dt.date(2026, 12, 11))


def test_decembers_report_is_due_in_january(org, reported_to_october):
    report(reported_to_october, 11, 95, 0, org.pupr_operator, today=dt.date(2026, 12, 9))

    assert "not_reported" not in kinds(reported_to_october, dt.date(2027, 1, 10))
    assert "not_reported" in kinds(reported_to_october, dt.date(2027, 1, 11))


def test_the_admin_may_bring_the_cutoff_forward(org, reported_to_october):
    PlanPolicy.objects.update_or_create(pk=1, defaults={"cutoff_day": 5})

    assert "not_reported" in kinds(reported_to_october, dt.date(2026, 12, 6))
