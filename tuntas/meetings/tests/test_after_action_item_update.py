"""The owner unit reports progress and completion; the Asisten's side verifies or reopens."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tuntas.issues.tests.viewkit import (
    REQUIRED,
    field_errors,
    login_redirect,
    messages_of,
    textarea,
)
from tuntas.meetings.models import ActionItem
from tuntas.meetings.tests import kit
from tuntas.notifications.models import Notification

pytestmark = pytest.mark.django_db

ACTIONS = ["progress", "done", "verify", "reopen"]
NOTE = {"note": "Pipa transmisi sudah dipindahkan, berita acara terlampir."}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def item(org):
    return kit.make_action_item(
        org, on=dt.date(2026, 4, 14), unit=org.pdam, due_on=dt.date(2026, 5, 29)
    )


def url(item, action):
    return reverse("meetings:action_update", args=[item.pk, action])


def indonesian(text):
    with translation.override("id"):
        return gettext(text)


def done(item):
    ActionItem.objects.filter(pk=item.pk).update(status="done", done_note=NOTE["note"])


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, item, action):
    assert login_redirect(client.post(url(item, action), NOTE), url(item, action))


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "pupr_operator"])
def test_outsiders_get_404(org, item, action, outsider):
    if action in ("verify", "reopen"):
        done(item)

    response = org.client_for(getattr(org, outsider)).post(url(item, action), NOTE)

    assert response.status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_a_leader_may_read_but_not_act(org, item, action):
    if action in ("verify", "reopen"):
        done(item)

    assert org.client_for(org.sekda).post(url(item, action), NOTE).status_code == 403


def test_the_owner_may_not_verify_its_own_item(org, item):
    done(item)

    assert org.client_for(org.pdam_partner).post(url(item, "verify")).status_code == 403
    assert ActionItem.objects.get().status == "done"


def test_the_bagian_may_not_report_for_the_owner(org, item):
    assert org.client_for(org.bagekonomi_staff).post(url(item, "done"), NOTE).status_code == 403
    assert ActionItem.objects.get().status == "open"


def test_an_open_item_cannot_be_verified(org, item):
    assert org.client_for(org.asisten2).post(url(item, "verify")).status_code == 403


@pytest.mark.parametrize("action", ACTIONS)
def test_it_rejects_get(org, item, action):
    assert org.client_for(org.pdam_partner).get(url(item, action)).status_code == 405


def test_an_unknown_action_is_404(org, item):
    assert org.client_for(org.pdam_partner).post(url(item, "delete")).status_code == 404


# --- the flow ---------------------------------------------------------------------------------


def test_the_owner_records_progress(org, item):
    response = org.client_for(org.pdam_partner).post(
        url(item, "progress"), {"note": "Survei lokasi selesai."}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:action_detail", args=[item.pk])
    assert messages_of(response) == [indonesian("The progress has been recorded.")]
    saved = ActionItem.objects.get()
    assert saved.status == "open"
    assert saved.progress == "[12/05/2026 10.00] Survei lokasi selesai."


def test_done_then_verified(org, item):
    owner = org.client_for(org.pdam_partner)
    response = owner.post(url(item, "done"), NOTE)

    assert response.status_code == 302
    saved = ActionItem.objects.get()
    assert (saved.status, saved.done_note, saved.done_at) == ("done", NOTE["note"], kit.NOW)
    assert Notification.objects.filter(kind="meetings.action_done", recipient=org.asisten2).exists()

    response = org.client_for(org.bagekonomi_staff).post(url(item, "verify"))

    assert messages_of(response) == [indonesian("The action item is verified and closed.")]
    saved = ActionItem.objects.get()
    assert (saved.status, saved.verified_by, saved.verified_at) == (
        "verified",
        org.bagekonomi_staff,
        kit.NOW,
    )
    assert org.client_for(org.pdam_partner).post(url(item, "progress"), NOTE).status_code == 403


def test_the_bagian_reopens_what_is_not_done(org, item):
    done(item)

    response = org.client_for(org.asisten2).post(
        url(item, "reopen"), {"reopen-note": "Berita acara belum ditandatangani."}
    )

    assert response.status_code == 302
    saved = ActionItem.objects.get()
    assert saved.status == "open"
    assert "Berita acara belum ditandatangani." in saved.progress


@pytest.mark.parametrize(("action", "who"), [("done", "pdam_partner"), ("reopen", "asisten2")])
def test_a_missing_note_is_explained(org, item, action, who):
    if action == "reopen":
        done(item)
    before = ActionItem.objects.get().status

    field = "reopen-note" if action == "reopen" else "note"

    response = org.client_for(getattr(org, who)).post(url(item, action), {field: ""})

    assert response.status_code == 400
    assert field_errors(response, field) == [REQUIRED]
    assert ActionItem.objects.get().status == before


def test_a_too_long_note_is_refused_and_kept(org, item):
    note = "Pipa sudah dipindahkan. " * 200

    response = org.client_for(org.pdam_partner).post(url(item, "done"), {"note": note})

    assert response.status_code == 400
    assert len(field_errors(response, "note")) == 1
    assert textarea(response, "note") == note
    assert ActionItem.objects.get().status == "open"
