"""Who may see and who may change what: one decision per object kind, reused by every app."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from tuntas.org.models import Government, Person, RoleAssignment, Unit, UnitQuerySet

Role = RoleAssignment.Role
M = TypeVar("M", bound=Model)


class Access(enum.IntEnum):
    """How far a person may go with one object."""

    NONE = 0
    READ = 1
    WRITE = 2


# Roles that belong to the government itself (everyone but partners).
INTERNAL_ROLES = frozenset(
    {
        Role.HEAD,
        Role.SECRETARY_GENERAL,
        Role.COORDINATOR,
        Role.SECRETARIAT,
        Role.UNIT_HEAD,
        Role.UNIT_STAFF,
        Role.ADMIN,
    }
)


@dataclass
class Viewer:
    """A person with the role assignments in force today."""

    person: Person
    assignments: list[RoleAssignment] = field(default_factory=list)
    today: dt.date = field(default_factory=timezone.localdate)

    @classmethod
    def of(cls, person: Person, on: dt.date | None = None) -> Viewer:
        day = on or timezone.localdate()
        rows = list(
            RoleAssignment.objects.active(day)
            .filter(person=person)
            .select_related("unit", "unit__parent")
            .order_by("unit__sort_order", "unit__name", "role")
        )
        return cls(person=person, assignments=rows, today=day)

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(a.role for a in self.assignments)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def unit_ids(self, *roles: str) -> frozenset[int]:
        """Return the ids of units where the person holds any of the roles (any role if none)."""
        return frozenset(a.unit_id for a in self.assignments if not roles or a.role in roles)

    @cached_property
    def units(self) -> list[Unit]:
        seen: dict[int, Unit] = {}
        for a in self.assignments:
            seen.setdefault(a.unit_id, a.unit)
        return list(seen.values())

    @cached_property
    def is_admin(self) -> bool:
        return self.person.is_superuser or Role.ADMIN in self.roles

    @cached_property
    def is_internal(self) -> bool:
        """Whether the person works for the government (not only for a partner)."""
        return self.is_admin or bool(self.roles & INTERNAL_ROLES)

    @cached_property
    def assistant_ids(self) -> frozenset[int]:
        """Return the Asisten units this person acts for: as Asisten or as their Bagian staff."""
        ids = set(self.unit_ids(Role.COORDINATOR))
        for a in self.assignments:
            if (
                a.role == Role.SECRETARIAT
                and a.unit.parent
                and a.unit.parent.kind == Unit.Kind.ASSISTANT
            ):
                ids.add(a.unit.parent_id)  # type: ignore[arg-type]
        return frozenset(ids)

    @cached_property
    def is_leader(self) -> bool:
        """Whether the person sees the whole city (Kepala Daerah, Wakil, Sekda)."""
        return self.has_role(Role.HEAD, Role.SECRETARY_GENERAL)


def viewer_for(request: HttpRequest) -> Viewer:
    """Return the viewer of this request, computed once per request."""
    cached = getattr(request, "_tuntas_viewer", None)
    if cached is None:
        cached = Viewer.of(request.user)  # type: ignore[arg-type]
        request._tuntas_viewer = cached  # type: ignore[attr-defined]
    return cached


def require(access: Access, need: Access) -> None:
    """Raise 404 for what the person may not see and 403 for what they may see but not change."""
    if access < Access.READ:
        raise Http404
    if access < need:
        raise PermissionDenied


def get_for_viewer(
    viewer: Viewer,
    queryset: QuerySet[M],
    pk: object,
    decide: Callable[[Viewer, M], Access],
    need: Access = Access.READ,
) -> tuple[M, Access]:
    """Fetch one object, decide the viewer's access with the kind's rule and enforce it."""
    try:
        obj = queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    access = decide(viewer, obj)
    require(access, need)
    return obj, access


# --- Organisation: the rules for each object kind -------------------------------------------


def government_access(viewer: Viewer, government: Government | None = None) -> Access:
    """Everyone who works in Tuntas may read the letterhead; only the admin changes it."""
    if viewer.is_admin:
        return Access.WRITE
    return Access.READ if viewer.assignments else Access.NONE


def unit_access(viewer: Viewer, unit: Unit) -> Access:
    """Staff read the whole organisation, partners only their own units; the admin writes."""
    if viewer.is_admin:
        return Access.WRITE
    if viewer.is_internal or unit.pk in viewer.unit_ids():
        return Access.READ
    return Access.NONE


def person_access(viewer: Viewer, person: Person, *, person_unit_ids: Iterable[int] = ()) -> Access:
    """Internal staff read the directory; partners read people of their own units and themselves."""
    if viewer.is_admin:
        return Access.WRITE
    if person.pk == viewer.person.pk:
        return Access.READ
    if viewer.is_internal:
        return Access.READ
    if viewer.unit_ids() & set(person_unit_ids):
        return Access.READ
    return Access.NONE


def visible_units(viewer: Viewer) -> UnitQuerySet:
    """Return the units this viewer may see in lists."""
    if viewer.is_internal:
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=viewer.unit_ids())


def visible_people(viewer: Viewer) -> QuerySet[Person]:
    """Return the people this viewer may see in lists."""
    if viewer.is_internal:
        return Person.objects.all()
    colleagues = RoleAssignment.objects.active(viewer.today).filter(unit_id__in=viewer.unit_ids())
    return Person.objects.filter(Q(pk=viewer.person.pk) | Q(pk__in=colleagues.values("person_id")))
