"""A small fixed city for the measures tests: every number in docs/measures.md worked by hand.

Rows are written straight to the database with exact moments (the services would stamp "now"),
so that each issue, request and action item lands on the day a test needs. Moments are in WIB;
several sit late in the evening or just after midnight, where the UTC date differs from the
local one.

The calendar of May 2026 (Asia/Jakarta), with the overrides `calendar_overrides` adds:

    Fri  1 May  Hari Buruh (holiday)          Sat 16 May  working Saturday (local override)
    Thu 14 May  Kenaikan Yesus Kristus        Tue 19 May  local day off (override)
    Fri 15 May  cuti bersama                  Wed 27 May  Idul Adha
    Mon  1 Jun  Hari Lahir Pancasila          Thu 28 May  cuti bersama

so the working days of May are 4-8, 11-13, 16, 18, 20-22, 25, 26 and 29 (16 days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from tuntas.issues.models import Category, Issue, IssueRequest, Level
from tuntas.meetings.models import ActionItem, Meeting
from tuntas.org.models import Unit, WorkdayOverride
from tuntas.plans.models import MonthlyTarget, Realisation, SubActivity
from tuntas.testing.personas import Org

WIB = ZoneInfo("Asia/Jakarta")
# Tuesday 2 June 2026, 10.00 WIB: the clock of the tests, after the period of May.
NOW = dt.datetime(2026, 6, 2, 10, 0, tzinfo=WIB)
TODAY = NOW.date()
MAY = (dt.date(2026, 5, 1), dt.date(2026, 5, 31))
APRIL_MAY = (dt.date(2026, 4, 1), dt.date(2026, 5, 31))
S = Issue.Status


def at(day: str, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment in Payakumbuh: at("2026-05-31", 23) is 16.00 UTC the same day."""
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=WIB)


def calendar_overrides() -> None:
    WorkdayOverride.objects.create(
        date=dt.date(2026, 5, 16), kind="working_day", name="Hari kerja pengganti"
    )
    WorkdayOverride.objects.create(
        date=dt.date(2026, 5, 19), kind="day_off", name="Libur daerah (contoh)"
    )


@dataclass
class City:
    """The issues, requests and action items by the letters the tests and the docs use."""

    issues: dict[str, Issue] = field(default_factory=dict)
    requests: dict[str, IssueRequest] = field(default_factory=dict)
    items: dict[str, ActionItem] = field(default_factory=dict)
    subs: dict[str, SubActivity] = field(default_factory=dict)


def make_issue(
    org: Org,
    *,
    submitted: dt.datetime | None,
    first_met: str,
    unit: Unit | None = None,
    category: str = "utilitas",
    settled: dt.datetime | None = None,
    level: int | None = None,
    closed: dt.datetime | None = None,
    closure: str = "",
    merged_into: Issue | None = None,
    title: str = "Permasalahan",
) -> Issue:
    unit = unit or org.pupr
    dinsos = unit.pk == org.dinsos.pk
    if settled:
        status = S.SETTLED
    elif closed:
        status = S.CLOSED
    elif submitted:
        status = S.IN_PROGRESS
    else:
        status = S.DRAFT
    return Issue.objects.create(
        title=title,
        chronology="Kronologi.",
        category=Category.objects.get(code=category),
        first_met_on=dt.date.fromisoformat(first_met),
        reporting_unit=unit,
        reported_by=org.dinsos_operator if dinsos else org.pupr_operator,
        coordinator=None if not submitted else (org.asisten1_unit if dinsos else org.asisten2_unit),
        status=status,
        level=level or (Level.ASSISTANT if submitted else Level.UNIT),
        created_at=submitted or at("2026-05-02"),
        submitted_at=submitted,
        settled_at=settled,
        settled_level=level if settled else None,
        closed_at=closed,
        closure=closure,
        closure_note="Alasan." if closed else "",
        merged_into=merged_into,
    )


