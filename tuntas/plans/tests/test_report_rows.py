"""The rows of the monthly realisation report: per sub kegiatan, per unit and city-wide."""

from decimal import Decimal

import pytest
import time_machine

from tuntas.plans.models import PlanPolicy
from tuntas.plans.reports import report_rows, report_total
from tuntas.plans.tests.kit import at, make_sub, report

pytestmark = pytest.mark.django_db

D = Decimal


def plan(*months: tuple[str, str]) -> dict[int, tuple[Decimal, Decimal]]:
    return {m: (D(p), D(f)) for m, (p, f) in enumerate(months, start=1)}


def reported_march(org):
    """Two PUPR and two Dinas Sosial sub kegiatan reported up to March 2026 (one only to Feb)."""
    with time_machine.travel(at("2026-04-20"), tick=False):
        road = make_sub(
            org,
            org.pupr,
            D("1000000000"),
            plan(("10", "100000000"), ("20", "200000000"), ("40", "300000000")),
            code="1.03.10.2.01.0053",
            name="Pembangunan Jalan",
        )
        upkeep = make_sub(
            org,
            org.pupr,
            D("3000000000"),
            plan(("5", "150000000"), ("10", "300000000"), ("20", "450000000")),
            code="1.03.10.2.01.0051",
            name="Pemeliharaan Rutin Jalan",
        )
        aid = make_sub(
            org,
            org.dinsos,
            D("500000000"),
            plan(("10", "30000000"), ("20", "60000000"), ("30", "100000000")),
            code="1.06.04.2.01.0001",
            name="Penyediaan Permakanan",
        )
        late = make_sub(
            org,
            org.dinsos,
            D("250000000"),
            plan(("10", "25000000"), ("30", "75000000"), ("50", "125000000")),
            code="1.06.04.2.01.0002",
            name="Penyaluran Bantuan Sosial",
        )
        for sub, rows in (
            (road, [("10", "100000000"), ("18", "180000000"), ("28", "250000000")]),
            (upkeep, [("5", "150000000"), ("11", "310000000"), ("21", "480000000")]),
            (aid, [("8", "20000000"), ("15", "40000000"), ("22", "60000000")]),
            (late, [("9", "20000000"), ("25", "70000000")]),
        ):
            who = org.pupr_operator if sub.unit == org.pupr else org.dinsos_operator
            for month, (physical, financial) in enumerate(rows, start=1):
                report(sub, month, physical, financial, who)
    return org


@pytest.fixture
def march(org):
    return reported_march(org)


def test_it_shows_each_sub_kegiatan_with_its_deviation_and_status(march):
    pupr, dinsos = report_rows(year=2026, month=3)
    assert pupr.unit == march.pupr
    assert [(r.number, r.code) for r in pupr.rows] == [
        ("1.1", "1.03.10.2.01.0051"),
        ("1.2", "1.03.10.2.01.0053"),
    ]
    upkeep, road = pupr.rows
    assert road.pagu == D("1000000000.00")
    assert (road.target_physical, road.real_physical, road.dev_physical) == (
        D("40.00"),
        D("28.00"),
        D("-12.00"),
    )
    assert (road.target_financial, road.real_financial) == (D("300000000"), D("250000000"))
    assert (road.target_financial_pct, road.real_financial_pct, road.dev_financial) == (
        D("30.00"),
        D("25.00"),
        D("-5.00"),
    )
    assert road.status == "red"
    assert road.kritis
    assert (upkeep.dev_physical, upkeep.dev_financial, upkeep.status) == (
        D("1.00"),
        D("1.00"),
        "green",
    )
    assert [r.name for r in dinsos.rows] == ["Penyediaan Permakanan", "Penyaluran Bantuan Sosial"]
    aid, late = dinsos.rows
    assert (aid.dev_physical, aid.dev_financial, aid.status, aid.kritis) == (
        D("-8.00"),
        D("-8.00"),
        "yellow",
        False,
    )
    assert not late.reported
    assert (late.real_physical, late.dev_physical, late.status) == (None, None, None)
    assert late.target_physical == D("50.00")


