"""The issue workflow through the services: report, triage, ask, settle, confirm, close."""

import datetime as dt
from unittest import mock

import pytest
import time_machine

from tuntas.issues import services
from tuntas.issues.access import can_see, issue_actions
from tuntas.issues.forms import IssueForm
from tuntas.issues.models import Event, Issue, IssueRequest, Level
from tuntas.issues.queries import deadline
from tuntas.issues.services import ActionNotAllowed
from tuntas.issues.tests.factories import (
    at,
    event_kinds,
    fresh,
    make_asisten1,
    make_issue,
    make_request,
    notified,
    viewer,
)
from tuntas.lib import workdays
from tuntas.lib.workdays import WorkCalendar
from tuntas.notifications.models import Notification
from tuntas.org.models import RoleAssignment, UnitCoordination
from tuntas.testing.personas import make_person

pytestmark = pytest.mark.django_db

Kind = Event.Kind
S = Issue.Status


@pytest.fixture(autouse=True)
def national_calendar():
    # The calendar is cached per process; a rolled-back override of another test must not leak.
    workdays.invalidate_calendar()


def test_the_full_path_from_draft_to_confirmed_settlement(org):
    asisten1 = make_asisten1(org)
    with time_machine.travel(at("2026-03-11", 9), tick=False) as traveller:  # Wednesday
        issue = make_issue(org)
        assert issue.status == S.DRAFT
        assert event_kinds(issue) == [Kind.CREATED]

        issue = services.issue_submit(issue=issue, by=viewer(org.pupr_operator))
        assert issue.status == S.SUBMITTED
        assert issue.coordinator == org.asisten2_unit
        assert issue.submitted_at == at("2026-03-11", 9)
        assert issue.level == Level.UNIT
        assert notified("issues.submitted") == {"asisten2", "bagekonomi"}
        # Triage in 2 working days: Thu 12 (1), Fri 13 (2).
        assert deadline(issue, policy=services.Policy.current(), cal=WorkCalendar()) == dt.date(
            2026, 3, 13
        )

        traveller.move_to(at("2026-03-12", 10))
        issue = services.issue_accept(issue=issue, by=viewer(org.bagekonomi_staff), note="Ok")
        assert issue.status == S.IN_PROGRESS
        assert issue.level == Level.ASSISTANT
        assert issue.level_since == at("2026-03-12", 10)
        assert issue.accepted_at == at("2026-03-12", 10)
        assert notified("issues.accepted") == {"operator.pupr", "kadis.pupr"}

        pdam = make_request(issue, org.pdam, org.pupr_operator, due_on=dt.date(2026, 4, 10))
        # 5 working days from Thu 12 March: Fri 13 (1), Mon 16 (2), Tue 17 (3), then the
        # Nyepi and Lebaran closure 18-24 March, Wed 25 (4), Thu 26 (5).
        assert pdam.respond_by == dt.date(2026, 3, 26)
        assert pdam.status == IssueRequest.Status.REQUESTED
        assert notified("issues.request_added") == {"pdam"}
        # PDAM is in Asisten II's portfolio, who coordinates the issue already.
        assert notified("issues.involved") == set()

        make_request(issue, org.dinsos, org.asisten2)
        assert notified("issues.request_added") == {"pdam", "operator.dinsos"}
        assert notified("issues.involved") == {asisten1.username}

        traveller.move_to(at("2026-03-13", 8))
        pdam = services.request_accept(request=pdam, by=viewer(org.pdam_partner), note="Siap")
        assert pdam.status == IssueRequest.Status.ACCEPTED
        assert pdam.answered_at == at("2026-03-13", 8)
        assert notified("issues.request_accepted") == {"operator.pupr", "kadis.pupr"} | {
            "asisten2",
            "bagekonomi",
        }

        traveller.move_to(at("2026-04-06", 8))
        pdam = services.request_done(request=pdam, by=viewer(org.pdam_partner), note="Dipindah")
        assert pdam.status == IssueRequest.Status.DONE
        assert pdam.done_at == at("2026-04-06", 8)
        assert pdam.answered_at == at("2026-03-13", 8)

        traveller.move_to(at("2026-04-07", 14))
        issue = services.issue_settle(
            issue=issue, by=viewer(org.asisten2), resolution="Pipa dipindah PDAM."
        )
        assert issue.status == S.SETTLED
        assert issue.settled_level == Level.ASSISTANT
        assert issue.settled_at == at("2026-04-07", 14)
        assert issue.counts_as_settled_low
        # Everyone concerned but the Asisten who settled it.
        assert notified("issues.settled") == {
            "bagekonomi",
            "operator.pupr",
            "kadis.pupr",
            "pdam",
            "operator.dinsos",
        }

        traveller.move_to(at("2026-04-08", 9))
        issue = services.issue_confirm(issue=issue, by=viewer(org.kadis_pupr))
        assert issue.confirmed_at == at("2026-04-08", 9)
        assert not {"confirm", "reopen"} & issue_actions(viewer(org.kadis_pupr), issue)

    assert event_kinds(issue) == [
        Kind.CREATED,
        Kind.SUBMITTED,
        Kind.ACCEPTED,
        Kind.REQUEST_ADDED,
        Kind.REQUEST_ADDED,
        Kind.REQUEST_ACCEPTED,
        Kind.REQUEST_DONE,
        Kind.SETTLED,
        Kind.CONFIRMED,
    ]
    actors = Event.objects.filter(issue=issue).order_by("pk").values_list("actor__username")
    assert [a for (a,) in actors] == [
        "operator.pupr",
        "operator.pupr",
        "bagekonomi",
        "operator.pupr",
        "asisten2",
        "pdam",
        "pdam",
        "asisten2",
        "kadis.pupr",
    ]


