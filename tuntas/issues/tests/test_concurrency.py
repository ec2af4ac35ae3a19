"""Two people acting on the same issue at once: the second one never undoes the first."""

from unittest import mock

import pytest
import time_machine

from tuntas.issues import services
from tuntas.issues.forms import IssueForm
from tuntas.issues.models import Event, Issue, Level, Policy
from tuntas.issues.services import ActionNotAllowed
from tuntas.issues.tests.factories import at, event_kinds, fresh, make_issue, notified, viewer
from tuntas.lib import workdays
from tuntas.lib.concurrency import STALE_MESSAGE

pytestmark = pytest.mark.django_db

Kind = Event.Kind
S = Issue.Status


@pytest.fixture(autouse=True)
def national_calendar():
    # The calendar is cached per process; a rolled-back override of another test must not leak.
    workdays.invalidate_calendar()


def test_the_second_triager_cannot_accept_what_the_first_already_accepted(org):
    issue = make_issue(org, status="submitted")
    stale = Issue.objects.get(pk=issue.pk)
    services.issue_accept(issue=Issue.objects.get(pk=issue.pk), by=viewer(org.bagekonomi_staff))
    assert stale.status == S.SUBMITTED
    with pytest.raises(ActionNotAllowed):
        services.issue_accept(issue=stale, by=viewer(org.asisten2))
    assert event_kinds(issue).count(Kind.ACCEPTED) == 1
    assert Event.objects.get(issue=issue, kind=Kind.ACCEPTED).actor == org.bagekonomi_staff
    assert fresh(issue).version == stale.version + 1


def test_the_second_triager_cannot_return_what_the_first_already_accepted(org):
    issue = make_issue(org, status="submitted")
    stale = Issue.objects.get(pk=issue.pk)
    services.issue_accept(issue=issue, by=viewer(org.asisten2))
    with pytest.raises(ActionNotAllowed):
        services.issue_return(issue=stale, by=viewer(org.bagekonomi_staff), question="Foto?")
    assert fresh(issue).status == S.IN_PROGRESS
    assert fresh(issue).question == ""
    assert notified("issues.returned") == set()


def edit_data(issue, **changes):
    return {
        "reporting_unit": issue.reporting_unit_id,
        "title": issue.title,
        "category": issue.category_id,
        "urgency": issue.urgency,
        "first_met_on": issue.first_met_on.isoformat(),
        "chronology": issue.chronology,
        "version": issue.version,
        **changes,
    }


def test_an_edit_form_opened_before_someone_elses_edit_is_refused(org):
    issue = make_issue(org)
    opened = fresh(issue)  # what the operator's form was built from

    first = IssueForm(
        edit_data(fresh(issue), title="Pipa PDAM di km 3"), instance=fresh(issue), units=[org.pupr]
    )
    assert first.is_valid(), first.errors
    assert first.save_versioned() is not None

    stale = IssueForm(edit_data(opened, title="Pipa di km 4"), instance=opened, units=[org.pupr])
    assert stale.is_valid(), stale.errors
    assert stale.save_versioned() is None
    assert stale.non_field_errors() == [str(STALE_MESSAGE)]
    assert stale.data["version"] == str(opened.version + 1)
    assert fresh(issue).title == "Pipa PDAM di km 3"
    assert fresh(issue).version == opened.version + 1


def test_an_edit_form_opened_before_the_issue_was_submitted_is_refused(org):
    issue = make_issue(org)
    opened = fresh(issue)
    services.issue_submit(issue=issue, by=viewer(org.kadis_pupr))
    form = IssueForm(edit_data(opened, title="Judul baru"), instance=opened, units=[org.pupr])
    assert form.is_valid(), form.errors
    assert form.save_versioned() is None
    assert fresh(issue).title == issue.title
    assert fresh(issue).status == S.SUBMITTED


def test_two_duplicates_cannot_be_merged_into_each_other(org):
    # Two triagers each find the other issue to be the original, at the same moment.
    first = make_issue(org, status="submitted", title="Pipa PDAM di km 3")
    second = make_issue(org, status="submitted", title="Pipa air di km 3")
    first_as_seen = Issue.objects.get(pk=first.pk)
    services.issue_merge(issue=first, by=viewer(org.asisten2), into=second)
    with pytest.raises(ActionNotAllowed):
        services.issue_merge(issue=second, by=viewer(org.bagekonomi_staff), into=first_as_seen)
    # One of the two must stay open, or the problem is lost.
    assert fresh(second).status == S.SUBMITTED


# --- the sweep against people acting at the same time ----------------------------------------


def while_sweeping(act):
    """Patch the sweep's deadline look-up so that someone acts right after the issues are listed."""
    real = services.deadline
    acted: list[int] = []

    def deadline(issue, **kwargs):
        if not acted:
            acted.append(issue.pk)
            act(issue)
        return real(issue, **kwargs)

    return mock.patch.object(services, "deadline", side_effect=deadline)


def late_issues(org, count=1):
    with time_machine.travel(at("2026-03-16", 9), tick=False):  # due Tue 7 April 2026
        return [make_issue(org, status="in_progress") for _ in range(count)]


def settle(org):
    return lambda issue: services.issue_settle(
        issue=issue, by=viewer(org.asisten2), resolution="Selesai di rapat"
    )


def test_the_sweep_does_not_propose_escalating_an_issue_settled_meanwhile(org):
    (issue,) = late_issues(org)
    with time_machine.travel(at("2026-04-08", 7), tick=False), while_sweeping(settle(org)):
        services.issues_sweep()
    assert fresh(issue).status == S.SETTLED
    assert Kind.ESCALATION_PROPOSED not in event_kinds(issue)
    assert notified("issues.escalation_proposed") == set()


def test_the_automatic_sweep_carries_on_past_an_issue_settled_meanwhile(org):
    Policy.objects.update_or_create(pk=1, defaults={"auto_escalate": True})
    issues = late_issues(org, count=2)
    with time_machine.travel(at("2026-04-08", 7), tick=False), while_sweeping(settle(org)):
        services.issues_sweep()
    statuses = sorted((fresh(i).status, fresh(i).level) for i in issues)
    assert statuses == [(S.IN_PROGRESS, Level.SECRETARY), (S.SETTLED, Level.ASSISTANT)]


def test_the_automatic_sweep_does_not_escalate_again_what_the_asisten_just_escalated(org):
    Policy.objects.update_or_create(pk=1, defaults={"auto_escalate": True})
    (issue,) = late_issues(org)

    def escalate(issue):
        services.issue_escalate(issue=issue, by=viewer(org.asisten2), reason="Lintas Asisten")

    with time_machine.travel(at("2026-04-08", 7), tick=False), while_sweeping(escalate):
        services.issues_sweep()
    # The Sekda's own 10 working days have only just started.
    assert fresh(issue).level == Level.SECRETARY
    assert event_kinds(issue).count(Kind.ESCALATED) == 1
