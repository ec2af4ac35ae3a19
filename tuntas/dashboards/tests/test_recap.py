"""The monthly recap's numbers against those worked by hand on the city of `recap_kit`."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from tuntas.dashboards.measures import MeasureFilter, action_items_on_time, requests_on_time
from tuntas.dashboards.recap import month_bounds, recap_build
from tuntas.dashboards.tests.recap_kit import NOW, build_city
from tuntas.issues.models import Level
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


def may(person, asisten=None):
    return recap_build(viewer=Viewer.of(person), year=2026, month=5, asisten=asisten)


def counts(rows):
    return {
        row.label: (row.new, row.settled, row.settled_low, row.closed, row.open_at_end)
        for row in rows
    }


def statuses(recap):
    return {row.key: row.count for row in recap.issues.by_status}


def levels(recap):
    return {row.level: (row.settled, row.open_at_end) for row in recap.issues.by_level}


# --- the month ------------------------------------------------------------------------------


def test_month_bounds_are_its_first_and_last_day():
    assert month_bounds(2026, 2) == (D(2026, 2, 1), D(2026, 2, 28))
    assert month_bounds(2028, 2) == (D(2028, 2, 1), D(2028, 2, 29))
    with pytest.raises(ValueError):
        month_bounds(2026, 13)


def test_a_month_not_yet_begun_has_no_recap(org):
    with pytest.raises(ValueError):
        recap_build(viewer=Viewer.of(org.sekda), year=2026, month=7)


def test_a_past_month_is_complete(org, city):
    recap = may(org.sekda, org.asisten2_unit)

    assert (recap.start, recap.end, recap.as_of) == (D(2026, 5, 1), D(2026, 5, 31), D(2026, 5, 31))
    assert recap.complete


# --- the measures of Asisten II's portfolio -------------------------------------------------


def test_the_measures_of_the_asisten(org, city):
    m = may(org.sekda, org.asisten2_unit).measures

    # Settled in May: A (Asisten, 4 working days), B (OPD, 31 May 23.30, 16), J (Sekda, 6);
    # not C, settled at 00.30 on 1 June.
    assert (m.headline.numerator, m.headline.denominator) == (2, 3)
    assert m.headline.percent == Decimal("66.7")
    assert (m.settle.count, m.settle.median, m.settle.p90) == (3, 6, 16)
    # Reported in May: F 0, J 0, A 1, C 3, D 3 working days after the problem was first met.
    assert (m.surface.count, m.surface.median) == (5, 1)
    # Answers due in May: R1, R3 (23.00 on the day), R4 on time, R2 late, R5 no longer needed.
    assert (m.requests.on_time, m.requests.late, m.requests.moot) == (3, 1, 1)
    assert m.requests.share.percent == Decimal("75.0")
    # Action items due in May: AI1 and AI3 (22.00 on the day) on time, AI2 late.
    assert (m.action_items.on_time, m.action_items.late) == (2, 1)
    assert m.action_items.share.percent == Decimal("66.7")


def test_the_city_wide_measures_add_asisten_i(org, city):
    m = may(org.sekda).measures

    # I1 settled at Asisten level in 4 working days: 4, 4, 6, 16.
    assert (m.headline.numerator, m.headline.denominator) == (3, 4)
    assert (m.settle.count, m.settle.median, m.settle.p90) == (4, 4, 16)
    assert (m.surface.count, m.surface.median) == (7, 0)
    # R6 late; AI5 late.
    assert (m.requests.on_time, m.requests.late) == (3, 2)
    assert (m.action_items.on_time, m.action_items.late) == (2, 2)


# --- the issues of the month ----------------------------------------------------------------


def test_the_issues_by_status_at_the_end_of_may(org, city):
    recap = may(org.sekda, org.asisten2_unit)

    # D not accepted; C (settled on 1 June) and E being handled; A, B, J settled; F withdrawn.
    # G ended in April, H came on 1 June at 01.00, O is a draft.
    assert statuses(recap) == {"waiting": 1, "handling": 2, "settled": 3, "closed": 1}
    assert recap.issues.caseload == 7


def test_the_issues_by_level_use_the_level_at_month_end(org, city):
    recap = may(org.sekda, org.asisten2_unit)

    assert levels(recap) == {
        Level.UNIT: (1, 1),  # B settled at OPD level; D not accepted yet
        Level.ASSISTANT: (1, 1),  # A; E, escalated only on 1 June
        Level.SECRETARY: (1, 1),  # J; C, escalated on 20 May
        Level.HEAD: (0, 0),
    }


def test_the_issues_by_unit_and_category(org, city):
    issues = may(org.sekda, org.asisten2_unit).issues

    # (reported, settled, at OPD or Asisten, closed, open at month end)
    assert counts(issues.by_unit) == {
        "Dinas Pekerjaan Umum dan Penataan Ruang": (4, 3, 2, 1, 2),
        "Perumda Air Minum Tirta Sago": (1, 0, 0, 0, 1),
    }
    assert [row.label for row in issues.by_category] == [
        "Lahan",
        "Perizinan",
        "Utilitas (air, listrik, telekomunikasi)",
    ]
    assert counts(issues.by_category) == {
        "Lahan": (0, 1, 1, 0, 1),
        "Perizinan": (2, 1, 0, 0, 1),
        "Utilitas (air, listrik, telekomunikasi)": (3, 1, 1, 1, 1),
    }
    total = issues.total
    assert (total.new, total.settled, total.settled_low, total.closed, total.open_at_end) == (
        5,
        3,
        2,
        1,
        3,
    )


def test_the_settled_counts_agree_with_the_headline(org, city):
    recap = may(org.sekda)

    assert recap.issues.total.settled == recap.measures.headline.denominator
    assert recap.issues.total.settled_low == recap.measures.headline.numerator


def test_the_city_wide_issues(org, city):
    recap = may(org.sekda)

    assert statuses(recap) == {"waiting": 1, "handling": 3, "settled": 4, "closed": 1}
    assert levels(recap)[Level.ASSISTANT] == (2, 2)  # A and I1; E and I2
    assert counts(recap.issues.by_unit)["Dinas Sosial"] == (2, 1, 1, 0, 1)
    assert [row.label for row in recap.issues.by_unit] == [
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas Sosial",
        "Perumda Air Minum Tirta Sago",
    ]


def test_a_month_boundary_is_a_local_day(org, city):
    """B, settled at 23.30 WIB on 31 May, belongs to May; C, at 00.30 WIB on 1 June, to June."""
    june = recap_build(viewer=Viewer.of(org.sekda), year=2026, month=6, asisten=org.asisten2_unit)

    assert not june.complete
    assert june.as_of == D(2026, 6, 2)
    assert (june.measures.headline.numerator, june.measures.headline.denominator) == (0, 1)
    # C settled in June; E (escalated on 1 June, now at Sekda level) being handled; D and H,
    # reported at 01.00 on 1 June, not accepted. B ended in May.
    assert statuses(june) == {"waiting": 2, "handling": 1, "settled": 1, "closed": 0}
    assert levels(june) == {
        Level.UNIT: (0, 2),
        Level.ASSISTANT: (0, 0),
        Level.SECRETARY: (1, 1),
        Level.HEAD: (0, 0),
    }
    assert june.issues.total.new == 1  # H


# --- overdue at month end -------------------------------------------------------------------


def test_the_overdue_requests_at_the_end_of_may(org, city):
    recap = may(org.sekda, org.asisten2_unit)

    listed = [(r.reference, r.answered, r.since, r.days_late) for r in recap.overdue_requests]
    # R4: answered in time, but PUPR's help was needed by 25 May: 26 and 29 May late.
    # R2: never answered, due 15 May: 18-22, 25, 26 and 29 May late.
    assert listed == [
        (city.issues["C"].reference, True, D(2026, 5, 25), 2),
        (city.issues["E"].reference, False, D(2026, 5, 15), 8),
    ]
    assert [r.asked_unit for r in recap.overdue_requests] == [
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Kantor Pertanahan Kota Payakumbuh",
    ]
    assert recap.overdue_requests[1].need == "Mohon data bidang tanah."


def test_the_overdue_action_items_at_the_end_of_may(org, city):
    recap = may(org.sekda, org.asisten2_unit)

    listed = [(i.description, i.due_on, i.days_late) for i in recap.overdue_action_items]
    assert listed == [
        ("Siapkan dokumen appraisal", D(2026, 5, 22), 3),  # PUPR: 25, 26, 29 May
        ("Geser pipa transmisi", D(2026, 4, 30), 16),  # PDAM, from April: all of May
    ]
    assert recap.overdue_action_items[0].issue_reference == city.issues["E"].reference
    assert recap.overdue_action_items[1].meeting_title == "Rakor Asisten II April 2026"


def test_the_overdue_lists_agree_with_the_measures(org, city):
    viewer = Viewer.of(org.sekda)
    for asisten in (None, org.asisten2_unit, org.asisten1_unit):
        recap = recap_build(viewer=viewer, year=2026, month=5, asisten=asisten)
        flt = MeasureFilter(
            start=recap.start, end=recap.end, coordinator_id=asisten.pk if asisten else None
        )
        requests = requests_on_time(viewer=viewer, flt=flt).total.overdue
        items = action_items_on_time(viewer=viewer, flt=flt).total.overdue
        assert len(recap.overdue_requests) == requests
        assert len(recap.overdue_action_items) == items
    assert len(may(org.sekda).overdue_requests) == 3  # and R6 of Asisten I


# --- decisions ------------------------------------------------------------------------------


def test_the_decisions_of_the_month(org, city):
    meetings = may(org.sekda, org.asisten2_unit).meetings

    # M0 was in April; M3's minutes are not final; M4 is Asisten I's.
    assert [m.title for m in meetings] == ["Rakor Asisten II Mei 2026"]
    meeting = meetings[0]
    assert meeting.date == D(2026, 5, 12)
    first, second = meeting.items  # "Lain-lain" decided nothing
    assert (first.number, first.title, first.outcome) == (
        1,
        "Pembebasan lahan Jalan Lingkar Utara",
        "continued",
    )
    assert first.decisions == [
        "BPN mengukur ulang bidang tanah.",
        "PUPR menyiapkan dokumen appraisal.",
    ]
    assert [(a.description, a.unit, a.due_on) for a in first.actions] == [
        ("Ukur ulang bidang tanah", "Kantor Pertanahan Kota Payakumbuh", D(2026, 5, 20)),
        ("Siapkan dokumen appraisal", "Dinas Pekerjaan Umum dan Penataan Ruang", D(2026, 5, 22)),
    ]
    assert (second.number, second.outcome, second.actions) == (2, "escalated", [])
    assert [a.description for a in meeting.other_actions] == ["Laporkan progres relokasi pipa"]
    assert (meeting.decision_count, meeting.action_count) == (3, 3)


def test_the_city_wide_decisions_include_every_asisten(org, city):
    titles = [m.title for m in may(org.sekda).meetings]

    assert titles == ["Rakor Asisten II Mei 2026", "Rakor Asisten I Mei 2026"]


# --- scope ----------------------------------------------------------------------------------


def test_asisten_ii_s_recap_leaves_out_asisten_i_s_units(org, city):
    for person in (org.asisten2, org.bagekonomi_staff, org.sekda):
        recap = may(person, org.asisten2_unit)

        assert "Dinas Sosial" not in counts(recap.issues.by_unit)
        assert "Sosial" not in counts(recap.issues.by_category)
        # R6 asks PDAM, of Asisten II's portfolio, but about Asisten I's issue I2.
        assert city.issues["I2"].reference not in {r.reference for r in recap.overdue_requests}
        assert "Mutakhirkan data DTKS" not in {i.description for i in recap.overdue_action_items}
        assert "Rakor Asisten I Mei 2026" not in {m.title for m in recap.meetings}
        assert recap.measures.headline.denominator == 3


def test_the_asisten_sees_the_same_recap_as_the_sekda(org, city):
    own = may(org.asisten2, org.asisten2_unit)
    sekda = may(org.sekda, org.asisten2_unit)

    assert own.measures == sekda.measures
    assert own.issues == sekda.issues
    assert own.overdue_requests == sekda.overdue_requests
    assert own.meetings == sekda.meetings


def test_asisten_i_s_recap(org, city):
    recap = may(city.asisten1, org.asisten1_unit)

    assert counts(recap.issues.by_unit) == {"Dinas Sosial": (2, 1, 1, 0, 1)}
    assert [(r.reference, r.days_late) for r in recap.overdue_requests] == [
        (city.issues["I2"].reference, 10)  # due 11 May: 12, 13, 18-22, 25, 26, 29
    ]
    assert [(i.description, i.days_late) for i in recap.overdue_action_items] == [
        ("Mutakhirkan data DTKS", 8)
    ]
    assert [m.title for m in recap.meetings] == ["Rakor Asisten I Mei 2026"]


def test_an_empty_month(org, city):
    recap = recap_build(viewer=Viewer.of(org.sekda), year=2025, month=12)

    assert recap.measures.headline.percent is None
    assert recap.measures.settle.median is None
    assert recap.issues.caseload == 0
    assert recap.issues.by_unit == []
    assert (recap.overdue_requests, recap.overdue_action_items, recap.meetings) == ([], [], [])


def test_it_takes_a_fixed_number_of_queries(org, city, django_assert_num_queries):
    viewer = Viewer.of(org.sekda)
    recap_build(viewer=viewer, year=2026, month=5)  # load the working-day calendar

    with django_assert_num_queries(QUERIES):
        recap_build(viewer=viewer, year=2026, month=5)


# The headline and the time to settle share one grouped query of the settled issues (was 12).
QUERIES = 11
