"""Who may see an issue and what each person may do with it: decided here, once."""

from __future__ import annotations

from django.db.models import Q

from tuntas.issues.models import Issue, IssueQuerySet, IssueRequest, Level, Policy
from tuntas.org.access import Access, Viewer
from tuntas.org.models import RoleAssignment, Unit

Role = RoleAssignment.Role
MEMBER_ROLES = (Role.UNIT_HEAD, Role.UNIT_STAFF, Role.PARTNER, Role.SECRETARIAT, Role.COORDINATOR)
REPORTER_ROLES = (Role.UNIT_HEAD, Role.UNIT_STAFF)


def _portfolio_ids(viewer: Viewer) -> list[int]:
    if not viewer.assistant_ids:
        return []
    cache = viewer.__dict__.setdefault("_portfolio_ids", None)
    if cache is None:
        cache = list(
            Unit.objects.coordinated_by(viewer.assistant_ids, viewer.today).values_list(
                "pk", flat=True
            )
        )
        viewer.__dict__["_portfolio_ids"] = cache
    return cache


def visible_issues(viewer: Viewer) -> IssueQuerySet:
    """Return the issues this viewer may see.

    A unit sees its own issues and those it is asked to help with; an Asisten (and their Bagian)
    the issues of their portfolio and those involving it; Sekda, Kepala Daerah and the admin
    everything; partners only what involves them. Drafts stay with the reporting unit.
    """
    own_units = viewer.unit_ids(*MEMBER_ROLES)
    # Never submitted (drafts, and drafts withdrawn before submitting) stays with the reporter.
    unsent = Q(submitted_at__isnull=True)
    drafts = unsent & Q(reporting_unit__in=viewer.unit_ids(*REPORTER_ROLES))
    if viewer.is_leader or viewer.is_admin:
        return Issue.objects.filter(~unsent | drafts)
    asked = IssueRequest.objects.filter(unit__in=own_units).values("issue_id")
    seen = Q(reporting_unit__in=own_units) | Q(pk__in=asked)
    if viewer.assistant_ids:
        portfolio = _portfolio_ids(viewer)
        seen |= Q(coordinator__in=viewer.assistant_ids)
        seen |= Q(pk__in=IssueRequest.objects.filter(unit__in=portfolio).values("issue_id"))
    return Issue.objects.filter((seen & ~unsent) | drafts)


def can_see(viewer: Viewer, issue: Issue) -> bool:
    return visible_issues(viewer).filter(pk=issue.pk).exists()


def issue_access(viewer: Viewer, issue: Issue) -> Access:
    """READ for whoever may see the issue (what they may change is in `issue_actions`)."""
    return Access.READ if can_see(viewer, issue) else Access.NONE


def is_reporter(viewer: Viewer, issue: Issue) -> bool:
    return issue.reporting_unit_id in viewer.unit_ids(*REPORTER_ROLES)


def is_handler(viewer: Viewer, issue: Issue) -> bool:
    """Whether the viewer handles the issue at the Asisten level (the Asisten or their Bagian).

    Issues of a unit that no Asisten coordinates are handled by the Sekda.
    """
    if issue.coordinator_id is None:
        return issue.status != Issue.Status.DRAFT and viewer.has_role(Role.SECRETARY_GENERAL)
    return issue.coordinator_id in viewer.assistant_ids


def is_level_owner(viewer: Viewer, issue: Issue) -> bool:
    """Whether the viewer owns the issue at its current level, and so may settle it there."""
    level = issue.level
    if level == Level.UNIT:
        return is_reporter(viewer, issue)
    if level == Level.ASSISTANT:
        return is_handler(viewer, issue)
    if level == Level.SECRETARY:
        return viewer.has_role(Role.SECRETARY_GENERAL)
    return viewer.has_role(Role.HEAD)


