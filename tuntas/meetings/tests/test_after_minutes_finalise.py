"""Finalising the minutes: all or nothing, then the issue, action items and people follow."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tuntas.issues import services as issue_services
from tuntas.issues.models import Event, Issue, Level
from tuntas.issues.tests.viewkit import ask, login_redirect, make_issue, messages_of
from tuntas.meetings import paperwork, services
from tuntas.meetings.models import ActionItem, AgendaItem, DraftActionItem, Meeting
from tuntas.meetings.tests import kit
from tuntas.notifications.models import Notification

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 6, 5)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def notula(monkeypatch):
    """Render a stand-in notula (the real one is tested with paperwork); record the calls."""
    calls = []

    def render(meeting):
        calls.append(meeting.status)
        return kit.FAKE_PDF

    monkeypatch.setattr(paperwork, "minutes_pdf_bytes", render)
    return calls


@pytest.fixture
def issue(org):
    issue = make_issue(org, "in_progress")
    ask(org, issue, org.pdam)
    return Issue.objects.get(pk=issue.pk)


@pytest.fixture
def meeting(org, issue):
    """This morning's meeting settled the PUPR-PDAM issue and gave PDAM an action item."""
    meeting = kit.make_meeting(org, status="held", on=kit.TODAY)
    item = kit.add_issue_item(meeting, issue)
    AgendaItem.objects.filter(pk=item.pk).update(
        discussion="PDAM siap memindahkan pipa.",
        decisions="Pipa dipindahkan paling lambat 5 Juni 2026.",
        outcome="settled",
    )
    kit.draft_action(item, org.pdam, due_on=DUE)
    Meeting.objects.filter(pk=meeting.pk).update(notulis=org.bagekonomi_staff)
    return Meeting.objects.get(pk=meeting.pk)


def url(meeting):
    return reverse("meetings:minutes_finalise", args=[meeting.pk])


CONFIRM = {"confirm": "1"}


def indonesian(text):
    with translation.override("id"):
        return gettext(text)


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, meeting):
    assert login_redirect(client.post(url(meeting), CONFIRM), url(meeting))
    assert Meeting.objects.get().status == "held"


@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, meeting, outsider):
    assert org.client_for(getattr(org, outsider)).post(url(meeting), CONFIRM).status_code == 404
    assert Meeting.objects.get().status == "held"


@pytest.mark.parametrize("reader", ["kadis_pupr", "pdam_partner", "sekda"])
def test_readers_get_403(org, meeting, reader):
    assert org.client_for(getattr(org, reader)).post(url(meeting), CONFIRM).status_code == 403
    assert Meeting.objects.get().status == "held"


def test_it_rejects_get(org, meeting):
    assert org.client_for(org.bagekonomi_staff).get(url(meeting)).status_code == 405


def test_it_asks_for_the_confirmation(org, meeting):
    response = org.client_for(org.bagekonomi_staff).post(url(meeting))

    assert response.status_code == 302
    assert messages_of(response) == [
        indonesian("Tick the box to confirm that the minutes are complete.")
    ]
    assert Meeting.objects.get().status == "held"


def test_it_needs_the_minute_taker(org, meeting):
    Meeting.objects.update(notulis=None)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), CONFIRM)

    assert messages_of(response) == [indonesian("Choose the minute taker before finalising.")]
    assert Meeting.objects.get().status == "held"


# --- all or nothing ---------------------------------------------------------------------------


def test_when_the_notula_fails_nothing_changes(org, meeting, issue, monkeypatch):
    def broken(meeting):
        raise RuntimeError("typst: font not found")

    monkeypatch.setattr(paperwork, "minutes_pdf_bytes", broken)
    notifications = Notification.objects.count()

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), CONFIRM)

    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:minutes", args=[meeting.pk])
    assert messages_of(response) == [
        indonesian(
            "The minutes could not be finalised: the notula could not be produced. "
            "Nothing has been changed; try again, or tell the Tuntas administrator."
        )
    ]
    saved = Meeting.objects.get()
    assert (saved.status, saved.finalised_at, saved.version) == ("held", None, meeting.version)
    assert not ActionItem.objects.exists()
    assert DraftActionItem.objects.count() == 1
    fresh = Issue.objects.get()
    assert (fresh.status, fresh.level, fresh.version) == (
        "in_progress",
        Level.ASSISTANT,
        issue.version,
    )
    assert not fresh.events.filter(kind=Event.Kind.SETTLED).exists()
    assert Notification.objects.count() == notifications


