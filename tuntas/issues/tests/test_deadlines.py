"""Time limits in working days on real 2026 holidays: deadlines, the overdue list, the sweep."""

import datetime as dt

import pytest
import time_machine

from tuntas.issues import services
from tuntas.issues.models import Event, Issue, IssueRequest, Level, Policy
from tuntas.issues.queries import deadline, overdue_q, start_cutoff
from tuntas.issues.tests.factories import (
    at,
    event_kinds,
    fresh,
    make_issue,
    make_request,
    notified,
    viewer,
)
from tuntas.lib import workdays
from tuntas.lib.workdays import WorkCalendar
from tuntas.notifications.models import Notification
from tuntas.org.models import WorkdayOverride

pytestmark = pytest.mark.django_db

D = dt.date
S = Issue.Status
Kind = Event.Kind
national = WorkCalendar()


@pytest.fixture(autouse=True)
def national_calendar():
    # The calendar is cached per process; a rolled-back override of another test must not leak.
    workdays.invalidate_calendar()


def overdue_on(today, policy=None):
    q = overdue_q(today=today, policy=policy or Policy.current(), cal=national)
    return set(Issue.objects.filter(q).values_list("pk", flat=True))


def accepted_on(org, moment, **kwargs):
    with time_machine.travel(moment, tick=False):
        return make_issue(org, status="in_progress", **kwargs)


# Accepted on Monday 16 March 2026, 10 working days at Asisten level:
#   Tue 17 (1); Wed 18 cuti Nyepi, Thu 19 Nyepi, Fri 20 cuti Idul Fitri, Sat 21-Sun 22 Idul
#   Fitri, Mon 23-Tue 24 cuti Idul Fitri; Wed 25 (2), Thu 26 (3), Fri 27 (4), Mon 30 (5),
#   Tue 31 (6), Wed 1 Apr (7), Thu 2 (8); Fri 3 Wafat Yesus Kristus; Mon 6 (9), Tue 7 (10).
DUE_ACROSS_LEBARAN = D(2026, 4, 7)


# 00:15 WIB on the 16th is still the 15th in UTC, 23:30 WIB is still the 16th.
@pytest.mark.parametrize(("hour", "minute"), [(0, 15), (9, 0), (23, 30)])
def test_the_asisten_limit_counts_across_the_lebaran_closure(org, hour, minute):
    issue = accepted_on(org, at("2026-03-16", hour, minute))
    assert issue.level == Level.ASSISTANT
    assert deadline(issue, policy=Policy.current(), cal=national) == DUE_ACROSS_LEBARAN
    assert issue.pk not in overdue_on(D(2026, 4, 6))
    assert issue.pk not in overdue_on(DUE_ACROSS_LEBARAN)
    assert issue.pk in overdue_on(D(2026, 4, 8))


def test_triage_submitted_before_the_closure_is_due_after_it(org):
    with time_machine.travel(at("2026-03-17", 15), tick=False):  # Tuesday
        issue = make_issue(org, status="submitted")
    # 2 working days: Wed 18 - Tue 24 closed; Wed 25 (1), Thu 26 (2).
    assert deadline(issue, policy=Policy.current(), cal=national) == D(2026, 3, 26)
    assert issue.pk not in overdue_on(D(2026, 3, 26))
    assert issue.pk in overdue_on(D(2026, 3, 27))


def test_triage_submitted_on_a_wednesday_is_due_on_friday(org):
    with time_machine.travel(at("2026-03-11", 9), tick=False):
        issue = make_issue(org, status="submitted")
    assert deadline(issue, policy=Policy.current(), cal=national) == D(2026, 3, 13)
    assert issue.pk not in overdue_on(D(2026, 3, 13))
    assert issue.pk in overdue_on(D(2026, 3, 16))


