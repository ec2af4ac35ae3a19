"""The meetings list as XLSX: every meeting the reader may see, newest first, real types."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuntas.dashboards.tests.exportkit import cells_of, export_url, rows_of
from tuntas.meetings.models import ActionItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db

URL = export_url("meetings")
APRIL = dt.date(2026, 4, 14)
COLUMNS = [
    "starts_at",
    "title",
    "coordinator",
    "secretariat",
    "place",
    "status",
    "series",
    "agenda_items",
    "action_items",
    "open_action_items",
    "letter_number",
    "finalised_at",
]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def meetings(org):
    """April's final meeting decided two action items (one verified); June's is invited."""
    april = kit.make_meeting(org, status="held", on=APRIL)
    item = kit.add_other_item(april, "Pemindahan pipa", [org.pupr, org.pdam])
    kit.draft_action(item, org.pdam, due_on=dt.date(2026, 5, 1), description="Survei pipa.")
    kit.draft_action(item, org.pupr, due_on=dt.date(2026, 5, 8), description="Gambar teknis.")
    april = kit.finalise(org, april)
    ActionItem.objects.filter(unit=org.pupr).update(status="verified")
    june = kit.make_meeting(org, status="invited")
    return {"april": april, "june": june}


def test_the_asisten_exports_their_meetings_newest_first(org, meetings):
    rows = rows_of(org.client_for(org.asisten2).get(URL), COLUMNS)

    assert [r["starts_at"] for r in rows] == [
        dt.datetime(2026, 6, 9, 9, 0),
        dt.datetime(2026, 4, 14, 9, 0),
    ]
    june, april = rows
    assert june["title"] == "Rapat Koordinasi Perekonomian dan Pembangunan"
    assert june["coordinator"] == "Asisten Perekonomian dan Pembangunan"
    assert june["secretariat"] == "Bagian Perekonomian dan Sumber Daya Alam"
    assert june["letter_number"] == meetings["june"].letter_number != ""
    assert (april["agenda_items"], april["action_items"], april["open_action_items"]) == (1, 2, 1)
    assert (june["agenda_items"], june["action_items"], june["open_action_items"]) == (0, 0, 0)


def test_counts_are_numbers_and_moments_are_dates(org, meetings):
    april = cells_of(org.client_for(org.asisten2).get(URL), COLUMNS)[1]

    assert april["starts_at"].is_date
    assert april["starts_at"].number_format == "DD/MM/YYYY HH:MM"
    assert isinstance(april["agenda_items"].value, int)
    assert april["agenda_items"].data_type == "n"
    assert april["finalised_at"].value == dt.datetime(2026, 5, 12, 10, 0)


def test_an_invited_partner_exports_the_meetings_it_is_invited_to(org, meetings):
    rows = rows_of(org.client_for(org.pdam_partner).get(URL), COLUMNS)

    assert len(rows) == 2


def test_leaders_export_every_meeting(org, meetings):
    assert len(rows_of(org.client_for(org.sekda).get(URL), COLUMNS)) == 2


def test_an_outsider_exports_an_empty_table(org, meetings):
    for person in (org.dinsos_operator, org.bpn_partner, org.nobody):
        assert rows_of(org.client_for(person).get(URL), COLUMNS) == []


def test_the_list_links_to_its_export(org, meetings):
    page = org.client_for(org.pdam_partner).get(reverse("meetings:list"))

    assert f'href="{URL}"' in page.content.decode()


def test_the_export_takes_as_many_queries_for_many_meetings_as_for_few(org, meetings):
    client = org.client_for(org.asisten2)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for month in (7, 8, 9):
        kit.make_meeting(org, status="invited", on=dt.date(2026, month, 14))

    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert len(rows_of(response, COLUMNS)) == 5
    assert len(many.captured_queries) == len(few.captured_queries)
