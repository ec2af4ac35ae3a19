"""Who sees which issue, and what each persona may do with it at each step."""

import pytest

from tuntas.issues import services
from tuntas.issues.access import (
    issue_actions,
    needing_action_q,
    request_actions,
    visible_issues,
)
from tuntas.issues.models import Issue, IssueRequest, Policy
from tuntas.issues.tests.factories import fresh, make_asisten1, make_issue, make_request, viewer

pytestmark = pytest.mark.django_db

PERSONAS = [
    "pupr_operator",
    "kadis_pupr",
    "asisten2",
    "bagekonomi_staff",
    "sekda",
    "walikota",
    "pdam_partner",
    "bpn_partner",
    "dinsos_operator",
    "admin",
    "nobody",
]


def visible(person):
    return set(visible_issues(viewer(person)).values_list("pk", flat=True))


# --- visibility ------------------------------------------------------------------------------


def test_the_reporting_unit_sees_its_issues_including_drafts(org):
    draft = make_issue(org)
    submitted = make_issue(org, status="submitted")
    assert visible(org.pupr_operator) == {draft.pk, submitted.pk}
    assert visible(org.kadis_pupr) == {draft.pk, submitted.pk}


@pytest.mark.parametrize("who", [p for p in PERSONAS if p not in ("pupr_operator", "kadis_pupr")])
def test_nobody_outside_the_reporting_unit_sees_a_draft(org, who):
    draft = make_issue(org)
    make_request(make_issue(org, status="in_progress"), org.pdam, org.pupr_operator)
    assert draft.pk not in visible(getattr(org, who))


def test_pdam_sees_only_the_issues_it_is_asked_about(org):
    make_issue(org, status="submitted")
    make_issue(org, status="in_progress")
    make_issue(org, status="settled")
    asked = make_issue(org, status="in_progress")
    make_request(asked, org.pdam, org.asisten2)
    assert visible(org.pdam_partner) == {asked.pk}


def test_bpn_sees_nothing_until_it_is_asked(org):
    issue = make_issue(org, status="in_progress")
    make_issue(org, status="submitted")
    assert visible(org.bpn_partner) == set()
    make_request(issue, org.bpn, org.pupr_operator, need="Data batas bidang tanah")
    assert visible(org.bpn_partner) == {issue.pk}


@pytest.mark.parametrize("who", ["asisten2", "bagekonomi_staff"])
def test_asisten_ii_sees_the_portfolio_and_issues_asking_a_unit_of_it(org, who):
    asisten1 = make_asisten1(org)
    pupr = make_issue(org, status="submitted")
    dinsos_asking_pdam = make_issue(org, unit=org.dinsos, status="in_progress", handler=asisten1)
    make_request(dinsos_asking_pdam, org.pdam, org.dinsos_operator)
    make_issue(org, unit=org.dinsos, status="in_progress", handler=asisten1)
    make_issue(org, unit=org.dinsos, status="submitted")
    assert visible(getattr(org, who)) == {pupr.pk, dinsos_asking_pdam.pk}


def test_asisten_i_sees_a_pupr_issue_only_once_dinsos_is_asked(org):
    asisten1 = make_asisten1(org)
    issue = make_issue(org, status="in_progress")
    assert visible(asisten1) == set()
    make_request(issue, org.dinsos, org.pupr_operator, need="Data warga terdampak")
    assert visible(asisten1) == {issue.pk}


@pytest.mark.parametrize("who", ["sekda", "walikota", "admin"])
def test_leaders_and_the_admin_see_everything_but_drafts(org, who):
    make_issue(org)
    make_issue(org, unit=org.dinsos)
    others = [
        make_issue(org, status="submitted"),
        make_issue(org, status="needs_info"),
        make_issue(org, status="in_progress"),
        make_issue(org, status="settled"),
        services.issue_withdraw(
            issue=make_issue(org, status="submitted"), by=viewer(org.kadis_pupr), reason="x"
        ),
        make_issue(org, unit=org.dinsos, status="submitted"),
    ]
    assert visible(getattr(org, who)) == {i.pk for i in others}


