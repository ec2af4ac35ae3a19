"""The weekly digest for leaders: last week's issues and what waits now, short enough for a phone.

The Wali Kota, the Wakil and the Sekda get the city; each Asisten gets the portfolio they
coordinate. The week is the seven days before the Monday the digest goes out (Asia/Jakarta).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tuntas.issues.models import Event, Issue, IssueRequest, Level, Policy
from tuntas.issues.queries import overdue_q, overdue_requests_q
from tuntas.lib.dates import format_date, format_time
from tuntas.lib.workdays import calendar
from tuntas.meetings.models import ActionItem, Meeting
from tuntas.notifications.services import notification_send
from tuntas.org.access import Viewer
from tuntas.org.models import Person, RoleAssignment, Unit
from tuntas.plans.models import SubActivity
from tuntas.plans.services import early_warnings, with_progress_data

Role = RoleAssignment.Role
DIGEST_ROLES = (Role.HEAD, Role.SECRETARY_GENERAL, Role.COORDINATOR)
# Units named on a line before "and N more": a digest is read on a phone.
SHOWN = 5


@dataclass
class Digest:
    """One leader's numbers for one week."""

    scope: str
    week_start: dt.date  # Monday
    week_end: dt.date  # Sunday, inclusive
    new: int = 0
    settled: int = 0
    settled_low: int = 0  # at OPD or Asisten level: the city's headline measure
    escalated: int = 0
    open: int = 0
    overdue: int = 0
    overdue_requests: list[tuple[str, int]] = field(default_factory=list)
    overdue_actions: list[tuple[str, int]] = field(default_factory=list)
    red_subs: list[str] = field(default_factory=list)
    next_meetings: list[tuple[dt.datetime, str]] = field(default_factory=list)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _by_unit(rows: QuerySet, unit_field: str) -> list[tuple[str, int]]:
    """Return (unit short name, count) pairs, the largest first."""
    counted = rows.values(f"{unit_field}__short_name").annotate(n=Count("pk"))
    pairs = [(row[f"{unit_field}__short_name"], row["n"]) for row in counted]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def digest_build(*, viewer: Viewer, now: dt.datetime) -> Digest | None:
    """Return the digest for a leader or an Asisten, or None for anyone else."""
    today = timezone.localdate(now)
    monday = today - dt.timedelta(days=today.weekday() + 7)
    start, end = _midnight(monday), _midnight(monday + dt.timedelta(days=7))
    if viewer.has_role(Role.HEAD, Role.SECRETARY_GENERAL):
        assistants: list[int] | None = None
        scope = _("City-wide")
    elif viewer.has_role(Role.COORDINATOR):
        assistants = sorted(viewer.unit_ids(Role.COORDINATOR))
        names = Unit.objects.filter(pk__in=assistants).order_by("sort_order", "name")
        scope = ", ".join(unit.name for unit in names)
    else:
        return None

    issues = Issue.objects.exclude(status=Issue.Status.DRAFT)
    requests = IssueRequest.objects.filter(issue__status__in=Issue.OPEN_STATUSES)
    actions = ActionItem.objects.filter(status=ActionItem.Status.OPEN, due_on__lt=today)
    meetings = Meeting.objects.filter(
        status__in=[Meeting.Status.PLANNED, Meeting.Status.INVITED],
        starts_at__gte=now,
        starts_at__lt=now + dt.timedelta(days=7),
    )
    subs = SubActivity.objects.filter(year=today.year)
    if assistants is not None:
        issues = issues.filter(coordinator__in=assistants)
        requests = requests.filter(issue__coordinator__in=assistants)
        actions = actions.filter(meeting__coordinator__in=assistants)
        meetings = meetings.filter(coordinator__in=assistants)
        subs = subs.filter(unit__in=Unit.objects.coordinated_by(assistants, today).values("pk"))

    counts = issues.aggregate(
        new=Count("pk", filter=Q(submitted_at__gte=start, submitted_at__lt=end)),
        settled=Count("pk", filter=Q(settled_at__gte=start, settled_at__lt=end)),
        settled_low=Count(
            "pk",
            filter=Q(settled_at__gte=start, settled_at__lt=end, settled_level__lte=Level.ASSISTANT),
        ),
        open=Count("pk", filter=Q(status__in=Issue.OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q(today=today, policy=Policy.current(), cal=calendar())),
    )
    escalated = (
        Event.objects.filter(kind=Event.Kind.ESCALATED, at__gte=start, at__lt=end, issue__in=issues)
        .values("issue")
        .distinct()
        .count()
    )
    red = [
        w.sub
        for w in early_warnings(
            with_progress_data(subs.order_by("unit__sort_order", "code")), today=today
        )
        if w.kind == "red"
    ]
    return Digest(
        scope=scope,
        week_start=monday,
        week_end=monday + dt.timedelta(days=6),
        escalated=escalated,
        overdue_requests=_by_unit(requests.filter(overdue_requests_q(today)), "unit"),
        overdue_actions=_by_unit(actions, "unit"),
        red_subs=[f"{sub.unit.short_name}: {sub.name}" for sub in red],
        next_meetings=list(meetings.order_by("starts_at").values_list("starts_at", "title")),
        **counts,
    )


def _unit_line(pairs: list[tuple[str, int]]) -> str:
    shown = ", ".join(f"{name} {count}" for name, count in pairs[:SHOWN])
    rest = sum(count for _, count in pairs[SHOWN:])
    if rest:
        shown += " " + _("and %(count)d more") % {"count": rest}
    return shown


def digest_text(digest: Digest) -> tuple[str, str]:
    """Return the digest's title and its few lines, in the active language."""
    title = _("Weekly digest for the week of %(date)s") % {"date": format_date(digest.week_start)}
    lines = [
        digest.scope,
        "",
        _(
            "Last week: %(new)d new issues, %(settled)d settled (%(low)d of them at OPD or "
            "Asisten level), %(escalated)d escalated."
        )
        % {
            "new": digest.new,
            "settled": digest.settled,
            "low": digest.settled_low,
            "escalated": digest.escalated,
        },
        _("Open now: %(open)d, of which %(overdue)d past their time limit.")
        % {"open": digest.open, "overdue": digest.overdue},
        _("Overdue requests by asked unit: %(units)s.")
        % {"units": _unit_line(digest.overdue_requests) or _("none")},
        _("Overdue action items by unit: %(units)s.")
        % {"units": _unit_line(digest.overdue_actions) or _("none")},
    ]
    if digest.red_subs:
        lines.append(
            ngettext(
                "%(count)d sub kegiatan in red:",
                "%(count)d sub kegiatan in red:",
                len(digest.red_subs),
            )
            % {"count": len(digest.red_subs)}
        )
        lines += [f"• {name}" for name in digest.red_subs[:SHOWN]]
        if len(digest.red_subs) > SHOWN:
            lines.append("• " + _("and %(count)d more") % {"count": len(digest.red_subs) - SHOWN})
    else:
        lines.append(_("No sub kegiatan in red."))
    if digest.next_meetings:
        lines.append(_("Meetings in the coming week:"))
        lines += [
            f"• {format_date(starts_at)} {format_time(starts_at)}: {title}"
            for starts_at, title in digest.next_meetings
        ]
    else:
        lines.append(_("No meeting planned in the coming week."))
    return title, "\n".join(lines)


def digests_send(*, now: dt.datetime | None = None) -> int:
    """Send each leader and Asisten their weekly digest (by email unless they turned it off)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    people = Person.objects.filter(
        pk__in=RoleAssignment.objects.active(today)
        .filter(role__in=DIGEST_ROLES)
        .values("person_id"),
        is_active=True,
    ).order_by("pk")
    sent = 0
    for person in people:
        digest = digest_build(viewer=Viewer.of(person, today), now=now)
        if digest is None:
            continue
        with translation.override(person.language or settings.LANGUAGE_CODE):
            title, body = digest_text(digest)
        notification_send(
            recipients=[person], kind="digest.weekly", title=title, body=body, url="/"
        )
        sent += 1
    return sent
