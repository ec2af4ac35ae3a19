"""Editing a draft, or an issue returned with a question, with optimistic locking."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.models import Event, Issue
from tuntas.issues.tests.viewkit import (
    NOW,
    REQUIRED,
    field_errors,
    login_redirect,
    make_issue,
    messages_of,
    textarea,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def url(issue):
    return reverse("issues:edit", args=[issue.pk])


def form_data(issue, **changes):
    data = {
        "reporting_unit": issue.reporting_unit_id,
        "title": issue.title,
        "category": issue.category_id,
        "urgency": issue.urgency,
        "first_met_on": issue.first_met_on.isoformat(),
        "chronology": issue.chronology,
        "impact": issue.impact,
        "proposed_solution": issue.proposed_solution,
        "location_detail": issue.location_detail,
        "version": issue.version,
    }
    data.update(changes)
    return data


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    issue = make_issue(org, "draft")

    assert login_redirect(client.get(url(issue)), url(issue))


@pytest.mark.parametrize("persona", ["bpn_partner", "dinsos_operator", "nobody"])
def test_outsiders_get_404(org, persona):
    issue = make_issue(org, "needs_info")
    client = org.client_for(getattr(org, persona))

    assert client.get(url(issue)).status_code == 404
    assert client.post(url(issue), form_data(issue, title="Diretas")).status_code == 404


def test_the_asisten_may_read_but_not_edit(org):
    issue = make_issue(org, "needs_info")
    client = org.client_for(org.asisten2)

    assert client.get(url(issue)).status_code == 403
    assert client.post(url(issue), form_data(issue, title="Diubah Asisten")).status_code == 403
    issue.refresh_from_db()
    assert issue.title != "Diubah Asisten"


def test_a_submitted_issue_can_no_longer_be_edited_by_its_reporter(org):
    issue = make_issue(org, "submitted")

    response = org.client_for(org.pupr_operator).post(url(issue), form_data(issue, title="X"))

    assert response.status_code == 403


def test_it_rejects_delete(org):
    issue = make_issue(org, "draft")

    assert org.client_for(org.pupr_operator).delete(url(issue)).status_code == 405


# --- editing ----------------------------------------------------------------------------------


def test_the_form_shows_the_current_values_and_version(org):
    issue = make_issue(org, "draft")

    response = org.client_for(org.pupr_operator).get(url(issue))

    body = response.content.decode()
    assert response.status_code == 200
    assert f'value="{issue.title}"' in body
    assert f'name="version" value="{issue.version}"' in body
    assert 'name="attachments"' not in body  # files are added on the issue page


def test_the_reporter_edits_a_draft_and_it_is_on_the_timeline(org):
    issue = make_issue(org, "draft")

    response = org.client_for(org.kadis_pupr).post(
        url(issue), {**form_data(issue, title="Judul baru", urgency="critical"), "draft": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])
    issue.refresh_from_db()
    assert (issue.title, issue.urgency, issue.status) == ("Judul baru", "critical", "draft")
    assert issue.version == 2
    event = issue.events.get(kind=Event.Kind.EDITED)
    assert event.actor == org.kadis_pupr
    assert set(event.data["changes"]) == {"title", "urgency"}
    assert event.data["changes"]["title"][1] == "Judul baru"
    assert messages_of(response) == ["Permasalahan telah disimpan."]


def test_answering_the_question_and_submitting_again(org):
    issue = make_issue(org, "needs_info")
    data = form_data(issue, chronology=issue.chronology + "\nDi ruas km 3.", submit="1")

    response = org.client_for(org.pupr_operator).post(url(issue), data)

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SUBMITTED
    assert issue.question == ""
    assert list(issue.events.values_list("kind", flat=True))[-2:] == ["edited", "submitted"]


def test_a_stale_edit_never_overwrites_a_newer_one(org):
    issue = make_issue(org, "draft")
    client = org.client_for(org.pupr_operator)
    first = form_data(issue, chronology="Versi Kadis.")
    second = form_data(issue, chronology="Versi operator yang panjang.")  # opened at the same time
    assert client.post(url(issue), first).status_code == 302

    response = client.post(url(issue), second)

    assert response.status_code == 200
    assert "diubah oleh orang lain" in response.content.decode()
    assert textarea(response, "chronology") == "Versi operator yang panjang."
    issue.refresh_from_db()
    assert issue.chronology == "Versi Kadis."
    assert issue.events.filter(kind=Event.Kind.EDITED).count() == 1


def test_after_the_warning_one_may_save_deliberately(org):
    issue = make_issue(org, "draft")
    client = org.client_for(org.pupr_operator)
    client.post(url(issue), form_data(issue, chronology="Versi Kadis."))
    warned = client.post(url(issue), form_data(issue, chronology="Versi operator."))
    assert 'name="version" value="2"' in warned.content.decode()  # the version now shown

    response = client.post(url(issue), form_data(issue, chronology="Versi operator.", version=2))

    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.chronology, issue.version) == ("Versi operator.", 3)


def test_bad_input_is_explained_next_to_the_field_and_kept(org):
    issue = make_issue(org, "draft")
    data = form_data(issue, title="", first_met_on="2026-06-01", impact="Proyek tertunda.")

    response = org.client_for(org.pupr_operator).post(url(issue), data)

    assert response.status_code == 200
    assert field_errors(response, "title") == [REQUIRED]
    assert field_errors(response, "first_met_on") == ["Tanggal tidak boleh di masa depan."]
    assert textarea(response, "impact") == "Proyek tertunda."
    assert 'value="2026-06-01"' in response.content.decode()
    issue.refresh_from_db()
    assert issue.impact == ""
