"""The demo work plans: sub kegiatan of this year, on track, behind, red, kritis and late."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
import time_machine

from tuntas.issues.demo import T_PIPA, issues_demo_load
from tuntas.issues.models import Issue
from tuntas.lib import deviation as dev
from tuntas.notifications.services import emails_paused
from tuntas.org.demo import demo_load
from tuntas.plans.demo import SUBS, plans_demo_load, realised, targets_of
from tuntas.plans.models import MonthlyTarget, PlanPolicy, Realisation, SubActivity
from tuntas.plans.services import early_warnings, with_progress_data
from tuntas.plans.tests.kit import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    """The organisation and work-plan demo, loaded on 20 November 2026."""
    with time_machine.travel(at("2026-11-20"), tick=True):
        demo_load()
        return plans_demo_load()


def test_it_loads_once_and_a_second_run_changes_nothing():
    with time_machine.travel(at("2026-11-20"), tick=True):
        demo_load()
        with emails_paused():
            issues_demo_load()
            first = plans_demo_load()
            again = plans_demo_load()
    assert first == {
        "sub_activities": len(SUBS),
        "targets": len(SUBS),
        "realisations": Realisation.objects.count(),
        "issues_linked": 1,
    }
    assert again == {"sub_activities": 0, "targets": 0, "realisations": 0, "issues_linked": 0}
    assert SubActivity.objects.filter(year=2026).count() == len(SUBS)
    assert MonthlyTarget.objects.count() == 12 * len(SUBS)
    # The PDAM pipe issue now points at the red road.
    issue = Issue.objects.get(title=T_PIPA)
    assert issue.sub_activity.code == "1.03.10.2.01.0053"


def test_each_unit_has_three_to_six_sub_kegiatan_with_exact_pagu(loaded):
    per_unit: dict[str, int] = {}
    for sub in SubActivity.objects.select_related("unit"):
        per_unit[sub.unit.short_name] = per_unit.get(sub.unit.short_name, 0) + 1
        assert isinstance(sub.pagu, Decimal)
        assert Decimal("150000000") <= sub.pagu <= Decimal("12500000000")
        assert sub.targets.get(month=12).financial == sub.pagu
    assert all(3 <= n <= 6 for n in per_unit.values())
    road = SubActivity.objects.get(unit__short_name="PUPR", code="1.03.10.2.01.0053")
    assert road.pagu == Decimal("12500000000.00")
    assert road.name == "Pembangunan Jalan"


def test_realisation_runs_to_last_month_except_for_the_late_unit(loaded):
    last = Realisation.objects.filter(sub_activity__unit__short_name="PUPR").order_by("-month")
    assert last.first().month == 10
    late = Realisation.objects.filter(sub_activity__unit__short_name="DISHUB")
    assert max(late.values_list("month", flat=True)) == 9
    # Reports came in early in the following month, not all at once today.
    october = Realisation.objects.filter(month=10).first()
    assert october.reported_at.date() < dt.date(2026, 11, 10)


def test_the_warnings_include_red_kritis_not_reported_and_projection(loaded):
    policy = PlanPolicy.current()
    cutoff = dev.month_cutoff(2026, 10, policy.cutoff_day)
    subs = with_progress_data(SubActivity.objects.filter(year=2026))
    warnings = early_warnings(subs, today=cutoff + dt.timedelta(days=1))
    kinds: dict[str, set[str]] = {}
    for w in warnings:
        kinds.setdefault(w.kind, set()).add(f"{w.sub.unit.short_name} {w.sub.code}")
    assert "PUPR 1.03.10.2.01.0053" in kinds["red"]
    assert "PERKIM 1.04.01.2.09.0009" in kinds["kritis"]
    assert {name.split()[0] for name in kinds["not_reported"]} == {"DISHUB"}
    assert "DLH 2.11.01.2.06.0009" in kinds["projection_short"]
    red = next(w for w in warnings if w.kind == "red" and w.sub.code == "1.03.10.2.01.0053")
    assert red.progress.dev_physical == Decimal("-12.00")
    # Most sub kegiatan are fine.
    flagged = {w.sub.pk for w in warnings}
    assert len(flagged) < len(SUBS) / 3
    # Before the cut-off a missing report is not yet a warning.
    on_time = early_warnings(subs, today=cutoff)
    assert not [w for w in on_time if w.kind == "not_reported"]


def test_without_the_issues_demo_it_links_nothing(loaded):
    assert loaded["issues_linked"] == 0
    assert loaded["sub_activities"] == len(SUBS)


def test_the_curves_are_cumulative_and_s_shaped():
    for spec in SUBS:
        rows = targets_of(spec)
        physical = [rows[m][0] for m in range(1, 13)]
        finance = [rows[m][1] for m in range(1, 13)]
        assert physical == sorted(physical) and physical[-1] == 100
        assert finance == sorted(finance) and finance[-1] == Decimal(spec.pagu)
        real = realised(spec, 10)
        assert [real[m][0] for m in range(1, 11)] == sorted(real[m][0] for m in range(1, 11))
    road = next(s for s in SUBS if s.code == "1.03.10.2.01.0053")
    physical = [targets_of(road)[m][0] for m in range(1, 13)]
    steps = [b - a for a, b in itertools.pairwise(physical)]
    # Slow start, steep middle, flat end.
    assert steps[0] < steps[5] > steps[-1]