def test_an_issue_changed_meanwhile_is_explained_and_nothing_changes(org, meeting, monkeypatch):
    def moved(item, by):
        raise issue_services.ActionNotAllowed("accept")

    monkeypatch.setattr(services, "_apply_outcome", moved)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), CONFIRM)

    assert response.status_code == 302
    assert messages_of(response) == [
        indonesian(
            "An issue on the agenda can no longer take the outcome decided for it: someone "
            "acted on it meanwhile. Check the outcomes, then finalise again. Nothing has been "
            "changed."
        )
    ]
    assert Meeting.objects.get().status == "held"
    assert not ActionItem.objects.exists()


# --- after finalising -------------------------------------------------------------------------


def test_finalising_settles_the_issue_creates_the_action_items_and_tells_everyone(
    org, meeting, issue, notula
):
    response = org.client_for(org.bagekonomi_staff).post(url(meeting), CONFIRM)

    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:minutes", args=[meeting.pk])
    assert notula == ["final"]
    saved = Meeting.objects.get()
    assert (saved.status, saved.finalised_at, saved.finalised_by) == (
        "final",
        kit.NOW,
        org.bagekonomi_staff,
    )
    # The issue is settled at the Asisten level, the meeting named in its timeline.
    fresh = Issue.objects.get()
    assert (fresh.status, fresh.settled_level, fresh.settled_at) == (
        "settled",
        Level.ASSISTANT,
        kit.NOW,
    )
    assert fresh.counts_as_settled_low
    event = fresh.events.get(kind=Event.Kind.SETTLED)
    assert meeting.title in event.note
    assert "12/05/2026" in event.note
    assert "Pipa dipindahkan paling lambat 5 Juni 2026." in event.note
    assert (event.actor, event.data["meeting"]) == (org.bagekonomi_staff, meeting.pk)
    # PDAM owes the action item.
    action = ActionItem.objects.get()
    assert (action.unit, action.due_on, action.issue, action.status) == (
        org.pdam,
        DUE,
        fresh,
        "open",
    )
    # Every participant unit, the Asisten and the Bagian hear of it.
    told = set(
        Notification.objects.filter(kind="meetings.minutes").values_list("recipient", flat=True)
    )
    assert {org.pdam_partner.pk, org.kadis_pupr.pk, org.asisten2.pk} <= told
    assert org.dinsos_operator.pk not in told


def test_final_minutes_refuse_every_change(org, meeting):
    client = org.client_for(org.bagekonomi_staff)
    client.post(url(meeting), CONFIRM)
    item = AgendaItem.objects.get()

    assert client.post(url(meeting), CONFIRM).status_code == 409
    edit = client.post(
        reverse("meetings:agenda_item_minutes", args=[item.pk]),
        {"discussion": "Diubah.", "decisions": "", "outcome": "continued"},
    )
    assert edit.status_code == 409
    summary = client.post(
        reverse("meetings:minutes", args=[meeting.pk]),
        {"notulis": org.asisten2.pk, "summary": "Diubah.", "version": meeting.version + 1},
    )
    assert summary.status_code == 409
    item.refresh_from_db()
    assert item.discussion == "PDAM siap memindahkan pipa."
    assert Meeting.objects.get().summary == ""
    assert ActionItem.objects.count() == 1


def test_a_continued_issue_stays_open_with_the_meeting_in_its_timeline(org, meeting, issue):
    AgendaItem.objects.update(outcome="continued")

    org.client_for(org.asisten2).post(url(meeting), CONFIRM)

    fresh = Issue.objects.get()
    assert fresh.status == "in_progress"
    assert meeting.title in fresh.events.order_by("pk").last().note


def test_an_escalated_issue_goes_to_the_sekda(org, meeting, issue):
    AgendaItem.objects.update(outcome="escalated")

    org.client_for(org.asisten2).post(url(meeting), CONFIRM)

    fresh = Issue.objects.get()
    assert (fresh.status, fresh.level) == ("in_progress", Level.SECRETARY)
    assert meeting.title in fresh.events.get(kind=Event.Kind.ESCALATED).note
