"""Answering a request: accept, decline with a reason, mark done with evidence, or write."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues import services
from tuntas.issues.models import Event, IssueRequest, Response
from tuntas.issues.tests.viewkit import (
    HTML,
    NOW,
    PDF,
    PNG,
    REQUIRED,
    ask,
    field_errors,
    login_redirect,
    make_issue,
    messages_of,
    textarea,
    upload,
    viewer,
)

pytestmark = pytest.mark.django_db

ACTIONS = ["accept", "decline", "done", "respond"]
# action: (who may, who may see the issue but not do it, the event written)
WHO = {
    "accept": ("pdam_partner", "pupr_operator", Event.Kind.REQUEST_ACCEPTED),
    "decline": ("pdam_partner", "asisten2", Event.Kind.REQUEST_DECLINED),
    "done": ("pdam_partner", "pupr_operator", Event.Kind.REQUEST_DONE),
    "respond": ("pdam_partner", "sekda", Event.Kind.RESPONDED),
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def request_(org):
    """PUPR asks PDAM for help on an issue handled by Asisten II."""
    return ask(org, make_issue(org, "in_progress"), org.pdam, need="Pindahkan pipa transmisi.")


def url(request, action):
    return reverse("issues:request_action", args=[request.pk, action])


NOTE = "Tim PDAM akan survei hari Kamis."


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, request_, action):
    response = client.post(url(request_, action), {"note": NOTE})

    assert login_redirect(response, url(request_, action))


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("outsider", ["bpn_partner", "dinsos_operator", "nobody"])
def test_outsiders_get_404(org, request_, action, outsider):
    client = org.client_for(getattr(org, outsider))

    assert client.get(url(request_, action)).status_code == 404
    assert client.post(url(request_, action), {"note": NOTE}).status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_who_may_see_but_not_answer_gets_403(org, request_, action):
    client = org.client_for(getattr(org, WHO[action][1]))

    assert client.get(url(request_, action)).status_code == 403
    assert client.post(url(request_, action), {"note": NOTE}).status_code == 403
    request_.refresh_from_db()
    assert (request_.status, request_.version) == ("requested", 1)
    assert not Response.objects.exists()


def test_another_asked_unit_may_not_answer_for_pdam(org, request_):
    ask(org, request_.issue, org.bpn)  # BPN now sees the issue
    client = org.client_for(org.bpn_partner)

    assert client.post(url(request_, "accept"), {"note": ""}).status_code == 403
    assert client.post(url(request_, "respond"), {"note": NOTE}).status_code == 403


@pytest.mark.parametrize("action", ACTIONS)
def test_nothing_is_answered_once_the_issue_is_settled(org, request_, action):
    services.issue_settle(issue=request_.issue, by=viewer(org.asisten2), resolution="Selesai.")

    response = org.client_for(org.pdam_partner).post(url(request_, action), {"note": NOTE})

    assert response.status_code == 403


@pytest.mark.parametrize("action", ACTIONS)
def test_it_rejects_put(org, request_, action):
    assert org.client_for(org.pdam_partner).put(url(request_, action)).status_code == 405


def test_an_unknown_action_is_404(org, request_):
    assert org.client_for(org.pdam_partner).post(url(request_, "forward")).status_code == 404


def test_a_request_is_accepted_only_once(org, request_):
    client = org.client_for(org.pdam_partner)
    assert client.post(url(request_, "accept"), {"note": ""}).status_code == 302

    assert client.post(url(request_, "accept"), {"note": ""}).status_code == 403
    assert client.post(url(request_, "decline"), {"note": "Tidak jadi."}).status_code == 403


# --- answering --------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
def test_the_asked_unit_answers(org, request_, action):
    person = getattr(org, WHO[action][0])

    response = org.client_for(person).post(url(request_, action), {"note": NOTE})

    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[request_.issue_id])
    assert messages_of(response) == ["Tanggapan Anda telah dicatat."]
    event = request_.issue.events.order_by("pk").last()
    assert (event.kind, event.actor, event.note) == (WHO[action][2], person, NOTE)
    request_.refresh_from_db()
    expected = {"accept": "accepted", "decline": "declined", "done": "done", "respond": "requested"}
    assert request_.status == expected[action]


def test_declining_keeps_the_reason(org, request_):
    org.client_for(org.pdam_partner).post(url(request_, "decline"), {"note": "Bukan aset PDAM."})

    request_.refresh_from_db()
    assert request_.decline_reason == "Bukan aset PDAM."
    assert request_.answered_at == NOW


def test_done_with_evidence(org, request_):
    files = [upload("pipa-dipindah.jpg", PNG, "image/jpeg"), upload("ba.pdf", PDF)]

    response = org.client_for(org.pdam_partner).post(
        url(request_, "done"), {"note": "Pipa sudah dipindah.", "attachments": files}
    )

    assert response.status_code == 302
    request_.refresh_from_db()
    assert (request_.status, request_.done_note, request_.done_at) == (
        "done",
        "Pipa sudah dipindah.",
        NOW,
    )
    rows = request_.attachments.order_by("original_name")
    assert [(a.original_name, a.content_type) for a in rows] == [
        ("ba.pdf", "application/pdf"),
        ("pipa-dipindah.jpg", "image/png"),  # judged by the content
    ]
    assert request_.issue.events.filter(kind=Event.Kind.ATTACHED).count() == 1


@pytest.mark.parametrize(
    ("persona", "unit"),
    [("pdam_partner", "pdam"), ("pupr_operator", "pupr"), ("asisten2", "asisten2_unit")],
)
def test_the_thread_is_open_to_the_asked_the_reporter_and_the_handler(org, request_, persona, unit):
    response = org.client_for(getattr(org, persona)).post(
        url(request_, "respond"), {"note": "Kapan bisa mulai?", "attachments": [upload("a.png")]}
    )

    assert response.status_code == 302
    answer = Response.objects.get()
    assert (answer.author, answer.unit, answer.body) == (
        getattr(org, persona),
        getattr(org, unit),
        "Kapan bisa mulai?",
    )
    assert [a.original_name for a in answer.attachments.all()] == ["a.png"]


def test_someone_who_answered_first_wins(org, request_, monkeypatch):
    monkeypatch.setattr(services, "request_actions", lambda *args, **kwargs: frozenset())

    response = org.client_for(org.pdam_partner).post(url(request_, "accept"), {"note": ""})

    assert response.status_code == 302
    assert messages_of(response) == [
        "Tindakan ini tidak dapat dilakukan lagi: orang lain telah lebih dahulu menanggapi."
    ]
    assert IssueRequest.objects.get().status == "requested"


# --- the form and bad input -------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
def test_get_shows_the_form_with_what_is_asked(org, request_, action):
    response = org.client_for(org.pdam_partner).get(url(request_, action))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="note"' in body
    assert ('name="attachments"' in body) == (action in ("done", "respond"))
    assert "Pindahkan pipa transmisi." in body


@pytest.mark.parametrize("action", ["decline", "done", "respond"])
def test_an_empty_text_is_explained_in_indonesian(org, request_, action):
    response = org.client_for(org.pdam_partner).post(url(request_, action), {"note": ""})

    assert response.status_code == 400
    assert field_errors(response, "note") == [REQUIRED]
    request_.refresh_from_db()
    assert request_.status == "requested"


def test_accepting_needs_no_text(org, request_):
    assert org.client_for(org.pdam_partner).post(url(request_, "accept")).status_code == 302


@pytest.mark.parametrize("action", ["done", "respond"])
def test_a_disguised_file_is_refused_next_to_the_field_and_the_text_kept(org, request_, action):
    data = {"note": "Terlampir foto lokasi.", "attachments": [upload("foto.jpg", HTML)]}

    response = org.client_for(org.pdam_partner).post(url(request_, action), data)

    assert response.status_code == 400
    assert field_errors(response, "attachments") == [
        "foto.jpg bukan berkas foto, PDF, DOCX, atau XLSX."
    ]
    assert textarea(response, "note") == "Terlampir foto lokasi."
    request_.refresh_from_db()
    assert request_.status == "requested"
    assert not Response.objects.exists()
    assert not request_.issue.attachments.exists()
