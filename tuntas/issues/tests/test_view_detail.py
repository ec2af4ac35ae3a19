"""The issue page: summary, requests with their threads, attachments, timeline and actions."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues import services
from tuntas.issues.tests.viewkit import (
    LONG_AGO,
    NOW,
    PNG,
    answer,
    ask,
    attach,
    login_redirect,
    make_issue,
    upload,
    viewer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(issue):
    return reverse("issues:detail", args=[issue.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    issue = make_issue(org)

    assert login_redirect(client.get(url(issue)), url(issue))


@pytest.mark.parametrize("persona", ["bpn_partner", "dinsos_operator", "pdam_partner", "nobody"])
def test_outsiders_get_404(org, persona):
    issue = make_issue(org, "in_progress")

    assert org.client_for(getattr(org, persona)).get(url(issue)).status_code == 404


def test_a_draft_is_hidden_from_the_asisten(org):
    draft = make_issue(org, "draft")

    assert org.client_for(org.asisten2).get(url(draft)).status_code == 404
    assert org.client_for(org.kadis_pupr).get(url(draft)).status_code == 200


def test_a_missing_issue_is_404(org):
    assert org.client_for(org.admin).get("/issues/99999/").status_code == 404


def test_it_rejects_post(org):
    issue = make_issue(org)

    assert org.client_for(org.pupr_operator).post(url(issue)).status_code == 405


def test_it_shows_the_issue_and_its_timeline(org):
    issue = make_issue(org, "in_progress")

    response = org.client_for(org.asisten2).get(url(issue))

    body = response.content.decode()
    assert response.status_code == 200
    assert issue.title in body
    assert issue.reference in body
    assert "Saat penggalian ditemukan pipa transmisi" in body
    assert [e.kind for e in response.context["events"]] == ["created", "submitted", "accepted"]
    assert org.pupr_operator.full_name in body


def test_the_handler_gets_the_triage_actions(org):
    issue = make_issue(org, "submitted")

    response = org.client_for(org.bagekonomi_staff).get(url(issue))

    assert response.context["actions"] >= {"accept", "return", "merge", "close"}
    assert reverse("issues:transition", args=[issue.pk, "accept"]) in response.content.decode()


def test_the_reporter_gets_edit_and_submit_on_a_draft(org):
    draft = make_issue(org, "draft")

    response = org.client_for(org.pupr_operator).get(url(draft))

    assert {"edit", "submit", "withdraw"} <= response.context["actions"]
    assert reverse("issues:edit", args=[draft.pk]) in response.content.decode()


def test_readers_get_no_actions(org):
    issue = make_issue(org, "in_progress")

    response = org.client_for(org.walikota).get(url(issue))

    assert response.context["actions"] == frozenset()
    assert response.context["request_form"] is None
    assert 'id="request-form"' not in response.content.decode()


def test_an_asked_partner_sees_the_issue_and_answers_the_request(org):
    issue = make_issue(org, "in_progress")
    request = ask(org, issue)

    response = org.client_for(org.pdam_partner).get(url(issue))

    assert response.status_code == 200
    assert response.context["actions"] == frozenset()
    [shown] = response.context["requests"]
    assert shown.actions == {"accept", "decline", "done", "respond"}
    body = response.content.decode()
    assert reverse("issues:request_action", args=[request.pk, "accept"]) in body
    assert reverse("issues:transition", args=[issue.pk, "settle"]) not in body


def test_a_late_issue_is_marked(org):
    with time_machine.travel(LONG_AGO, tick=False):
        issue = make_issue(org, "submitted")

    response = org.client_for(org.asisten2).get(url(issue))

    assert response.context["late"]
    assert "Terlambat sejak" in response.content.decode()


def test_request_files_are_shown_with_the_request_not_with_the_issue(org, media):
    issue = make_issue(org, "in_progress")
    attach(issue, org.pupr_operator, "lokasi.png")
    request = ask(org, issue)
    answer(request, org.pdam_partner, files=[upload("survei.png", PNG)])

    response = org.client_for(org.asisten2).get(url(issue))

    assert [a.original_name for a in response.context["attachments"]] == ["lokasi.png"]
    body = response.content.decode()
    assert body.count("survei.png") == 1
    assert "Sedang kami survei." in body


def _busy_issue(org, requests):
    """An issue with requests, each answered twice with a file, and files of its own."""
    issue = make_issue(org, "in_progress")
    attach(issue, org.pupr_operator, "lokasi.png")
    units = [org.pdam, org.bpn, org.dinsos, org.kominfo, org.bag_ekonomi]
    people = {org.pdam: org.pdam_partner, org.bpn: org.bpn_partner}
    for unit in units[:requests]:
        request = ask(org, issue, unit)
        if unit in people:
            services.request_accept(request=request, by=viewer(people[unit]), note="Siap.")
        answer(request, people.get(unit, org.pupr_operator), files=[upload("a.png", PNG)])
        answer(request, org.asisten2, body="Mohon dipercepat.", files=[upload("b.png", PNG)])
    return issue


def test_the_page_pins_its_query_count(org, media, django_assert_num_queries):
    small = _busy_issue(org, requests=1)
    big = _busy_issue(org, requests=5)
    client = org.client_for(org.asisten2)
    client.get(url(small))  # warm the session and the calendar

    with django_assert_num_queries(16):
        response = client.get(url(small))
    assert len(response.context["requests"]) == 1
    with django_assert_num_queries(16):
        response = client.get(url(big))
    assert len(response.context["requests"]) == 5
    assert sum(len(r.responses.all()) for r in response.context["requests"]) == 10
