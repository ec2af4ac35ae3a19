"""Who may see a sub kegiatan and who enters its targets and realisation: decided here, once."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tuntas.issues.access import REPORTER_ROLES
from tuntas.org.access import Access, Viewer
from tuntas.org.models import RoleAssignment, Unit
from tuntas.plans.models import SubActivity

Role = RoleAssignment.Role
# The people of a unit who enter its work plan and its monthly realisation.
WRITER_ROLES = (Role.UNIT_HEAD, Role.UNIT_STAFF)


def portfolio_unit_ids(viewer: Viewer) -> frozenset[int]:
    """Return the units coordinated today by the Asisten the viewer acts for (cached)."""
    if not viewer.assistant_ids:
        return frozenset()
    cached: frozenset[int] | None = viewer.__dict__.get("_plans_portfolio_ids")
    if cached is None:
        cached = frozenset(
            Unit.objects.coordinated_by(viewer.assistant_ids, viewer.today).values_list(
                "pk", flat=True
            )
        )
        viewer.__dict__["_plans_portfolio_ids"] = cached
    return cached


def visible_sub_activities(viewer: Viewer) -> QuerySet[SubActivity]:
    """Return the sub kegiatan this viewer may see.

    A unit sees its own; an Asisten and their Bagian those of the units they coordinate today;
    Sekda, Kepala Daerah and the admin all of them; partners only their own unit's.
    """
    if viewer.is_leader or viewer.is_admin:
        return SubActivity.objects.all()
    seen = Q(unit__in=viewer.unit_ids())
    if viewer.assistant_ids:
        # A subquery, so listing costs no extra query.
        seen |= Q(
            unit__in=Unit.objects.coordinated_by(viewer.assistant_ids, viewer.today).values("pk")
        )
    return SubActivity.objects.filter(seen)


def can_write(viewer: Viewer, sub: SubActivity) -> bool:
    """Whether the viewer enters this sub kegiatan's targets and realisation."""
    return viewer.is_admin or sub.unit_id in viewer.unit_ids(*WRITER_ROLES)


def sub_activity_access(viewer: Viewer, sub: SubActivity) -> Access:
    """WRITE for the unit's head and staff and the admin, READ for whoever may see it."""
    if can_write(viewer, sub):
        return Access.WRITE
    if viewer.is_leader or sub.unit_id in viewer.unit_ids():
        return Access.READ
    if sub.unit_id in portfolio_unit_ids(viewer):
        return Access.READ
    return Access.NONE


def is_unit_reporter(viewer: Viewer, sub: SubActivity) -> bool:
    """Whether the viewer reports issues for the sub kegiatan's unit (its head or staff)."""
    return sub.unit_id in viewer.unit_ids(*REPORTER_ROLES)


def is_unit_handler(viewer: Viewer, sub: SubActivity) -> bool:
    """Whether the viewer is the Asisten (or their Bagian) coordinating the unit today."""
    return sub.unit_id in portfolio_unit_ids(viewer)


def can_open_issue(viewer: Viewer, sub: SubActivity) -> bool:
    """Whether the viewer may turn the sub kegiatan's warning into an issue."""
    return is_unit_reporter(viewer, sub) or is_unit_handler(viewer, sub)
