"""Actions on an issue from its page: submit, triage, escalate, settle, confirm and so on."""

import re
from dataclasses import dataclass, field

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues import services
from tuntas.issues.models import Event, Issue, Level, Policy
from tuntas.issues.tests.viewkit import (
    NOW,
    REQUIRED,
    ask,
    field_errors,
    login_redirect,
    make_issue,
    messages_of,
    textarea,
)

pytestmark = pytest.mark.django_db

TOO_LONG = "Pastikan nilai ini mengandung paling banyak 4000 karakter (sekarang 4001 karakter)."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def url(issue, action):
    return reverse("issues:transition", args=[issue.pk, action])


@dataclass
class Case:
    """One action: the state it starts from, who may take it and who may see but not take it."""

    action: str
    state: str
    allowed: str
    forbidden: str
    note: str | None = "Catatan untuk tindakan ini."  # None: the action takes no text
    note_required: bool = True
    event: str = ""
    message: str = ""
    expect: dict = field(default_factory=dict)

    def __str__(self):
        return f"{self.action}-{self.state}-{self.allowed}"


CASES = [
    Case(
        "submit",
        "needs_info",
        "pupr_operator",
        "asisten2",
        note=None,
        event="submitted",
        message="Permasalahan telah dikirim ke Asisten.",
        expect={"status": "submitted", "question": ""},
    ),
    Case(
        "withdraw",
        "submitted",
        "pupr_operator",
        "asisten2",
        event="closed",
        message="Permasalahan telah ditarik.",
        expect={"status": "closed", "closure": "withdrawn"},
    ),
    Case(
        "accept",
        "submitted",
        "asisten2",
        "pupr_operator",
        note_required=False,
        event="accepted",
        message="Permasalahan telah diterima.",
        expect={"status": "in_progress", "level": Level.ASSISTANT},
    ),
    Case(
        "return",
        "submitted",
        "bagekonomi_staff",
        "kadis_pupr",
        event="returned",
        message="Pertanyaan telah dikirim kepada pelapor.",
        expect={"status": "needs_info", "question": "Catatan untuk tindakan ini."},
    ),
    Case(
        "merge",
        "submitted",
        "asisten2",
        "pupr_operator",
        note_required=False,
        event="merged",
        message="Permasalahan telah digabungkan.",
        expect={"status": "closed", "closure": "merged"},
    ),
    Case(
        "close",
        "submitted",
        "asisten2",
        "sekda",
        event="closed",
        message="Permasalahan telah ditutup.",
        expect={"status": "closed", "closure": "not_relevant"},
    ),
    Case(
        "escalate",
        "in_progress",
        "asisten2",
        "bagekonomi_staff",  # the Bagian handles, but only the Asisten escalates
        event="escalated",
        message="Tingkat penanganan telah dinaikkan.",
        expect={"status": "in_progress", "level": Level.SECRETARY},
    ),
    Case(
        "deescalate",
        "secretary",
        "sekda",
        "asisten2",
        event="deescalated",
        message="Permasalahan telah dikembalikan ke tingkat bawah.",
        expect={"level": Level.ASSISTANT},
    ),
    Case(
        "settle",
        "in_progress",
        "asisten2",
        "pdam_partner",  # asked on the issue, so may see it
        event="settled",
        message="Permasalahan telah dituntaskan.",
        expect={"status": "settled", "settled_level": Level.ASSISTANT},
    ),
    Case(
        "confirm",
        "settled",
        "pupr_operator",
        "asisten2",
        note=None,
        event="confirmed",
        message="Terima kasih: penyelesaian telah dikonfirmasi.",
        expect={"status": "settled"},
    ),
    Case(
        "reopen",
        "settled",
        "kadis_pupr",
        "asisten2",
        event="reopened",
        message="Permasalahan telah dibuka kembali.",
        expect={"status": "in_progress", "settled_level": None},
    ),
]
# Other people allowed at other levels.
MORE_ALLOWED = [
    Case("submit", "draft", "kadis_pupr", "", note=None, event="submitted"),
    Case("escalate", "secretary", "sekda", "", event="escalated", expect={"level": Level.HEAD}),
    Case("deescalate", "head", "walikota", "", event="deescalated", expect={"level": 3}),
    Case("settle", "secretary", "sekda", "", event="settled", expect={"settled_level": 3}),
    Case("settle", "head", "walikota", "", event="settled", expect={"settled_level": 4}),
    Case("settle", "submitted", "kadis_pupr", "", event="settled", expect={"settled_level": 1}),
    Case("accept", "submitted", "bagekonomi_staff", "", event="accepted"),
]
WITH_NOTE = [c for c in CASES if c.note is not None]


