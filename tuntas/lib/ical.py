"""Calendar files (RFC 5545): meeting invitations and personal subscription feeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vDuration
from icalendar.enums import STATUS, TRANSP

PRODID = "-//Tuntas//Rapat Koordinasi//ID"
DEFAULT_ZONE = "Asia/Jakarta"
DUE_PREFIX = "Batas waktu: "
FEED_REFRESH = dt.timedelta(hours=1)


@dataclass(frozen=True)
class CalendarEvent:
    """A meeting as calendar apps see it; `uid` stays the same across reschedules."""

    uid: str
    sequence: int
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str
    description: str
    url: str | None
    organizer_email: str
    organizer_name: str
    attendees: list[tuple[str, str]] = field(default_factory=list)  # (email, name)
    status: Literal["CONFIRMED", "CANCELLED"] = "CONFIRMED"


@dataclass(frozen=True)
class CalendarTodo:
    """A deadline, shown in feeds as an all-day event on the due date."""

    uid: str
    summary: str
    due: dt.date
    description: str = ""
    url: str | None = None


def invitation_ics(
    event: CalendarEvent,
    *,
    method: Literal["REQUEST", "CANCEL"],
    zone: str = DEFAULT_ZONE,
) -> bytes:
    """Return an iTIP invitation (REQUEST) or cancellation (CANCEL) for one meeting."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"method must be REQUEST or CANCEL, not {method!r}")
    calendar = _calendar()
    calendar.add("method", method)
    cancelled = method == "CANCEL" or event.status == "CANCELLED"
    vevent = _meeting(event, ZoneInfo(zone), cancelled=cancelled)
    vevent.organizer = vCalAddress.new(event.organizer_email, cn=event.organizer_name or None)
    vevent.attendees = [
        vCalAddress.new(
            email,
            cn=name or None,
            role="REQ-PARTICIPANT",
            partstat="NEEDS-ACTION",
            rsvp=True,
        )
        for email, name in event.attendees
    ]
    calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(
    events: list[CalendarEvent | CalendarTodo], name: str, *, zone: str = DEFAULT_ZONE
) -> bytes:
    """Return a subscription feed of meetings and deadlines (no METHOD: it is not a message)."""
    calendar = _calendar()
    calendar.calendar_name = name  # NAME and X-WR-CALNAME
    calendar.add("x-wr-timezone", zone)
    # RFC 7986 requires VALUE=DURATION here; X-PUBLISHED-TTL is the older hint Outlook reads.
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    tz = ZoneInfo(zone)
    for item in events:
        if isinstance(item, CalendarTodo):
            calendar.add_component(_deadline(item))
        else:
            # Organizer and attendees are left out: with them, some apps offer to send
            # replies from a read-only subscription.
            calendar.add_component(_meeting(item, tz, cancelled=item.status == "CANCELLED"))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _calendar() -> Calendar:
    # Calendar.new() would add a random calendar UID; build it by hand to keep output stable.
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    return calendar


def _meeting(event: CalendarEvent, tz: ZoneInfo, *, cancelled: bool) -> Event:
    for moment in (event.start, event.end):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{event.uid}: start and end must be time-zone aware")
    if event.end < event.start:
        raise ValueError(f"{event.uid}: the meeting ends before it starts")
    return Event.new(
        uid=event.uid,
        sequence=event.sequence,
        stamp=dt.datetime.now(dt.UTC),
        # Local wall time with TZID, so apps show 09.00 WIB whatever zone they run in.
        start=event.start.astimezone(tz),
        end=event.end.astimezone(tz),
        summary=event.summary,
        location=event.location or None,
        description=event.description or None,
        url=event.url or None,
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )


def _deadline(todo: CalendarTodo) -> Event:
    # An all-day VEVENT rather than a VTODO: many calendar apps ignore VTODO in feeds.
    return Event.new(
        uid=todo.uid,
        stamp=dt.datetime.now(dt.UTC),
        start=todo.due,
        end=todo.due + dt.timedelta(days=1),
        summary=DUE_PREFIX + todo.summary,
        description=todo.description or None,
        url=todo.url or None,
        transparency=TRANSP.TRANSPARENT,
    )
