"""A month's realisation, entered by the unit; earlier months only as recorded corrections."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import (
    HTML,
    PNG,
    field_errors,
    login_redirect,
    messages_of,
    textarea,
    upload,
)
from tuntas.plans.models import PlanPolicy, RealisationCorrection, RealisationFile
from tuntas.plans.tests.kit import NOW, make_sub, report, report_months

pytestmark = pytest.mark.django_db

M = Decimal(1_000_000)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sub(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, [(2, 0), (5, 30 * M), (10, 70 * M)])
    return sub


def url(sub, month=None):
    base = reverse("plans:realisation", args=[sub.pk])
    return f"{base}?month={month}" if month else base


def entry(month=4, physical="17,5", financial="135.000.000", **more):
    return {"month": month, "physical": physical, "financial": financial, "note": "", **more}


def months(sub):
    return {r.month: (r.physical_pct, r.financial) for r in sub.realisations.all()}


def test_anonymous_visitors_are_sent_to_the_login_page(client, sub):
    assert login_redirect(client.get(url(sub)), url(sub))


@pytest.mark.parametrize("persona", ["dinsos_operator", "pdam_partner", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, sub, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(url(sub)).status_code == 404
    assert client.post(url(sub), entry()).status_code == 404


@pytest.mark.parametrize("persona", ["asisten2", "bagekonomi_staff", "sekda"])
def test_readers_get_403(org, sub, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(url(sub)).status_code == 403
    assert client.post(url(sub), entry()).status_code == 403
    assert 4 not in months(sub)


def test_it_rejects_delete(org, sub):
    assert org.client_for(org.pupr_operator).delete(url(sub)).status_code == 405


def test_it_offers_the_next_month_to_report(org, sub):
    response = org.client_for(org.pupr_operator).get(url(sub))

    assert response.status_code == 200
    assert response.context["form"].initial["month"] == 4
    assert '<option value="4" selected>' in response.content.decode()


def test_a_month_not_yet_begun_is_not_offered(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, [(1, 0)] * 6)  # up to June, the current month

    response = org.client_for(org.pupr_operator).get(url(sub))

    assert response.context["form"].initial["month"] == 6


def test_the_unit_reports_a_month_in_indonesian_numbers(org, sub):
    response = org.client_for(org.pupr_operator).post(
        url(sub), entry(note="Pengaspalan ruas km 2-3.")
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[sub.pk])
    assert months(sub)[4] == (Decimal("17.50"), Decimal("135000000.00"))
    assert sub.realisations.get(month=4).note == "Pengaspalan ruas km 2-3."
    assert sub.realisations.get(month=4).reported_by == org.pupr_operator
    assert len(messages_of(response)) == 1


def test_a_month_after_a_gap_is_refused_next_to_the_month(org, sub):
    response = org.client_for(org.pupr_operator).post(url(sub), entry(month=5))

    assert response.status_code == 200
    assert len(field_errors(response, "month")) == 1
    body = response.content.decode()
    assert 'name="physical" value="17,5"' in body
    assert 'name="financial" value="135.000.000"' in body
    assert 5 not in months(sub)


def test_a_month_not_yet_begun_is_refused(org, sub):
    report(sub, 4, 18, 140 * M, org.pupr_operator)
    report(sub, 5, 28, 230 * M, org.pupr_operator)
    report(sub, 6, 30, 240 * M, org.pupr_operator)

    response = org.client_for(org.pupr_operator).post(url(sub), entry(month=7, physical="40"))

    assert len(field_errors(response, "month")) == 1
    assert 7 not in months(sub)


def test_finance_above_the_pagu_is_refused_next_to_it(org, sub):
    response = org.client_for(org.pupr_operator).post(url(sub), entry(financial="1.000.000.001"))

    assert len(field_errors(response, "financial")) == 1
    assert 4 not in months(sub)


@pytest.mark.parametrize(("field", "typed"), [("physical", "101"), ("physical", "-1")])
def test_physical_outside_0_to_100_is_refused(org, sub, field, typed):
    response = org.client_for(org.pupr_operator).post(url(sub), entry(**{field: typed}))

    assert len(field_errors(response, field)) == 1


def test_an_earlier_month_opens_with_its_values(org, sub):
    response = org.client_for(org.pupr_operator).get(url(sub, 2))

    body = response.content.decode()
    assert 'name="physical" value="5"' in body
    assert 'name="financial" value="30.000.000"' in body
    assert 'name="reason"' in body


def test_correcting_an_earlier_month_needs_the_admins_leave(org, sub):
    response = org.client_for(org.pupr_operator).post(
        url(sub), entry(month=2, physical="6", financial="30.000.000", reason="Salah ketik")
    )

    assert len(field_errors(response, "month")) == 1
    assert months(sub)[2][0] == Decimal("5.00")
    assert not RealisationCorrection.objects.exists()


def test_a_correction_needs_a_reason(org, sub):
    PlanPolicy.objects.update_or_create(pk=1, defaults={"allow_corrections": True})

    response = org.client_for(org.pupr_operator).post(
        url(sub), entry(month=2, physical="6", financial="30.000.000")
    )

    assert len(field_errors(response, "reason")) == 1
    assert months(sub)[2][0] == Decimal("5.00")


def test_a_correction_is_recorded_with_its_reason(org, sub):
    PlanPolicy.objects.update_or_create(pk=1, defaults={"allow_corrections": True})

    response = org.client_for(org.kadis_pupr).post(
        url(sub), entry(month=2, physical="6", financial="30.000.000", reason="Salah ketik")
    )

    assert response.status_code == 302
    [correction] = RealisationCorrection.objects.all()
    assert (correction.old_physical_pct, correction.new_physical_pct) == (5, 6)
    assert correction.reason == "Salah ketik"
    assert correction.by == org.kadis_pupr


def test_the_first_report_asks_for_no_reason(org):
    sub = make_sub(org)

    body = org.client_for(org.pupr_operator).get(url(sub)).content.decode()

    assert 'name="reason"' not in body


def test_the_months_target_is_shown_as_a_hint(org, sub):
    response = org.client_for(org.pupr_operator).get(url(sub))

    assert "Rp140.000.000" in response.content.decode()  # April: 14 % of 1 M


# --- evidence ---------------------------------------------------------------------------------


def test_evidence_is_stored_under_a_random_name_and_judged_by_its_content(org, sub):
    photo = upload("laporan-april.pdf", PNG, "application/pdf")

    response = org.client_for(org.pupr_operator).post(
        url(sub), entry(note="Foto progres.", attachments=[photo])
    )

    assert response.status_code == 302
    [evidence] = RealisationFile.objects.all()
    assert evidence.realisation == sub.realisations.get(month=4)
    assert evidence.content_type == "image/png"  # judged by content, not by name
    assert evidence.original_name == "laporan-april.pdf"
    assert evidence.uploaded_by == org.pupr_operator
    name = str(evidence.file.name)
    assert name.startswith("realisation/") and name.endswith(".png")
    assert "laporan" not in name
    detail = org.client_for(org.asisten2).get(reverse("plans:detail", args=[sub.pk]))
    assert reverse("plans:realisation_file", args=[evidence.pk]) in detail.content.decode()
    assert "laporan-april.pdf" in detail.content.decode()


def test_a_web_page_named_as_a_photo_is_refused_next_to_the_field(org, sub):
    fake = upload("foto.jpg", HTML, "image/jpeg")

    response = org.client_for(org.pupr_operator).post(
        url(sub), entry(note="Pengaspalan ruas km 2-3.", attachments=[fake])
    )

    assert response.status_code == 200
    assert len(field_errors(response, "attachments")) == 1
    body = response.content.decode()
    assert 'name="physical" value="17,5"' in body
    assert 'name="financial" value="135.000.000"' in body
    assert textarea(response, "note") == "Pengaspalan ruas km 2-3."
    assert 4 not in months(sub)
    assert not RealisationFile.objects.exists()


def test_the_form_sends_files(org, sub):
    body = org.client_for(org.pupr_operator).get(url(sub)).content.decode()

    assert 'enctype="multipart/form-data"' in body
    assert 'name="attachments"' in body
