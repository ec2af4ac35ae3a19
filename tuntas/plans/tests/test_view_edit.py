"""A sub kegiatan's own data: its PPTK (one of the unit's people), location and output."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import field_errors, login_redirect, messages_of
from tuntas.plans.models import SubActivity
from tuntas.plans.tests.kit import NOW, make_sub

pytestmark = pytest.mark.django_db

NIP = "198204102006041003"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sub(org):
    org.pupr_operator.nip = NIP
    org.pupr_operator.save()
    sub = make_sub(org)
    sub.refresh_from_db()  # saving the targets moved its version on
    return sub


def url(sub):
    return reverse("plans:edit", args=[sub.pk])


def form_data(sub, **changes):
    data = {
        "pptk": sub.pptk_id or "",
        "location": sub.location,
        "output": sub.output,
        "output_target": sub.output_target,
        "output_unit": sub.output_unit,
        "version": sub.version,
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_the_login_page(client, sub):
    assert login_redirect(client.get(url(sub)), url(sub))


@pytest.mark.parametrize("persona", ["dinsos_operator", "pdam_partner", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, sub, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(url(sub)).status_code == 404
    assert client.post(url(sub), form_data(sub, location="X")).status_code == 404


@pytest.mark.parametrize("persona", ["asisten2", "bagekonomi_staff", "sekda"])
def test_readers_get_403(org, sub, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(url(sub)).status_code == 403
    assert client.post(url(sub), form_data(sub, location="X")).status_code == 403
    assert SubActivity.objects.get(pk=sub.pk).location == sub.location


def test_it_rejects_delete(org, sub):
    assert org.client_for(org.pupr_operator).delete(url(sub)).status_code == 405


def test_the_pptk_is_chosen_among_the_units_people_with_their_nip(org, sub):
    response = org.client_for(org.kadis_pupr).get(url(sub))

    assert response.status_code == 200
    people = set(response.context["form"].fields["pptk"].queryset)
    assert {org.kadis_pupr, org.pupr_operator} <= people
    assert org.dinsos_operator not in people
    assert org.asisten2 not in people
    assert f"Andi Saputra, A.Md. — NIP {NIP}" in response.content.decode()


@pytest.mark.parametrize("persona", ["kadis_pupr", "pupr_operator", "admin"])
def test_the_unit_saves_the_data_and_the_detail_shows_the_pptk(org, sub, persona):
    client = org.client_for(getattr(org, persona))
    changes = {
        "pptk": org.pupr_operator.pk,
        "location": "Kel. Koto Baru",
        "output": "Panjang jalan yang dibangun",
        "output_target": "2,5",
        "output_unit": "km",
    }

    response = client.post(url(sub), form_data(sub, **changes))

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[sub.pk])
    saved = SubActivity.objects.get(pk=sub.pk)
    assert saved.pptk == org.pupr_operator
    assert (saved.location, saved.output_target, saved.output_unit) == (
        "Kel. Koto Baru",
        "2,5",
        "km",
    )
    assert saved.version == sub.version + 1
    detail = client.get(response["Location"])
    assert messages_of(detail)
    page = detail.content.decode()
    assert f"NIP {NIP}" in page
    assert "Andi Saputra" in page
    assert 'id="plan-edit"' in page


def test_someone_of_another_unit_cannot_be_the_pptk(org, sub):
    response = org.client_for(org.kadis_pupr).post(
        url(sub), form_data(sub, pptk=org.dinsos_operator.pk)
    )

    assert response.status_code == 200
    assert len(field_errors(response, "pptk")) == 1
    assert SubActivity.objects.get(pk=sub.pk).pptk is None


def test_a_stale_form_is_refused_and_keeps_the_input(org, sub):
    client = org.client_for(org.pupr_operator)
    assert client.post(url(sub), form_data(sub, location="Lokasi pertama")).status_code == 302

    response = client.post(url(sub), form_data(sub, location="Lokasi kedua"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "diubah oleh orang lain" in page
    assert 'value="Lokasi kedua"' in page
    assert SubActivity.objects.get(pk=sub.pk).location == "Lokasi pertama"


def test_readers_see_no_edit_button(org, sub):
    page = org.client_for(org.asisten2).get(reverse("plans:detail", args=[sub.pk]))

    assert 'id="plan-edit"' not in page.content.decode()
