"""Reordering the agenda: an item swaps places with its neighbour."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(item, direction="up"):
    return reverse("meetings:agenda_item_move", args=[item.pk, direction])


@pytest.fixture
def agenda(org):
    meeting = kit.make_meeting(org)
    return meeting, [kit.add_other_item(meeting, title) for title in ("Satu", "Dua", "Tiga")]


def titles(meeting):
    return list(meeting.agenda_items.order_by("order", "pk").values_list("title", flat=True))


def test_anonymous_visitors_are_sent_to_the_login_page(client, org, agenda):
    _meeting, items = agenda

    assert login_redirect(client.post(url(items[1])), url(items[1]))


def test_an_outsider_gets_404(org, agenda):
    _meeting, items = agenda

    assert org.client_for(org.dinsos_operator).post(url(items[1])).status_code == 404


def test_an_invited_partner_gets_403(org, agenda):
    meeting, items = agenda

    assert org.client_for(org.pdam_partner).post(url(items[1])).status_code == 403
    assert titles(meeting) == ["Satu", "Dua", "Tiga"]


def test_it_rejects_get(org, agenda):
    _meeting, items = agenda

    assert org.client_for(org.asisten2).get(url(items[1])).status_code == 405


def test_an_unknown_direction_is_404(org, agenda):
    _meeting, items = agenda

    assert org.client_for(org.asisten2).post(url(items[1], "sideways")).status_code == 404


def test_up_and_down_swap_neighbours(org, agenda):
    meeting, items = agenda
    client = org.client_for(org.bagekonomi_staff)

    response = client.post(url(items[2], "up"))
    assert titles(meeting) == ["Satu", "Tiga", "Dua"]
    assert response["Location"].endswith(f"#agenda-item-{items[2].pk}")

    client.post(url(items[0], "down"))
    assert titles(meeting) == ["Tiga", "Satu", "Dua"]
    assert list(meeting.agenda_items.order_by("order").values_list("order", flat=True)) == [1, 2, 3]


def test_the_first_item_cannot_go_further_up(org, agenda):
    meeting, items = agenda

    org.client_for(org.bagekonomi_staff).post(url(items[0], "up"))

    assert titles(meeting) == ["Satu", "Dua", "Tiga"]
