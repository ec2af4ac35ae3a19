import datetime as dt
import random
from decimal import Decimal as D

import pytest

from tuntas.lib.deviation import (
    Thresholds,
    deviation,
    financial_pct,
    kontrak_kritis,
    month_cutoff,
    projection,
    projection_short,
    status,
    weighted,
)

# A road project of a Dinas PU, cumulative physical progress (%) reported January-September.
ROAD = [
    (1, D("0")),
    (2, D("0")),
    (3, D("5.00")),
    (4, D("12.00")),
    (5, D("20.00")),
    (6, D("30.00")),
    (7, D("41.00")),
    (8, D("50.00")),
    (9, D("58.00")),
]


# deviation


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        (D("45.50"), D("38.25"), D("-7.25")),
        (D("60"), D("62.5"), D("2.50")),
        (D("100"), D("100"), D("0.00")),
        (D("33.333"), D("30"), D("-3.33")),
        (D("10.005"), D("0"), D("-10.01")),  # half up, away from zero
    ],
)
def test_deviation_is_realisation_minus_target_in_points(target, actual, expected):
    result = deviation(target, actual)
    assert result == expected
    assert result.as_tuple().exponent == -2


# status


@pytest.mark.parametrize(
    ("dev", "expected"),
    [
        (D("12.30"), "green"),
        (D("0.00"), "green"),
        (D("-4.99"), "green"),
        (D("-5.00"), "green"),  # no more than 5 points behind
        (D("-5.01"), "yellow"),
        (D("-7.25"), "yellow"),
        (D("-10.00"), "yellow"),  # exactly 10 behind is still yellow
        (D("-10.01"), "red"),
        (D("-42.00"), "red"),
    ],
)
def test_default_thresholds_give_the_milder_colour_at_the_boundary(dev, expected):
    assert status(dev) == expected
    assert status(dev, Thresholds()) == expected


@pytest.mark.parametrize(
    ("dev", "expected"),
    [
        (D("-3.00"), "green"),
        (D("-3.01"), "yellow"),
        (D("-7.50"), "yellow"),
        (D("-7.51"), "red"),
    ],
)
def test_thresholds_are_configurable(dev, expected):
    assert status(dev, Thresholds(yellow=D("3"), red=D("7.5"))) == expected


def test_equal_thresholds_skip_yellow():
    same = Thresholds(yellow=D("5"), red=D("5"))
    assert status(D("-5.00"), same) == "green"
    assert status(D("-5.01"), same) == "red"


@pytest.mark.parametrize(("yellow", "red"), [(D("10"), D("5")), (D("-1"), D("5"))])
def test_thresholds_must_be_ordered_and_not_negative(yellow, red):
    with pytest.raises(ValueError, match="0 <= yellow <= red"):
        Thresholds(yellow=yellow, red=red)


# kontrak kritis


@pytest.mark.parametrize(
    ("planned", "dev", "expected"),
    [
        (D("50.00"), D("-10.00"), False),
        (D("50.00"), D("-10.01"), True),
        (D("70.00"), D("-6.00"), False),  # 70 % itself is still in the 10-point period
        (D("70.00"), D("-10.00"), False),
        (D("70.00"), D("-10.01"), True),
        (D("70.01"), D("-5.00"), False),
        (D("70.01"), D("-5.01"), True),
        (D("85.00"), D("-6.00"), True),
        (D("100.00"), D("-5.00"), False),
        (D("100.00"), D("-7.50"), True),
        (D("0.00"), D("0.00"), False),
        (D("80.00"), D("3.00"), False),
    ],
)
def test_kontrak_kritis_allows_10_points_up_to_70_percent_then_5(planned, dev, expected):
    assert kontrak_kritis(planned, dev) is expected


def test_a_road_contract_behind_late_in_the_schedule_is_critical_while_only_yellow():
    planned, realised = D("72.40"), D("66.90")
    dev = deviation(planned, realised)
    assert dev == D("-5.50")
    assert status(dev) == "yellow"
    assert kontrak_kritis(planned, dev)


@pytest.mark.parametrize("planned", [D("-0.01"), D("100.01")])
def test_kontrak_kritis_needs_planned_progress_in_range(planned):
    with pytest.raises(ValueError, match="0-100"):
        kontrak_kritis(planned, D("0"))


# financial percentage


@pytest.mark.parametrize(
    ("amount", "pagu", "expected"),
    [
        (D("487500000"), D("1250000000"), D("39.00")),
        (D("1"), D("3"), D("33.33")),
        (D("2"), D("3"), D("66.67")),
        (D("0"), D("2350000000"), D("0.00")),
        (D("2350000000.00"), D("2350000000.00"), D("100.00")),
        (D("1300000"), D("1250000"), D("104.00")),  # overspending shows, it is not hidden
    ],
)
def test_financial_pct_is_spending_over_pagu(amount, pagu, expected):
    assert financial_pct(amount, pagu) == expected


def test_financial_pct_of_a_zero_pagu_is_zero():
    result = financial_pct(D("0"), D("0"))
    assert result == 0
    assert str(result) == "0.00"