def test_the_submitter_is_not_told_about_their_own_submission(org):
    issue = make_issue(org, reporter=org.kadis_pupr)
    services.issue_submit(issue=issue, by=viewer(org.kadis_pupr))
    assert not Notification.objects.filter(recipient__in=[org.kadis_pupr, org.pupr_operator])


def test_the_coordinator_is_the_asisten_of_the_reporting_unit_on_the_day_of_submission(org):
    # By a new Perwali, PUPR moves to Asisten I on 1 April 2026.
    UnitCoordination.objects.create(
        unit=org.pupr, coordinator=org.asisten1_unit, valid_from=dt.date(2026, 4, 1)
    )
    asisten1 = make_asisten1(org)
    with time_machine.travel(at("2026-03-31", 16), tick=False):
        before = services.issue_submit(issue=make_issue(org), by=viewer(org.pupr_operator))
    with time_machine.travel(at("2026-04-01", 8), tick=False):
        after = services.issue_submit(issue=make_issue(org), by=viewer(org.pupr_operator))
    assert before.coordinator == org.asisten2_unit
    assert after.coordinator == org.asisten1_unit
    told = Notification.objects.filter(kind="issues.submitted")
    assert set(told.filter(url=f"/issues/{after.pk}/").values_list("recipient", flat=True)) == {
        asisten1.pk
    }


def test_reopening_puts_the_issue_back_in_progress_at_the_same_level(org):
    with time_machine.travel(at("2026-04-06", 9), tick=False) as traveller:
        issue = make_issue(org, status="settled")
        traveller.move_to(at("2026-04-08", 11))
        issue = services.issue_reopen(
            issue=issue, by=viewer(org.pupr_operator), reason="Pipa masih di badan jalan."
        )
    assert issue.status == S.IN_PROGRESS
    assert issue.level == Level.ASSISTANT
    assert issue.level_since == at("2026-04-08", 11)
    assert issue.settled_at is None
    assert issue.settled_level is None
    assert event_kinds(issue)[-1] == Kind.REOPENED
    assert notified("issues.reopened") == {"asisten2", "bagekonomi"}
    assert "settle" in issue_actions(viewer(org.asisten2), issue)


