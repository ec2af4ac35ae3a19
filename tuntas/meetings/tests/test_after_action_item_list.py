"""Each unit's action items, and those of the Asisten's meetings: overdue first."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.models import ActionItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db

URL = reverse("meetings:actions")
APRIL = dt.date(2026, 4, 14)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def items(org):
    """April's meeting gave PDAM an item now overdue; this morning's gave PUPR and PDAM one."""
    late = kit.make_action_item(
        org, on=APRIL, unit=org.pdam, due_on=dt.date(2026, 5, 1), description="Survei pipa."
    )
    meeting = kit.make_meeting(org, status="held", on=kit.TODAY)
    item = kit.add_other_item(meeting, "Tindak lanjut", [org.pupr, org.pdam])
    kit.draft_action(item, org.pupr, due_on=dt.date(2026, 6, 5), description="Jadwal galian.")
    kit.draft_action(item, org.pdam, due_on=dt.date(2026, 5, 20), description="Pindahkan pipa.")
    kit.finalise(org, meeting)
    return {"late": late, **{a.description: a for a in ActionItem.objects.filter(meeting=meeting)}}


def descriptions(response):
    return [row.description for row in response.context["rows"]]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.pdam_partner).post(URL).status_code == 405


def test_a_unit_sees_its_own_items_overdue_first(org, items):
    response = org.client_for(org.pdam_partner).get(URL)

    assert response.status_code == 200
    assert descriptions(response) == ["Survei pipa.", "Pindahkan pipa."]
    assert [row.late for row in response.context["rows"]] == [True, False]
    assert response.content.decode().count('class="badge bg-red text-red-fg flex-shrink-0"') == 1


def test_the_asisten_and_the_bagian_see_the_items_of_their_meetings(org, items):
    for person in (org.asisten2, org.bagekonomi_staff):
        response = org.client_for(person).get(URL)
        assert descriptions(response) == ["Survei pipa.", "Pindahkan pipa.", "Jadwal galian."]


def test_units_with_nothing_to_do_see_an_empty_list(org, items):
    for person in (org.dinsos_operator, org.bpn_partner, org.nobody):
        response = org.client_for(person).get(URL)
        assert response.status_code == 200
        assert descriptions(response) == []


def test_the_overdue_filter(org, items):
    response = org.client_for(org.asisten2).get(URL, {"show": "overdue"})

    assert descriptions(response) == ["Survei pipa."]


def test_verified_items_leave_the_open_list_but_stay_in_all(org, items):
    ActionItem.objects.filter(pk=items["late"].pk).update(status="verified")
    ActionItem.objects.filter(pk=items["Pindahkan pipa."].pk).update(status="done")
    client = org.client_for(org.pdam_partner)

    assert descriptions(client.get(URL)) == ["Pindahkan pipa."]
    assert descriptions(client.get(URL, {"show": "all"})) == ["Survei pipa.", "Pindahkan pipa."]
    assert descriptions(client.get(URL, {"show": "nonsense"})) == ["Pindahkan pipa."]


def test_the_list_pins_its_query_count(org, items, django_assert_num_queries):
    client = org.client_for(org.asisten2)
    client.get(URL)
    with django_assert_num_queries(7):
        assert len(client.get(URL).context["rows"]) == 3
    meeting = kit.make_meeting(org, status="held", on=dt.date(2026, 6, 9))
    item = kit.add_other_item(meeting, "Banyak", [org.pupr])
    for n in range(10):
        kit.draft_action(item, org.pupr, due_on=dt.date(2026, 7, 1), description=f"Tugas {n}")
    kit.finalise(org, meeting)
    with django_assert_num_queries(7):
        assert len(client.get(URL).context["rows"]) == 13