def prepare(org, case):
    issue = make_issue(org, case.state)
    if issue.is_open:
        ask(org, issue, org.pdam)  # PDAM may then see the issue
    return issue


def data_for(org, case, **changes):
    data = {} if case.note is None else {"note": case.note}
    if case.action == "merge":
        data["into"] = make_issue(org, "in_progress", title="Yang asli").pk
    data.update(changes)
    return data


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=str)
def test_anonymous_visitors_are_sent_to_the_login_page(client, org, case):
    issue = prepare(org, case)

    response = client.post(url(issue, case.action), data_for(org, case))

    assert login_redirect(response, url(issue, case.action))


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("outsider", ["bpn_partner", "dinsos_operator"])
def test_outsiders_get_404(org, case, outsider):
    issue = prepare(org, case)
    client = org.client_for(getattr(org, outsider))

    assert client.get(url(issue, case.action)).status_code == 404
    assert client.post(url(issue, case.action), data_for(org, case)).status_code == 404


@pytest.mark.parametrize("case", CASES, ids=str)
def test_who_may_see_but_not_act_gets_403(org, case):
    issue = prepare(org, case)
    client = org.client_for(getattr(org, case.forbidden))
    before = list(issue.events.values_list("kind", flat=True))

    assert client.get(url(issue, case.action)).status_code == 403
    assert client.post(url(issue, case.action), data_for(org, case)).status_code == 403

    fresh = Issue.objects.get(pk=issue.pk)
    assert (fresh.status, fresh.level, fresh.version) == (issue.status, issue.level, issue.version)
    assert list(issue.events.values_list("kind", flat=True)) == before


@pytest.mark.parametrize("case", CASES, ids=str)
def test_it_rejects_put(org, case):
    issue = prepare(org, case)

    assert (
        org.client_for(getattr(org, case.allowed)).put(url(issue, case.action)).status_code == 405
    )


def test_an_unknown_action_is_404(org):
    issue = make_issue(org, "submitted")

    assert org.client_for(org.asisten2).post(url(issue, "delete")).status_code == 404


def test_operators_may_not_submit_when_the_policy_says_so(org):
    Policy.objects.update_or_create(pk=1, defaults={"staff_may_submit": False})
    issue = make_issue(org, "draft")

    assert org.client_for(org.pupr_operator).post(url(issue, "submit")).status_code == 403
    assert org.client_for(org.kadis_pupr).post(url(issue, "submit")).status_code == 302


# --- acting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES + MORE_ALLOWED, ids=str)
def test_the_allowed_role_takes_the_action(org, case):
    issue = prepare(org, case)
    person = getattr(org, case.allowed)

    response = org.client_for(person).post(url(issue, case.action), data_for(org, case))

    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])
    fresh = Issue.objects.get(pk=issue.pk)
    for name, value in case.expect.items():
        assert getattr(fresh, name) == value, name
    assert fresh.version > issue.version
    last = fresh.events.order_by("at", "pk").last()
    assert (last.kind, last.actor) == (case.event, person)
    if case.note is not None and case.action != "merge":
        assert last.note == case.note
    if case.message:
        assert messages_of(response) == [case.message]


def test_confirming_records_when(org):
    issue = make_issue(org, "settled")

    org.client_for(org.pupr_operator).post(url(issue, "confirm"))

    issue.refresh_from_db()
    assert issue.confirmed_at == NOW
    assert org.client_for(org.pupr_operator).post(url(issue, "confirm")).status_code == 403


def test_merging_closes_the_duplicate_and_notes_it_on_both(org):
    duplicate = make_issue(org, "submitted", title="Duplikat")
    original = make_issue(org, "in_progress", title="Asli")

    org.client_for(org.asisten2).post(
        url(duplicate, "merge"), {"into": original.pk, "note": "Lokasi sama."}
    )

    duplicate.refresh_from_db()
    assert duplicate.merged_into == original
    assert duplicate.closure_note == "Lokasi sama."
    merged = original.events.get(kind=Event.Kind.MERGED)
    assert merged.data == {"from": duplicate.reference}