def issue_actions(viewer: Viewer, issue: Issue, policy: Policy | None = None) -> frozenset[str]:
    """Return the names of the actions this viewer may take on the issue now."""
    policy = policy or Policy.current()
    S = Issue.Status
    actions: set[str] = set()
    reporter = is_reporter(viewer, issue)
    handler = is_handler(viewer, issue)
    status = issue.status
    if reporter and status in (S.DRAFT, S.NEEDS_INFO):
        actions.add("edit")
        is_head = issue.reporting_unit_id in viewer.unit_ids(Role.UNIT_HEAD)
        if is_head or policy.staff_may_submit:
            actions.add("submit")
    if reporter and (status == S.DRAFT or issue.is_open):
        actions.add("withdraw")
    if handler and status == S.SUBMITTED:
        actions.update({"accept", "return", "merge", "close"})
    if issue.is_open and (reporter or handler):
        actions.add("request")
    if issue.is_open and status != S.NEEDS_INFO and is_level_owner(viewer, issue):
        actions.add("settle")
    if status == S.IN_PROGRESS:
        if issue.level == Level.ASSISTANT and issue.coordinator_id in viewer.unit_ids(
            Role.COORDINATOR
        ):
            actions.add("escalate")
        if issue.level == Level.SECRETARY and viewer.has_role(Role.SECRETARY_GENERAL):
            actions.update({"escalate", "deescalate"})
        if issue.level == Level.HEAD and viewer.has_role(Role.HEAD):
            actions.add("deescalate")
    if reporter and status == S.SETTLED and issue.confirmed_at is None:
        actions.update({"confirm", "reopen"})
    if status != S.CLOSED and (reporter or handler or is_level_owner(viewer, issue)):
        actions.add("attach")
    return frozenset(actions)


def request_actions(viewer: Viewer, request: IssueRequest) -> frozenset[str]:
    """Return what this viewer may do with one request: accept, decline, done, respond."""
    S = IssueRequest.Status
    actions: set[str] = set()
    if not request.issue.is_open:
        return frozenset()
    asked = request.unit_id in viewer.unit_ids(*MEMBER_ROLES)
    if asked and request.status == S.REQUESTED:
        actions.update({"accept", "decline"})
    if asked and request.status in (S.REQUESTED, S.ACCEPTED):
        actions.add("done")
    if asked or is_reporter(viewer, request.issue) or is_handler(viewer, request.issue):
        actions.add("respond")
    return frozenset(actions)


def attachment_access(viewer: Viewer, issue: Issue) -> Access:
    return issue_access(viewer, issue)


def needing_action_q(viewer: Viewer) -> Q:
    """Issues waiting for something this viewer does ("Perlu tindakan saya")."""
    S = Issue.Status
    reporter_units = viewer.unit_ids(*REPORTER_ROLES)
    q = Q(reporting_unit__in=reporter_units) & (
        Q(status__in=[S.DRAFT, S.NEEDS_INFO]) | Q(status=S.SETTLED, confirmed_at__isnull=True)
    )
    asked = IssueRequest.objects.filter(
        unit__in=viewer.unit_ids(*MEMBER_ROLES),
        status__in=[IssueRequest.Status.REQUESTED, IssueRequest.Status.ACCEPTED],
    ).values("issue_id")
    q |= Q(pk__in=asked, status__in=Issue.OPEN_STATUSES)
    if viewer.assistant_ids:
        q |= Q(coordinator__in=viewer.assistant_ids) & (
            Q(status=S.SUBMITTED) | Q(status=S.IN_PROGRESS, level=Level.ASSISTANT)
        )
    if viewer.has_role(Role.SECRETARY_GENERAL):
        q |= Q(status=S.IN_PROGRESS, level=Level.SECRETARY)
        q |= Q(coordinator__isnull=True, status=S.SUBMITTED)
    if viewer.has_role(Role.HEAD):
        q |= Q(status=S.IN_PROGRESS, level=Level.HEAD)
    return q
