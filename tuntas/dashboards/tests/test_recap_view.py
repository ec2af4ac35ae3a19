"""The monthly recap page: who may have which recap, the month chosen, downloads, query count."""

import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tuntas.dashboards.tests.recap_kit import NOW, at, build_city, make_issue, make_meeting
from tuntas.issues.tests.viewkit import login_redirect
from tuntas.lib.xlsx import CONTENT_TYPE
from tuntas.meetings.models import ActionItem, AgendaItem
from tuntas.meetings.tests.kit import pdf_text
from tuntas.org.models import Unit
from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:recap")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def city(org):
    return build_city(org)


def get(org, person, **params):
    return org.client_for(person).get(URL, params)


# --- access ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


@pytest.mark.parametrize(
    "persona", ["nobody", "pupr_operator", "kadis_pupr", "pdam_partner", "bpn_partner"]
)
def test_units_partners_and_people_without_a_role_get_404(org, persona):
    assert get(org, getattr(org, persona)).status_code == 404
    assert get(org, getattr(org, persona), format="pdf").status_code == 404


@pytest.mark.parametrize("persona", ["asisten2", "bagekonomi_staff"])
def test_the_asisten_and_their_bagian_get_their_portfolio(org, city, persona):
    response = get(org, getattr(org, persona))

    assert response.status_code == 200
    recap = response.context["recap"]
    assert recap.asisten == org.asisten2_unit
    assert (recap.year, recap.month) == (2026, 5)  # the month just ended
    body = response.content.decode()
    assert "Perumda Air Minum Tirta Sago" in body
    assert "Dinas Sosial" not in body
    assert 'name="asisten"' not in body  # nothing else to choose


def test_the_asisten_cannot_have_another_asisten_s_recap_nor_the_city_s(org, city):
    assert get(org, org.asisten2, asisten=org.asisten1_unit.pk).status_code == 404
    assert get(org, org.asisten2, asisten="x").status_code == 404
    # An empty choice is their own portfolio, never the city.
    response = get(org, org.asisten2, asisten="")
    assert response.context["recap"].asisten == org.asisten2_unit


@pytest.mark.parametrize("persona", ["sekda", "walikota", "admin"])
def test_leaders_and_the_admin_get_the_city_and_may_choose_an_asisten(org, city, persona):
    person = getattr(org, persona)

    response = get(org, person)
    assert response.status_code == 200
    assert response.context["recap"].asisten is None
    body = response.content.decode()
    assert "Dinas Sosial" in body and "Perumda Air Minum Tirta Sago" in body
    assert f'<option value="{org.asisten1_unit.pk}">' in body

    response = get(org, person, asisten=org.asisten1_unit.pk)
    assert response.context["recap"].asisten == org.asisten1_unit
    assert f'<option value="{org.asisten1_unit.pk}" selected>' in response.content.decode()


# --- the page -------------------------------------------------------------------------------


def test_the_page_shows_the_measures_the_counts_and_the_overdue_items(org, city):
    response = get(org, org.asisten2)

    body = response.content.decode()
    assert 'data-measure="headline"' in body and "66,7%" in body
    assert '<tr data-status="waiting"><td>' in body
    assert 'id="recap-units"' in body and 'id="recap-categories"' in body
    detail = reverse("issues:detail", args=[city.issues["E"].pk])
    assert f'href="{detail}"' in body  # R2, overdue
    action = reverse("meetings:action_detail", args=[city.items["AI2"].pk])
    assert f'href="{action}"' in body
    meeting = reverse("meetings:detail", args=[city.meetings["M1"].pk])
    assert f'href="{meeting}"' in body
    assert reverse("meetings:detail", args=[city.meetings["M3"].pk]) + '"' not in body
    query = f"year=2026&amp;month=5&amp;asisten={org.asisten2_unit.pk}"
    assert f'href="{URL}?{query}&amp;format=pdf"' in body
    assert f'href="{URL}?{query}&amp;format=xlsx"' in body


def test_it_shows_the_month_asked_for(org, city):
    response = get(org, org.sekda, year="2026", month="4")

    assert (response.context["recap"].year, response.context["recap"].month) == (2026, 4)
    body = response.content.decode()
    assert '<option value="4" selected>' in body and '<option value="2026" selected>' in body