def build_issues(org: Org, city: City) -> None:
    """The issues; (s, e) below are the local dates submitted and settled or closed."""
    add = city.issues
    # Settled in May, the headline's denominator (5) and time to settle.
    # A: s Thu 30 Apr, e Fri 1 May 06.00 (23.00 UTC on 30 Apr): 0 working days; Asisten.
    add["A"] = make_issue(
        org,
        title="A",
        submitted=at("2026-04-30"),
        first_met="2026-04-29",
        settled=at("2026-05-01", 6),
        level=Level.ASSISTANT,
    )
    # B: s Fri 8 May, e Mon 11 May: the weekend does not count, 1; OPD; lahan.
    add["B"] = make_issue(
        org,
        title="B",
        submitted=at("2026-05-08", 10),
        first_met="2026-05-06",
        settled=at("2026-05-11", 14),
        level=Level.UNIT,
        category="lahan",
    )
    # C: s Wed 13 May, e Mon 18 May: holiday 14, cuti bersama 15, working Saturday 16: 2;
    # Asisten; Dinas Sosial (Asisten I).
    add["C"] = make_issue(
        org,
        title="C",
        unit=org.dinsos,
        submitted=at("2026-05-13"),
        first_met="2026-05-10",
        settled=at("2026-05-18", 15),
        level=Level.ASSISTANT,
    )
    # D: s Mon 18 May, e Wed 20 May: the local day off 19 does not count, 1; Sekda; perizinan.
    add["D"] = make_issue(
        org,
        title="D",
        submitted=at("2026-05-18"),
        first_met="2026-05-16",
        settled=at("2026-05-20", 11),
        level=Level.SECRETARY,
        category="perizinan",
    )
    # E: s Mon 4 May, e Sun 31 May 20.00 (13.00 UTC), the period's last day: 15; Kepala Daerah.
    add["E"] = make_issue(
        org,
        title="E",
        submitted=at("2026-05-04"),
        first_met="2026-05-04",
        settled=at("2026-05-31", 20),
        level=Level.HEAD,
        category="lahan",
    )
    # Settled outside May.
    # F: s Mon 4 May, e Mon 1 Jun 00.30 (31 May 17.30 UTC): the day after the period.
    add["F"] = make_issue(
        org,
        title="F",
        submitted=at("2026-05-04", 8),
        first_met="2026-04-27",
        settled=at("2026-06-01", 0, 30),
        level=Level.ASSISTANT,
    )
    # G: s Mon 27 Apr, e Thu 30 Apr 23.30: the day before the period; Sekda.
    add["G"] = make_issue(
        org,
        title="G",
        submitted=at("2026-04-27"),
        first_met="2026-04-27",
        settled=at("2026-04-30", 23, 30),
        level=Level.SECRETARY,
    )
    # Still open on 2 June.
    add["P"] = make_issue(org, title="P", submitted=at("2026-03-02"), first_met="2026-03-02")
    add["I"] = make_issue(org, title="I", submitted=at("2026-05-11", 8), first_met="2026-04-01")
    add["H"] = make_issue(org, title="H", submitted=at("2026-05-26"), first_met="2026-05-22")
    # M: submitted on the period's last day at 21.00 (14.00 UTC).
    add["M"] = make_issue(org, title="M", submitted=at("2026-05-31", 21), first_met="2026-05-29")
    # N: submitted on 1 June at 01.00 (31 May 18.00 UTC): after the period.
    add["N"] = make_issue(org, title="N", submitted=at("2026-06-01", 1), first_met="2026-05-29")
    # Closed: J not relevant, K merged into H (both left out of time to surface), L withdrawn.
    add["J"] = make_issue(
        org,
        title="J",
        submitted=at("2026-05-05"),
        first_met="2026-05-05",
        closed=at("2026-05-06"),
        closure=Issue.Closure.NOT_RELEVANT,
    )
    add["K"] = make_issue(
        org,
        title="K",
        submitted=at("2026-05-12"),
        first_met="2026-05-12",
        closed=at("2026-05-13"),
        closure=Issue.Closure.MERGED,
        merged_into=add["H"],
    )
    add["L"] = make_issue(
        org,
        title="L",
        submitted=at("2026-05-20"),
        first_met="2026-05-20",
        closed=at("2026-05-21"),
        closure=Issue.Closure.WITHDRAWN,
    )
    # A draft is never counted, whatever its dates.
    add["O"] = make_issue(org, title="O", submitted=None, first_met="2026-05-05")


