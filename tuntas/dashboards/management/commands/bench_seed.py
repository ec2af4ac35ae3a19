"""Fill a benchmark database with the demo organisation and many generated issues.

The issues are spread over the last years with the life a real issue has: submitted, triaged,
handled at the Asisten, sometimes escalated to the Sekda or the Wali Kota, settled or closed;
about one request to another unit per two issues (some answered late, some never), the
timeline events of each step, monthly coordination meetings of each Asisten and the action
items they decided. Everything is written with `bulk_create`, in batches, so that 100 000
issues take a few minutes. The generator is seeded: the same arguments give the same data.

Never run it on a database you care about: it refuses the developer's `var/tuntas.sqlite3`
and any other database whose name says neither "bench" nor "test" (`bench/seed.py` picks a
separate one).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from tuntas.issues.models import (
    Category,
    Event,
    Issue,
    IssueRequest,
    Level,
    Policy,
    issues_with_workdays,
)
from tuntas.issues.seed import categories_ensure
from tuntas.lib.workdays import calendar
from tuntas.meetings.models import ActionItem, Meeting
from tuntas.org.models import Government, Person, RoleAssignment, Unit

# Every generated issue's chronology starts with this, so a second run can tell it is done.
MARK = "[data uji beban]"
Role = RoleAssignment.Role
Kind = Event.Kind
T = TypeVar("T")

# How often each demo unit reports, and is asked for help (other units: 2 and 1). PDAM,
# DPMPTSP and BPN are the most waited-on, as in the demo and in the city's experience.
REPORTS = {
    "PUPR": 12,
    "PERKIM": 7,
    "DINKES": 6,
    "DISDIKBUD": 6,
    "DISHUB": 5,
    "DLH": 5,
    "DISTAN": 4,
    "DISDAG": 4,
    "RSUD": 4,
    "DISPARPORA": 3,
    "BPBD": 3,
}
ASKED = {
    "PDAM": 14,
    "DPMPTSP": 12,
    "BPN": 10,
    "PUPR": 8,
    "PLN": 7,
    "BAPPEDA": 4,
    "BKD": 4,
    "PERKIM": 3,
    "DLH": 3,
    "DISHUB": 3,
    "BAG-PBJ": 3,
    "BAG-HUKUM": 2,
}
CATEGORIES = {
    "lahan": 14,
    "perizinan": 16,
    "anggaran": 12,
    "pengadaan": 10,
    "regulasi": 6,
    "utilitas": 12,
    "sdm": 5,
    "data": 5,
    "koordinasi-teknis": 10,
    "sosial": 6,
    "lainnya": 4,
}
URGENCIES = {
    Issue.Urgency.LOW: 20,
    Issue.Urgency.MEDIUM: 50,
    Issue.Urgency.HIGH: 22,
    Issue.Urgency.CRITICAL: 8,
}
PROBLEMS = (
    "menunggu persetujuan",
    "terhambat pemindahan utilitas",
    "belum ada kepastian lahan",
    "dokumen teknis belum lengkap",
    "anggaran belum tersedia di DPA",
    "lelang gagal dan perlu tender ulang",
    "menunggu rekomendasi teknis",
    "keberatan warga belum selesai",
    "data penerima belum sinkron",
    "jadwal pelaksanaan bergeser",
    "penyedia terlambat mobilisasi",
    "izin lingkungan belum terbit",
)
REQUESTS_PER_ISSUE = ((0, 60), (1, 25), (2, 12), (3, 3))  # about one request per two issues


def weighted(rng: random.Random, items: Sequence[T], weights: Sequence[float]) -> T:
    return rng.choices(items, weights, k=1)[0]


def chunks(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(start + size, count))


# --- the organisation the issues are generated for -------------------------------------------


@dataclass
class Org:
    """The units, people and categories read once from the database."""

    reporters: list[Unit]
    reporter_weights: list[int]
    asked: list[Unit]
    asked_weights: list[int]
    coordinator_of: dict[int, int | None]
    short_names: dict[int, str]
    people_of: dict[int, list[int]]
    anyone: int
    chair_of: dict[int, int]
    secretariat_of: dict[int, int]
    kelurahan: list[int]
    categories: list[Category]
    category_weights: list[int]

    @classmethod
    def read(cls, today: dt.date) -> Org:
        units = list(Unit.objects.with_coordinator(today).filter(is_active=True).order_by("pk"))
        coordinator_of: dict[int, int | None] = {u.pk: u.coordinator_id_on for u in units}  # type: ignore[attr-defined]
        reporters = [u for u in units if u.kind in (Unit.Kind.AGENCY, Unit.Kind.DISTRICT)]
        asked = [
            u
            for u in units
            if u.kind
            in (Unit.Kind.AGENCY, Unit.Kind.ENTERPRISE, Unit.Kind.PARTNER, Unit.Kind.SECTION)
        ]
        if len(reporters) < 1 or len(asked) < 2:
            raise CommandError("Load the organisation first (manage.py load_demo).")
        people_of: dict[int, list[int]] = defaultdict(list)
        chair_of: dict[int, int] = {}
        secretariat_person: dict[int, int] = {}
        for row in RoleAssignment.objects.order_by("pk").values("person_id", "unit_id", "role"):
            if row["role"] in (Role.UNIT_HEAD, Role.UNIT_STAFF):
                people_of[row["unit_id"]].append(row["person_id"])
            elif row["role"] == Role.COORDINATOR:
                chair_of.setdefault(row["unit_id"], row["person_id"])
            elif row["role"] == Role.SECRETARIAT:
                secretariat_person.setdefault(row["unit_id"], row["person_id"])

        anyone = Person.objects.order_by("pk").values_list("pk", flat=True).first()
        if anyone is None:
            raise CommandError("Load the organisation first (manage.py load_demo).")
        assistants = [u for u in units if u.kind == Unit.Kind.ASSISTANT]
        secretariat_of: dict[int, int] = {}
        for assistant in assistants:
            sections = [u for u in units if u.parent_id == assistant.pk]
            staffed = [u for u in sections if u.pk in secretariat_person]
            secretariat_of[assistant.pk] = (staffed or sections or [assistant])[0].pk
            chair_of.setdefault(assistant.pk, anyone)
        categories_ensure()
        categories = list(Category.objects.filter(is_active=True).order_by("sort_order", "pk"))
        return cls(
            reporters=reporters,
            reporter_weights=[REPORTS.get(u.short_name, 2) for u in reporters],
            asked=asked,
            asked_weights=[ASKED.get(u.short_name, 1) for u in asked],
            coordinator_of=coordinator_of,
            short_names={u.pk: u.short_name for u in units},
            people_of=dict(people_of),
            anyone=anyone,
            chair_of=chair_of,
            secretariat_of=secretariat_of,
            kelurahan=[u.pk for u in units if u.kind == Unit.Kind.SUBDISTRICT],
            categories=categories,
            category_weights=[CATEGORIES.get(c.code, 5) for c in categories],
        )


# --- the generator ---------------------------------------------------------------------------


@dataclass
class Batch:
    """The rows of one batch of issues, written together."""

    issues: list[Issue] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    requests: list[IssueRequest] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)


@dataclass
class Tally:
    """What was written, as the command reports it."""

    issues: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    levels: Counter[int] = field(default_factory=Counter)
    settled_levels: Counter[int] = field(default_factory=Counter)
    requests: int = 0
    overdue_requests: int = 0
    events: int = 0
    escalations: int = 0
    meetings: int = 0
    action_items: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "issues": self.issues,
            "statuses": dict(sorted(self.statuses.items())),
            "levels": dict(sorted(self.levels.items())),
            "settled_levels": dict(sorted(self.settled_levels.items())),
            "requests": self.requests,
            "overdue_requests": self.overdue_requests,
            "events": self.events,
            "escalations": self.escalations,
            "meetings": self.meetings,
            "action_items": self.action_items,
        }


class Generator:
    """Make issues with a plausible history, ending before `now`."""

    def __init__(self, *, org: Org, now: dt.datetime, years: int, seed: int) -> None:
        self.org = org
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
        self.zone = timezone.get_default_timezone()
        self.now = now
        self.today = timezone.localdate(now, self.zone)
        self.start = self.today - dt.timedelta(days=round(365.25 * years))
        self.policy = Policy.current()
        cal = calendar()
        self.workdays: list[dt.date] = []
        day = self.start - dt.timedelta(days=120)  # first met before the span
        last = self.today + dt.timedelta(days=400)  # due dates after today
        while day <= last:
            if cal.is_working_day(day):
                self.workdays.append(day)
            day += dt.timedelta(days=1)
        first = bisect.bisect_left(self.workdays, self.start)
        before_today = bisect.bisect_left(self.workdays, self.today)
        self.created_days = self.workdays[first:before_today]
        self.limits = {
            Level.ASSISTANT: self.policy.settle_assistant_days,
            Level.SECRETARY: self.policy.settle_secretary_days,
        }
        self.meetings: dict[int, list[Meeting]] = {}
        self.meeting_starts: dict[int, list[dt.datetime]] = {}
        self.merge_targets: list[int] = []
        self.serial = 0
        self.batch = Batch()
        self.current = Issue()
        self.asked_units: set[int] = set()

    # dates and moments

    def add_workdays(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (`day` itself for 0 when it is one)."""
        if count <= 0:
            index = bisect.bisect_left(self.workdays, day)
        else:
            index = bisect.bisect_right(self.workdays, day) + count - 1
        return self.workdays[min(index, len(self.workdays) - 1)]

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.zone)

    def office_time(self, day: dt.date) -> dt.datetime:
        return self.at(day, self.rng.randint(8, 15), self.rng.randrange(0, 60, 5))

    def later(self, moment: dt.datetime, workdays: int) -> dt.datetime:
        """A moment `workdays` working days after `moment` (0: later the same day)."""
        if workdays <= 0:
            return moment + dt.timedelta(minutes=self.rng.randint(10, 150))
        day = self.add_workdays(timezone.localdate(moment, self.zone), workdays)
        return self.office_time(day)

    def span(self, median: float, sigma: float = 0.8) -> int:
        """A handling time in working days (log-normal), at least one."""
        return max(1, round(self.rng.lognormvariate(math.log(median), sigma)))

    # meetings

    def meetings_build(self) -> list[Meeting]:
        """The monthly coordination meeting of each Asisten (second Tuesday, 09.00)."""
        made: list[Meeting] = []
        for assistant_id, secretariat_id in self.org.secretariat_of.items():
            name = self.org.short_names[assistant_id]
            month = self.start.replace(day=1)
            while month <= self.today:
                tuesday = month + dt.timedelta(days=(1 - month.weekday()) % 7 + 7)
                starts = self.at(self.add_workdays(tuesday, 0), 9)
                ends = starts + dt.timedelta(hours=2)
                if starts >= self.start_moment and ends + dt.timedelta(hours=3) < self.now:
                    made.append(
                        Meeting(
                            coordinator_id=assistant_id,
                            secretariat_id=secretariat_id,
                            chair_id=self.org.chair_of[assistant_id],
                            title=f"Rapat Koordinasi {name} {starts:%m/%Y}",
                            starts_at=starts,
                            ends_at=ends,
                            place="Ruang Rapat Balaikota",
                            status=Meeting.Status.FINAL,
                            finalised_at=ends + dt.timedelta(hours=3),
                            finalised_by_id=self.org.chair_of[assistant_id],
                            created_at=starts - dt.timedelta(days=7),
                        )
                    )
                month = (month + dt.timedelta(days=32)).replace(day=1)
        return made

    @property
    def start_moment(self) -> dt.datetime:
        return self.at(self.start, 0)

    def meetings_index(self, meetings: list[Meeting]) -> None:
        by_coordinator: dict[int, list[Meeting]] = defaultdict(list)
        for meeting in sorted(meetings, key=lambda m: m.starts_at):
            by_coordinator[meeting.coordinator_id].append(meeting)
        self.meetings = dict(by_coordinator)
        self.meeting_starts = {k: [m.starts_at for m in v] for k, v in by_coordinator.items()}

    def meeting_between(
        self, coordinator_id: int | None, after: dt.datetime, before: dt.datetime
    ) -> Meeting | None:
        if coordinator_id is None or coordinator_id not in self.meetings:
            return None
        starts = self.meeting_starts[coordinator_id]
        index = bisect.bisect_right(starts, after)
        if index < len(starts) and starts[index] < before:
            return self.meetings[coordinator_id][index]
        return None

    # one issue

    def issue(self, batch: Batch) -> None:
        rng, org, now = self.rng, self.org, self.now
        self.serial += 1
        unit = weighted(rng, org.reporters, org.reporter_weights)
        category = weighted(rng, org.categories, org.category_weights)
        reporter = rng.choice(org.people_of.get(unit.pk) or [org.anyone])
        coordinator_id = org.coordinator_of.get(unit.pk)
        handler = org.chair_of.get(coordinator_id or 0, org.anyone)
        # More issues lately: the system is used more each year.
        day = self.created_days[int(len(self.created_days) * rng.random() ** 0.8)]
        created = self.office_time(day)
        problem = rng.choice(PROBLEMS)
        first_met = day - dt.timedelta(days=min(int(rng.expovariate(1 / 10)), 110))
        issue = Issue(
            title=f"{category.name}: {problem} ({unit.short_name} #{self.serial})",
            chronology=(
                f"{MARK} Kendala {category.name.lower()} ditemukan pada {first_met:%d-%m-%Y} "
                f"saat pelaksanaan kegiatan {unit.short_name}: {problem}."
            ),
            category_id=category.pk,
            urgency=weighted(rng, list(URGENCIES), list(URGENCIES.values())),
            first_met_on=first_met,
            impact="Target fisik bulan berjalan berpotensi tidak tercapai.",
            location_id=rng.choice(org.kelurahan) if org.kelurahan and rng.random() < 0.4 else None,
            reporting_unit_id=unit.pk,
            reported_by_id=reporter,
            coordinator_id=None,
            status=Issue.Status.DRAFT,
            level=Level.UNIT,
            created_at=created,
        )
        batch.issues.append(issue)
        self.batch, self.current = batch, issue
        event = self.event
        event(Kind.CREATED, created, reporter, unit_id=unit.pk)
        submitted = self.later(created, 0 if rng.random() < 0.6 else rng.randint(1, 2))
        if submitted >= now or rng.random() < 0.01:
            if rng.random() < 0.25 and submitted < now:  # a draft set aside
                self.close(issue, Issue.Closure.WITHDRAWN, submitted, reporter)
            return
        issue.status = Issue.Status.SUBMITTED
        issue.submitted_at = issue.level_since = submitted
        issue.coordinator_id = coordinator_id
        event(
            Kind.SUBMITTED,
            submitted,
            reporter,
            coordinator=org.short_names.get(coordinator_id or 0),
        )

        triaged = self.later(submitted, rng.choice((0, 1, 1, 2, 3)))
        outcome = rng.random()
        if outcome < 0.07:  # settled by the unit itself before triage
            self.settle(issue, self.later(submitted, rng.randint(1, 6)), reporter)
            return
        if triaged >= now:
            return
        if outcome < 0.11:
            self.close(issue, Issue.Closure.NOT_RELEVANT, triaged, handler)
            return
        if outcome < 0.13 and self.merge_targets:
            self.close(issue, Issue.Closure.MERGED, triaged, handler)
            return
        if outcome < 0.14:
            self.close(issue, Issue.Closure.WITHDRAWN, triaged, reporter)
            return
        if outcome < 0.18:  # more information asked first
            issue.status = Issue.Status.NEEDS_INFO
            event(Kind.RETURNED, triaged, handler)
            resubmitted = self.later(triaged, rng.randint(1, 5))
            if resubmitted >= now:
                return
            issue.status = Issue.Status.SUBMITTED
            issue.submitted_at = issue.level_since = resubmitted
            event(Kind.SUBMITTED, resubmitted, reporter)
            triaged = self.later(resubmitted, rng.randint(0, 2))
            if triaged >= now:
                return
        issue.status = Issue.Status.IN_PROGRESS
        issue.level = Level.ASSISTANT
        issue.accepted_at = issue.level_since = triaged
        event(Kind.ACCEPTED, triaged, handler)
        self.handle(issue, batch, handler)

    def event(
        self, kind: str, at: dt.datetime, actor: int | None, unit_id: int | None = None, **data: Any
    ) -> None:
        """Add a timeline entry to the issue being made."""
        self.batch.events.append(
            Event(issue=self.current, kind=kind, actor_id=actor, unit_id=unit_id, at=at, data=data)
        )

    def handle(self, issue: Issue, batch: Batch, handler: int) -> None:
        """Handle the accepted issue level by level until it is settled, or until now."""
        rng, now, event = self.rng, self.now, self.event
        stuck = 5 if rng.random() < 0.04 else 1  # a few drag on for months
        end: dt.datetime | None = None
        while True:
            since = issue.level_since
            assert since is not None
            limit = self.limits.get(Level(issue.level))
            escalate = issue.level < Level.HEAD and rng.random() < (
                0.16 if issue.level == Level.ASSISTANT else 0.3
            )
            if escalate and limit:
                taken = limit + rng.randint(1, 6)
            else:
                median = {Level.ASSISTANT: 7.0, Level.SECRETARY: 9.0, Level.HEAD: 12.0}
                taken = self.span(median[Level(issue.level)]) * stuck
            ends = self.later(since, taken)
            if limit:
                due = self.add_workdays(timezone.localdate(since, self.zone), limit)
                proposed = self.at(self.add_workdays(due, 1), 7)
                if proposed < min(ends, now):
                    issue.escalation_proposed_at = proposed
                    event(Kind.ESCALATION_PROPOSED, proposed, None, due=due.isoformat())
            if ends >= now:
                break
            if not escalate:
                end = ends
                if rng.random() < 0.02:
                    self.close(issue, Issue.Closure.NOT_RELEVANT, ends, handler)
                else:
                    self.settle(issue, ends, handler)
                break
            event(
                Kind.ESCALATED,
                ends,
                handler,
                from_level=issue.level,
                to_level=issue.level + 1,
                automatic=False,
            )
            issue.level += 1
            issue.level_since = ends
            issue.escalation_proposed_at = None
        self.requests(issue, batch, end)
        self.action_items(issue, batch, end)

    def settle(self, issue: Issue, at: dt.datetime, by: int) -> None:
        if at >= self.now:
            return
        event = self.event
        issue.status = Issue.Status.SETTLED
        issue.settled_at = at
        issue.settled_level = issue.level
        issue.resolution = "Disepakati dalam rapat koordinasi; pelaksanaan dilanjutkan."
        event(Kind.SETTLED, at, by, level=issue.level)
        confirmed = self.later(at, self.rng.randint(1, 5))
        if self.rng.random() < 0.7 and confirmed < self.now:
            issue.confirmed_at = confirmed
            event(Kind.CONFIRMED, confirmed, issue.reported_by_id)

    def close(self, issue: Issue, closure: str, at: dt.datetime, by: int) -> None:
        event = self.event
        issue.status = Issue.Status.CLOSED
        issue.closure = closure
        issue.closed_at = at
        issue.closure_note = "Ditutup saat penelaahan."
        if closure == Issue.Closure.MERGED:
            issue.merged_into_id = self.rng.choice(self.merge_targets)
            event(Kind.MERGED, at, by, into=f"PMS-{issue.merged_into_id:06d}")
        else:
            event(Kind.CLOSED, at, by, closure=closure)

    def requests(self, issue: Issue, batch: Batch, end: dt.datetime | None) -> None:
        rng, now = self.rng, self.now
        accepted = issue.accepted_at
        assert accepted is not None
        count = weighted(
            rng, [n for n, _w in REQUESTS_PER_ISSUE], [w for _n, w in REQUESTS_PER_ISSUE]
        )
        asked = self.asked_units = set()
        for _ in range(count):
            unit = weighted(rng, self.org.asked, self.org.asked_weights)
            if unit.pk == issue.reporting_unit_id or unit.pk in asked:
                continue
            asked.add(unit.pk)
            created = self.later(accepted, rng.randint(0, 3))
            if created >= now or (end is not None and created >= end):
                continue
            day = timezone.localdate(created, self.zone)
            request = IssueRequest(
                issue=issue,
                unit_id=unit.pk,
                need=f"Mohon dukungan {unit.short_name} untuk penyelesaian kendala ini.",
                due_on=self.add_workdays(day, rng.randint(5, 20)),
                respond_by=self.add_workdays(day, self.policy.response_days),
                created_by_id=issue.reported_by_id,
                created_at=created,
            )
            slow = rng.random() < 0.2
            answered = self.later(created, self.span(12.0 if slow else 3.0, 0.7))
            # Some requests are never answered: overdue while the issue is open.
            if answered < now and rng.random() < 0.92:
                request.answered_at = answered
                if rng.random() < 0.07:
                    request.status = IssueRequest.Status.DECLINED
                    request.decline_reason = "Bukan kewenangan unit kami."
                else:
                    request.status = IssueRequest.Status.ACCEPTED
                    done = self.later(answered, self.span(10.0 if slow else 5.0, 0.7))
                    if done < now and rng.random() < 0.95:
                        request.status = IssueRequest.Status.DONE
                        request.done_at = done
                        request.done_note = "Telah dilaksanakan."
            batch.requests.append(request)
            self.event(
                Kind.REQUEST_ADDED,
                created,
                issue.reported_by_id,
                unit_id=unit.pk,
                due_on=request.due_on.isoformat(),
            )

    def action_items(self, issue: Issue, batch: Batch, end: dt.datetime | None) -> None:
        rng = self.rng
        accepted = issue.accepted_at
        assert accepted is not None
        meeting = self.meeting_between(issue.coordinator_id, accepted, end or self.now)
        if meeting is None or rng.random() < 0.45:
            return
        finalised = meeting.finalised_at
        assert finalised is not None
        owners = [issue.reporting_unit_id, *self.asked_units]
        for _ in range(rng.choice((1, 1, 2))):
            due_on = timezone.localdate(meeting.starts_at, self.zone) + dt.timedelta(
                days=rng.randint(10, 30)
            )
            item = ActionItem(
                meeting=meeting,
                issue=issue,
                unit_id=rng.choice(owners),
                description="Menindaklanjuti keputusan rapat koordinasi sesuai kesepakatan.",
                due_on=due_on,
                created_at=finalised,
            )
            done = self.later(finalised, self.span(10.0, 0.8))
            if done < self.now and rng.random() < 0.93:
                item.status = ActionItem.Status.DONE
                item.done_at = done
                item.done_note = "Selesai, bukti terlampir."
                verified = self.later(done, rng.randint(1, 5))
                if verified < self.now and rng.random() < 0.8:
                    item.status = ActionItem.Status.VERIFIED
                    item.verified_at = verified
                    item.verified_by_id = meeting.chair_id
            batch.action_items.append(item)