def test_the_month_running_is_shown_up_to_today(org, city):
    recap = get(org, org.sekda, year="2026", month="6").context["recap"]

    assert (recap.month, recap.complete) == (6, False)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "2026", "month": "7"},  # not begun
        {"year": "2027", "month": "1"},
        {"year": "1999", "month": "12"},
        {"year": "2026", "month": "13"},
        {"year": "dua ribu", "month": "5"},
        {"month": "3"},
    ],
)
def test_a_month_it_cannot_show_falls_back_to_the_last_one(org, city, params):
    recap = get(org, org.sekda, **params).context["recap"]

    assert (recap.year, recap.month) == (2026, 5)


def test_the_nav_links_to_the_recap_for_those_who_may_have_it(org):
    home = reverse("org:home")
    for person in (org.asisten2, org.bagekonomi_staff, org.sekda, org.admin):
        assert f'href="{URL}"' in org.client_for(person).get(home).content.decode()
    for person in (org.pupr_operator, org.pdam_partner):
        assert f'href="{URL}"' not in org.client_for(person).get(home).content.decode()


# --- downloads ------------------------------------------------------------------------------


def test_the_pdf_download(org, city):
    response = get(org, org.asisten2, format="pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    filename = "rekap-permasalahan-2026-05-asisten2.pdf"
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    for phrase in (
        "PEMERINTAH KOTA PAYAKUMBUH",
        "SEKRETARIAT DAERAH",
        "Mei 2026",
        "66,7%",
        "Selasa, 12 Mei 2026 · Rakor Asisten II Mei 2026",
        "Payakumbuh, 2 Juni 2026",
        "Ir. Dafrul Pasi, M.T.",
        "NIP. 19700515 200003 1 002",
    ):
        assert phrase in text, phrase
    assert "Dinas Sosial" not in text


def test_the_city_wide_pdf_of_the_sekda(org, city):
    response = get(org, org.sekda, format="pdf")

    filename = "rekap-permasalahan-2026-05-kota.pdf"
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    text = pdf_text(response.content)
    assert "Dinas Sosial" in text and "Rakor Asisten I Mei 2026" in text
    assert "Rida Ananda, S.STP., M.Si." in text


def test_the_xlsx_download(org, city):
    response = get(org, org.bagekonomi_staff, format="xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    filename = "rekap-permasalahan-2026-05-asisten2.xlsx"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 8
    requests = book.worksheets[5]
    assert requests.cell(6, 1).value == city.issues["C"].reference
    assert requests.cell(6, 9).is_date and requests.cell(6, 10).value == 2
    assert "Rini Oktavia, S.E." in book.worksheets[0].cell(3, 1).value


# --- speed ----------------------------------------------------------------------------------


def test_it_pins_its_query_count_whatever_the_number_of_rows(org, city, django_assert_num_queries):
    client = org.client_for(org.asisten2)
    client.get(URL)  # warm the session, the language and the working-day calendar

    with django_assert_num_queries(QUERIES):
        first = client.get(URL)
    # Ten more units with an issue each, an open action item each, and another final meeting.
    meeting = make_meeting(org, "Rakor tambahan", at("2026-05-20"))
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Tambahan", decisions="Ya.")
    for n in range(10):
        unit = make_unit(f"UNIT-{n}", Unit.Kind.AGENCY, coordinator=org.asisten2_unit)
        make_issue(org, f"Masalah {n}", unit=unit, submitted=at("2026-05-06"))
        ActionItem.objects.create(
            meeting=meeting,
            agenda_item=item,
            unit=unit,
            description=f"Tindak lanjut {n}",
            due_on=at("2026-05-22").date(),
            created_at=at("2026-05-20", 12),
        )
    with django_assert_num_queries(QUERIES):
        second = client.get(URL)

    assert (
        len(second.context["recap"].issues.by_unit)
        == len(first.context["recap"].issues.by_unit) + 10
    )
    # The page loads only the preview of the overdue action items, and counts them all.
    assert second.context["recap"].overdue_action_item_count == 12
    assert len(second.context["recap"].overdue_action_items) == 5


# The headline and the time to settle share one grouped query of the settled issues (was 19);
# the overdue action items are a LIMIT with a window count, one query as before.
QUERIES = 18