def test_the_sekda_limit_skips_ascension_idul_adha_and_pancasila_day(org):
    issue = accepted_on(org, at("2026-05-11", 9))
    with time_machine.travel(at("2026-05-12", 10), tick=False):  # Tuesday
        issue = services.issue_escalate(issue=issue, by=viewer(org.asisten2), reason="Lintas OPD")
    # 10 working days: Wed 13 (1); Thu 14 Kenaikan, Fri 15 cuti; Mon 18 (2) ... Tue 26 (8);
    # Wed 27 Idul Adha, Thu 28 cuti; Fri 29 (9); Mon 1 Jun Pancasila; Tue 2 Jun (10).
    assert deadline(issue, policy=Policy.current(), cal=national) == D(2026, 6, 2)
    assert issue.pk not in overdue_on(D(2026, 6, 2))
    assert issue.pk in overdue_on(D(2026, 6, 3))


def test_steps_without_a_limit_have_no_deadline_and_are_never_overdue(org):
    with time_machine.travel(at("2026-01-05", 9), tick=False):
        draft = make_issue(org)
        needs_info = make_issue(org, status="needs_info")
        settled = make_issue(org, status="settled")
        at_head = make_issue(org, status="in_progress")
        at_head = services.issue_escalate(issue=at_head, by=viewer(org.asisten2), reason="x")
        at_head = services.issue_escalate(issue=at_head, by=viewer(org.sekda), reason="y")
    policy = Policy.current()
    for issue in (draft, needs_info, settled, at_head):
        assert deadline(issue, policy=policy, cal=national) is None
    assert overdue_on(D(2026, 12, 31)) == set()


def days_of(year):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("limit", [0, 1, 2, 5, 10])
def test_start_cutoff_agrees_with_add_working_days_on_every_day_of_2026(limit):
    for today in days_of(2026):
        cutoff = start_cutoff(national, today, limit)
        # The step that started on the cutoff is still in time; the day before is late.
        assert national.add_working_days(cutoff, limit) >= today, today
        assert national.add_working_days(cutoff - dt.timedelta(days=1), limit) < today, today


def test_an_unanswered_request_makes_the_issue_overdue(org):
    issue = accepted_on(org, at("2026-04-06", 9))  # Asisten limit: Mon 20 April
    with time_machine.travel(at("2026-04-06", 10), tick=False):
        request = make_request(issue, org.pdam, org.pupr_operator, due_on=D(2026, 4, 30))
    # 5 working days: Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
    assert request.respond_by == D(2026, 4, 13)
    assert issue.pk not in overdue_on(D(2026, 4, 13))
    assert issue.pk in overdue_on(D(2026, 4, 14))
    with time_machine.travel(at("2026-04-14", 8), tick=False):
        services.request_accept(request=request, by=viewer(org.pdam_partner))
    assert issue.pk not in overdue_on(D(2026, 4, 14))


def test_a_request_not_done_by_the_date_needed_makes_the_issue_overdue(org):
    issue = accepted_on(org, at("2026-04-06", 9))
    with time_machine.travel(at("2026-04-06", 10), tick=False):
        request = make_request(issue, org.pdam, org.pupr_operator, due_on=D(2026, 4, 9))
        request = services.request_accept(request=request, by=viewer(org.pdam_partner))
    assert issue.pk not in overdue_on(D(2026, 4, 9))
    assert issue.pk in overdue_on(D(2026, 4, 10))
    with time_machine.travel(at("2026-04-10", 8), tick=False):
        services.request_done(request=request, by=viewer(org.pdam_partner), note="Selesai")
    assert issue.pk not in overdue_on(D(2026, 4, 10))


def test_late_requests_of_declined_or_closed_issues_do_not_count(org):
    issue = accepted_on(org, at("2026-04-06", 9))
    other = accepted_on(org, at("2026-04-06", 9))
    with time_machine.travel(at("2026-04-06", 10), tick=False):
        declined = make_request(issue, org.pdam, org.pupr_operator, due_on=D(2026, 4, 9))
        services.request_decline(request=declined, by=viewer(org.pdam_partner), reason="Bukan")
        make_request(other, org.pdam, org.pupr_operator, due_on=D(2026, 4, 9))
        services.issue_withdraw(issue=other, by=viewer(org.pupr_operator), reason="Batal")
    assert IssueRequest.objects.get(issue=other).status == IssueRequest.Status.REQUESTED
    assert overdue_on(D(2026, 4, 15)) == set()


