"""The meeting page: header, status, agenda, invitations, documents and the runner's buttons."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import ask, login_redirect, make_issue
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:detail", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = kit.make_meeting(org)

    assert login_redirect(client.get(url(meeting)), url(meeting))


@pytest.mark.parametrize("persona", ["dinsos_operator", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, persona):
    meeting = kit.make_meeting(org)

    assert org.client_for(getattr(org, persona)).get(url(meeting)).status_code == 404


def test_a_missing_meeting_is_404(org):
    assert org.client_for(org.admin).get("/meetings/99999/").status_code == 404


def test_it_rejects_post(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.asisten2).post(url(meeting)).status_code == 405


def test_it_shows_the_header_in_indonesian(org):
    meeting = kit.make_meeting(org)

    response = org.client_for(org.asisten2).get(url(meeting))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Selasa, 9 Juni 2026" in body
    assert "09.00 WIB" in body
    assert "Ruang Rapat Asisten II, Lantai 2 Balai Kota" in body
    assert meeting.title in body


def test_the_runner_sees_the_agenda_in_order_with_its_buttons(org):
    meeting = kit.make_meeting(org)
    issue = make_issue(org, "in_progress")
    ask(org, issue, org.pdam)
    second = kit.add_other_item(meeting, "Lain-lain")
    first = kit.add_issue_item(meeting, issue, reason="kritis")
    first.order, second.order = 1, 2
    first.save()
    second.save()

    response = org.client_for(org.bagekonomi_staff).get(url(meeting))

    body = response.content.decode()
    assert [i.pk for i in response.context["items"]] == [first.pk, second.pk]
    assert body.index(issue.title) < body.index("Lain-lain")
    assert reverse("issues:detail", args=[issue.pk]) in body
    for name in ("agenda_draft", "agenda_item_create", "invitations_send", "reschedule", "cancel"):
        assert reverse(f"meetings:{name}", args=[meeting.pk]) in body
    assert reverse("meetings:agenda_item_delete", args=[first.pk]) in body
    assert reverse("meetings:attendance", args=[meeting.pk]) in body
    assert reverse("meetings:minutes", args=[meeting.pk]) in body
    # No letter yet, so no link to it.
    assert reverse("meetings:invitation_pdf", args=[meeting.pk]) not in body


def test_an_invited_unit_gets_its_reply_form_and_no_buttons_to_change(org):
    meeting = kit.make_meeting(org, status="invited")
    invitation = kit.invitation(meeting, org.pdam)

    response = org.client_for(org.pdam_partner).get(url(meeting))

    body = response.content.decode()
    assert response.status_code == 200
    assert [i.pk for i in response.context["my_invitations"]] == [invitation.pk]
    assert reverse("meetings:invitation_reply", args=[invitation.pk]) in body
    assert reverse("meetings:agenda_draft", args=[meeting.pk]) not in body
    assert reverse("meetings:invitations_send", args=[meeting.pk]) not in body
    assert reverse("meetings:invitation_pdf", args=[meeting.pk]) in body


def test_leaders_may_read(org):
    meeting = kit.make_meeting(org)

    response = org.client_for(org.sekda).get(url(meeting))

    assert response.status_code == 200
    assert not response.context["runner"]


def test_the_page_pins_its_query_count(org, django_assert_num_queries):
    meeting = kit.make_meeting(org, status="invited")
    client = org.client_for(org.bagekonomi_staff)
    kit.add_other_item(meeting, "Satu", [org.pupr])
    client.get(url(meeting))  # the first request after logging in also saves the session
    with django_assert_num_queries(9):
        client.get(url(meeting))
    issue = make_issue(org, "in_progress")
    ask(org, issue, org.pdam)
    kit.add_issue_item(meeting, issue)
    kit.add_other_item(meeting, "Tiga", [org.pupr, org.pdam, org.bpn])
    with django_assert_num_queries(9):
        client.get(url(meeting))


def test_the_page_pins_its_query_count_for_an_invited_unit(org, django_assert_num_queries):
    meeting = kit.make_meeting(org, status="invited")
    kit.add_other_item(meeting, "Satu", [org.pdam])
    client = org.client_for(org.pdam_partner)
    client.get(url(meeting))
    with django_assert_num_queries(10):
        client.get(url(meeting))
    kit.add_other_item(meeting, "Dua", [org.pupr, org.pdam])
    kit.add_other_item(meeting, "Tiga", [org.bpn])
    with django_assert_num_queries(10):
        client.get(url(meeting))
