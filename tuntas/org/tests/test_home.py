"""Each role's home page shows what the person is responsible for."""

import pytest
from django.urls import reverse

from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_go_to_login(client):
    response = client.get(reverse("org:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_asisten_sees_the_units_of_their_portfolio(org):
    response = org.client_for(org.asisten2).get(reverse("org:home"))
    assert response.status_code == 200
    assert {u.short_name for u in response.context["portfolio"]} == {"PUPR", "PDAM"}
    body = response.content.decode()
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" in body
    assert org.kadis_pupr.full_name in body  # the head of each unit is named
    assert "Dinas Sosial" not in body  # Asisten I's unit


def test_the_bagian_staff_see_their_asistens_portfolio(org):
    response = org.client_for(org.bagekonomi_staff).get(reverse("org:home"))
    assert {u.short_name for u in response.context["portfolio"]} == {"PUPR", "PDAM"}


def test_leaders_see_the_asisten_side_by_side(org):
    response = org.client_for(org.walikota).get(reverse("org:home"))
    sizes = {a.short_name: a.portfolio_size for a in response.context["assistants"]}
    assert sizes == {"ASISTEN1": 1, "ASISTEN2": 2}


def test_an_operator_sees_their_unit(org):
    response = org.client_for(org.pupr_operator).get(reverse("org:home"))
    assert [u.short_name for u in response.context["own_units"]] == ["PUPR"]
    assert response.context["portfolio"] == []


def test_a_person_without_role_is_told_so(org):
    response = org.client_for(org.nobody).get(reverse("org:home"))
    assert response.status_code == 200
    assert response.context["assignments"] == []


def test_the_admin_sees_the_counts(org):
    response = org.client_for(org.admin).get(reverse("org:home"))
    assert response.context["stats"]["units"] == 10


def test_home_rejects_post(org):
    assert org.client_for(org.asisten2).post(reverse("org:home")).status_code == 405


def test_the_asisten_home_pins_its_query_count(org, django_assert_num_queries):
    from tuntas.plans.tests.kit import make_sub, report_months

    report_months(make_sub(org, org.pupr), org.pupr_operator, [(1, 0)])
    client = org.client_for(org.asisten2)
    client.get(reverse("org:home"))
    # 19 before the homes per role; +7 for what needs the Asisten now: overdue requests and
    # action items per unit (one query each), the policy read by the overdue rule, the issues
    # first in line, the overdue action items listed, the next meeting, and the thresholds
    # of the portfolio's total row.
    with django_assert_num_queries(26):
        client.get(reverse("org:home"))
    for i in range(15):
        unit = make_unit(f"OPD{i}", "agency", coordinator=org.asisten2_unit)
        report_months(make_sub(org, unit), org.admin, [(1, 0), (2, 0)])
    with django_assert_num_queries(26):
        client.get(reverse("org:home"))


def test_the_asisten_sees_per_unit_what_needs_them(org):
    import datetime as dt

    from tuntas.issues import services
    from tuntas.issues.models import Category, Issue
    from tuntas.org.access import Viewer

    reporter = Viewer.of(org.pupr_operator)
    for title in ["Pipa PDAM di badan jalan", "Izin galian belum terbit"]:
        issue = Issue(
            title=title,
            chronology="Kronologi",
            category=Category.objects.get(code="utilitas"),
            first_met_on=dt.date(2026, 11, 2),
            reporting_unit=org.pupr,
        )
        services.issue_create(issue=issue, by=reporter)
        services.issue_submit(issue=issue, by=reporter)
    response = org.client_for(org.asisten2).get(reverse("org:home"))
    pupr = next(u for u in response.context["portfolio"] if u.short_name == "PUPR")
    assert pupr.issue_counts["to_triage"] == 2
    assert pupr.issue_counts["new_this_week"] == 2
    assert (
        next(u for u in response.context["portfolio"] if u.short_name == "PDAM").issue_counts == {}
    )


def test_the_asisten_sees_each_units_deviation_and_the_early_warnings(org):
    from decimal import Decimal

    import time_machine

    from tuntas.plans.tests.kit import at, make_sub, report_months

    m = Decimal(1_000_000)
    with time_machine.travel(at("2026-06-16"), tick=False):
        road = make_sub(org, org.pupr, name="Jalan Lingkar Utara")
        report_months(
            road,
            org.pupr_operator,
            [(2, 0), (5, 30 * m), (10, 70 * m), (18, 140 * m), (16, 200 * m)],
        )
        response = org.client_for(org.asisten2).get(reverse("org:home"))

    pupr = next(u for u in response.context["portfolio"] if u.short_name == "PUPR")
    pdam = next(u for u in response.context["portfolio"] if u.short_name == "PDAM")
    assert (pupr.plan.dev_physical, pupr.plan.dev_financial) == (
        Decimal("-12.00"),
        Decimal("-3.00"),
    )
    assert pupr.plan.status == "red"
    assert pdam.plan is None  # no sub kegiatan this year
    assert [i["warning"].kind for i in response.context["plan_warnings"]][:2] == ["kritis", "red"]
    body = response.content.decode()
    assert 'id="early-warnings"' in body
    assert reverse("plans:detail", args=[road.pk]) in body


def test_an_operator_sees_no_early_warning_card(org):
    response = org.client_for(org.pupr_operator).get(reverse("org:home"))

    assert 'id="early-warnings"' not in response.content.decode()


# --- Homes per role, on a small city with a little of everything (dashboards/tests/home_data) ---


@pytest.fixture
def homes(org):
    import time_machine

    from tuntas.dashboards.tests.home_data import seed_homes
    from tuntas.plans.tests.kit import NOW

    # A Tuesday in June: May is the last reported month, and every date below is fixed.
    with time_machine.travel(NOW, tick=False):
        yield seed_homes(org)


def home_of(org, person):
    response = org.client_for(person).get(reverse("org:home"))
    assert response.status_code == 200
    return response, response.content.decode()


def by_short_name(units):
    return {u.short_name: u for u in units}


def test_the_asisten_sees_what_needs_them_now(org, homes):
    response, body = home_of(org, org.asisten2)

    home = response.context["coordinator"]
    needs = home["needs"]
    assert (needs.to_triage, needs.overdue, needs.proposed) == (1, 1, 1)
    assert (needs.red_subs, needs.late_actions) == (1, 1)
    # Proposed for escalation (and overdue) first, then what waits for triage.
    assert [i.pk for i in home["pressing"]] == [homes.overdue.pk, homes.triage.pk]
    assert [i.pk for i in home["late_actions"]] == [homes.late_action.pk]
    meeting = home["next_meeting"]
    assert meeting.pk == homes.meeting.pk
    assert (meeting.item_count, meeting.invited, meeting.answered) == (1, 2, 0)
    assert 'id="agenda-state"' in body


def test_the_asisten_sees_a_table_of_their_opds(org, homes):
    from decimal import Decimal

    response, _body = home_of(org, org.asisten2)

    units = by_short_name(response.context["portfolio"])
    pupr, pdam = units["PUPR"], units["PDAM"]
    assert (pupr.issue_counts["open"], pupr.issue_counts["overdue"]) == (4, 1)
    assert (pupr.late_requests, pupr.late_actions) == (0, 0)
    assert (pdam.late_requests, pdam.late_actions) == (1, 1)  # PDAM is the one late
    assert (pupr.figures.real_physical, pupr.figures.target_physical) == (
        Decimal("16.00"),
        Decimal("28.00"),
    )
    assert (pupr.figures.real_financial, pupr.figures.target_financial) == (
        Decimal("23.00"),
        Decimal("23.00"),
    )
    assert (pupr.figures.progress.physical_status, pupr.figures.progress.status) == ("red", "red")
    assert pdam.figures is None  # no sub kegiatan
    total = response.context["coordinator"]["portfolio_total"]
    assert (total["open"], total["late_requests"], total["late_actions"]) == (4, 1, 1)


def test_the_asisten_ii_never_sees_asisten_is_units(org, homes):
    response, body = home_of(org, org.asisten2)

    assert "DINSOS" not in by_short_name(response.context["portfolio"])
    assert "Dinas Sosial" not in body
    assert homes.dinsos.title not in body
    assert homes.dinsos_action.description not in body


def test_the_asisten_i_sees_their_own_portfolio(org, homes):
    from tuntas.dashboards.tests.home_data import asisten1

    response, body = home_of(org, asisten1(org))

    assert set(by_short_name(response.context["portfolio"])) == {"DINSOS"}
    assert homes.dinsos.title in body
    assert homes.triage.title not in body


def test_the_bagian_staff_see_what_their_asisten_sees(org, homes):
    asisten, _ = home_of(org, org.asisten2)
    bagian, _ = home_of(org, org.bagekonomi_staff)

    assert bagian.context["coordinator"]["needs"] == asisten.context["coordinator"]["needs"]
    assert [u.pk for u in bagian.context["portfolio"]] == [
        u.pk for u in asisten.context["portfolio"]
    ]
    assert bagian.context["coordinator"]["next_meeting"].pk == homes.meeting.pk


def test_the_sekda_sees_the_issues_escalated_to_the_sekda(org, homes):
    response, body = home_of(org, org.sekda)

    home = response.context["leader"]
    assert [i.pk for i in home["waiting"]] == [homes.to_sekda.pk]
    assert home["city"]["waiting"] == 1
    assert reverse("issues:detail", args=[homes.to_sekda.pk]) in body
    assert "coordinator" not in response.context
    assert "issue_summary" not in response.context


def test_the_wali_kota_sees_the_issues_escalated_to_the_kepala_daerah(org, homes):
    response, body = home_of(org, org.walikota)

    assert [i.pk for i in response.context["leader"]["waiting"]] == [homes.to_head.pk]
    assert reverse("issues:detail", args=[homes.to_head.pk]) in body
    assert reverse("dashboards:measures") in body
    assert reverse("dashboards:dependency") in body


def test_leaders_see_the_city_measures_from_the_measures_module(org, homes):
    from tuntas.dashboards import measures
    from tuntas.org.access import Viewer

    response, _body = home_of(org, org.sekda)

    home = response.context["leader"]
    viewer = Viewer.of(org.sekda)
    assert home["headline"] == measures.headline(viewer=viewer, flt=home["period"])
    assert (home["headline"].numerator, home["headline"].denominator) == (1, 1)
    assert home["settle"].count == 1
    assert (home["city"]["open"], home["city"]["overdue"]) == (5, 1)


def test_leaders_see_the_asisten_side_by_side_with_their_figures(org, homes):
    from decimal import Decimal

    response, _body = home_of(org, org.walikota)

    cards = by_short_name(response.context["leader"]["assistants"])
    two, one = cards["ASISTEN2"].stats, cards["ASISTEN1"].stats
    assert (two.open, two.overdue, two.late_requests, two.late_actions) == (4, 1, 1, 1)
    assert (two.settled_low.numerator, two.settled_low.denominator) == (1, 1)
    assert (one.open, one.overdue, one.late_requests, one.late_actions) == (1, 0, 0, 1)
    assert one.settled_low.percent is None
    assert (two.figures.real_physical, one.figures.real_physical) == (
        Decimal("16.00"),
        Decimal("28.00"),
    )
    city = response.context["leader"]["city_figures"]
    # Two sub kegiatan of the same pagu: 16 and 28 against 28 each.
    assert (city.real_physical, city.target_physical) == (Decimal("22.00"), Decimal("28.00"))
    assert city.progress.physical_status == "yellow"


def test_each_asistens_settled_low_share_is_the_measures_headline_for_that_asisten(org, homes):
    import dataclasses

    from tuntas.dashboards import measures
    from tuntas.org.access import Viewer

    response, _body = home_of(org, org.walikota)

    period = response.context["leader"]["period"]
    viewer = Viewer.of(org.walikota)
    for assistant in response.context["leader"]["assistants"]:
        flt = dataclasses.replace(period, coordinator_id=assistant.pk)
        assert assistant.stats.settled_low == measures.headline(viewer=viewer, flt=flt)


def test_the_asisten_card_of_the_leaders_matches_the_asistens_own_total(org, homes):
    leader, _ = home_of(org, org.sekda)
    asisten, _ = home_of(org, org.asisten2)

    card = by_short_name(leader.context["leader"]["assistants"])["ASISTEN2"].stats
    total = asisten.context["coordinator"]["portfolio_total"]
    assert card.late_requests == total["late_requests"]
    assert card.late_actions == total["late_actions"]
    assert card.figures.real_physical == total["figures"].real_physical
    assert card.figures.progress.dev_financial == total["figures"].progress.dev_financial


def test_the_unit_head_sees_their_issues_requests_actions_and_sub_kegiatan(org, homes):
    response, body = home_of(org, org.kadis_pupr)

    unit = response.context["unit"]
    shown = [i.pk for i in unit["issues"]]
    assert set(shown) == {
        homes.triage.pk,
        homes.overdue.pk,
        homes.to_sekda.pk,
        homes.to_head.pk,
        homes.settled.pk,  # settled, waiting for the unit's confirmation
    }
    assert shown[0] == homes.settled.pk  # what needs the unit comes first
    assert unit["issue_count"] == 5
    assert [u.short_name for u in unit["units"]] == ["PUPR"]
    assert unit["units"][0].figures.progress.status == "red"
    assert {i["warning"].sub.pk for i in unit["warnings"]} == {homes.road.pk}
    involved = response.context["involved"]
    assert involved["requests"] == []
    assert [a.pk for a in involved["actions"]] == [homes.open_action.pk]
    assert [i.meeting_id for i in involved["invitations"]] == [homes.meeting.pk]
    assert "coordinator" not in response.context and "leader" not in response.context
    assert homes.dinsos.title not in body
    assert homes.late_action.description not in body  # PDAM's, not PUPR's


def test_the_operator_sees_the_same_unit_home(org, homes):
    head, _ = home_of(org, org.kadis_pupr)
    operator, body = home_of(org, org.pupr_operator)

    assert [i.pk for i in operator.context["unit"]["issues"]] == [
        i.pk for i in head.context["unit"]["issues"]
    ]
    assert 'id="unit-plan"' in body
    assert reverse("plans:detail", args=[homes.road.pk]) in body


def test_the_partner_sees_only_what_involves_them(org, homes):
    response, body = home_of(org, org.pdam_partner)

    involved = response.context["involved"]
    assert [r.pk for r in involved["requests"]] == [homes.late_request.pk]
    assert involved["requests"][0].late
    assert [a.pk for a in involved["actions"]] == [homes.late_action.pk]
    assert [i.meeting_id for i in involved["invitations"]] == [homes.meeting.pk]
    for section in ("coordinator", "leader", "unit", "issue_summary"):
        assert section not in response.context
    for hidden in ('id="portfolio"', 'id="unit-plan"', 'id="issue-summary"', 'id="own-units"'):
        assert hidden not in body
    for title in (homes.triage.title, homes.to_sekda.title, homes.dinsos.title):
        assert title not in body
    assert homes.bpn_request.need not in body
    assert homes.open_action.description not in body
    assert reverse("dashboards:measures") not in body


ROLE_QUERIES = [
    ("asisten2", 26),
    ("bagekonomi_staff", 26),
    # The leaders' homes read the settled issues once for the headline and the time to settle
    # (one grouped query, where there were two).
    ("sekda", 19),
    ("walikota", 19),
    ("kadis_pupr", 22),
    ("pupr_operator", 22),
    ("pdam_partner", 11),
]


@pytest.mark.parametrize(("persona", "queries"), ROLE_QUERIES)
def test_each_home_pins_its_query_count_whatever_the_rows(
    org, homes, persona, queries, django_assert_num_queries
):
    from tuntas.dashboards.tests.home_data import seed_homes

    client = org.client_for(getattr(org, persona))
    client.get(reverse("org:home"))  # warms the working-day calendar
    with django_assert_num_queries(queries):
        client.get(reverse("org:home"))
    seed_homes(org)
    seed_homes(org)
    with django_assert_num_queries(queries):
        response = client.get(reverse("org:home"))
    assert response.status_code == 200
