"""The report page and its downloads (plans.reports.report_view)."""

import io

import pytest
import time_machine
from django.urls import path
from openpyxl import load_workbook

from tuntas.plans.reports import report_view
from tuntas.plans.tests.kit import at
from tuntas.plans.tests.test_report_rows import reported_march
from tuntas.urls import urlpatterns as project_urlpatterns

# The view is served here until the URL map wires it (as plans:report, at /plans/report/).
urlpatterns = [*project_urlpatterns, path("plans/report/", report_view, name="report-test")]
URL = "/plans/report/"

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def march(org):
    reported_march(org)
    with time_machine.travel(at("2026-04-20"), tick=False):
        yield org


def test_it_shows_last_months_report_by_default(march):
    response = march.client_for(march.sekda).get(URL)
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    page = response.content.decode()
    assert "Pembangunan Jalan" in page
    assert "Dinas Sosial" in page
    assert response.context["state"]["month"] == 3
    assert response.context["state"]["year"] == 2026


def test_the_asisten_sees_only_their_portfolio(march):
    response = march.client_for(march.asisten2).get(URL, {"year": 2026, "month": 3})
    assert [b.unit for b in response.context["blocks"]] == [march.pupr]
    assert "Dinas Sosial" not in response.content.decode()


def test_a_unit_operator_sees_only_their_unit(march):
    response = march.client_for(march.dinsos_operator).get(URL, {"month": 3})
    assert [b.unit for b in response.context["blocks"]] == [march.dinsos]


def test_an_outsider_gets_404_for_a_unit_they_may_not_see(march):
    client = march.client_for(march.pupr_operator)
    assert client.get(URL, {"unit": march.dinsos.pk}).status_code == 404
    assert client.get(URL, {"asisten": march.asisten2_unit.pk}).status_code == 404


def test_the_sekda_narrows_by_asisten_and_unit(march):
    client = march.client_for(march.sekda)
    by_asisten = client.get(URL, {"asisten": march.asisten1_unit.pk, "month": 3})
    assert [b.unit for b in by_asisten.context["blocks"]] == [march.dinsos]
    by_unit = client.get(URL, {"unit": march.pupr.pk, "month": 3})
    assert [b.unit for b in by_unit.context["blocks"]] == [march.pupr]


def test_htmx_gets_the_table_only(march):
    response = march.client_for(march.sekda).get(URL, {"month": 3}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page
    assert 'id="report-rows"' in page


def test_it_downloads_the_xlsx(march):
    response = march.client_for(march.asisten2).get(URL, {"month": 3, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="laporan-realisasi-2026-03.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [c.value for c in sheet["C"]]
    assert "Pembangunan Jalan" in names
    assert "Penyediaan Permakanan" not in names


def test_it_downloads_the_pdf_signed_by_the_asisten(march):
    from tuntas.plans.tests.test_report_pdf import pdf_text

    response = march.client_for(march.asisten2).get(URL, {"month": 3, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Perangkat Daerah Koordinasi Asisten Perekonomian dan Pembangunan" in text
    assert "Ir. Dafrul Pasi, M.T." in text
    assert "Dinas Sosial" not in text


def test_bad_numbers_fall_back_to_the_defaults(march):
    response = march.client_for(march.sekda).get(URL, {"year": "x", "month": "13"})
    assert response.context["state"] == {"year": 2026, "month": 3, "asisten": None, "unit": None}


def test_it_rejects_post(march):
    assert march.client_for(march.sekda).post(URL).status_code == 405


def test_it_needs_a_login(march):
    from django.test import Client

    response = Client().get(URL)
    assert response.status_code == 302


def test_the_page_takes_a_fixed_number_of_queries(march, django_assert_max_num_queries):
    client = march.client_for(march.sekda)
    client.get(URL, {"month": 3})  # warm up the session and the policy row
    with django_assert_max_num_queries(16) as few:
        client.get(URL, {"month": 3})
    from tuntas.plans.tests.kit import make_sub

    for number in range(6):
        make_sub(march, march.dinsos, name=f"Sub {number}", year=2026)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL, {"month": 3})
