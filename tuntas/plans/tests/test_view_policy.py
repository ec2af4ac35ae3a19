"""The work-plan rules: deviation thresholds, report cut-off and corrections, by the admin."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import field_errors, login_redirect, messages_of
from tuntas.plans.models import PlanPolicy
from tuntas.plans.tests.kit import NOW

pytestmark = pytest.mark.django_db

URL = reverse("plans:policy")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def form_data(policy, **changes):
    data = {
        "yellow_points": str(policy.yellow_points),
        "red_points": str(policy.red_points),
        "cutoff_day": policy.cutoff_day,
        "version": policy.version,
    }
    if policy.allow_corrections:
        data["allow_corrections"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


@pytest.mark.parametrize("persona", ["asisten2", "sekda", "kadis_pupr", "pupr_operator"])
def test_internal_staff_get_403(org, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(PlanPolicy.current(), cutoff_day=5)).status_code == 403
    assert PlanPolicy.current().cutoff_day == 10


@pytest.mark.parametrize("persona", ["pdam_partner", "bpn_partner", "nobody"])
def test_partners_and_people_without_a_role_get_404(org, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data(PlanPolicy.current(), cutoff_day=5)).status_code == 404


def test_it_rejects_put(org):
    assert org.client_for(org.admin).put(URL).status_code == 405


def test_the_admin_changes_the_rules(org):
    data = form_data(PlanPolicy.current(), yellow_points="3", cutoff_day=7, allow_corrections="on")

    response = org.client_for(org.admin).post(URL, data)

    assert response.status_code == 302
    assert response["Location"] == URL
    policy = PlanPolicy.current()
    assert (policy.yellow_points, policy.cutoff_day, policy.allow_corrections) == (
        Decimal("3.00"),
        7,
        True,
    )
    assert policy.version == 2
    assert messages_of(response) == ["Aturan telah disimpan."]


def test_red_cannot_begin_before_yellow(org):
    data = form_data(PlanPolicy.current(), yellow_points="8", red_points="6")

    response = org.client_for(org.admin).post(URL, data)

    assert response.status_code == 200
    assert len(field_errors(response, "red_points")) == 1
    assert 'name="red_points" value="6"' in response.content.decode()
    assert PlanPolicy.current().red_points == 10


def test_a_cutoff_beyond_the_28th_is_refused(org):
    response = org.client_for(org.admin).post(URL, form_data(PlanPolicy.current(), cutoff_day=31))

    assert len(field_errors(response, "cutoff_day")) == 1


def test_a_stale_form_never_overwrites_a_newer_one(org):
    client = org.client_for(org.admin)
    opened = PlanPolicy.current()
    assert client.post(URL, form_data(opened, cutoff_day=8)).status_code == 302

    response = client.post(URL, form_data(opened, cutoff_day=6))

    assert "diubah oleh orang lain" in response.content.decode()
    assert PlanPolicy.current().cutoff_day == 8