# --- writing ---------------------------------------------------------------------------------


def refuse_precious_database() -> None:
    """Stop unless the database is clearly one for benchmarks or tests."""
    name = str(connection.settings_dict.get("NAME") or "")
    if name.startswith(("file:", ":memory:")):
        return  # an in-memory test database
    developer = Path(settings.BASE_DIR) / "var" / "tuntas.sqlite3"
    if connection.vendor == "sqlite" and Path(name).resolve() == developer.resolve():
        raise CommandError(
            f"Refusing to fill the developer database {name}: use bench/seed.py "
            "(or SQLITE_PATH=var/bench/….sqlite3)."
        )
    if "bench" not in Path(name).name and "test" not in Path(name).name:
        raise CommandError(
            f"Refusing to fill database {name!r}: its name must contain 'bench' (or 'test')."
        )


def bench_seed(
    *, issues: int, years: int = 3, seed: int = 2026, batch_size: int = 2000
) -> dict[str, Any]:
    """Add `issues` generated issues (with their requests, events, meetings, action items)."""
    refuse_precious_database()
    now = timezone.now().replace(microsecond=0)
    org = Org.read(timezone.localdate(now))
    gen = Generator(org=org, now=now, years=years, seed=seed)
    tally = Tally()
    cal = calendar()
    gen.merge_targets = list(
        Issue.objects.filter(submitted_at__isnull=False).values_list("pk", flat=True)[:5000]
    )
    with transaction.atomic():
        meetings = Meeting.objects.bulk_create(gen.meetings_build(), batch_size=500)
    gen.meetings_index(meetings)
    tally.meetings = len(meetings)
    overdue_on = gen.today
    for part in chunks(issues, batch_size):
        batch = Batch()
        for _ in part:
            gen.issue(batch)
        with transaction.atomic():
            Issue.objects.bulk_create(issues_with_workdays(batch.issues, cal), batch_size=500)
            IssueRequest.objects.bulk_create(batch.requests, batch_size=500)
            Event.objects.bulk_create(batch.events, batch_size=1000)
            ActionItem.objects.bulk_create(batch.action_items, batch_size=500)
        for issue in batch.issues:
            tally.statuses[str(issue.status)] += 1
            tally.levels[int(issue.level)] += 1
            if issue.settled_level:
                tally.settled_levels[int(issue.settled_level)] += 1
            if issue.submitted_at is not None and len(gen.merge_targets) < 20000:
                gen.merge_targets.append(issue.pk)
        tally.issues += len(batch.issues)
        tally.requests += len(batch.requests)
        tally.overdue_requests += sum(
            1 for r in batch.requests if r.issue.is_open and r.is_overdue(overdue_on)
        )
        tally.events += len(batch.events)
        tally.escalations += sum(1 for e in batch.events if e.kind == Kind.ESCALATED)
        tally.action_items += len(batch.action_items)
    # Measure the steady state: PostgreSQL's autovacuum would analyze the new rows soon after,
    # and on SQLite the scheduler's nightly `database_statistics` job does.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return tally.as_dict()


class Command(BaseCommand):
    help = (
        "Isi basis data uji beban: organisasi contoh Payakumbuh ditambah banyak permasalahan "
        "buatan (dengan permintaan, linimasa, rapat dan RTL). Jangan dipakai di basis data asli."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--issues", type=int, default=100_000, help="How many issues.")
        parser.add_argument("--years", type=int, default=3, help="Spread over this many years.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument("--batch", type=int, default=2000, help="Issues per transaction.")
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Do not load the Payakumbuh demo first (the organisation must exist).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when generated issues are already there.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_precious_database()
        if options["if_empty"] and Issue.objects.filter(chronology__startswith=MARK).exists():
            self.stdout.write("Generated issues already present: nothing to do.")
            return
        if not options["no_demo"] and Government.current() is None:
            call_command("load_demo", force=True, verbosity=0, stdout=self.stdout)
        counts = bench_seed(
            issues=options["issues"],
            years=options["years"],
            seed=options["seed"],
            batch_size=options["batch"],
        )
        for name, value in counts.items():
            self.stdout.write(f"{name}: {value}")
