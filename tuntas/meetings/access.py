"""Who may see a meeting or an action item, and who may run, answer or follow it up."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tuntas.issues.access import MEMBER_ROLES
from tuntas.meetings.models import ActionItem, ActionItemQuerySet, Invitation, Meeting
from tuntas.org.access import Access, Viewer
from tuntas.org.models import RoleAssignment

Role = RoleAssignment.Role


def visible_meetings(viewer: Viewer) -> QuerySet[Meeting]:
    """Meetings of the viewer's Asisten, meetings their units are invited to; leaders see all."""
    if viewer.is_leader or viewer.is_admin:
        return Meeting.objects.all()
    units = viewer.unit_ids(*MEMBER_ROLES)
    return Meeting.objects.filter(
        Q(coordinator__in=viewer.assistant_ids)
        | Q(secretariat__in=units)
        | Q(pk__in=Invitation.objects.filter(unit__in=units).values("meeting_id"))
    )


def runs_meeting(viewer: Viewer, meeting: Meeting) -> bool:
    """The Asisten and their Bagian prepare, run and write up the meeting."""
    return (
        meeting.coordinator_id in viewer.assistant_ids
        or meeting.secretariat_id in viewer.unit_ids(Role.SECRETARIAT)
    )


def meeting_access(viewer: Viewer, meeting: Meeting) -> Access:
    if runs_meeting(viewer, meeting):
        return Access.WRITE
    if visible_meetings(viewer).filter(pk=meeting.pk).exists():
        return Access.READ
    return Access.NONE


def visible_action_items(viewer: Viewer) -> ActionItemQuerySet:
    """A unit's own action items, those of the Asisten's meetings; leaders see all."""
    if viewer.is_leader or viewer.is_admin:
        return ActionItem.objects.all()
    units = viewer.unit_ids(*MEMBER_ROLES)
    return ActionItem.objects.filter(
        Q(unit__in=units)
        | Q(issue__reporting_unit__in=units)
        | Q(meeting__coordinator__in=viewer.assistant_ids)
        | Q(meeting__secretariat__in=viewer.unit_ids(Role.SECRETARIAT))
    )


def action_item_actions(viewer: Viewer, item: ActionItem) -> frozenset[str]:
    """What the viewer may do: the owner unit updates and reports done; the secretariat verifies."""
    actions: set[str] = set()
    owner = item.unit_id in viewer.unit_ids(*MEMBER_ROLES)
    runner = runs_meeting(viewer, item.meeting)
    if item.status == ActionItem.Status.OPEN and owner:
        actions.update({"progress", "done"})
    if item.status == ActionItem.Status.DONE and runner:
        actions.update({"verify", "reopen"})
    return frozenset(actions)


def action_item_access(viewer: Viewer, item: ActionItem) -> Access:
    if visible_action_items(viewer).filter(pk=item.pk).exists():
        return Access.READ
    return Access.NONE
