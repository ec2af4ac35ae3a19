"""Plain factory functions for issue tests: every state is reached through the services."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.utils import timezone

from tuntas.issues import services
from tuntas.issues.models import Category, Event, Issue, IssueRequest
from tuntas.notifications.models import Notification
from tuntas.org.access import Viewer
from tuntas.org.models import Person, RoleAssignment, Unit
from tuntas.testing.personas import Org, make_person

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")

# The states make_issue can reach, in the order the workflow reaches them.
STATUSES = ("draft", "submitted", "needs_info", "in_progress", "settled", "closed")


def at(day: dt.date | str, hour: int = 9, minute: int = 0) -> dt.datetime:
    """Return a moment on a date in Payakumbuh (WIB), for time_machine.travel."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


def viewer(person: Person) -> Viewer:
    return Viewer.of(person)


def default_reporter(org: Org, unit: Unit) -> Person:
    reporters = {org.pupr.pk: org.pupr_operator, org.dinsos.pk: org.dinsos_operator}
    if unit.pk not in reporters:
        raise ValueError(f"give the reporter of {unit.short_name}")
    return reporters[unit.pk]


def make_asisten1(org: Org) -> Person:
    """Add the Asisten I (coordinator of DINSOS), whom the shared personas leave out."""
    return make_person("asisten1", unit=org.asisten1_unit, role=RoleAssignment.Role.COORDINATOR)


def make_issue(
    org: Org,
    *,
    unit: Unit | None = None,
    reporter: Person | None = None,
    status: str = "draft",
    handler: Person | None = None,
    title: str = "Pipa PDAM menghalangi pelebaran Jl. Soekarno-Hatta",
    category: str = "utilitas",
    **fields: Any,
) -> Issue:
    """Create an issue and walk it through the services to the status asked for.

    "in_progress" is accepted at Asisten level by `handler` (Asisten II by default),
    "settled" is then settled there, "needs_info" is returned with a question and
    "closed" is withdrawn by the reporter.
    """
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    unit = unit or org.pupr
    reporter = reporter or default_reporter(org, unit)
    handler = handler or org.asisten2
    fields.setdefault("chronology", "Pipa transmisi PDAM berada di dalam rencana badan jalan.")
    fields.setdefault("first_met_on", timezone.localdate() - dt.timedelta(days=7))
    issue = services.issue_create(
        issue=Issue(
            title=title,
            category=Category.objects.get(code=category),
            reporting_unit=unit,
            **fields,
        ),
        by=viewer(reporter),
    )
    if status == "draft":
        return issue
    if status == "closed":
        return services.issue_withdraw(issue=issue, by=viewer(reporter), reason="Sudah teratasi")
    issue = services.issue_submit(issue=issue, by=viewer(reporter))
    if status == "needs_info":
        return services.issue_return(
            issue=issue, by=viewer(handler), question="Lampirkan foto lokasi."
        )
    if status in ("in_progress", "settled"):
        issue = services.issue_accept(issue=issue, by=viewer(handler))
    if status == "settled":
        issue = services.issue_settle(
            issue=issue, by=viewer(handler), resolution="PDAM memindahkan pipa."
        )
    return issue


def make_request(
    issue: Issue,
    unit: Unit,
    by: Person,
    *,
    need: str = "Pemindahan pipa transmisi sepanjang 120 m.",
    due_on: dt.date | None = None,
) -> IssueRequest:
    """Ask a unit for help on the issue through the service (due in two weeks by default)."""
    return services.request_create(
        issue=issue,
        by=viewer(by),
        unit=unit,
        need=need,
        due_on=due_on or timezone.localdate() + dt.timedelta(days=14),
    )


def fresh(issue: Issue) -> Issue:
    return Issue.objects.get(pk=issue.pk)


def event_kinds(issue: Issue) -> list[str]:
    return list(Event.objects.filter(issue=issue).order_by("pk").values_list("kind", flat=True))


def notified(kind: str) -> set[str]:
    """Return the usernames told about something of this kind (e.g. "issues.submitted")."""
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))
