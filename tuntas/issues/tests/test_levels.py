"""Levels of handling: escalation, handing back down, and the level an issue is settled at."""

from fractions import Fraction

import pytest
import time_machine

from tuntas.issues import services
from tuntas.issues.access import issue_actions
from tuntas.issues.models import Event, Issue, Level
from tuntas.issues.services import ActionNotAllowed
from tuntas.issues.tests.factories import (
    at,
    event_kinds,
    fresh,
    make_asisten1,
    make_issue,
    notified,
    viewer,
)
from tuntas.notifications.models import Notification

pytestmark = pytest.mark.django_db

Kind = Event.Kind
S = Issue.Status


def escalate(issue, person, reason="Perlu keputusan lintas Asisten"):
    return services.issue_escalate(issue=issue, by=viewer(person), reason=reason)


def at_secretary(org):
    return escalate(make_issue(org, status="in_progress"), org.asisten2)


def at_head(org):
    return escalate(at_secretary(org), org.sekda, reason="Butuh keputusan Wali Kota")


def test_the_asisten_escalates_to_the_sekda(org):
    with time_machine.travel(at("2026-04-06", 9), tick=False) as traveller:
        issue = make_issue(org, status="in_progress")
        traveller.move_to(at("2026-04-20", 10))
        issue = escalate(issue, org.asisten2)
    assert issue.status == S.IN_PROGRESS
    assert issue.level == Level.SECRETARY
    assert issue.level_since == at("2026-04-20", 10)
    event = Event.objects.filter(issue=issue).last()
    assert (event.kind, event.actor) == (Kind.ESCALATED, org.asisten2)
    assert event.note == "Perlu keputusan lintas Asisten"
    assert event.data == {"from_level": 2, "to_level": 3, "automatic": False}
    assert notified("issues.escalated") == {"sekda", "operator.pupr", "kadis.pupr"}


def test_the_sekda_escalates_to_the_head(org):
    issue = at_head(org)
    assert issue.level == Level.HEAD
    event = Event.objects.filter(issue=issue).last()
    assert (event.kind, event.actor) == (Kind.ESCALATED, org.sekda)
    assert event.data == {"from_level": 3, "to_level": 4, "automatic": False}
    escalated = Notification.objects.filter(kind="issues.escalated")
    assert escalated.filter(recipient=org.walikota).count() == 1
    # The Sekda was told of the first escalation only, not of their own.
    assert escalated.filter(recipient=org.sekda).count() == 1


def test_the_secretariat_may_not_escalate(org):
    issue = make_issue(org, status="in_progress")
    assert "escalate" not in issue_actions(viewer(org.bagekonomi_staff), issue)
    with pytest.raises(ActionNotAllowed):
        escalate(issue, org.bagekonomi_staff)
    assert fresh(issue).level == Level.ASSISTANT
    assert event_kinds(issue)[-1] == Kind.ACCEPTED


@pytest.mark.parametrize("who", ["pupr_operator", "kadis_pupr", "sekda", "walikota", "admin"])
def test_only_the_coordinating_asisten_escalates_from_asisten_level(org, who):
    issue = make_issue(org, status="in_progress")
    with pytest.raises(ActionNotAllowed):
        escalate(issue, getattr(org, who))
    assert fresh(issue).level == Level.ASSISTANT


def test_nothing_goes_above_the_head(org):
    issue = at_head(org)
    assert "escalate" not in issue_actions(viewer(org.walikota), issue)
    with pytest.raises(ActionNotAllowed):
        escalate(issue, org.walikota)


def test_the_sekda_hands_an_issue_back_to_the_asisten(org):
    issue = at_secretary(org)
    issue = services.issue_deescalate(
        issue=issue, by=viewer(org.sekda), instruction="Selesaikan di rapat Asisten II"
    )
    assert issue.level == Level.ASSISTANT
    assert issue.status == S.IN_PROGRESS
    event = Event.objects.filter(issue=issue).last()
    assert (event.kind, event.actor) == (Kind.DEESCALATED, org.sekda)
    assert event.data == {"from_level": 3, "to_level": 2}
    assert notified("issues.deescalated") == {"asisten2", "bagekonomi"}


def test_the_head_hands_an_issue_back_to_the_sekda(org):
    issue = at_head(org)
    issue = services.issue_deescalate(
        issue=issue, by=viewer(org.walikota), instruction="Koordinasikan dengan BPN"
    )
    assert issue.level == Level.SECRETARY
    assert notified("issues.deescalated") == {"sekda"}


def test_the_asisten_cannot_hand_an_issue_down_to_the_opd(org):
    issue = make_issue(org, status="in_progress")
    with pytest.raises(ActionNotAllowed):
        services.issue_deescalate(issue=issue, by=viewer(org.asisten2), instruction="x")
    assert fresh(issue).level == Level.ASSISTANT


def test_the_sekda_settles_at_sekda_level(org):
    issue = at_secretary(org)
    assert "settle" not in issue_actions(viewer(org.asisten2), issue)
    issue = services.issue_settle(issue=issue, by=viewer(org.sekda), resolution="Rapat Sekda")
    assert issue.status == S.SETTLED
    assert issue.settled_level == Level.SECRETARY
    assert not issue.counts_as_settled_low


def test_the_head_settles_at_head_level(org):
    issue = services.issue_settle(
        issue=at_head(org), by=viewer(org.walikota), resolution="Keputusan Wali Kota"
    )
    assert issue.settled_level == Level.HEAD


def test_the_reporting_unit_settles_at_opd_level_while_waiting_for_triage(org):
    issue = make_issue(org, status="submitted")
    assert "settle" not in issue_actions(viewer(org.asisten2), issue)
    issue = services.issue_settle(
        issue=issue, by=viewer(org.kadis_pupr), resolution="Diselesaikan internal PUPR"
    )
    assert issue.status == S.SETTLED
    assert issue.settled_level == Level.UNIT
    assert issue.counts_as_settled_low
    assert notified("issues.settled") == {"operator.pupr", "asisten2", "bagekonomi"}


def test_the_share_settled_at_or_below_the_asisten_counts_only_settled_issues(org):
    opd = services.issue_settle(
        issue=make_issue(org, status="submitted"),
        by=viewer(org.kadis_pupr),
        resolution="Internal",
    )
    make_issue(org, status="settled")
    make_issue(org, status="settled", unit=org.dinsos, handler=make_asisten1(org))
    sekda = services.issue_settle(
        issue=at_secretary(org), by=viewer(org.sekda), resolution="Rapat Sekda"
    )
    head = services.issue_settle(
        issue=at_head(org), by=viewer(org.walikota), resolution="Keputusan Wali Kota"
    )
    # Neither open, closed, nor reopened issues count on either side of the fraction.
    make_issue(org, status="draft")
    make_issue(org, status="submitted")
    make_issue(org, status="in_progress")
    make_issue(org, status="closed")
    services.issue_reopen(
        issue=make_issue(org, status="settled"), by=viewer(org.pupr_operator), reason="Belum"
    )

    low = Issue.objects.settled_at_or_below_assistant()
    settled = Issue.objects.filter(status=S.SETTLED)
    assert Fraction(low.count(), settled.count()) == Fraction(3, 5)
    assert opd in low
    assert sekda not in low
    assert head not in low
    assert {i.pk for i in Issue.objects.all() if i.counts_as_settled_low} == set(
        low.values_list("pk", flat=True)
    )
