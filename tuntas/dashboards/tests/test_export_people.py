"""The people directory as XLSX: the search, the roles of today, the NIP kept as text."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuntas.dashboards.tests.exportkit import cells_of, export_url, rows_of
from tuntas.issues.tests.viewkit import NOW
from tuntas.testing.personas import make_person

pytestmark = pytest.mark.django_db

URL = export_url("people")
COLUMNS = ["name", "nip", "position", "rank", "roles", "phone", "email"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_staff_export_the_directory_by_name(org):
    rows = rows_of(org.client_for(org.pupr_operator).get(URL), COLUMNS)
    names = [r["name"] for r in rows]

    assert names == sorted(names)
    assert "Ir. Muslim, M.T." in names
    asisten = next(r for r in rows if r["name"] == "Ir. Dafrul Pasi, M.T.")
    assert asisten["position"] == "Asisten Perekonomian dan Pembangunan"
    assert asisten["email"] == "asisten2@example.go.id"
    assert "ASISTEN2" in asisten["roles"]


def test_the_nip_is_text_so_no_digit_is_lost(org):
    asisten = next(
        r
        for r in cells_of(org.client_for(org.sekda).get(URL), COLUMNS)
        if r["name"].value == "Ir. Dafrul Pasi, M.T."
    )

    assert asisten["nip"].value == "197005152000031002"
    assert asisten["nip"].data_type == "s"


def test_the_search_is_honoured(org):
    rows = rows_of(org.client_for(org.sekda).get(URL, {"q": "PUPR"}), COLUMNS)

    assert {r["name"] for r in rows} == {"Ir. Muslim, M.T.", "Andi Saputra, A.Md."}


def test_a_partner_exports_its_colleagues_and_itself(org):
    make_person("pdam.staf", unit=org.pdam, role="partner", full_name="Staf PDAM")

    rows = rows_of(org.client_for(org.pdam_partner).get(URL), COLUMNS)

    assert {r["name"] for r in rows} == {"Ir. Adrizal, M.M.", "Staf PDAM"}


def test_filtering_the_list_with_htmx_updates_the_link_out_of_band(org):
    response = org.client_for(org.asisten2).get(
        reverse("org:person_list"), {"q": "Muslim"}, HTTP_HX_REQUEST="true"
    )

    assert f'href="{URL}?q=Muslim" class="btn" id="export-xlsx" hx-swap-oob="true"' in (
        response.content.decode()
    )


def test_the_export_takes_as_many_queries_for_many_people_as_for_few(org):
    client = org.client_for(org.sekda)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(30):
        make_person(f"staf{number}", unit=org.pupr, role="unit_staff")

    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert len(rows_of(response, COLUMNS)) == 41
    assert len(many.captured_queries) == len(few.captured_queries)
