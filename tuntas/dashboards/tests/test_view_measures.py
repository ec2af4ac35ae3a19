"""The measures page: who sees it, the filter form, what it shows, and its query count."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards import views_measures
from tuntas.dashboards.tests.measures_kit import (
    NOW,
    at,
    build_city,
    make_issue,
    make_item,
    make_request,
)
from tuntas.issues.models import Category, Level
from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.models import Meeting
from tuntas.org.models import RoleAssignment
from tuntas.testing.personas import make_person

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:measures")
MAY = {"start": "2026-05-01", "end": "2026-05-31"}
D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def city(org):
    return build_city(org)


def shown(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def headline_of(response):
    share = response.context["m"].headline
    return share.numerator, share.denominator


# --- who may see it -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.sekda).post(URL).status_code == 405


def test_partners_get_404(org, city):
    assert org.client_for(org.pdam_partner).get(URL).status_code == 404
    assert org.client_for(org.bpn_partner).get(URL, MAY).status_code == 404


def test_a_person_without_a_role_gets_404(org):
    assert org.client_for(org.nobody).get(URL).status_code == 404


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("sekda", (3, 5)),
        ("walikota", (3, 5)),
        ("admin", (3, 5)),
        # Asisten II and the Bagian: the PUPR issues and C, where PDAM of the portfolio helps.
        ("asisten2", (3, 5)),
        ("bagekonomi_staff", (3, 5)),
        ("kadis_pupr", (2, 4)),  # A, B, D, E
        ("pupr_operator", (2, 4)),
        ("dinsos_operator", (1, 1)),  # C
    ],
)
def test_every_internal_role_sees_the_measures_of_its_issues(org, city, persona, expected):
    response = shown(org.client_for(getattr(org, persona)), **MAY)
    assert headline_of(response) == expected


def test_the_page_shows_the_measures(org, city):
    response = shown(org.client_for(org.sekda), **MAY)
    page = response.content.decode()
    # Indonesian is the default language: decimal comma, dates as letters write them.
    assert "60,0%" in page
    assert "Jumat, 1 Mei 2026 \u2013 Minggu, 31 Mei 2026" in page
    for part in (
        'id="settle-by-level"',
        'id="settle-by-category"',
        'id="settle-by-unit"',
        'id="ageing-table"',
        'id="backlog-table"',
        'id="requests-table"',
        'id="action-items-table"',
        'id="realisation-units"',
        'id="realisation-city"',
        'id="chart-headline"',
        'id="chart-settle"',
        'id="chart-backlog"',
        'id="chart-realisation-desc"',
        'id="nav-measures"',
    ):
        assert part in page, part
    # Tables scroll inside their wrapper on a phone instead of widening the page.
    assert page.count('class="table-responsive"') >= 8
    assert "Perumda Air Minum Tirta Sago" in page  # a row of the requests table


# --- the filter -----------------------------------------------------------------------------


def test_the_default_period_is_this_year_to_date(org, city):
    response = shown(org.client_for(org.sekda))
    flt = response.context["filter"]
    assert (flt.start, flt.end) == (D(2026, 1, 1), D(2026, 6, 2))
    # A, B, C, D, E, F and G were all settled in 2026 so far; A, B, C and F low.
    assert headline_of(response) == (4, 7)
    assert 'value="2026-01-01"' in response.content.decode()


def test_a_period_ending_after_today_stops_today(org, city):
    response = shown(org.client_for(org.sekda), start="2026-05-01", end="2026-12-31")
    assert response.context["filter"].end == D(2026, 6, 2)
    assert headline_of(response) == (4, 6)  # F, settled on 1 June, is in
    assert response.context["m"].backlog.at == D(2026, 6, 2)


def test_the_filters_are_applied(org, city):
    client = org.client_for(org.sekda)
    lahan = Category.objects.get(code="lahan")
    by_asisten = shown(client, **MAY, coordinator=org.asisten1_unit.pk)
    by_unit = shown(client, **MAY, unit=org.dinsos.pk)
    by_category = shown(client, **MAY, category=lahan.pk)
    assert headline_of(by_asisten) == (1, 1)
    assert headline_of(by_unit) == (1, 1)
    assert headline_of(by_category) == (1, 2)
    assert by_category.context["filter"].category_id == lahan.pk
    # The unit filter picks the asked unit of requests and the owner unit of action items.
    assert [r.unit_short_name for r in by_unit.context["m"].requests.rows] == []
    by_pdam = shown(client, **MAY, unit=org.pdam.pk)
    assert [r.unit_short_name for r in by_pdam.context["m"].action_items.rows] == ["PDAM"]


def test_a_wrong_filter_shows_its_error_and_the_default_measures(org, city):
    response = shown(org.client_for(org.sekda), start="2026-05-31", end="2026-05-01")
    page = response.content.decode()
    assert response.context["form"].errors["end"]
    assert 'id="filter-errors"' in page
    flt = response.context["filter"]
    assert (flt.start, flt.end) == (D(2026, 1, 1), D(2026, 6, 2))
    assert 'value="2026-05-31"' in page  # what was typed is kept


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-06-03", "end": "2026-06-04"},  # starts after today
        {"start": "1999-12-31", "end": "2000-01-05"},
        {"start": "2020-01-01", "end": "2026-01-01"},  # more than three years
        {"start": "kemarin", "end": "2026-05-01"},
        {"start": "2026-05-01"},  # no end
    ],
)
def test_nonsense_periods_are_refused(org, params):
    response = shown(org.client_for(org.sekda), **params)
    assert response.context["form"].errors
    assert response.context["filter"].start == D(2026, 1, 1)


def test_the_choices_are_limited_to_what_the_viewer_sees(org, city):
    response = shown(org.client_for(org.dinsos_operator))
    form = response.context["form"]
    # Dinas Sosial sees its issue C (routed to Asisten I), with its request to PDAM, and its
    # sub kegiatan.
    assert {u.short_name for u in form.fields["coordinator"].queryset} == {"ASISTEN1"}
    assert {u.short_name for u in form.fields["unit"].queryset} == {"DINSOS", "PDAM"}
    refused = shown(org.client_for(org.dinsos_operator), **MAY, unit=org.pupr.pk)
    assert "unit" in refused.context["form"].errors
    assert refused.context["filter"].unit_id is None


def test_the_choices_are_worked_out_once_per_person_roles_and_day(org, city):
    client = org.client_for(org.dinsos_operator)
    with mock.patch.object(
        views_measures, "unit_choices", wraps=views_measures.unit_choices
    ) as spy:
        shown(client)
        response = shown(client)
    assert spy.call_count == 1  # the second page read the ids from the cache
    assert {u.short_name for u in response.context["form"].fields["unit"].queryset} == {
        "DINSOS",
        "PDAM",
    }

    # Another person, or the same one with another role, gets choices of their own.
    other = shown(org.client_for(org.asisten2)).context["form"].fields["unit"].queryset
    assert "PUPR" in {u.short_name for u in other}
    RoleAssignment.objects.create(
        person=org.dinsos_operator,
        unit=org.pupr,
        role=RoleAssignment.Role.UNIT_STAFF,
        valid_from=D(2026, 1, 1),
    )
    widened = shown(client).context["form"].fields["unit"].queryset
    assert "PUPR" in {u.short_name for u in widened}


def test_leaders_may_choose_every_asisten(org):
    response = shown(org.client_for(org.sekda))
    choices = {u.short_name for u in response.context["form"].fields["coordinator"].queryset}
    assert choices == {"ASISTEN1", "ASISTEN2"}


# --- the nav ------------------------------------------------------------------------------


def test_the_navigation_links_to_the_measures_for_internal_staff_only(org):
    home = reverse("org:home")
    staff = org.client_for(org.pupr_operator).get(home).content.decode()
    partner = org.client_for(org.pdam_partner).get(home).content.decode()
    assert f'href="{URL}"' in staff
    assert f'href="{URL}"' not in partner


# --- speed --------------------------------------------------------------------------------


def grow(org, count):
    """Add issues, requests and action items of every kind, spread over May."""
    meeting = Meeting.objects.first()
    units = [org.pupr, org.dinsos]
    categories = ["utilitas", "lahan", "perizinan"]
    for n in range(count):
        day = f"2026-05-{4 + n % 25:02d}"
        unit = units[n % 2]
        settled = at(f"2026-05-{5 + n % 25:02d}") if n % 3 else None
        issue = make_issue(
            org,
            title=f"Tambahan {n}",
            unit=unit,
            category=categories[n % 3],
            submitted=at(day),
            first_met="2026-04-20",
            settled=settled,
            level=[Level.UNIT, Level.ASSISTANT, Level.SECRETARY][n % 3] if settled else None,
        )
        make_request(org, issue, [org.pdam, org.bpn][n % 2], respond_by=day)
        make_item(org, meeting, unit, due_on=day)


def test_it_pins_its_query_count(org, city, django_assert_num_queries):
    # Session, person, roles, portfolio; the category checked; settled issues (by month,
    # category, unit), surfaced issues, open issues (starts, ends, open at the end), requests,
    # action items; work-plan rules, sub kegiatan, targets, realisations;
    # letterhead, unread count; the Asisten, unit and category choices.
    client = org.client_for(org.asisten2)
    params = {**MAY, "category": Category.objects.get(code="lahan").pk}
    client.get(URL, params)  # warm the working-day calendar's cache, as a running server has it
    with django_assert_num_queries(23):
        shown(client, **params)
    grow(org, 30)
    with django_assert_num_queries(23):
        response = shown(client, **params)
    assert response.context["m"].headline.denominator > 2


def test_a_secretariat_of_a_bagian_outside_an_asisten_sees_its_own_issues(org, city):
    # A Bagian under the Setda (not an Asisten) acts for nobody: only its own unit counts.
    person = make_person("bagian.umum", unit=org.setda, role=RoleAssignment.Role.SECRETARIAT)
    response = shown(org.client_for(person), **MAY)
    assert headline_of(response) == (0, 0)
    assert response.context["m"].headline.percent is None
    assert response.context["m"].backlog.open == 0
