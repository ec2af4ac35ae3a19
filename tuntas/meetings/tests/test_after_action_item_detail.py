"""One action item: what, who, by when, its progress, and what the viewer may do with it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.models import ActionItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def item(org):
    """PDAM owes April's meeting a pipe move due 1 May: overdue now."""
    return kit.make_action_item(
        org, on=dt.date(2026, 4, 14), unit=org.pdam, due_on=dt.date(2026, 5, 1)
    )


def url(item):
    return reverse("meetings:action_detail", args=[item.pk])


def update_url(item, action):
    return reverse("meetings:action_update", args=[item.pk, action])


def test_anonymous_visitors_are_sent_to_the_login_page(client, item):
    assert login_redirect(client.get(url(item)), url(item))


@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "pupr_operator", "nobody"])
def test_outsiders_get_404(org, item, outsider):
    assert org.client_for(getattr(org, outsider)).get(url(item)).status_code == 404


def test_it_rejects_post(org, item):
    assert org.client_for(org.pdam_partner).post(url(item)).status_code == 405


def test_the_owner_sees_it_overdue_with_the_progress_form(org, item):
    response = org.client_for(org.pdam_partner).get(url(item))

    assert response.status_code == 200
    assert response.context["late"] is True
    assert response.context["actions"] == {"progress", "done"}
    body = response.content.decode()
    assert "PDAM memindahkan pipa transmisi di Jl. Sudirman." in body
    assert update_url(item, "progress") in body
    assert f'formaction="{update_url(item, "done")}"' in body
    assert update_url(item, "verify") not in body


def test_a_leader_reads_it_without_actions(org, item):
    response = org.client_for(org.sekda).get(url(item))

    assert response.status_code == 200
    assert response.context["actions"] == frozenset()
    assert 'name="note"' not in response.content.decode()


def test_the_bagian_verifies_what_is_reported_done(org, item):
    ActionItem.objects.filter(pk=item.pk).update(status="done", done_note="Pipa sudah dipindah.")

    response = org.client_for(org.bagekonomi_staff).get(url(item))

    assert response.context["actions"] == {"verify", "reopen"}
    assert response.context["late"] is False
    body = response.content.decode()
    assert "Pipa sudah dipindah." in body
    assert update_url(item, "verify") in body
    assert update_url(item, "reopen") in body
