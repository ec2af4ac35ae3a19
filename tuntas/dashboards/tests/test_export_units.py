"""The organisation's units as XLSX: the list's search and kind, partners their own unit only."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.tests.exportkit import export_url, rows_of
from tuntas.issues.tests.viewkit import NOW

pytestmark = pytest.mark.django_db

URL = export_url("units")
COLUMNS = [
    "name",
    "short_name",
    "kind",
    "parent",
    "coordinator",
    "sipd",
    "phone",
    "email",
    "active",
]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_staff_export_every_unit_each_under_its_parent(org):
    rows = rows_of(org.client_for(org.pupr_operator).get(URL), COLUMNS)
    short = [r["short_name"] for r in rows]

    assert len(rows) == 10
    assert short.index("SETDA") < short.index("ASISTEN2") < short.index("BAG-EKONOMI")
    pupr = next(r for r in rows if r["short_name"] == "PUPR")
    assert pupr["coordinator"] == "Asisten Perekonomian dan Pembangunan"
    assert pupr["active"] == "ya"
    bagian = next(r for r in rows if r["short_name"] == "BAG-EKONOMI")
    assert bagian["parent"] == "Asisten Perekonomian dan Pembangunan"
    assert bagian["coordinator"] is None


def test_the_search_and_the_kind_are_honoured(org):
    client = org.client_for(org.asisten2)

    found = rows_of(client.get(URL, {"q": "sosial"}), COLUMNS)
    agencies = rows_of(client.get(URL, {"kind": "agency"}), COLUMNS)

    assert [r["short_name"] for r in found] == ["DINSOS"]
    assert {r["short_name"] for r in agencies} == {"PUPR", "DINSOS", "DISKOMINFO"}


def test_a_partner_exports_only_its_own_unit(org):
    rows = rows_of(org.client_for(org.bpn_partner).get(URL), COLUMNS)

    assert [r["short_name"] for r in rows] == ["BPN"]


def test_someone_without_a_role_exports_an_empty_table(org):
    assert rows_of(org.client_for(org.nobody).get(URL), COLUMNS) == []


def test_the_list_links_to_its_export_with_its_filters(org):
    page = org.client_for(org.asisten2).get(reverse("org:unit_list"), {"kind": "agency"})

    assert f'href="{URL}?kind=agency"' in page.content.decode()


def test_filtering_the_list_with_htmx_updates_the_link_out_of_band(org):
    client = org.client_for(org.asisten2)

    fragment = client.get(reverse("org:unit_list"), {"kind": "agency"}, HTTP_HX_REQUEST="true")
    full = client.get(reverse("org:unit_list"), {"kind": "agency"})

    assert f'href="{URL}?kind=agency" class="btn" id="export-xlsx" hx-swap-oob="true"' in (
        fragment.content.decode()
    )
    assert "hx-swap-oob" not in full.content.decode()