def test_financial_pct_refuses_a_negative_pagu():
    with pytest.raises(ValueError, match="negative"):
        financial_pct(D("1"), D("-1"))


# weighted


def test_weighted_mean_follows_the_money():
    # A big road project at 80 % outweighs a small training at 20 %: not the plain 50 %.
    values = [(D("80.00"), D("1000000000")), (D("20.00"), D("250000000"))]
    assert weighted(values) == D("68.00")


def test_weighted_ignores_zero_pagu_entries():
    assert weighted([(D("90.00"), D("0")), (D("40.00"), D("500000000"))]) == D("40.00")


def test_weighted_rounds_to_two_decimals():
    assert weighted([(D("10"), D("1")), (D("20"), D("2"))]) == D("16.67")


@pytest.mark.parametrize("values", [[], [(D("50"), D("0")), (D("70"), D("0"))]])
def test_weighted_without_weight_is_none(values):
    assert weighted(values) is None


def test_weighted_refuses_a_negative_pagu():
    with pytest.raises(ValueError, match="negative"):
        weighted([(D("50"), D("-1"))])


# projection


def test_projection_extrapolates_the_pace_of_the_last_three_months():
    # June 30 -> September 58: 28 points in 3 months; 3 more months reach 86.
    assert projection(ROAD) == D("86.00")


def test_projection_does_not_care_about_order():
    shuffled = ROAD[:]
    random.Random(4).shuffle(shuffled)
    assert projection(shuffled) == D("86.00")


def test_projection_window_is_configurable():
    assert projection(ROAD, months=1) == D("82.00")  # 8 points in September
    assert projection(ROAD, months=9) == D("77.33")  # 58 over 9 months, from January


def test_one_report_gives_the_average_pace_since_january():
    assert projection([(4, D("18.00"))]) == D("54.00")


def test_fewer_reports_than_the_window_count_from_the_start_of_the_year():
    assert projection([(1, D("3.00")), (2, D("8.00"))]) == D("48.00")


def test_a_skipped_month_counts_as_time_passing():
    reports = [(6, D("30.00")), (7, D("36.00")), (9, D("45.00"))]
    assert projection(reports, months=2) == D("60.00")


def test_projection_stops_at_100():
    assert projection([(8, D("70.00")), (9, D("82.00"))], months=1) == D("100.00")


def test_projection_never_goes_below_the_last_report():
    # A downward correction does not project a further loss.
    assert projection([(7, D("50.00")), (8, D("48.00"))], months=1) == D("48.00")


def test_december_is_its_own_projection():
    assert projection([*ROAD, (10, D("70")), (11, D("85")), (12, D("97.50"))]) == D("97.50")


def test_no_progress_projects_nothing():
    assert projection([(3, D("0"))]) == D("0.00")


def test_projection_rounds_to_two_decimals():
    assert projection([(7, D("33.33"))]) == D("57.14")


@pytest.mark.parametrize(
    ("reports", "months", "fragment"),
    [
        ([], 3, "no reports"),
        ([(5, D("20")), (5, D("21"))], 3, "twice"),
        ([(0, D("0"))], 3, "1-12"),
        ([(13, D("100"))], 3, "1-12"),
        (ROAD, 0, "at least 1"),
    ],
)
def test_projection_refuses_bad_input(reports, months, fragment):
    with pytest.raises(ValueError, match=fragment):
        projection(reports, months=months)


@pytest.mark.parametrize(
    ("projected", "target", "expected"),
    [
        (D("86.00"), D("100.00"), True),
        (D("94.98"), D("95.00"), True),
        (D("94.99"), D("95.00"), False),  # 0.01 below is rounding
        (D("95.00"), D("95.00"), False),
        (D("100.00"), D("95.00"), False),
    ],
)
def test_projection_short_allows_a_cent_of_rounding(projected, target, expected):
    assert projection_short(projected, target) is expected


# month cutoff


@pytest.mark.parametrize(
    ("year", "month", "day", "expected"),
    [
        (2025, 11, 10, dt.date(2025, 12, 10)),
        (2025, 12, 10, dt.date(2026, 1, 10)),  # December's report is due in January
        (2025, 6, 1, dt.date(2025, 7, 1)),
        (2026, 1, 31, dt.date(2026, 2, 28)),  # clamped to a short month
        (2028, 1, 30, dt.date(2028, 2, 29)),  # leap year
        (2025, 3, 31, dt.date(2025, 4, 30)),
        (2025, 12, 31, dt.date(2026, 1, 31)),
    ],
)
def test_month_cutoff_is_a_day_of_the_next_month(year, month, day, expected):
    assert month_cutoff(year, month, day) == expected


@pytest.mark.parametrize(
    ("month", "day", "fragment"), [(0, 10, "month"), (13, 10, "month"), (5, 0, "day")]
)
def test_month_cutoff_refuses_bad_input(month, day, fragment):
    with pytest.raises(ValueError, match=fragment):
        month_cutoff(2025, month, day)