# --- the daily sweep -------------------------------------------------------------------------


def test_the_sweep_proposes_escalation_once_for_an_issue_past_its_limit(org):
    late = accepted_on(org, at("2026-03-16", 9))  # due Tue 7 April
    # Accepted Thu 26 March: Fri 27 (1) ... Thu 2 (5); Fri 3 off; Mon 6 (6) ... Fri 10 (10).
    in_time = accepted_on(org, at("2026-03-26", 9))
    assert deadline(in_time, policy=Policy.current(), cal=national) == D(2026, 4, 10)

    with time_machine.travel(at("2026-04-07", 7), tick=False):
        assert services.issues_sweep() == 0
    with time_machine.travel(at("2026-04-08", 7), tick=False):
        assert services.issues_sweep() == 1
        assert services.issues_sweep() == 0

    assert event_kinds(late).count(Kind.ESCALATION_PROPOSED) == 1
    event = Event.objects.get(issue=late, kind=Kind.ESCALATION_PROPOSED)
    assert event.actor is None
    assert event.data == {"due": "2026-04-07"}
    assert fresh(late).escalation_proposed_at == at("2026-04-08", 7)
    assert fresh(late).level == Level.ASSISTANT  # proposed, not done
    proposed = Notification.objects.filter(kind="issues.escalation_proposed")
    assert sorted(proposed.values_list("recipient__username", flat=True)) == [
        "asisten2",
        "bagekonomi",
    ]
    assert Kind.ESCALATION_PROPOSED not in event_kinds(in_time)
    assert fresh(in_time).escalation_proposed_at is None


def test_the_sweep_proposes_to_the_sekda_at_sekda_level(org):
    issue = accepted_on(org, at("2026-05-11", 9))
    with time_machine.travel(at("2026-05-12", 10), tick=False):
        services.issue_escalate(issue=issue, by=viewer(org.asisten2), reason="Lintas OPD")
    with time_machine.travel(at("2026-06-03", 7), tick=False):  # due Tue 2 June
        assert services.issues_sweep() == 1
    assert notified("issues.escalation_proposed") == {"sekda"}


def test_the_sweep_escalates_when_the_policy_says_so(org):
    Policy.objects.update_or_create(pk=1, defaults={"auto_escalate": True})
    late = accepted_on(org, at("2026-03-16", 9))
    in_time = accepted_on(org, at("2026-03-26", 9))
    with time_machine.travel(at("2026-04-08", 7), tick=False):
        assert services.issues_sweep() == 1
        assert services.issues_sweep() == 0
    late = fresh(late)
    assert late.level == Level.SECRETARY
    assert late.level_since == at("2026-04-08", 7)
    assert late.escalation_proposed_at is None
    event = Event.objects.get(issue=late, kind=Kind.ESCALATED)
    assert event.actor is None
    assert event.data == {"from_level": 2, "to_level": 3, "automatic": True}
    assert Kind.ESCALATION_PROPOSED not in event_kinds(late)
    assert notified("issues.escalated") == {"sekda", "operator.pupr", "kadis.pupr"}
    assert fresh(in_time).level == Level.ASSISTANT
    assert event_kinds(in_time)[-1] == Kind.ACCEPTED


def test_the_sweep_honours_a_local_day_off(org):
    # A local day off on Mon 6 April pushes the limit from Tue 7 to Wed 8 April.
    WorkdayOverride.objects.create(
        date=D(2026, 4, 6), kind=WorkdayOverride.Kind.DAY_OFF, name="Libur daerah"
    )
    late = accepted_on(org, at("2026-03-16", 9))
    with time_machine.travel(at("2026-04-08", 7), tick=False):
        assert services.issues_sweep() == 0
    with time_machine.travel(at("2026-04-09", 7), tick=False):
        assert services.issues_sweep() == 1
    assert Event.objects.get(issue=late, kind=Kind.ESCALATION_PROPOSED).data == {
        "due": "2026-04-08"
    }
