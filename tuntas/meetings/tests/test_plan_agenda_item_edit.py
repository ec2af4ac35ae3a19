"""Changing an agenda item."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import field_errors, login_redirect, make_issue
from tuntas.meetings.models import AgendaItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(item):
    return reverse("meetings:agenda_item_edit", args=[item.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    assert login_redirect(client.get(url(item)), url(item))


def test_an_outsider_gets_404(org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    assert org.client_for(org.dinsos_operator).get(url(item)).status_code == 404


def test_an_invited_partner_gets_403(org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    response = org.client_for(org.pdam_partner).post(
        url(item), {"title": "Diubah", "minutes_allotted": "5"}
    )

    assert response.status_code == 403
    assert AgendaItem.objects.get().title == "Pembukaan"


def test_it_rejects_put(org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    assert org.client_for(org.asisten2).put(url(item)).status_code == 405


def test_the_form_shows_the_issue_number(org):
    meeting = kit.make_meeting(org)
    issue = make_issue(org, "in_progress")
    item = kit.add_issue_item(meeting, issue)

    form = org.client_for(org.bagekonomi_staff).get(url(item)).context["form"]

    assert form.initial["issue_number"] == issue.reference


def test_the_bagian_changes_title_minutes_and_units(org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan", [org.pupr])

    response = org.client_for(org.bagekonomi_staff).post(
        url(item),
        {"title": "Pembukaan oleh Asisten", "minutes_allotted": "5", "units": [str(org.bpn.pk)]},
    )

    item = AgendaItem.objects.get()
    assert response.status_code == 302
    assert item.title == "Pembukaan oleh Asisten"
    assert item.minutes_allotted == 5
    assert [u.short_name for u in item.units.all()] == ["BPN"]
    assert "BPN" in item.meeting.invitations.values_list("unit__short_name", flat=True)


def test_clearing_the_issue_number_makes_it_a_free_item(org):
    meeting = kit.make_meeting(org)
    item = kit.add_issue_item(meeting, make_issue(org, "in_progress"))

    org.client_for(org.bagekonomi_staff).post(
        url(item), {"issue_number": "", "title": item.title, "minutes_allotted": "10"}
    )

    item = AgendaItem.objects.get()
    assert item.issue is None
    assert item.source == AgendaItem.Source.OTHER


def test_bad_minutes_are_refused_and_the_input_kept(org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    response = org.client_for(org.bagekonomi_staff).post(
        url(item), {"title": "Pembukaan panjang", "minutes_allotted": "999"}
    )

    assert response.status_code == 400
    assert field_errors(response, "minutes_allotted")
    assert 'value="Pembukaan panjang"' in response.content.decode()
    assert AgendaItem.objects.get().title == "Pembukaan"
