"""Taking a unit off the invitation list."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.models import Invitation
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(invitation):
    return reverse("meetings:invitation_delete", args=[invitation.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    invitation = kit.invitation(kit.make_meeting(org), org.pupr)

    assert login_redirect(client.post(url(invitation)), url(invitation))


def test_an_outsider_gets_404(org):
    invitation = kit.invitation(kit.make_meeting(org), org.pupr)

    assert org.client_for(org.dinsos_operator).post(url(invitation)).status_code == 404


def test_an_invited_partner_gets_403(org):
    invitation = kit.invitation(kit.make_meeting(org), org.pupr)

    assert org.client_for(org.pdam_partner).post(url(invitation)).status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_it_rejects_get(org):
    invitation = kit.invitation(kit.make_meeting(org), org.pupr)

    assert org.client_for(org.asisten2).get(url(invitation)).status_code == 405


def test_the_bagian_removes_an_invitation(org):
    meeting = kit.make_meeting(org)
    invitation = kit.invitation(meeting, org.pupr)

    response = org.client_for(org.bagekonomi_staff).post(url(invitation))

    assert response["Location"] == reverse("meetings:invitations", args=[meeting.pk])
    assert list(meeting.invitations.values_list("unit__short_name", flat=True)) == ["PDAM"]


def test_invitations_of_a_cancelled_meeting_stay(org):
    meeting = kit.make_meeting(org, status="cancelled")
    invitation = kit.invitation(meeting, org.pupr)

    org.client_for(org.bagekonomi_staff).post(url(invitation))

    assert Invitation.objects.filter(pk=invitation.pk).exists()
