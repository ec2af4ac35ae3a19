"""Removing an agenda item."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.models import AgendaItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(item):
    return reverse("meetings:agenda_item_delete", args=[item.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    assert login_redirect(client.post(url(item)), url(item))


def test_an_outsider_gets_404(org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    assert org.client_for(org.dinsos_operator).post(url(item)).status_code == 404


def test_an_invited_partner_gets_403(org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    assert org.client_for(org.pdam_partner).post(url(item)).status_code == 403
    assert AgendaItem.objects.exists()


def test_it_rejects_get(org):
    item = kit.add_other_item(kit.make_meeting(org), "Pembukaan")

    assert org.client_for(org.asisten2).get(url(item)).status_code == 405


def test_the_bagian_removes_the_item(org):
    meeting = kit.make_meeting(org)
    item = kit.add_other_item(meeting, "Pembukaan")

    response = org.client_for(org.bagekonomi_staff).post(url(item))

    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert not AgendaItem.objects.exists()


def test_items_of_final_minutes_stay(org):
    meeting = kit.make_meeting(org, status="held")
    item = kit.add_other_item(meeting, "Pembukaan")
    kit.finalise(org, meeting)

    org.client_for(org.bagekonomi_staff).post(url(item))

    assert AgendaItem.objects.exists()