def test_a_person_without_a_role_sees_nothing(org):
    make_issue(org, status="submitted")
    assert visible(org.nobody) == set()


# --- what each persona may do ----------------------------------------------------------------

REPORTER = {
    "draft": {"edit", "submit", "withdraw", "attach"},
    "submitted": {"withdraw", "request", "settle", "attach"},
    "needs_info": {"edit", "submit", "withdraw", "request", "attach"},
    "in_progress": {"withdraw", "request", "attach"},
    "at_secretary": {"withdraw", "request", "attach"},
    "at_head": {"withdraw", "request", "attach"},
    "settled": {"confirm", "reopen", "attach"},
    "closed": set(),
}
ASISTEN = {
    "draft": set(),
    "submitted": {"accept", "return", "merge", "close", "request", "attach"},
    "needs_info": {"request", "attach"},
    "in_progress": {"request", "settle", "escalate", "attach"},
    "at_secretary": {"request", "attach"},
    "at_head": {"request", "attach"},
    "settled": {"attach"},
    "closed": set(),
}
# The Bagian acts for its Asisten in everything but escalation.
BAGIAN = {**ASISTEN, "in_progress": ASISTEN["in_progress"] - {"escalate"}}
NOTHING: dict[str, set[str]] = {state: set() for state in REPORTER}
EXPECTED_ACTIONS = {
    "pupr_operator": REPORTER,
    "kadis_pupr": REPORTER,
    "asisten2": ASISTEN,
    "bagekonomi_staff": BAGIAN,
    "sekda": {**NOTHING, "at_secretary": {"settle", "escalate", "deescalate", "attach"}},
    "walikota": {**NOTHING, "at_head": {"settle", "deescalate", "attach"}},
    "pdam_partner": NOTHING,
    "bpn_partner": NOTHING,
    "dinsos_operator": NOTHING,
    "admin": NOTHING,
    "nobody": NOTHING,
}


def issue_at(org, state):
    if state in ("at_secretary", "at_head"):
        issue = make_issue(org, status="in_progress")
        issue = services.issue_escalate(issue=issue, by=viewer(org.asisten2), reason="Lintas")
        if state == "at_head":
            issue = services.issue_escalate(issue=issue, by=viewer(org.sekda), reason="Lintas")
        return issue
    if state == "closed":
        return services.issue_close(
            issue=make_issue(org, status="submitted"), by=viewer(org.asisten2), reason="x"
        )
    return make_issue(org, status=state)


@pytest.mark.parametrize("state", list(REPORTER))
@pytest.mark.parametrize("who", PERSONAS)
def test_issue_actions_of_each_persona_at_each_step(org, who, state):
    issue = fresh(issue_at(org, state))
    assert issue_actions(viewer(getattr(org, who)), issue) == EXPECTED_ACTIONS[who][state]


def test_when_operators_may_not_submit_only_the_head_of_the_unit_submits(org):
    Policy.objects.update_or_create(pk=1, defaults={"staff_may_submit": False})
    issue = make_issue(org)
    assert "submit" not in issue_actions(viewer(org.pupr_operator), issue)
    assert "edit" in issue_actions(viewer(org.pupr_operator), issue)
    with pytest.raises(services.ActionNotAllowed):
        services.issue_submit(issue=issue, by=viewer(org.pupr_operator))
    assert "submit" in issue_actions(viewer(org.kadis_pupr), issue)


EXPECTED_REQUEST_ACTIONS = {
    "requested": {"pdam_partner": {"accept", "decline", "done", "respond"}},
    "accepted": {"pdam_partner": {"done", "respond"}},
    "declined": {"pdam_partner": {"respond"}},
    "done": {"pdam_partner": {"respond"}},
}
ON_THE_ISSUE = {"pupr_operator", "kadis_pupr", "asisten2", "bagekonomi_staff"}