def test_accepting_without_a_note_is_fine(org):
    issue = make_issue(org, "submitted")

    response = org.client_for(org.asisten2).post(url(issue, "accept"), {"note": ""})

    assert response.status_code == 302
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.IN_PROGRESS


def test_someone_who_acted_first_wins(org, monkeypatch):
    # Between the page check and the locked row the issue changed: the service refuses.
    issue = make_issue(org, "submitted")
    monkeypatch.setattr(services, "issue_actions", lambda *args, **kwargs: frozenset())

    response = org.client_for(org.asisten2).post(url(issue, "accept"), {"note": ""})

    assert response.status_code == 302
    assert messages_of(response) == [
        "Tindakan ini tidak dapat dilakukan lagi: orang lain telah lebih dahulu "
        "menindaklanjuti permasalahan ini."
    ]
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SUBMITTED


# --- the form ---------------------------------------------------------------------------------


def form_html(response):
    match = re.search(
        r'<form method="post"[^>]*novalidate>(.*?)</form>', response.content.decode(), re.S
    )
    assert match
    return match.group(1)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_get_shows_the_form_of_the_action(org, case):
    issue = prepare(org, case)

    response = org.client_for(getattr(org, case.allowed)).get(url(issue, case.action))

    assert response.status_code == 200
    html = form_html(response)
    assert ('name="note"' in html) == (case.note is not None)
    assert ('name="into"' in html) == (case.action == "merge")
    assert "None" not in html  # actions without a text still render a clean form


@pytest.mark.parametrize("case", [c for c in WITH_NOTE if c.note_required], ids=str)
def test_an_empty_note_is_explained_in_indonesian(org, case):
    issue = prepare(org, case)

    response = org.client_for(getattr(org, case.allowed)).post(
        url(issue, case.action), data_for(org, case, note="")
    )

    assert response.status_code == 400
    assert field_errors(response, "note") == [REQUIRED]
    assert Issue.objects.get(pk=issue.pk).version == issue.version


@pytest.mark.parametrize("case", WITH_NOTE, ids=str)
def test_a_note_too_long_is_refused_and_kept(org, case):
    issue = prepare(org, case)
    note = "Tanah belum dibebaskan. " * 166 + "x" * 17  # 4001 characters
    assert len(note) == 4001

    response = org.client_for(getattr(org, case.allowed)).post(
        url(issue, case.action), data_for(org, case, note=note)
    )

    assert response.status_code == 400
    assert field_errors(response, "note") == [TOO_LONG]
    assert textarea(response, "note") == note
    assert Issue.objects.get(pk=issue.pk).version == issue.version


@pytest.mark.parametrize("target", ["closed", "itself", "missing"])
def test_merging_needs_another_open_issue(org, target):
    issue = make_issue(org, "submitted")
    into = {
        "closed": lambda: make_issue(org, "closed").pk,
        "itself": lambda: issue.pk,
        "missing": lambda: 999999,
    }[target]()

    response = org.client_for(org.asisten2).post(
        url(issue, "merge"), {"into": into, "note": "Sama dengan yang lain."}
    )

    assert response.status_code == 400
    assert field_errors(response, "into") == ["Isi nomor permasalahan lain yang masih terbuka."]
    assert textarea(response, "note") == "Sama dengan yang lain."
    assert f'value="{into}"' in response.content.decode()
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SUBMITTED


def test_merging_into_an_issue_one_may_not_see_is_refused(org):
    # The Asisten of PUPR must not close issues into (nor learn of) another portfolio's issue.
    issue = make_issue(org, "submitted")
    hidden = make_issue(org, "submitted", by=org.dinsos_operator, title="Urusan Asisten I")

    response = org.client_for(org.asisten2).post(
        url(issue, "merge"), {"into": hidden.pk, "note": "Sama."}
    )

    assert response.status_code == 400
    assert field_errors(response, "into") == ["Isi nomor permasalahan lain yang masih terbuka."]
    assert not hidden.events.filter(kind=Event.Kind.MERGED).exists()
