"""Drafting the agenda: last meeting's open action items first, then the pressing issues."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import ask, login_redirect, make_issue, messages_of
from tuntas.meetings.models import AgendaItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:agenda_draft", args=[meeting.pk])


@pytest.fixture
def portfolio(org):
    """Last month's meeting decided an action item for PDAM, now overdue; PUPR asks PDAM."""
    series = kit.make_series(org)
    action = kit.make_action_item(
        org,
        on=dt.date(2026, 4, 14),
        unit=org.pdam,
        due_on=dt.date(2026, 4, 30),
        series=series,
        description="PDAM menyerahkan peta jaringan pipa Jl. Sudirman.",
    )
    issue = make_issue(org, "in_progress", title="Pipa PDAM menghalangi pelebaran Jl. Sudirman")
    ask(org, issue, org.pdam)
    meeting = kit.make_meeting(org, series=series)
    return meeting, action, issue


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = kit.make_meeting(org)

    assert login_redirect(client.post(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.dinsos_operator).post(url(meeting)).status_code == 404


def test_an_invited_partner_gets_403(org, portfolio):
    meeting, _action, _issue = portfolio

    assert org.client_for(org.pdam_partner).post(url(meeting)).status_code == 403
    assert not meeting.agenda_items.exists()


def test_it_rejects_get(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.asisten2).get(url(meeting)).status_code == 405


def test_the_overdue_action_item_comes_first_then_the_pupr_pdam_issue(org, portfolio):
    meeting, action, issue = portfolio

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), follow=True)

    items = list(meeting.agenda_items.order_by("order"))
    assert [i.source for i in items] == [AgendaItem.Source.ACTION_ITEM, AgendaItem.Source.ISSUE]
    assert items[0].action_item == action
    assert items[1].issue == issue
    assert {u.short_name for u in items[1].units.all()} == {"PUPR", "PDAM"}
    assert set(meeting.invitations.values_list("unit__short_name", flat=True)) == {"PUPR", "PDAM"}
    assert any("2" in m for m in messages_of(response))
    body = response.content.decode()
    assert body.index("PDAM menyerahkan peta") < body.index(issue.title)


def test_drafting_again_adds_nothing_twice(org, portfolio):
    meeting, _action, _issue = portfolio
    client = org.client_for(org.bagekonomi_staff)
    client.post(url(meeting))

    client.post(url(meeting))

    assert meeting.agenda_items.count() == 2


def test_final_minutes_cannot_be_drafted_into(org):
    meeting = kit.make_meeting(org, status="final")
    make_issue(org, "in_progress")

    org.client_for(org.bagekonomi_staff).post(url(meeting))

    assert not meeting.agenda_items.exists()