def test_a_confirmed_settlement_cannot_be_reopened(org):
    issue = make_issue(org, status="settled")
    services.issue_confirm(issue=issue, by=viewer(org.pupr_operator))
    with pytest.raises(ActionNotAllowed):
        services.issue_reopen(issue=issue, by=viewer(org.pupr_operator), reason="Belum")
    assert fresh(issue).status == S.SETTLED


def test_reopening_an_issue_settled_at_opd_level_sends_it_back_to_the_asisten(org):
    # Settled by the OPD itself while waiting for triage, then found not settled after all.
    issue = make_issue(org, status="submitted")
    issue = services.issue_settle(issue=issue, by=viewer(org.kadis_pupr), resolution="Selesai")
    issue = services.issue_reopen(issue=issue, by=viewer(org.kadis_pupr), reason="Belum selesai")
    # Someone at the Asisten level must be able to take it up, and be told.
    handler_actions = issue_actions(viewer(org.asisten2), issue)
    assert handler_actions & {"accept", "settle", "escalate"}
    assert notified("issues.reopened") >= {"asisten2", "bagekonomi"}


def test_returning_for_information_then_editing_and_resubmitting(org):
    with time_machine.travel(at("2026-03-11", 9), tick=False) as traveller:
        issue = make_issue(org, status="submitted")
        traveller.move_to(at("2026-03-12", 9))
        issue = services.issue_return(
            issue=issue, by=viewer(org.bagekonomi_staff), question="Di ruas mana persisnya?"
        )
        assert issue.status == S.NEEDS_INFO
        assert issue.question == "Di ruas mana persisnya?"
        assert notified("issues.returned") == {"operator.pupr", "kadis.pupr"}
        assert {"edit", "submit"} <= issue_actions(viewer(org.pupr_operator), issue)

        reporter = viewer(org.pupr_operator)
        form = IssueForm(
            {
                "reporting_unit": org.pupr.pk,
                "title": issue.title,
                "category": issue.category_id,
                "urgency": Issue.Urgency.HIGH,
                "first_met_on": issue.first_met_on.isoformat(),
                "chronology": issue.chronology + " Ruas km 3 sampai km 4.",
                "version": issue.version,
            },
            instance=fresh(issue),
            units=[org.pupr],
        )
        assert form.is_valid(), form.errors
        saved = form.save_versioned()
        assert saved is not None
        services.issue_edited(issue=saved, by=reporter, changes={"urgency": ("medium", "high")})

        traveller.move_to(at("2026-03-13", 9))
        issue = services.issue_submit(issue=fresh(issue), by=reporter)
    assert issue.status == S.SUBMITTED
    assert issue.question == ""
    assert issue.urgency == Issue.Urgency.HIGH
    assert issue.submitted_at == at("2026-03-13", 9)  # the triage clock starts again
    assert event_kinds(issue)[-3:] == [Kind.RETURNED, Kind.EDITED, Kind.SUBMITTED]


def test_merging_a_duplicate_closes_it_and_marks_both_timelines(org):
    original = make_issue(org, status="in_progress", title="Pipa PDAM di Jl. Soekarno-Hatta")
    duplicate = make_issue(org, status="submitted", title="Pipa air di ruas Soekarno-Hatta")
    duplicate = services.issue_merge(
        issue=duplicate, by=viewer(org.bagekonomi_staff), into=original, note="Sama"
    )
    assert duplicate.status == S.CLOSED
    assert duplicate.closure == Issue.Closure.MERGED
    assert duplicate.merged_into == original
    assert duplicate.closed_at is not None
    assert event_kinds(duplicate)[-1] == Kind.MERGED
    assert event_kinds(original)[-1] == Kind.MERGED
    into_event = Event.objects.filter(issue=original).last()
    assert into_event.data == {"from": duplicate.reference}
    assert into_event.actor == org.bagekonomi_staff
    assert fresh(original).status == S.IN_PROGRESS


