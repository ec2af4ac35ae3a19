"""An invited unit answers its invitation (the runner may record it for them)."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import field_errors, login_redirect
from tuntas.meetings.models import Invitation
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db
PREFIX = "reply-{pk}-"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(invitation):
    return reverse("meetings:invitation_reply", args=[invitation.pk])


def data(invitation, **values):
    prefix = PREFIX.format(pk=invitation.pk)
    fields = {"reply": "attend", "name": "", "position": "", "note": ""}
    fields.update(values)
    return {prefix + key: value for key, value in fields.items()}


@pytest.fixture
def pdam_invitation(org):
    return kit.invitation(kit.make_meeting(org, status="invited"), org.pdam)


def test_anonymous_visitors_are_sent_to_the_login_page(client, pdam_invitation):
    assert login_redirect(client.get(url(pdam_invitation)), url(pdam_invitation))


def test_an_outsider_gets_404(org, pdam_invitation):
    response = org.client_for(org.dinsos_operator).post(url(pdam_invitation), data(pdam_invitation))

    assert response.status_code == 404


def test_another_invited_unit_gets_403(org, pdam_invitation):
    response = org.client_for(org.pupr_operator).post(url(pdam_invitation), data(pdam_invitation))

    assert response.status_code == 403
    assert Invitation.objects.get(pk=pdam_invitation.pk).reply == "pending"


def test_it_rejects_put(org, pdam_invitation):
    assert org.client_for(org.pdam_partner).put(url(pdam_invitation)).status_code == 405


def test_pdam_answers_that_it_is_represented(org, pdam_invitation):
    response = org.client_for(org.pdam_partner).post(
        url(pdam_invitation),
        data(
            pdam_invitation,
            reply="represented",
            name="Ir. Yusra Hidayat",
            position="Kepala Bagian Teknik Perumda AM Tirta Sago",
        ),
    )

    answer = Invitation.objects.get(pk=pdam_invitation.pk)
    assert response["Location"] == reverse("meetings:detail", args=[answer.meeting_id])
    assert answer.reply == "represented"
    assert answer.representative_name == "Ir. Yusra Hidayat"
    assert answer.representative_position == "Kepala Bagian Teknik Perumda AM Tirta Sago"
    assert answer.replied_by == org.pdam_partner


def test_represented_needs_a_name_and_keeps_what_was_typed(org, pdam_invitation):
    response = org.client_for(org.pdam_partner).post(
        url(pdam_invitation),
        data(pdam_invitation, reply="represented", position="Kepala Bagian Teknik"),
    )

    assert response.status_code == 400
    assert field_errors(response, PREFIX.format(pk=pdam_invitation.pk) + "name")
    assert 'value="Kepala Bagian Teknik"' in response.content.decode()
    assert Invitation.objects.get(pk=pdam_invitation.pk).reply == "pending"


def test_the_bagian_records_an_answer_given_by_phone(org, pdam_invitation):
    response = org.client_for(org.bagekonomi_staff).post(
        url(pdam_invitation), data(pdam_invitation, reply="absent", note="Dinas luar")
    )

    answer = Invitation.objects.get(pk=pdam_invitation.pk)
    assert response["Location"] == reverse("meetings:invitations", args=[answer.meeting_id])
    assert answer.reply == "absent"
    assert answer.note == "Dinas luar"
    assert answer.replied_by == org.bagekonomi_staff


def test_the_detail_page_form_posts_here(org, pdam_invitation):
    response = org.client_for(org.pdam_partner).get(
        reverse("meetings:detail", args=[pdam_invitation.meeting_id])
    )

    assert f'action="{url(pdam_invitation)}"' in response.content.decode()
    assert f'name="{PREFIX.format(pk=pdam_invitation.pk)}reply"' in response.content.decode()