def test_a_units_total_is_weighted_by_pagu(march):
    pupr, _dinsos = report_rows(year=2026, month=3)
    total = pupr.total
    assert (total.number, total.name, total.pagu) == ("1", march.pupr.name, D("4000000000.00"))
    # (40 x 1 + 20 x 3) / 4 and (28 x 1 + 21 x 3) / 4
    assert (total.target_physical, total.real_physical, total.dev_physical) == (
        D("25.00"),
        D("22.75"),
        D("-2.25"),
    )
    assert (total.target_financial, total.real_financial) == (D("750000000"), D("730000000"))
    assert (total.target_financial_pct, total.real_financial_pct, total.dev_financial) == (
        D("18.75"),
        D("18.25"),
        D("-0.50"),
    )
    assert total.status == "green"
    assert (total.rows, total.counted, total.not_reported) == (2, 2, 0)


def test_a_missing_report_is_left_out_of_the_total_but_not_its_pagu(march):
    _pupr, dinsos = report_rows(year=2026, month=3)
    total = dinsos.total
    assert total.pagu == D("750000000.00")
    assert (total.target_physical, total.real_physical, total.dev_physical) == (
        D("30.00"),
        D("22.00"),
        D("-8.00"),
    )
    assert (total.target_financial, total.real_financial, total.real_financial_pct) == (
        D("100000000"),
        D("60000000"),
        D("12.00"),
    )
    assert total.status == "yellow"
    assert (total.rows, total.counted, total.not_reported) == (2, 1, 1)
    assert not total.reported


def test_the_city_total_weighs_every_counted_sub_kegiatan_by_pagu(march):
    total = report_total(report_rows(year=2026, month=3))
    assert total.pagu == D("4750000000.00")
    # (40 x 1 + 20 x 3 + 30 x 0.5) / 4.5 = 25.555…; (28 + 63 + 11) / 4.5 = 22.666…
    assert (total.target_physical, total.real_physical, total.dev_physical) == (
        D("25.56"),
        D("22.67"),
        D("-2.89"),
    )
    # 850 and 790 million of a counted pagu of 4.5 billion
    assert (total.target_financial_pct, total.real_financial_pct, total.dev_financial) == (
        D("18.89"),
        D("17.56"),
        D("-1.33"),
    )
    assert (total.rows, total.counted) == (4, 3)


def test_it_narrows_to_the_given_units(march):
    blocks = report_rows(year=2026, month=3, unit_ids=[march.dinsos.pk])
    assert [b.unit for b in blocks] == [march.dinsos]
    assert blocks[0].number == 1
    assert report_rows(year=2025, month=3) == []


def test_a_month_without_reports_has_no_figures(march):
    (pupr, dinsos) = report_rows(year=2026, month=4)
    assert pupr.total.target_physical is None
    assert pupr.total.status is None
    assert report_total([pupr, dinsos]).counted == 0


def test_it_takes_a_fixed_number_of_queries(march, django_assert_num_queries):
    PlanPolicy.current()
    with django_assert_num_queries(4):
        blocks = report_rows(year=2026, month=3)
        report_total(blocks)
    with django_assert_num_queries(4):
        report_rows(year=2026, month=3, unit_ids=[march.pupr.pk])


def test_it_rejects_a_month_outside_the_year():
    with pytest.raises(ValueError, match="month"):
        report_rows(year=2026, month=13)


def test_a_unit_with_no_report_at_all_is_marked_not_reported(march):
    with time_machine.travel(at("2026-04-20"), tick=False):
        make_sub(march, march.kominfo, name="Penyediaan Jasa Komunikasi", year=2026)
    blocks = report_rows(year=2026, month=3)
    kominfo = next(b for b in blocks if b.unit == march.kominfo)
    assert kominfo.total.badge == "not_reported"
    assert kominfo.rows[0].badge == "not_reported"
    pupr = next(b for b in blocks if b.unit == march.pupr)
    assert pupr.total.badge == "green"
    dinsos = next(b for b in blocks if b.unit == march.dinsos)
    # Some of its sub kegiatan reported: the unit shows their colour.
    assert dinsos.total.badge == "yellow"
