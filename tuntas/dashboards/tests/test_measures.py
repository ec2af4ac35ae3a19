"""Every measure of docs/measures.md against numbers worked by hand on the small city of
`measures_kit` (its docstring shows the calendar of May 2026 the working days are counted on)."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
import time_machine
from django.db.models.functions import TruncDate
from django.utils import timezone

from tuntas.dashboards.measures import (
    LocalDate,
    LocalMonth,
    MeasureFilter,
    Share,
    WorkdayOrdinals,
    action_items_on_time,
    backlog,
    fixed_offset_minutes,
    headline,
    measures_compute,
    nearest_rank,
    period_months,
    realisation,
    requests_on_time,
    time_to_settle,
    time_to_surface,
    week_ends,
)
from tuntas.dashboards.tests.measures_kit import (
    APRIL_MAY,
    MAY,
    NOW,
    at,
    build_city,
    calendar_overrides,
    make_issue,
    make_request,
)
from tuntas.issues.models import Category, Issue, Level
from tuntas.lib.workdays import calendar
from tuntas.org.access import Viewer

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def city(org):
    return build_city(org)


def may(**filters):
    return MeasureFilter(start=MAY[0], end=MAY[1], **filters)


def sekda(org):
    return Viewer.of(org.sekda)


def by_key(groups):
    return {g.key: (g.durations.count, g.durations.median, g.durations.p90) for g in groups}


# --- building blocks ------------------------------------------------------------------------


def test_nearest_rank_takes_the_value_at_rank_ceil_p_n():
    # 0, 1, 1, 2, 15: the median is the 3rd value, the 90th percentile the 5th (4.5 up to 5).
    values = Counter({0: 1, 1: 2, 2: 1, 15: 1})
    assert nearest_rank(values, 50) == 1
    assert nearest_rank(values, 90) == 15
    # Four values: the median is the 2nd (the lower middle), P90 the 4th (3.6 up to 4).
    assert nearest_rank(Counter({0: 1, 1: 2, 15: 1}), 50) == 1
    assert nearest_rank(Counter({3: 1, 7: 1}), 50) == 3
    # Ten values: P90 is exactly the 9th.
    assert nearest_rank(Counter(dict.fromkeys(range(1, 11), 1)), 90) == 9
    assert nearest_rank(Counter(), 50) is None


def test_a_share_rounds_half_up_to_one_decimal():
    assert Share(3, 5).percent == Decimal("60.0")
    assert Share(2, 3).percent == Decimal("66.7")
    assert Share(1, 8).percent == Decimal("12.5")
    assert Share(1, 16).percent == Decimal("6.3")  # 6.25 half up
    assert Share(0, 0).percent is None


def test_working_days_count_the_days_after_the_start_up_to_the_end(org):
    calendar_overrides()
    days = WorkdayOrdinals(calendar(), [D(2026, 3, 2), D(2026, 6, 2)])
    assert days.between(D(2026, 5, 8), D(2026, 5, 8)) == 0  # the same day
    assert days.between(D(2026, 5, 8), D(2026, 5, 11)) == 1  # Friday to Monday
    assert days.between(D(2026, 4, 30), D(2026, 5, 1)) == 0  # Hari Buruh
    assert days.between(D(2026, 5, 13), D(2026, 5, 18)) == 2  # 14 and 15 off, Saturday 16 on
    assert days.between(D(2026, 5, 18), D(2026, 5, 20)) == 1  # the local day off on 19
    assert days.between(D(2026, 5, 4), D(2026, 5, 31)) == 15
    assert days.between(D(2026, 5, 20), D(2026, 5, 18)) == 0  # backwards is nothing
    # Mar 3-17 (11; Nyepi 18-19 and the cuti bersama of Idul Fitri 20-24 are off), 25-31 (5),
    # April 21 (3 April Wafat Yesus Kristus off), May 16.
    assert days.between(D(2026, 3, 2), D(2026, 5, 31)) == 53


def test_the_ordinals_agree_with_the_calendar_on_every_pair(org):
    calendar_overrides()
    cal = calendar()
    first, last = D(2026, 4, 25), D(2026, 6, 3)
    days = WorkdayOrdinals(cal, [first, last])
    span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    for start in span:
        for end in span:
            assert days.between(start, end) == cal.working_days_between(start, end)


def test_week_ends_are_the_sundays_and_the_last_day():
    assert week_ends(D(2026, 5, 1), D(2026, 5, 31)) == [
        D(2026, 5, 3),
        D(2026, 5, 10),
        D(2026, 5, 17),
        D(2026, 5, 24),
        D(2026, 5, 31),
    ]
    assert week_ends(D(2026, 5, 4), D(2026, 5, 13)) == [D(2026, 5, 10), D(2026, 5, 13)]
    assert week_ends(D(2026, 5, 11), D(2026, 5, 12)) == [D(2026, 5, 12)]


def test_period_months_are_clipped_to_the_period():
    assert period_months(D(2026, 4, 15), D(2026, 6, 2)) == [
        (D(2026, 4, 15), D(2026, 4, 30)),
        (D(2026, 5, 1), D(2026, 5, 31)),
        (D(2026, 6, 1), D(2026, 6, 2)),
    ]


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        MeasureFilter(start=D(2026, 5, 2), end=D(2026, 5, 1))


# --- the headline ---------------------------------------------------------------------------


def test_the_headline_counts_issues_settled_at_opd_or_asisten_level(org, city):
    # Settled in May: A (Asisten, 1 May 06.00), B (OPD), C (Asisten), D (Sekda), E (Kepala
    # Daerah, 31 May 20.00); not F (1 June 00.30) nor G (30 April 23.30); closed ones never.
    share = headline(viewer=sekda(org), flt=may())
    assert (share.numerator, share.denominator) == (3, 5)
    assert share.percent == Decimal("60.0")


def test_the_period_boundaries_are_local_days(org, city):
    first_day = headline(viewer=sekda(org), flt=MeasureFilter(start=MAY[0], end=MAY[0]))
    last_day = headline(viewer=sekda(org), flt=MeasureFilter(start=MAY[1], end=MAY[1]))
    day_after = headline(
        viewer=sekda(org), flt=MeasureFilter(start=D(2026, 6, 1), end=D(2026, 6, 1))
    )
    day_before = headline(
        viewer=sekda(org), flt=MeasureFilter(start=D(2026, 4, 30), end=D(2026, 4, 30))
    )
    assert (first_day.numerator, first_day.denominator) == (1, 1)  # A
    assert (last_day.numerator, last_day.denominator) == (0, 1)  # E, at Kepala Daerah level
    assert (day_after.numerator, day_after.denominator) == (1, 1)  # F
    assert (day_before.numerator, day_before.denominator) == (0, 1)  # G, at Sekda level


def test_the_filters_narrow_the_headline(org, city):
    viewer = sekda(org)
    lahan = Category.objects.get(code="lahan").pk
    by_asisten1 = headline(viewer=viewer, flt=may(coordinator_id=org.asisten1_unit.pk))
    by_dinsos = headline(viewer=viewer, flt=may(unit_id=org.dinsos.pk))
    by_lahan = headline(viewer=viewer, flt=may(category_id=lahan))
    assert (by_asisten1.numerator, by_asisten1.denominator) == (1, 1)  # C
    assert (by_dinsos.numerator, by_dinsos.denominator) == (1, 1)  # C
    assert (by_lahan.numerator, by_lahan.denominator) == (1, 2)  # B at OPD, E at the top


def test_the_headline_is_scoped_by_what_the_viewer_sees(org, city):
    # The Dinas Sosial operator sees only the unit's own issue C.
    share = headline(viewer=Viewer.of(org.dinsos_operator), flt=may())
    assert (share.numerator, share.denominator) == (1, 1)
    # Asisten II sees the PUPR issues, and C because PDAM (of the portfolio) was asked (R4).
    share = headline(viewer=Viewer.of(org.asisten2), flt=may())
    assert (share.numerator, share.denominator) == (3, 5)


# --- time to settle -------------------------------------------------------------------------


def test_time_to_settle_overall_and_per_level(org, city):
    # Working days: A 0, B 1, C 2, D 1, E 15.
    times = time_to_settle(viewer=sekda(org), flt=may())
    overall = times.overall
    assert (overall.count, overall.median, overall.p90) == (5, 1, 15)
    assert by_key(times.by_level) == {
        Level.UNIT: (1, 1, 1),  # B
        Level.ASSISTANT: (2, 0, 2),  # A 0, C 2: the median is the lower middle
        Level.SECRETARY: (1, 1, 1),  # D
        Level.HEAD: (1, 15, 15),  # E
    }
    assert [g.label for g in times.by_level] == ["OPD", "Asisten", "Sekda", "Kepala Daerah"]


def test_time_to_settle_per_category_and_unit(org, city):
    times = time_to_settle(viewer=sekda(org), flt=may())
    ids = {c.code: c.pk for c in Category.objects.all()}
    assert by_key(times.by_category) == {
        ids["utilitas"]: (2, 0, 2),  # A 0, C 2
        ids["lahan"]: (2, 1, 15),  # B 1, E 15
        ids["perizinan"]: (1, 1, 1),  # D
    }
    low = {g.key: g.settled_low.percent for g in times.by_category}
    assert low == {ids["utilitas"]: 100, ids["lahan"]: 50, ids["perizinan"]: 0}
    # PUPR: A 0, B 1, D 1, E 15 -> 2nd and 4th of four values; Dinas Sosial: C 2.
    assert by_key(times.by_unit) == {org.pupr.pk: (4, 1, 15), org.dinsos.pk: (1, 2, 2)}
    assert {g.key: g.settled_low.percent for g in times.by_unit} == {
        org.pupr.pk: 50,
        org.dinsos.pk: 100,
    }


def test_time_to_settle_runs_from_the_submission(org):
    calendar_overrides()
    # Not from the day the problem was first met, nor from its acceptance.
    make_issue(
        org,
        submitted=at("2026-05-04"),
        first_met="2026-04-27",
        settled=at("2026-05-12"),
        level=Level.SECRETARY,
    )
    times = time_to_settle(viewer=sekda(org), flt=may())
    assert (times.overall.count, times.overall.median) == (1, 6)  # 5, 6, 7, 8, 11, 12


# --- time to surface ------------------------------------------------------------------------


def test_time_to_surface_counts_the_issues_submitted_in_the_period(org, city):
    # B 2 (7, 8), C 3 (11-13), D 1 (18; met on the working Saturday), E 0, F 4 (28-30 April,
    # 4 May), H 2 (25, 26), I 26, L 0 (withdrawn counts), M 0 (submitted Sunday 31 May 21.00);
    # not J (not relevant), K (merged), N (1 June 01.00), A and G (April), O (draft).
    # Sorted: 0 0 0 1 2 2 3 4 26 -> the 5th and the 9th of nine.
    surface = time_to_surface(viewer=sekda(org), flt=may())
    assert (surface.count, surface.median, surface.p90) == (9, 2, 26)


# --- backlog and ageing ---------------------------------------------------------------------


def test_the_backlog_at_the_end_of_each_week(org, city):
    # Sun 3 May: P (A settled on 1 May, G on 30 April).
    # Sun 10 May: P, E, F, B (settled on Monday 11); J was closed on 6 May.
    # Sun 17 May: P, E, F, I, C (settled on 18); B settled, K closed.
    # Sun 24 May: P, E, F, I; C, D and L ended.
    # Sun 31 May: P, F (settled 1 June), I, H, M; E settled that evening.
    result = backlog(viewer=sekda(org), flt=may())
    assert [(p.day, p.open) for p in result.weeks] == [
        (D(2026, 5, 3), 1),
        (D(2026, 5, 10), 4),
        (D(2026, 5, 17), 5),
        (D(2026, 5, 24), 4),
        (D(2026, 5, 31), 5),
    ]


def test_the_ageing_at_the_end_of_the_period(org, city):
    # Open at the end of 31 May: M 0, H 1 (29), I 10, F 15, P 53 working days.
    result = backlog(viewer=sekda(org), flt=may())
    assert result.at == D(2026, 5, 31)
    assert result.open == 5
    assert [(b.low, b.high, b.count) for b in result.ageing] == [
        (0, 5, 2),
        (6, 10, 1),
        (11, 20, 1),
        (21, 40, 0),
        (41, None, 1),
    ]


def test_the_ageing_stops_at_today_when_the_period_goes_on(org, city):
    # On 2 June: P, F ended, I, H, M, N open; 1 June is Hari Lahir Pancasila.
    # Ages: N 1 (2 Jun), M 1, H 2 (29 May, 2 Jun), I 11, P 54.
    result = backlog(viewer=sekda(org), flt=MeasureFilter(start=D(2026, 5, 25), end=D(2026, 6, 30)))
    assert result.at == D(2026, 6, 2)
    assert [(p.day, p.open) for p in result.weeks] == [
        (D(2026, 5, 31), 5),
        (D(2026, 6, 2), 5),  # F settled, N submitted
    ]
    assert [b.count for b in result.ageing] == [3, 0, 1, 0, 1]


# --- requests and action items --------------------------------------------------------------


def rows_of(follow_up):
    return {
        r.unit_short_name: (r.due, r.on_time, r.late, r.pending, r.overdue) for r in follow_up.rows
    }


def test_requests_answered_on_time_per_asked_unit(org, city):
    result = requests_on_time(viewer=sekda(org), flt=may())
    # PDAM due in May: R1, R8, R10 on time, R2 late, R4 moot (its issue settled first).
    # Overdue at the end of May: R7 (April, never answered), R8 (not done by 15 May).
    # BPN: R5 (23.00 on the day) and R9 on time, R3 never answered; R3 overdue.
    assert rows_of(result) == {"PDAM": (5, 3, 1, 0, 2), "BPN": (3, 2, 1, 0, 1)}
    pdam = next(r for r in result.rows if r.unit_short_name == "PDAM")
    assert (pdam.moot, pdam.share.percent) == (1, Decimal("75.0"))
    total = result.total
    assert (total.due, total.on_time, total.late, total.moot, total.overdue) == (8, 5, 2, 1, 3)
    assert total.share.percent == Decimal("71.4")  # 5 of 7


def test_the_unit_filter_selects_the_asked_unit_of_requests(org, city):
    result = requests_on_time(viewer=sekda(org), flt=may(unit_id=org.bpn.pk))
    assert rows_of(result) == {"BPN": (3, 2, 1, 0, 1)}


def test_a_request_not_yet_due_is_pending_not_late(org):
    calendar_overrides()
    issue = make_issue(org, submitted=at("2026-05-04"), first_met="2026-05-04")
    make_request(org, issue, org.pdam, respond_by="2026-06-02")  # today
    make_request(org, issue, org.pdam, respond_by="2026-06-01")  # yesterday
    flt = MeasureFilter(start=D(2026, 6, 1), end=D(2026, 6, 2))
    result = requests_on_time(viewer=sekda(org), flt=flt)
    # Overdue on 2 June: only the one due on 1 June (respond_by < 2 June).
    assert rows_of(result) == {"PDAM": (2, 0, 1, 1, 1)}
    assert result.total.share.percent == Decimal("0.0")


def test_action_items_done_on_time_per_unit(org, city):
    result = action_items_on_time(viewer=sekda(org), flt=may())
    # PUPR: AI1 and AI5 (22.00 on its due day) on time, AI2 late; none overdue (AI6 due 1 June).
    # PDAM: AI3 never done, AI4 sent back: both late; overdue AI3, AI4 and AI7 (April).
    assert rows_of(result) == {"PUPR": (3, 2, 1, 0, 0), "PDAM": (2, 0, 2, 0, 3)}
    assert result.total.share.percent == Decimal("40.0")  # 2 of 5
    by_unit = {r.unit_short_name: r.share.percent for r in result.rows}
    assert by_unit == {"PUPR": Decimal("66.7"), "PDAM": Decimal("0.0")}


def test_action_items_follow_the_filter(org, city):
    viewer = sekda(org)
    lahan = Category.objects.get(code="lahan").pk
    # Only AI5 belongs to an issue (E, lahan).
    assert rows_of(action_items_on_time(viewer=viewer, flt=may(category_id=lahan))) == {
        "PUPR": (1, 1, 0, 0, 0)
    }
    assert rows_of(action_items_on_time(viewer=viewer, flt=may(unit_id=org.pdam.pk))) == {
        "PDAM": (2, 0, 2, 0, 3)
    }
    assert (
        action_items_on_time(viewer=viewer, flt=may(coordinator_id=org.asisten1_unit.pk)).rows == []
    )


# --- realisation ----------------------------------------------------------------------------


def test_realisation_per_unit_and_city_wide(org, city):
    result = realisation(viewer=sekda(org), flt=may())
    assert (result.year, result.months) == (2026, [5])
    units = {u.unit.short_name: u.last for u in result.units}
    pupr, dinsos = units["PUPR"].line, units["DINSOS"].line
    # PUPR in May, pagu 100 + 300 million: physical (40x100 + 50x300)/400 = 47.5 planned,
    # (30x100 + 50x300)/400 = 45 done; finance 120 of 400 = 30% planned, 80 of 400 = 20% done.
    assert (pupr.target_physical, pupr.real_physical, pupr.dev_physical) == (
        Decimal("47.50"),
        Decimal("45.00"),
        Decimal("-2.50"),
    )
    assert (pupr.target_financial_pct, pupr.real_financial_pct, pupr.dev_financial) == (
        Decimal("30.00"),
        Decimal("20.00"),
        Decimal("-10.00"),
    )
    assert (units["PUPR"].physical_status, units["PUPR"].financial_status) == ("green", "yellow")
    assert (dinsos.dev_physical, dinsos.dev_financial) == (Decimal("-15.00"), Decimal("-25.00"))
    assert units["DINSOS"].physical_status == "red"
    # City-wide, pagu 600 million: physical 31000/600 = 51.67 planned, 27000/600 = 45 done;
    # finance 220/600 = 36.67% planned, 130/600 = 21.67% done.
    (may_city,) = result.city
    line = may_city.line
    assert (line.target_physical, line.real_physical, line.dev_physical) == (
        Decimal("51.67"),
        Decimal("45.00"),
        Decimal("-6.67"),
    )
    assert (line.target_financial_pct, line.real_financial_pct, line.dev_financial) == (
        Decimal("36.67"),
        Decimal("21.67"),
        Decimal("-15.00"),
    )
    assert (may_city.physical_status, may_city.financial_status) == ("yellow", "red")


def test_realisation_leaves_out_what_was_not_reported(org, city):
    result = realisation(viewer=sekda(org), flt=MeasureFilter(start=APRIL_MAY[0], end=APRIL_MAY[1]))
    assert result.months == [4, 5]
    pupr = next(u for u in result.units if u.unit.short_name == "PUPR")
    april = pupr.months[0].line
    # Only S1 reported April: 20 planned, 15 done; S2 (target, no report) is not counted.
    assert (april.target_physical, april.real_physical, april.dev_physical) == (
        Decimal("20.00"),
        Decimal("15.00"),
        Decimal("-5.00"),
    )
    assert (april.rows, april.counted) == (2, 1)


def test_realisation_is_scoped_and_filtered(org, city):
    mine = realisation(viewer=Viewer.of(org.asisten2), flt=may())
    assert [u.unit.short_name for u in mine.units] == ["PUPR"]
    asisten1 = realisation(viewer=sekda(org), flt=may(coordinator_id=org.asisten1_unit.pk))
    assert [u.unit.short_name for u in asisten1.units] == ["DINSOS"]
    assert asisten1.city[0].line.dev_physical == Decimal("-15.00")


def test_realisation_counts_only_months_that_have_ended(org, city):
    # On 2 June, June has not ended: a period of June has no month to show.
    june = realisation(viewer=sekda(org), flt=MeasureFilter(start=D(2026, 6, 1), end=D(2026, 6, 2)))
    assert june.months == [] and june.units == [] and june.city == []


# --- the trend and everything at once -------------------------------------------------------


def test_the_trend_per_month(org, city):
    flt = MeasureFilter(start=APRIL_MAY[0], end=APRIL_MAY[1])
    april, may_ = measures_compute(viewer=sekda(org), flt=flt).trend
    # April: G settled (Sekda, 3 working days: 28-30 April); A and G submitted, met 29 and 27
    # April: 1 and 0 days; open at the end of April: A (settled 1 May) and P.
    assert (april.start, april.end) == (D(2026, 4, 1), D(2026, 4, 30))
    assert (april.settled_low.numerator, april.settled_low.denominator) == (0, 1)
    assert (april.settle.median, april.settle.p90) == (3, 3)
    assert (april.submitted, april.surface.median) == (2, 0)
    assert april.open_at_end == 2
    # May: the numbers of the tests above.
    assert (may_.settled_low.numerator, may_.settled_low.denominator) == (3, 5)
    assert (may_.settle.median, may_.settle.p90) == (1, 15)
    assert (may_.submitted, may_.surface.median) == (9, 2)
    assert may_.open_at_end == 5


def test_measures_compute_agrees_with_each_measure(org, city):
    viewer, flt = sekda(org), may()
    every = measures_compute(viewer=viewer, flt=flt)
    assert every.headline == headline(viewer=viewer, flt=flt)
    assert every.settle == time_to_settle(viewer=viewer, flt=flt)
    assert every.surface == time_to_surface(viewer=viewer, flt=flt)
    assert every.backlog == backlog(viewer=viewer, flt=flt)
    assert every.requests == requests_on_time(viewer=viewer, flt=flt)
    assert every.action_items == action_items_on_time(viewer=viewer, flt=flt)
    assert every.as_of == D(2026, 6, 2)


def test_measures_of_nothing_are_empty_not_errors(org):
    every = measures_compute(viewer=sekda(org), flt=may())
    assert every.headline.percent is None
    assert every.settle.overall.median is None and every.settle.by_unit == []
    assert every.surface.count == 0
    assert every.backlog.open == 0 and [p.open for p in every.backlog.weeks] == [0] * 5
    assert every.requests.rows == [] and every.requests.total.share.percent is None
    assert every.realisation.units == []


def test_an_issue_ended_before_its_submission_is_never_open(org):
    calendar_overrides()
    # Not something the workflow produces, but a backlog must never count below zero.
    make_issue(
        org,
        submitted=at("2026-05-12"),
        first_met="2026-05-04",
        closed=at("2026-05-05"),
        closure="withdrawn",
    )
    result = backlog(viewer=sekda(org), flt=may())
    assert [p.open for p in result.weeks] == [0, 0, 0, 0, 0]


def test_the_fixed_offset_is_known_only_for_zones_without_daylight_saving():
    from zoneinfo import ZoneInfo

    assert fixed_offset_minutes(ZoneInfo("Asia/Jakarta")) == 7 * 60
    assert fixed_offset_minutes(ZoneInfo("Asia/Jayapura")) == 9 * 60
    assert fixed_offset_minutes(ZoneInfo("Europe/Amsterdam")) is None


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Makassar", "America/New_York"])
def test_local_dates_agree_with_the_exact_conversion(org, settings, zone):
    settings.TIME_ZONE = zone
    moments = [
        dt.datetime(2026, 5, 31, 16, 59, 59, 999999, tzinfo=dt.UTC),
        dt.datetime(2026, 5, 31, 17, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 5, 31, 3, 59, tzinfo=dt.UTC),
        dt.datetime(2026, 5, 31, 4, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 1, 4, 30, tzinfo=dt.UTC),
    ]
    for moment in moments:
        make_issue(org, submitted=moment, first_met="2026-05-01")
    tz = timezone.get_default_timezone()
    rows = Issue.objects.annotate(
        fast=LocalDate("submitted_at", tzinfo=tz),
        exact=TruncDate("submitted_at", tzinfo=tz),
        month=LocalMonth("submitted_at", tzinfo=tz),
    ).values_list("submitted_at", "fast", "exact", "month")
    assert len(rows) == len(moments)
    for submitted, fast, exact, month in rows:
        assert submitted is not None
        assert fast == exact == timezone.localtime(submitted).date()
        assert month == fast.replace(day=1)
    # The last moment of 31 May in Jakarta and the first of 1 June fall in different months.
    if zone == "Asia/Jakarta":
        assert {month for *_rest, month in rows} == {D(2026, 5, 1), D(2026, 6, 1), D(2026, 11, 1)}


def test_a_mistyped_ancient_date_counts_from_2000(org):
    days = WorkdayOrdinals(calendar(), [D(26, 5, 1), D(2000, 1, 10)])
    # 3-7 January 2000 (Monday to Friday); 1 January 2000 was a Saturday.
    assert days.between(D(26, 5, 1), D(2000, 1, 7)) == 5
    assert days.first == D(2000, 1, 1)


def test_a_mistyped_ancient_first_met_date_surfaces_from_2000(org):
    issue = make_issue(org, submitted=at("2000-01-07"), first_met="0026-05-01")
    assert issue.surface_workdays == 5
