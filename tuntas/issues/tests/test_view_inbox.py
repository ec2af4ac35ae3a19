"""The request inbox: what other units asked of the viewer's units, overdue first."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues import services
from tuntas.issues.tests.viewkit import (
    LONG_AGO,
    NOW,
    TODAY,
    ask,
    login_redirect,
    make_issue,
    viewer,
)

pytestmark = pytest.mark.django_db

URL = reverse("issues:inbox")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def needs(response):
    assert response.status_code == 200
    return [req.need for req in response.context["rows"]]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.pdam_partner).post(URL).status_code == 405


def test_it_lists_only_requests_to_the_viewers_units(org):
    issue = make_issue(org, "in_progress")
    ask(org, issue, org.pdam, need="Untuk PDAM")
    ask(org, issue, org.bpn, need="Untuk BPN")

    assert needs(org.client_for(org.pdam_partner).get(URL)) == ["Untuk PDAM"]
    assert needs(org.client_for(org.bpn_partner).get(URL)) == ["Untuk BPN"]
    assert needs(org.client_for(org.pupr_operator).get(URL)) == []  # PUPR asked, was not asked
    assert needs(org.client_for(org.dinsos_operator).get(URL)) == []
    assert needs(org.client_for(org.nobody).get(URL)) == []


def test_overdue_requests_come_first_then_by_due_date(org):
    issue = make_issue(org, "in_progress")
    ask(org, issue, need="Nanti", due_on=TODAY + dt.timedelta(days=20))
    ask(org, issue, need="Segera", due_on=TODAY + dt.timedelta(days=2))
    with time_machine.travel(LONG_AGO, tick=False):
        older = make_issue(org, "in_progress")
        ask(org, older, need="Tak dijawab", due_on=TODAY + dt.timedelta(days=30))
        ask(org, older, need="Lewat tanggal", due_on=TODAY - dt.timedelta(days=1))

    response = org.client_for(org.pdam_partner).get(URL)

    # Both late ones first (one not answered in time, one past the date needed).
    assert needs(response) == ["Lewat tanggal", "Tak dijawab", "Segera", "Nanti"]
    assert [req.late for req in response.context["rows"]] == [True, True, False, False]
    assert response.content.decode().count("Terlambat") == 2


def test_answered_and_done_requests_wait_only_in_the_all_tab(org):
    issue = make_issue(org, "in_progress")
    pdam = viewer(org.pdam_partner)
    waiting = ask(org, issue, need="Menunggu")
    accepted = ask(org, issue, need="Diterima")
    done = ask(org, issue, need="Selesai")
    declined = ask(org, issue, need="Ditolak")
    services.request_accept(request=accepted, by=pdam)
    services.request_done(request=done, by=pdam, note="Sudah.")
    services.request_decline(request=declined, by=pdam, reason="Bukan wewenang PDAM.")
    client = org.client_for(org.pdam_partner)

    assert sorted(needs(client.get(URL))) == sorted([waiting.need, accepted.need])
    assert sorted(needs(client.get(URL, {"show": "all"}))) == sorted(
        ["Menunggu", "Diterima", "Selesai", "Ditolak"]
    )


def test_a_request_of_a_settled_issue_no_longer_waits(org):
    # Once the issue is settled nobody can answer the request: it must not wait (and turn
    # overdue) in the asked unit's inbox.
    issue = make_issue(org, "in_progress")
    ask(org, issue, need="Sudah tidak perlu")
    services.issue_settle(issue=issue, by=viewer(org.asisten2), resolution="Diselesaikan PUPR.")

    assert needs(org.client_for(org.pdam_partner).get(URL)) == []


def test_each_row_links_to_the_request_on_the_issue_page(org):
    issue = make_issue(org, "in_progress")
    request = ask(org, issue)

    body = org.client_for(org.pdam_partner).get(URL).content.decode()

    assert f'href="{reverse("issues:detail", args=[issue.pk])}#request-{request.pk}"' in body


def test_the_inbox_pins_its_query_count(org, django_assert_num_queries):
    client = org.client_for(org.pdam_partner)
    ask(org, make_issue(org, "in_progress"))
    client.get(URL)
    with django_assert_num_queries(6):
        client.get(URL)
    for _i in range(10):
        ask(org, make_issue(org, "in_progress"))
    with django_assert_num_queries(6):
        client.get(URL)
