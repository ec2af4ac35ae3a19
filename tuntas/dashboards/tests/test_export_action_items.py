"""The action items list as XLSX: the list's filter, the reader's items, real dates."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.tests.exportkit import cells_of, export_url, rows_of, title_lines
from tuntas.meetings.models import ActionItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db

URL = export_url("action-items")
APRIL = dt.date(2026, 4, 14)
COLUMNS = [
    "what",
    "unit",
    "due_on",
    "status",
    "overdue",
    "meeting",
    "meeting_date",
    "issue",
    "progress",
    "done_at",
    "verified_at",
]


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


def test_a_unit_exports_its_own_items_overdue_first(org, items):
    rows = rows_of(org.client_for(org.pdam_partner).get(URL), COLUMNS)

    assert [(r["what"], r["overdue"]) for r in rows] == [
        ("Survei pipa.", "ya"),
        ("Pindahkan pipa.", "tidak"),
    ]
    assert rows[0]["unit"] == "Perumda Air Minum Tirta Sago"


def test_dates_are_real_date_cells(org, items):
    ActionItem.objects.filter(pk=items["late"].pk).update(
        status="done", done_at=dt.datetime(2026, 5, 11, 2, 30, tzinfo=dt.UTC)
    )
    first = cells_of(org.client_for(org.pdam_partner).get(URL), COLUMNS)[0]

    assert first["due_on"].value == dt.datetime(2026, 5, 1)
    assert first["due_on"].is_date and first["due_on"].number_format == "DD/MM/YYYY"
    assert first["meeting_date"].value == dt.datetime(2026, 4, 14)
    # 02.30 UTC is 09.30 in Payakumbuh.
    assert first["done_at"].value == dt.datetime(2026, 5, 11, 9, 30)
    assert first["done_at"].number_format == "DD/MM/YYYY HH:MM"
    assert first["verified_at"].value is None


def test_the_asisten_exports_the_items_of_their_meetings(org, items):
    rows = rows_of(org.client_for(org.asisten2).get(URL), COLUMNS)

    assert [r["what"] for r in rows] == ["Survei pipa.", "Pindahkan pipa.", "Jadwal galian."]


def test_the_lists_filter_is_honoured(org, items):
    client = org.client_for(org.asisten2)
    ActionItem.objects.filter(pk=items["Jadwal galian."].pk).update(status="verified")

    overdue = rows_of(client.get(URL, {"show": "overdue"}), COLUMNS)
    every = rows_of(client.get(URL, {"show": "all"}), COLUMNS)
    unknown = rows_of(client.get(URL, {"show": "nonsense"}), COLUMNS)

    assert [r["what"] for r in overdue] == ["Survei pipa."]
    assert len(every) == 3
    assert [r["what"] for r in unknown] == ["Survei pipa.", "Pindahkan pipa."]


def test_the_filter_is_named_above_the_table(org, items):
    client = org.client_for(org.asisten2)

    overdue = title_lines(client.get(URL, {"show": "overdue"}))[1]
    every = title_lines(client.get(URL, {"show": "all"}))[1]

    assert overdue != every


def test_units_with_nothing_to_do_export_an_empty_table(org, items):
    for person in (org.dinsos_operator, org.bpn_partner, org.nobody):
        assert rows_of(org.client_for(person).get(URL), COLUMNS) == []


def test_the_list_links_to_its_export_with_its_filter(org, items):
    page = org.client_for(org.asisten2).get(reverse("meetings:actions"), {"show": "overdue"})

    assert f'href="{URL}?show=overdue"' in page.content.decode()