def make_request(
    org: Org,
    issue: Issue,
    unit: Unit,
    *,
    respond_by: str,
    due_on: str = "2026-06-10",
    answered: dt.datetime | None = None,
    status: str | None = None,
    done: dt.datetime | None = None,
    created: dt.datetime | None = None,
) -> IssueRequest:
    R = IssueRequest.Status
    respond = dt.date.fromisoformat(respond_by)
    return IssueRequest.objects.create(
        issue=issue,
        unit=unit,
        need="Bantuan.",
        respond_by=respond,
        due_on=dt.date.fromisoformat(due_on),
        status=status or (R.ACCEPTED if answered else R.REQUESTED),
        decline_reason="Bukan kewenangan kami." if status == R.DECLINED else "",
        created_by=org.pupr_operator,
        created_at=created or at((respond - dt.timedelta(days=7)).isoformat()),
        answered_at=answered,
        done_at=done,
    )


def build_requests(org: Org, city: City) -> None:
    i, add, R = city.issues, city.requests, IssueRequest.Status
    pdam, bpn = org.pdam, org.bpn
    # Answer due in May. PDAM: R1, R8, R10 on time; R2 late; R4 moot (C settled on 18 May).
    add["R1"] = make_request(
        org, i["E"], pdam, respond_by="2026-05-12", answered=at("2026-05-12", 16)
    )
    add["R2"] = make_request(
        org, i["I"], pdam, respond_by="2026-05-13", answered=at("2026-05-14", 8)
    )
    add["R4"] = make_request(org, i["C"], pdam, respond_by="2026-05-22")
    # R8: accepted in time, but not done by 15 May: overdue at the end of May.
    add["R8"] = make_request(
        org,
        i["I"],
        pdam,
        respond_by="2026-05-05",
        due_on="2026-05-15",
        answered=at("2026-05-04"),
    )
    # R10: declined in time: an answer, and never overdue after it.
    add["R10"] = make_request(
        org,
        i["I"],
        pdam,
        respond_by="2026-05-26",
        due_on="2026-05-27",
        answered=at("2026-05-25"),
        status=R.DECLINED,
    )
    # BPN: R3 never answered (late, overdue at the end of May), R5 answered at 23.00 on the
    # day it was due (16.00 UTC), R9 on time.
    add["R3"] = make_request(org, i["I"], bpn, respond_by="2026-05-20")
    add["R5"] = make_request(
        org, i["F"], bpn, respond_by="2026-05-31", answered=at("2026-05-31", 23)
    )
    add["R9"] = make_request(
        org, i["B"], bpn, respond_by="2026-05-08", answered=at("2026-05-08", 11)
    )
    # Answer due outside May: R6 on 1 June (not late yet at the end of May), R7 in April and
    # never answered (overdue at the end of May).
    add["R6"] = make_request(org, i["H"], pdam, respond_by="2026-06-01")
    add["R7"] = make_request(org, i["P"], pdam, respond_by="2026-04-30", created=at("2026-04-20"))


def make_item(
    org: Org,
    meeting: Meeting,
    unit: Unit,
    *,
    due_on: str,
    status: str = ActionItem.Status.OPEN,
    done: dt.datetime | None = None,
    issue: Issue | None = None,
) -> ActionItem:
    due = dt.date.fromisoformat(due_on)
    return ActionItem.objects.create(
        meeting=meeting,
        unit=unit,
        issue=issue,
        description="Tindak lanjut.",
        due_on=due,
        status=status,
        done_at=done,
        created_at=at("2026-04-14"),
    )


