"""One edge of the dependency map: the requests one unit waits for from another."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.tests.dependency_data import NOW, ask, waits
from tuntas.issues.tests.viewkit import login_redirect

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def data(org):
    return waits(org)


def url(asking, asked):
    return reverse("dashboards:dependency_edge", args=[asking.pk, asked.pk])


def listed(response):
    return [r.pk for r in response.context["rows"]]


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    target = url(org.pupr, org.pdam)

    assert login_redirect(client.get(target), target)


def test_it_rejects_post(org, data):
    assert org.client_for(org.asisten2).post(url(org.pupr, org.pdam)).status_code == 405


def test_it_lists_the_open_requests_overdue_first_with_links_to_their_issues(org, data):
    response = org.client_for(org.asisten2).get(url(org.pupr, org.pdam))

    assert response.status_code == 200
    r = data.requests
    assert listed(response) == [r["late_work"].pk, r["late_answer"].pk, r["due_today"].pk]
    body = response.content.decode()
    issue = reverse("issues:detail", args=[data.road.pk])
    assert f'href="{issue}#request-{r["late_work"].pk}"' in body
    assert data.road.title in body
    assert r["late_work"].need in body
    assert body.count("data-late") == 2  # the two overdue ones
    assert "HX-Request" in response["Vary"]


def test_all_shows_the_answered_requests_of_the_period_too(org, data):
    response = org.client_for(org.asisten2).get(url(org.pupr, org.pdam), {"show": "all"})

    r = data.requests
    assert set(listed(response)) == {
        r[name].pk for name in ("late_work", "late_answer", "due_today", "done", "left_open")
    }


def test_the_period_filter_applies(org, data):
    response = org.client_for(org.asisten2).get(
        url(org.pupr, org.pdam), {"start": "2025-12-01", "end": "2025-12-31"}
    )

    assert listed(response) == [data.requests["last_year"].pk]


def test_the_partner_asked_sees_the_edge(org, data):
    response = org.client_for(org.pdam_partner).get(url(org.pupr, org.pdam))

    assert response.status_code == 200
    assert len(listed(response)) == 3


def test_a_partner_gets_404_for_an_edge_without_its_unit(org, data):
    # PDAM may open the road issue, yet what BPN is asked there is not PDAM's business.
    assert org.client_for(org.pdam_partner).get(url(org.pupr, org.bpn)).status_code == 404
    assert org.client_for(org.bpn_partner).get(url(org.pupr, org.pdam)).status_code == 404


def test_an_outsider_gets_404(org, data):
    assert org.client_for(org.dinsos_operator).get(url(org.pupr, org.pdam)).status_code == 404
    assert org.client_for(org.nobody).get(url(org.pupr, org.pdam)).status_code == 404


def test_an_edge_nobody_asked_or_an_unknown_unit_is_404(org, data):
    client = org.client_for(org.walikota)

    assert client.get(url(org.pdam, org.pupr)).status_code == 404
    assert client.get(url(org.pupr, org.pupr)).status_code == 404
    missing = reverse("dashboards:dependency_edge", args=[org.pupr.pk, 999999])
    assert client.get(missing).status_code == 404


def test_htmx_gets_only_the_list(org, data):
    response = org.client_for(org.asisten2).get(
        url(org.pupr, org.pdam), {"show": "all"}, HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<div class="card" id="edge-requests">')
    assert "<html" not in body
    assert body.count("data-request=") == 5
    assert "HX-Request" in response["Vary"]


def test_it_links_back_to_the_map_with_the_same_filters(org, data):
    response = org.client_for(org.asisten2).get(
        url(org.pupr, org.pdam), {"start": "2026-02-01", "end": "2026-05-31"}
    )

    back = reverse("dashboards:dependency") + "?start=2026-02-01&amp;end=2026-05-31"
    assert f'href="{back}"' in response.content.decode()


def test_it_pins_its_query_count_whatever_the_number_of_requests(
    org, data, django_assert_num_queries
):
    client = org.client_for(org.asisten2)
    client.get(url(org.pupr, org.pdam))

    with django_assert_num_queries(10):
        client.get(url(org.pupr, org.pdam))
    for n in range(15):
        ask(
            data.road,
            org.pdam,
            org.pupr_operator,
            respond_by="2026-05-20",
            due_on="2026-05-30",
            made=NOW,
            need=f"Dukungan {n}",
        )
    with django_assert_num_queries(10):
        response = client.get(url(org.pupr, org.pdam))

    assert len(listed(response)) == 18
