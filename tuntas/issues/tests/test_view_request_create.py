"""Asking another unit for help on an issue."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.models import Event, IssueRequest
from tuntas.issues.tests.viewkit import (
    NOW,
    REQUIRED,
    TODAY,
    field_errors,
    login_redirect,
    make_issue,
    messages_of,
    textarea,
)
from tuntas.lib.workdays import calendar
from tuntas.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def url(issue):
    return reverse("issues:request_create", args=[issue.pk])


def form_data(org, **changes):
    data = {
        "unit": org.pdam.pk,
        "need": "Mohon PDAM memindahkan pipa transmisi di depan Pasar Ibuh.",
        "due_on": (TODAY + dt.timedelta(days=14)).isoformat(),
    }
    data.update(changes)
    return data


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    issue = make_issue(org, "in_progress")

    assert login_redirect(client.post(url(issue), form_data(org)), url(issue))
    assert not IssueRequest.objects.exists()


@pytest.mark.parametrize("persona", ["bpn_partner", "dinsos_operator", "nobody"])
def test_outsiders_get_404(org, persona):
    issue = make_issue(org, "in_progress")

    response = org.client_for(getattr(org, persona)).post(url(issue), form_data(org))

    assert response.status_code == 404
    assert not IssueRequest.objects.exists()


@pytest.mark.parametrize("persona", ["sekda", "walikota", "admin"])
def test_readers_get_403(org, persona):
    issue = make_issue(org, "in_progress")

    response = org.client_for(getattr(org, persona)).post(url(issue), form_data(org))

    assert response.status_code == 403
    assert not IssueRequest.objects.exists()


def test_an_asked_partner_may_not_ask_others(org):
    issue = make_issue(org, "in_progress")
    org.client_for(org.pupr_operator).post(url(issue), form_data(org))

    response = org.client_for(org.pdam_partner).post(url(issue), form_data(org, unit=org.bpn.pk))

    assert response.status_code == 403
    assert IssueRequest.objects.count() == 1


def test_a_settled_issue_takes_no_more_requests(org):
    issue = make_issue(org, "settled")

    assert org.client_for(org.pupr_operator).post(url(issue), form_data(org)).status_code == 403


def test_it_rejects_get(org):
    issue = make_issue(org, "in_progress")

    assert org.client_for(org.pupr_operator).get(url(issue)).status_code == 405


# --- asking -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["pupr_operator", "asisten2", "bagekonomi_staff"])
def test_the_reporter_or_the_handler_asks_a_unit(org, persona):
    issue = make_issue(org, "in_progress")

    response = org.client_for(getattr(org, persona)).post(url(issue), form_data(org))

    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])
    request = IssueRequest.objects.get()
    assert (request.issue, request.unit, request.status) == (issue, org.pdam, "requested")
    assert request.due_on == TODAY + dt.timedelta(days=14)
    assert request.respond_by == calendar().add_working_days(TODAY, 5)
    assert request.created_by == getattr(org, persona)
    event = issue.events.get(kind=Event.Kind.REQUEST_ADDED)
    assert (event.unit, event.note) == (org.pdam, request.need)
    assert messages_of(response) == ["Permintaan telah dikirim kepada PDAM."]
    assert Notification.objects.filter(recipient=org.pdam_partner).exists()


def test_a_date_in_the_past_is_refused_and_the_need_kept(org):
    issue = make_issue(org, "in_progress")
    data = form_data(org, due_on=(TODAY - dt.timedelta(days=1)).isoformat())

    response = org.client_for(org.pupr_operator).post(url(issue), data)

    assert response.status_code == 400
    assert field_errors(response, "due_on") == ["Tanggal tidak boleh di masa lalu."]
    assert textarea(response, "need") == data["need"]
    assert f'<option value="{org.pdam.pk}" selected>' in response.content.decode()
    assert not IssueRequest.objects.exists()


def test_a_missing_need_is_explained_in_indonesian(org):
    issue = make_issue(org, "in_progress")

    response = org.client_for(org.pupr_operator).post(url(issue), form_data(org, need=""))

    assert response.status_code == 400
    assert field_errors(response, "need") == [REQUIRED]


def test_a_unit_cannot_ask_itself(org):
    issue = make_issue(org, "in_progress")

    response = org.client_for(org.pupr_operator).post(url(issue), form_data(org, unit=org.pupr.pk))

    assert response.status_code == 400
    assert field_errors(response, "unit") == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
    assert not IssueRequest.objects.exists()