def test_an_issue_cannot_be_merged_into_itself_or_into_a_closed_one(org):
    closed = make_issue(org, status="closed")
    issue = make_issue(org, status="submitted")
    handler = viewer(org.asisten2)
    with pytest.raises(ActionNotAllowed):
        services.issue_merge(issue=issue, by=handler, into=issue)
    with pytest.raises(ActionNotAllowed):
        services.issue_merge(issue=issue, by=handler, into=closed)
    assert fresh(issue).status == S.SUBMITTED


def test_a_handler_cannot_merge_into_an_issue_they_may_not_see(org):
    # A DINSOS issue of Asisten I's portfolio that no unit of Asisten II is involved in.
    elsewhere = make_issue(org, unit=org.dinsos, status="in_progress", handler=make_asisten1(org))
    issue = make_issue(org, status="submitted")
    assert not can_see(viewer(org.asisten2), elsewhere)
    with pytest.raises(ActionNotAllowed):
        services.issue_merge(issue=issue, by=viewer(org.asisten2), into=elsewhere)
    assert fresh(issue).status == S.SUBMITTED
    assert event_kinds(elsewhere)[-1] == Kind.ACCEPTED


def test_an_issue_from_a_unit_without_an_asisten_is_not_left_without_a_triager(org):
    # DISKOMINFO has no coordinating Asisten in the data: either it cannot be submitted,
    # or someone can triage it once it is.
    operator = make_person(
        "operator.kominfo", unit=org.kominfo, role=RoleAssignment.Role.UNIT_STAFF
    )
    issue = make_issue(org, unit=org.kominfo, reporter=operator)
    try:
        issue = services.issue_submit(issue=issue, by=viewer(operator))
    except ActionNotAllowed:
        assert fresh(issue).status == S.DRAFT
        return
    people = [org.asisten2, org.bagekonomi_staff, org.sekda, org.walikota, org.admin]
    assert [p for p in people if "accept" in issue_actions(viewer(p), issue)]


def test_closing_as_not_relevant_records_the_reason(org):
    issue = make_issue(org, status="submitted")
    issue = services.issue_close(
        issue=issue, by=viewer(org.asisten2), reason="Bukan kewenangan daerah"
    )
    assert issue.status == S.CLOSED
    assert issue.closure == Issue.Closure.NOT_RELEVANT
    assert issue.closure_note == "Bukan kewenangan daerah"
    assert notified("issues.closed") == {"operator.pupr", "kadis.pupr"}
    assert issue_actions(viewer(org.pupr_operator), issue) == frozenset()


@pytest.mark.parametrize("status", ["draft", "submitted", "in_progress"])
def test_the_reporter_may_withdraw_until_it_is_settled(org, status):
    issue = make_issue(org, status=status)
    issue = services.issue_withdraw(
        issue=issue, by=viewer(org.kadis_pupr), reason="Sudah diatasi sendiri"
    )
    assert issue.status == S.CLOSED
    assert issue.closure == Issue.Closure.WITHDRAWN
    assert event_kinds(issue)[-1] == Kind.CLOSED
    expected = set() if status == "draft" else {"asisten2", "bagekonomi"}
    assert notified("issues.closed") == expected


def test_a_settled_issue_cannot_be_withdrawn(org):
    issue = make_issue(org, status="settled")
    with pytest.raises(ActionNotAllowed):
        services.issue_withdraw(issue=issue, by=viewer(org.pupr_operator), reason="x")


# --- one event per transition, in the same transaction ---------------------------------------


def _submit(org, issue):
    return services.issue_submit(issue=issue, by=viewer(org.pupr_operator))


def _accept(org, issue):
    return services.issue_accept(issue=issue, by=viewer(org.asisten2))


def _return(org, issue):
    return services.issue_return(issue=issue, by=viewer(org.asisten2), question="Foto?")