def build_action_items(org: Org, city: City) -> None:
    A = ActionItem.Status
    meeting = Meeting.objects.create(
        coordinator=org.asisten2_unit,
        secretariat=org.bag_ekonomi,
        title="Rakor Asisten II",
        starts_at=at("2026-04-14"),
        chair=org.asisten2,
        status=Meeting.Status.FINAL,
        finalised_at=at("2026-04-14", 12),
    )
    add = city.items
    # PUPR: AI1 on time, AI2 late (done 18 May for 15 May), AI5 done at 22.00 on its due day.
    add["AI1"] = make_item(
        org, meeting, org.pupr, due_on="2026-05-12", status=A.DONE, done=at("2026-05-12", 17)
    )
    add["AI2"] = make_item(
        org, meeting, org.pupr, due_on="2026-05-15", status=A.VERIFIED, done=at("2026-05-18")
    )
    add["AI5"] = make_item(
        org,
        meeting,
        org.pupr,
        due_on="2026-05-31",
        status=A.DONE,
        done=at("2026-05-31", 22),
        issue=city.issues["E"],
    )
    # PDAM: AI3 never done; AI4 reported done on 24 May but sent back (open again): both late
    # and overdue at the end of May; AI7 due in April and still open: overdue.
    add["AI3"] = make_item(org, meeting, org.pdam, due_on="2026-05-20")
    add["AI4"] = make_item(org, meeting, org.pdam, due_on="2026-05-25", done=at("2026-05-24"))
    add["AI7"] = make_item(org, meeting, org.pdam, due_on="2026-04-28")
    # AI6: due on 1 June, outside the period, not overdue at its end.
    add["AI6"] = make_item(org, meeting, org.pupr, due_on="2026-06-01")


def make_sub(
    org: Org,
    unit: Unit,
    pagu: int,
    targets: dict[int, tuple[int, int]],
    reports: dict[int, tuple[int, int]],
) -> SubActivity:
    sub = SubActivity.objects.create(
        year=2026,
        unit=unit,
        code=f"1.03.02.2.01.{SubActivity.objects.count() + 1:04d}",
        name=f"Sub kegiatan {unit.short_name}",
        pagu=Decimal(pagu),
    )
    for month, (physical, financial) in targets.items():
        MonthlyTarget.objects.create(
            sub_activity=sub, month=month, physical_pct=physical, financial=Decimal(financial)
        )
    for month, (physical, financial) in reports.items():
        Realisation.objects.create(
            sub_activity=sub,
            month=month,
            physical_pct=physical,
            financial=Decimal(financial),
            reported_by=org.pupr_operator,
            reported_at=at("2026-05-05"),
        )
    return sub


def build_plans(org: Org, city: City) -> None:
    million = 1_000_000
    city.subs["S1"] = make_sub(
        org,
        org.pupr,
        100 * million,
        targets={4: (20, 10 * million), 5: (40, 30 * million)},
        reports={4: (15, 8 * million), 5: (30, 20 * million)},
    )
    # S2 has an April target but no April report: left out of April's total.
    city.subs["S2"] = make_sub(
        org,
        org.pupr,
        300 * million,
        targets={4: (10, 30 * million), 5: (50, 90 * million)},
        reports={5: (50, 60 * million)},
    )
    city.subs["S3"] = make_sub(
        org,
        org.dinsos,
        200 * million,
        targets={5: (60, 100 * million)},
        reports={5: (45, 50 * million)},
    )


def build_city(org: Org) -> City:
    calendar_overrides()
    city = City()
    build_issues(org, city)
    build_requests(org, city)
    build_action_items(org, city)
    build_plans(org, city)
    return city