def request_in(org, state):
    request = make_request(make_issue(org, status="in_progress"), org.pdam, org.pupr_operator)
    pdam = viewer(org.pdam_partner)
    if state == "accepted":
        request = services.request_accept(request=request, by=pdam)
    elif state == "declined":
        request = services.request_decline(request=request, by=pdam, reason="Bukan aset PDAM")
    elif state == "done":
        request = services.request_done(request=request, by=pdam, note="Pipa dipindah")
    return IssueRequest.objects.select_related("issue").get(pk=request.pk)


@pytest.mark.parametrize("state", list(EXPECTED_REQUEST_ACTIONS))
@pytest.mark.parametrize("who", PERSONAS)
def test_request_actions_of_each_persona(org, who, state):
    request = request_in(org, state)
    expected = EXPECTED_REQUEST_ACTIONS[state].get(
        who, {"respond"} if who in ON_THE_ISSUE else set()
    )
    assert request_actions(viewer(getattr(org, who)), request) == expected


@pytest.mark.parametrize("who", ["pdam_partner", "pupr_operator", "asisten2"])
def test_nobody_acts_on_a_request_once_the_issue_is_settled(org, who):
    request = request_in(org, "requested")
    services.issue_settle(issue=request.issue, by=viewer(org.asisten2), resolution="Selesai")
    request = IssueRequest.objects.select_related("issue").get(pk=request.pk)
    assert request_actions(viewer(getattr(org, who)), request) == frozenset()


# --- "Needs my action" -----------------------------------------------------------------------


def test_needing_action_lists_what_each_persona_must_do_next(org):
    draft = make_issue(org)
    submitted = make_issue(org, status="submitted")
    needs_info = make_issue(org, status="needs_info")
    asking_pdam = make_issue(org, status="in_progress")
    make_request(asking_pdam, org.pdam, org.pupr_operator)
    pdam_done = make_issue(org, status="in_progress")
    services.request_done(
        request=make_request(pdam_done, org.pdam, org.pupr_operator),
        by=viewer(org.pdam_partner),
        note="Selesai",
    )
    at_secretary = issue_at(org, "at_secretary")
    at_head = issue_at(org, "at_head")
    settled = make_issue(org, status="settled")
    confirmed = services.issue_confirm(
        issue=make_issue(org, status="settled"), by=viewer(org.pupr_operator)
    )
    closed = make_issue(org, status="closed")
    # Settled while PDAM's request was still open: PDAM has nothing left to do.
    settled_with_open_request = make_issue(org, status="in_progress")
    make_request(settled_with_open_request, org.pdam, org.pupr_operator)
    services.issue_settle(issue=settled_with_open_request, by=viewer(org.asisten2), resolution="x")

    def mine(person):
        return set(
            Issue.objects.filter(needing_action_q(viewer(person))).values_list("pk", flat=True)
        )

    # A submitted issue waits for the Asisten, not for the reporter.
    reporter = {draft.pk, needs_info.pk, settled.pk, settled_with_open_request.pk}
    assert mine(org.pupr_operator) == reporter
    assert mine(org.kadis_pupr) == reporter
    handler = {submitted.pk, asking_pdam.pk, pdam_done.pk}
    assert mine(org.asisten2) == handler
    assert mine(org.bagekonomi_staff) == handler
    assert mine(org.pdam_partner) == {asking_pdam.pk}
    assert mine(org.sekda) == {at_secretary.pk}
    assert mine(org.walikota) == {at_head.pk}
    assert mine(org.dinsos_operator) == set()
    assert mine(org.nobody) == set()
    everyone = set().union(*(mine(getattr(org, p)) for p in PERSONAS))
    assert confirmed.pk not in everyone
    assert closed.pk not in everyone
