"""The issue handling rules, set by the admin only."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.models import Policy
from tuntas.issues.tests.viewkit import NOW, field_errors, login_redirect, messages_of

pytestmark = pytest.mark.django_db

URL = reverse("issues:policy")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def form_data(policy, **changes):
    data = {
        "triage_days": policy.triage_days,
        "response_days": policy.response_days,
        "settle_assistant_days": policy.settle_assistant_days,
        "settle_secretary_days": policy.settle_secretary_days,
        "staff_may_submit": "on" if policy.staff_may_submit else "",
        "max_attachment_mb": policy.max_attachment_mb,
        "version": policy.version,
    }
    if policy.auto_escalate:
        data["auto_escalate"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


@pytest.mark.parametrize("persona", ["asisten2", "sekda", "kadis_pupr"])
def test_internal_staff_get_403(org, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(Policy.current(), triage_days=9)).status_code == 403
    assert Policy.current().triage_days == 2


@pytest.mark.parametrize("persona", ["bpn_partner", "pdam_partner", "nobody"])
def test_partners_and_people_without_a_role_get_404(org, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data(Policy.current(), triage_days=9)).status_code == 404


def test_it_rejects_put(org):
    assert org.client_for(org.admin).put(URL).status_code == 405


def test_the_admin_sees_the_current_rules(org):
    response = org.client_for(org.admin).get(URL)

    assert response.status_code == 200
    assert 'name="triage_days" value="2"' in response.content.decode()
    assert 'name="version" value="1"' in response.content.decode()


def test_the_admin_changes_the_rules(org):
    data = form_data(Policy.current(), triage_days=3, auto_escalate="on", max_attachment_mb=5)

    response = org.client_for(org.admin).post(URL, data)

    assert response.status_code == 302
    assert response["Location"] == URL
    policy = Policy.current()
    assert (policy.triage_days, policy.auto_escalate, policy.max_attachment_mb) == (3, True, 5)
    assert policy.version == 2
    assert messages_of(response) == ["Aturan telah disimpan."]


def test_a_bad_number_is_explained_and_the_typed_values_kept(org):
    data = form_data(Policy.current(), triage_days="dua", response_days="7")

    response = org.client_for(org.admin).post(URL, data)

    assert response.status_code == 200
    assert field_errors(response, "triage_days") == ["Masukkan keseluruhan angka bilangan."]
    body = response.content.decode()
    assert 'name="triage_days" value="dua"' in body
    assert 'name="response_days" value="7"' in body
    assert Policy.current().response_days == 5


def test_a_stale_form_never_overwrites_a_newer_one(org):
    client = org.client_for(org.admin)
    opened = Policy.current()
    assert client.post(URL, form_data(opened, triage_days=4)).status_code == 302

    response = client.post(URL, form_data(opened, triage_days=6))

    assert response.status_code == 200
    assert "diubah oleh orang lain" in response.content.decode()
    assert 'name="triage_days" value="6"' in response.content.decode()
    assert Policy.current().triage_days == 4
