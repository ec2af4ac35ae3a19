"""Evidence of a realisation: downloaded only by who may see the sub kegiatan, never rendered."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import PNG, login_redirect, upload
from tuntas.plans.models import RealisationFile
from tuntas.plans.tests.kit import NOW, make_sub, report_months

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def evidence(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, [(2, 0)])
    org.client_for(org.pupr_operator).post(
        reverse("plans:realisation", args=[sub.pk]),
        {
            "month": 2,
            "physical": "5",
            "financial": "0",
            "note": "",
            "attachments": [upload("progres.png", PNG)],
        },
    )
    return RealisationFile.objects.get()


def url(evidence):
    return reverse("plans:realisation_file", args=[evidence.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, evidence):
    assert login_redirect(client.get(url(evidence)), url(evidence))


@pytest.mark.parametrize("persona", ["dinsos_operator", "pdam_partner", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, evidence, persona):
    assert org.client_for(getattr(org, persona)).get(url(evidence)).status_code == 404


def test_an_unknown_file_is_404(org, evidence):
    missing = reverse("plans:realisation_file", args=[evidence.pk + 1])

    assert org.client_for(org.admin).get(missing).status_code == 404


def test_it_rejects_post(org, evidence):
    assert org.client_for(org.pupr_operator).post(url(evidence)).status_code == 405


@pytest.mark.parametrize("persona", ["pupr_operator", "kadis_pupr", "asisten2", "sekda", "admin"])
def test_whoever_sees_the_sub_kegiatan_downloads_it(org, evidence, persona):
    response = org.client_for(getattr(org, persona)).get(url(evidence))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert "progres.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PNG