def _close(org, issue):
    return services.issue_close(issue=issue, by=viewer(org.asisten2), reason="Bukan masalah")


def _withdraw(org, issue):
    return services.issue_withdraw(issue=issue, by=viewer(org.pupr_operator), reason="Batal")


def _request(org, issue):
    return make_request(issue, org.pdam, org.pupr_operator)


def _escalate(org, issue):
    return services.issue_escalate(issue=issue, by=viewer(org.asisten2), reason="Lintas Asisten")


def _settle(org, issue):
    return services.issue_settle(issue=issue, by=viewer(org.asisten2), resolution="Selesai")


def _confirm(org, issue):
    return services.issue_confirm(issue=issue, by=viewer(org.pupr_operator))


def _reopen(org, issue):
    return services.issue_reopen(issue=issue, by=viewer(org.pupr_operator), reason="Belum")


TRANSITIONS = [
    ("draft", _submit, Kind.SUBMITTED, S.SUBMITTED, "operator.pupr"),
    ("draft", _withdraw, Kind.CLOSED, S.CLOSED, "operator.pupr"),
    ("submitted", _accept, Kind.ACCEPTED, S.IN_PROGRESS, "asisten2"),
    ("submitted", _return, Kind.RETURNED, S.NEEDS_INFO, "asisten2"),
    ("submitted", _close, Kind.CLOSED, S.CLOSED, "asisten2"),
    ("needs_info", _submit, Kind.SUBMITTED, S.SUBMITTED, "operator.pupr"),
    ("in_progress", _request, Kind.REQUEST_ADDED, S.IN_PROGRESS, "operator.pupr"),
    ("in_progress", _escalate, Kind.ESCALATED, S.IN_PROGRESS, "asisten2"),
    ("in_progress", _settle, Kind.SETTLED, S.SETTLED, "asisten2"),
    ("in_progress", _withdraw, Kind.CLOSED, S.CLOSED, "operator.pupr"),
    ("settled", _confirm, Kind.CONFIRMED, S.SETTLED, "operator.pupr"),
    ("settled", _reopen, Kind.REOPENED, S.IN_PROGRESS, "operator.pupr"),
]
TRANSITION_IDS = [f"{t[0]}-{t[1].__name__[1:]}" for t in TRANSITIONS]


@pytest.mark.parametrize(
    ("start", "act", "kind", "status", "actor"), TRANSITIONS, ids=TRANSITION_IDS
)
def test_each_transition_writes_exactly_one_event_of_its_kind(org, start, act, kind, status, actor):
    issue = make_issue(org, status=start)
    before = Event.objects.filter(issue=issue).count()
    act(org, issue)
    events = Event.objects.filter(issue=issue).order_by("pk")
    assert events.count() == before + 1
    assert (events.last().kind, events.last().actor.username) == (kind, actor)
    assert fresh(issue).status == status
    # A request is a row of its own; every other transition changes the issue row.
    assert fresh(issue).version == issue.version + (act is not _request)


# Confirming tells nobody, and nobody is told when a draft is withdrawn.
SILENT = {"settled-confirm", "draft-withdraw"}


@pytest.mark.parametrize(
    ("start", "act", "kind", "status", "actor"),
    [t for t, i in zip(TRANSITIONS, TRANSITION_IDS, strict=True) if i not in SILENT],
    ids=[i for i in TRANSITION_IDS if i not in SILENT],
)
def test_a_failure_while_notifying_rolls_back_the_change_and_its_event(
    org, start, act, kind, status, actor
):
    issue = make_issue(org, status=start)
    events_before = Event.objects.count()
    with (
        mock.patch.object(services, "notification_send", side_effect=RuntimeError("smtp")),
        pytest.raises(RuntimeError),
    ):
        act(org, issue)
    after = fresh(issue)
    assert after.status == issue.status
    assert after.level == issue.level
    assert after.version == issue.version
    assert Event.objects.count() == events_before
    assert not IssueRequest.objects.filter(issue=issue).exists()
