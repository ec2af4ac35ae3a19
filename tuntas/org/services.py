"""Workflows of the organisation that span several rows, each in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.lib.concurrency import VersionedModelForm
from tuntas.notifications.services import notification_send
from tuntas.org.models import (
    ChangeLog,
    Government,
    Person,
    RoleAssignment,
    Unit,
    UnitCoordination,
)


def _changes(form: forms.ModelForm) -> dict[str, Any]:
    """Return the changed fields with their new values, as JSON-safe text."""
    return {
        name: str(form.cleaned_data.get(name, ""))
        for name in form.changed_data
        if name not in {"version", "logo"}
    }


def changelog_record(
    *,
    by: Person,
    action: str,
    summary: str,
    unit: Unit | None = None,
    person: Person | None = None,
    changes: dict[str, Any] | None = None,
) -> ChangeLog:
    """Append one entry to the organisation's change log."""
    return ChangeLog.objects.create(
        actor=by,
        action=action,
        unit=unit,
        person=person,
        summary=summary[:300],
        changes=changes or {},
    )


def _save_logged(
    *,
    form: VersionedModelForm,
    by: Person,
    summary: Callable[[Any, bool], str],
    targets: Callable[[Any], dict[str, Any]],
) -> Any:
    """Save a versioned form and log the change in the same transaction; None when stale."""
    creating = form.instance.pk is None
    with transaction.atomic():
        saved = form.save_versioned()
        if saved is None:
            return None
        changelog_record(
            by=by,
            action=ChangeLog.Action.CREATED if creating else ChangeLog.Action.UPDATED,
            summary=summary(saved, creating),
            changes=_changes(form),
            **targets(saved),
        )
    return saved


def unit_save(*, form: VersionedModelForm, by: Person) -> Unit | None:
    """Save a unit form and log it; None when the form turned out stale."""
    return _save_logged(
        form=form,
        by=by,
        summary=lambda unit, creating: (
            (_("Unit %(unit)s created") if creating else _("Unit %(unit)s changed"))
            % {"unit": unit.short_name}
        ),
        targets=lambda unit: {"unit": unit},
    )


def government_save(*, form: VersionedModelForm, by: Person) -> Government | None:
    """Save the government profile (letterhead) and log it."""
    return _save_logged(
        form=form,
        by=by,
        summary=lambda _gov, _creating: _("Government profile changed"),
        targets=lambda _gov: {},
    )


def coordination_add(*, form: forms.ModelForm, by: Person) -> UnitCoordination:
    """Record which Asisten coordinates a unit from a date on, and log it."""
    with transaction.atomic():
        row: UnitCoordination = form.save()
        changelog_record(
            by=by,
            action=ChangeLog.Action.UPDATED,
            unit=row.unit,
            summary=_("Coordinated by %(assistant)s from %(date)s")
            % {"assistant": row.coordinator.name, "date": row.valid_from.strftime("%d/%m/%Y")},
        )
    return row


def person_save(*, form: VersionedModelForm, by: Person) -> Person | None:
    """Save a person form (by the admin or by the person) and log it."""
    if form.instance.pk is None:
        form.instance.set_unusable_password()  # they choose one through the password link
    return _save_logged(
        form=form,
        by=by,
        summary=lambda person, creating: (
            (_("Account %(name)s created") if creating else _("Data of %(name)s changed"))
            % {"name": person.full_name}
        ),
        targets=lambda person: {"person": person},
    )


def assignment_save(*, form: VersionedModelForm, by: Person) -> RoleAssignment | None:
    """Save a role assignment, log it and tell the person about a new role."""
    creating = form.instance.pk is None
    with transaction.atomic():
        assignment = form.save_versioned()
        if assignment is None:
            return None
        assert isinstance(assignment, RoleAssignment)
        text = _("%(role)s%(capacity)s for %(unit)s from %(date)s") % {
            "role": assignment.get_role_display(),
            "capacity": f" ({assignment.get_capacity_display()})"
            if assignment.capacity != RoleAssignment.Capacity.DEFINITIVE
            else "",
            "unit": assignment.unit.name,
            "date": assignment.valid_from.strftime("%d/%m/%Y"),
        }
        changelog_record(
            by=by,
            action=ChangeLog.Action.CREATED if creating else ChangeLog.Action.UPDATED,
            person=assignment.person,
            unit=assignment.unit,
            summary=(_("Role given: %(text)s") if creating else _("Role changed: %(text)s"))
            % {"text": text},
            changes=_changes(form),
        )
        if creating:
            notification_send(
                recipients=[assignment.person],
                kind="org.role_assigned",
                title=_("You have a new role in Tuntas"),
                body=text,
                url="/",
            )
    return assignment


def assignment_end(*, assignment: RoleAssignment, on: dt.date | None, by: Person) -> RoleAssignment:
    """End a role on a date (today by default) and log it."""
    day = on or timezone.localdate()
    with transaction.atomic():
        assignment.valid_until = max(day, assignment.valid_from)
        assignment.version += 1
        assignment.save(update_fields=["valid_until", "version"])
        changelog_record(
            by=by,
            action=ChangeLog.Action.ENDED,
            person=assignment.person,
            unit=assignment.unit,
            summary=_("Role ended on %(date)s: %(role)s, %(unit)s")
            % {
                "date": assignment.valid_until.strftime("%d/%m/%Y"),
                "role": assignment.get_role_display(),
                "unit": assignment.unit.name,
            },
        )
    return assignment
