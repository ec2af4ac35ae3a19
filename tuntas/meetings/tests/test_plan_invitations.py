"""The invitation list: who is invited and what they answered; the runner adds units."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect, messages_of
from tuntas.meetings.models import Invitation
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:invitations", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = kit.make_meeting(org)

    assert login_redirect(client.get(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.dinsos_operator).get(url(meeting)).status_code == 404


def test_an_invited_partner_may_look_but_not_add(org):
    meeting = kit.make_meeting(org)
    client = org.client_for(org.pdam_partner)

    response = client.get(url(meeting))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert client.post(url(meeting), {"unit": str(org.bpn.pk)}).status_code == 403
    assert meeting.invitations.count() == 2


def test_it_rejects_put(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.asisten2).put(url(meeting)).status_code == 405


def test_it_lists_the_invited_units_and_their_answers(org):
    meeting = kit.make_meeting(org, status="invited")
    kit.services.invitation_reply(
        invitation=kit.invitation(meeting, org.pdam),
        by=kit.viewer(org.pdam_partner),
        reply="represented",
        name="Ir. Yusra",
        position="Kepala Bagian Teknik",
    )

    response = org.client_for(org.bagekonomi_staff).get(url(meeting))

    body = response.content.decode()
    assert [i.unit.short_name for i in response.context["invitations"]] == ["PUPR", "PDAM"]
    assert response.context["counts"]["represented"] == 1
    assert response.context["counts"]["pending"] == 1
    assert "Ir. Yusra" in body
    assert "Kepala Bagian Teknik" in body


def test_the_bagian_invites_another_unit(org):
    meeting = kit.make_meeting(org)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), {"unit": str(org.bpn.pk)})

    assert response["Location"] == url(meeting)
    assert Invitation.objects.filter(meeting=meeting, unit=org.bpn).exists()


def test_after_sending_it_reminds_to_send_again(org):
    meeting = kit.make_meeting(org, status="invited")

    response = org.client_for(org.bagekonomi_staff).post(
        url(meeting), {"unit": str(org.bpn.pk)}, follow=True
    )

    assert Invitation.objects.filter(meeting=meeting, unit=org.bpn).exists()
    assert len(messages_of(response)) == 1


def test_a_unit_already_invited_cannot_be_chosen(org):
    meeting = kit.make_meeting(org)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), {"unit": str(org.pdam.pk)})

    assert response.status_code == 400
    assert meeting.invitations.filter(unit=org.pdam).count() == 1
