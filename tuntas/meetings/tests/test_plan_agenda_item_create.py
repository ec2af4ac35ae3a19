"""Adding an agenda item, possibly an issue chosen by its number."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import ask, field_errors, login_redirect, make_issue
from tuntas.meetings.models import AgendaItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:agenda_item_create", args=[meeting.pk])


def data(**changes):
    values = {
        "issue_number": "",
        "title": "Persiapan Pasar Ibuh",
        "minutes_allotted": "20",
        "reason": "Permintaan Asisten",
        "units": [],
    }
    values.update(changes)
    return values


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = kit.make_meeting(org)

    assert login_redirect(client.get(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.dinsos_operator).get(url(meeting)).status_code == 404


def test_an_invited_partner_gets_403(org):
    meeting = kit.make_meeting(org)
    client = org.client_for(org.pdam_partner)

    assert client.get(url(meeting)).status_code == 403
    assert client.post(url(meeting), data()).status_code == 403
    assert not AgendaItem.objects.exists()


def test_it_rejects_put(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.asisten2).put(url(meeting)).status_code == 405


def test_a_free_item_goes_to_the_end_and_invites_its_units(org):
    meeting = kit.make_meeting(org, series=kit.make_series(org, standing_invitees=[]))
    first = kit.add_other_item(meeting, "Pembukaan")

    response = org.client_for(org.bagekonomi_staff).post(
        url(meeting), data(units=[str(org.bpn.pk)])
    )

    item = AgendaItem.objects.exclude(pk=first.pk).get()
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert item.order == first.order + 1
    assert item.title == "Persiapan Pasar Ibuh"
    assert item.minutes_allotted == 20
    assert item.reason == "Permintaan Asisten"
    assert item.source == AgendaItem.Source.OTHER
    assert list(meeting.invitations.values_list("unit__short_name", flat=True)) == ["BPN"]


def test_an_issue_by_number_brings_its_title_and_units(org):
    meeting = kit.make_meeting(org, series=kit.make_series(org, standing_invitees=[]))
    issue = make_issue(org, "in_progress")
    ask(org, issue, org.pdam)

    org.client_for(org.bagekonomi_staff).post(
        url(meeting), data(issue_number=issue.reference.lower(), title="")
    )

    item = AgendaItem.objects.get()
    assert item.issue == issue
    assert item.source == AgendaItem.Source.ISSUE
    assert item.title == issue.title
    assert {u.short_name for u in item.units.all()} == {"PUPR", "PDAM"}
    assert set(meeting.invitations.values_list("unit__short_name", flat=True)) == {"PUPR", "PDAM"}


def test_an_issue_outside_the_portfolio_is_refused_and_the_input_kept(org):
    from tuntas.issues.tests.factories import make_asisten1

    make_asisten1(org)
    meeting = kit.make_meeting(org)
    other = make_issue(org, "submitted", by=org.dinsos_operator, unit=org.dinsos)

    response = org.client_for(org.bagekonomi_staff).post(
        url(meeting), data(issue_number=str(other.pk), title="Soal bansos")
    )

    assert response.status_code == 400
    assert field_errors(response, "issue_number")
    assert 'value="Soal bansos"' in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_a_title_or_an_issue_is_needed(org):
    meeting = kit.make_meeting(org)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), data(title=""))

    assert field_errors(response, "title")
    assert not AgendaItem.objects.exists()


def test_final_minutes_take_no_new_item(org):
    meeting = kit.make_meeting(org, status="final")

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), data())

    assert response.status_code == 302
    assert not AgendaItem.objects.exists()
