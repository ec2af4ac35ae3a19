"""A small fixed city for the monthly recap tests, every number worked by hand for May 2026.

Rows are written straight to the database with exact moments in WIB (the services would stamp
"now"); some sit just before or after midnight, where the UTC date differs from the local one.

The working days of May 2026 (no local overrides): 4-8, 11-13, 18-22, 25, 26 and 29 (16 days).
1 May Hari Buruh, 14 Kenaikan Yesus Kristus, 15 cuti bersama, 27 Idul Adha, 28 cuti bersama,
31 (a Sunday) Waisak; 1 June Hari Lahir Pancasila.

Asisten II (PUPR and PDAM), with (s) reported, (a) accepted, (e) settled or closed:

    A  PUPR utilitas   met 30 Apr, s 4 May, a 4 May, e 8 May at Asisten  (settle 4, surface 1)
    B  PUPR lahan      met 28 Apr, s 30 Apr, never accepted, e 31 May 23.30 at OPD  (settle 16)
    C  PDAM perizinan  met 6 May, s 11 May, a 11 May, escalated 20 May, e 1 Jun 00.30 at Sekda
                       (surface 3; open at the end of May, at Sekda level)
    D  PUPR utilitas   met 20 May, s 25 May, not accepted: open                 (surface 3)
    E  PUPR lahan      s 10 Apr, a 13 Apr, escalated 1 Jun: open, at Asisten level on 31 May
    F  PUPR utilitas   met 5 May, s 5 May, withdrawn 6 May                      (surface 0)
    G  PUPR utilitas   s 6 Apr, e 20 Apr at Asisten: not an issue of May
    H  PUPR utilitas   s 1 Jun 01.00 (31 May 18.00 UTC): not an issue of May
    J  PUPR perizinan  met 5 May, s 5 May, a 5 May, escalated 7 May, e 13 May at Sekda
                       (settle 6, surface 0)
    O  a draft, never counted

Asisten I (Dinas Sosial): I1 sosial, s 6 May, a 6 May, e 12 May at Asisten (settle 4, surface
0); I2 sosial, s 4 May, a 4 May, open at Asisten level (surface 0).

Requests: R1 (E→PDAM) answered on 12 May as due; R2 (E→BPN) due 15 May, never answered;
R3 (D→PDAM) answered at 23.00 on 29 May as due; R4 (C→PUPR) answered in time but not done by
25 May; R5 (A→PDAM) unanswered, but A was settled before its answer was due; R6 (I2→PDAM,
Asisten I) due 11 May, never answered.

Meetings: M0 (Asisten II, 14 April) left AI4 (PDAM, due 30 April) open. M1 (Asisten II, 12 May,
final) decided on E (AI1 BPN due 20 May, done 19 May; AI2 PUPR due 22 May, open) and J
(escalated), with AI3 (PDAM, due 29 May, done at 22.00 that day) outside the agenda. M3
(Asisten II, 26 May) is held but its minutes are not final. M4 (Asisten I, 13 May, final)
decided on I2 (AI5 Dinas Sosial, due 15 May, open).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from tuntas.issues.models import Category, Event, Issue, IssueRequest, Level
from tuntas.meetings.models import ActionItem, AgendaItem, Meeting
from tuntas.org.models import Person, RoleAssignment, Unit
from tuntas.testing.personas import Org, make_person, make_unit

WIB = ZoneInfo("Asia/Jakarta")
# Tuesday 2 June 2026, 10.00 WIB: just after the month of the recap.
NOW = dt.datetime(2026, 6, 2, 10, 0, tzinfo=WIB)
TODAY = NOW.date()
S = Issue.Status


def at(day: str, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment in Payakumbuh: at("2026-05-31", 23, 30) is 16.30 UTC the same day."""
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=WIB)


@dataclass
class City:
    """The recap's city: issues, requests, meetings and action items by their letters."""

    asisten1: Person
    bag_kesra: Unit
    issues: dict[str, Issue] = field(default_factory=dict)
    requests: dict[str, IssueRequest] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    items: dict[str, ActionItem] = field(default_factory=dict)


def make_issue(
    org: Org,
    title: str,
    *,
    unit: Unit | None = None,
    category: str = "utilitas",
    first_met: str = "2026-05-01",
    submitted: dt.datetime | None = None,
    accepted: dt.datetime | None = None,
    settled: dt.datetime | None = None,
    level: int | None = None,
    closed: dt.datetime | None = None,
    closure: str = "",
) -> Issue:
    unit = unit or org.pupr
    if settled:
        status = S.SETTLED
    elif closed:
        status = S.CLOSED
    elif accepted:
        status = S.IN_PROGRESS
    elif submitted:
        status = S.SUBMITTED
    else:
        status = S.DRAFT
    reporters = {org.dinsos.pk: org.dinsos_operator, org.pdam.pk: org.pdam_partner}
    coordinator = org.asisten1_unit if unit.pk == org.dinsos.pk else org.asisten2_unit
    level = level or (Level.ASSISTANT if accepted else Level.UNIT)
    return Issue.objects.create(
        title=title,
        chronology="Kronologi.",
        category=Category.objects.get(code=category),
        first_met_on=dt.date.fromisoformat(first_met),
        reporting_unit=unit,
        reported_by=reporters.get(unit.pk, org.pupr_operator),
        coordinator=coordinator if submitted else None,
        status=status,
        level=level,
        created_at=submitted or at("2026-05-02"),
        submitted_at=submitted,
        accepted_at=accepted,
        settled_at=settled,
        settled_level=level if settled else None,
        closed_at=closed,
        closure=closure,
        closure_note="Alasan." if closed else "",
    )


def escalate(issue: Issue, when: dt.datetime, to_level: int = Level.SECRETARY) -> None:
    """Record an escalation in the issue's timeline, as the service does."""
    Event.objects.create(
        issue=issue,
        kind=Event.Kind.ESCALATED,
        data={"from_level": to_level - 1, "to_level": to_level, "automatic": False},
        at=when,
    )


def build_issues(org: Org, city: City) -> None:
    add = city.issues
    add["A"] = make_issue(
        org,
        "A: Pipa air menghalangi galian",
        first_met="2026-04-30",
        submitted=at("2026-05-04"),
        accepted=at("2026-05-04", 10),
        settled=at("2026-05-08", 10),
        level=Level.ASSISTANT,
    )
    add["B"] = make_issue(
        org,
        "B: Batas lahan trotoar",
        category="lahan",
        first_met="2026-04-28",
        submitted=at("2026-04-30"),
        settled=at("2026-05-31", 23, 30),
        level=Level.UNIT,
    )
    add["C"] = make_issue(
        org,
        "C: Izin jaringan pipa baru",
        unit=org.pdam,
        category="perizinan",
        first_met="2026-05-06",
        submitted=at("2026-05-11"),
        accepted=at("2026-05-11", 11),
        settled=at("2026-06-01", 0, 30),
        level=Level.SECRETARY,
    )
    escalate(add["C"], at("2026-05-20", 10))
    add["D"] = make_issue(
        org,
        "D: Tiang listrik di badan jalan",
        first_met="2026-05-20",
        submitted=at("2026-05-25", 8),
    )
    add["E"] = make_issue(
        org,
        "E: Pembebasan lahan Jalan Lingkar Utara",
        category="lahan",
        first_met="2026-04-06",
        submitted=at("2026-04-10"),
        accepted=at("2026-04-13"),
        level=Level.SECRETARY,
    )
    escalate(add["E"], at("2026-06-01", 9))
    add["F"] = make_issue(
        org,
        "F: Salah input",
        first_met="2026-05-05",
        submitted=at("2026-05-05"),
        closed=at("2026-05-06"),
        closure=Issue.Closure.WITHDRAWN,
    )
    add["G"] = make_issue(
        org,
        "G: Selesai bulan April",
        first_met="2026-04-01",
        submitted=at("2026-04-06"),
        accepted=at("2026-04-06", 10),
        settled=at("2026-04-20"),
        level=Level.ASSISTANT,
    )
    add["H"] = make_issue(
        org, "H: Dilaporkan bulan Juni", first_met="2026-05-29", submitted=at("2026-06-01", 1)
    )
    add["J"] = make_issue(
        org,
        "J: Izin galian Jalan Sudirman",
        category="perizinan",
        first_met="2026-05-05",
        submitted=at("2026-05-05"),
        accepted=at("2026-05-05", 10),
        settled=at("2026-05-13", 15),
        level=Level.SECRETARY,
    )
    escalate(add["J"], at("2026-05-07"))
    add["O"] = make_issue(org, "O: Draf", first_met="2026-05-05")
    add["I1"] = make_issue(
        org,
        "I1: Bansos terlambat",
        unit=org.dinsos,
        category="sosial",
        first_met="2026-05-06",
        submitted=at("2026-05-06"),
        accepted=at("2026-05-06", 10),
        settled=at("2026-05-12", 10),
        level=Level.ASSISTANT,
    )
    add["I2"] = make_issue(
        org,
        "I2: Data penerima bansos",
        unit=org.dinsos,
        category="sosial",
        first_met="2026-05-04",
        submitted=at("2026-05-04"),
        accepted=at("2026-05-04", 10),
    )


def make_request(
    org: Org,
    issue: Issue,
    unit: Unit,
    *,
    respond_by: str,
    due_on: str = "2026-06-10",
    answered: dt.datetime | None = None,
    need: str = "Bantuan.",
) -> IssueRequest:
    respond = dt.date.fromisoformat(respond_by)
    return IssueRequest.objects.create(
        issue=issue,
        unit=unit,
        need=need,
        respond_by=respond,
        due_on=dt.date.fromisoformat(due_on),
        status=IssueRequest.Status.ACCEPTED if answered else IssueRequest.Status.REQUESTED,
        created_by=org.pupr_operator,
        created_at=at((respond - dt.timedelta(days=7)).isoformat()),
        answered_at=answered,
    )


def build_requests(org: Org, city: City) -> None:
    i, add = city.issues, city.requests
    add["R1"] = make_request(
        org, i["E"], org.pdam, respond_by="2026-05-12", answered=at("2026-05-12", 16)
    )
    add["R2"] = make_request(
        org, i["E"], org.bpn, respond_by="2026-05-15", need="Mohon data bidang tanah."
    )
    add["R3"] = make_request(
        org, i["D"], org.pdam, respond_by="2026-05-29", answered=at("2026-05-29", 23)
    )
    add["R4"] = make_request(
        org,
        i["C"],
        org.pupr,
        respond_by="2026-05-20",
        due_on="2026-05-25",
        answered=at("2026-05-18"),
        need="Mohon rekomendasi teknis.",
    )
    add["R5"] = make_request(org, i["A"], org.pdam, respond_by="2026-05-12")
    add["R6"] = make_request(org, i["I2"], org.pdam, respond_by="2026-05-11")


def make_meeting(
    org: Org,
    title: str,
    starts: dt.datetime,
    *,
    coordinator: Unit | None = None,
    secretariat: Unit | None = None,
    chair: Person | None = None,
    final: bool = True,
) -> Meeting:
    return Meeting.objects.create(
        coordinator=coordinator or org.asisten2_unit,
        secretariat=secretariat or org.bag_ekonomi,
        title=title,
        starts_at=starts,
        chair=chair or org.asisten2,
        status=Meeting.Status.FINAL if final else Meeting.Status.HELD,
        finalised_at=starts + dt.timedelta(hours=3) if final else None,
    )


def make_item(
    meeting: Meeting,
    unit: Unit,
    description: str,
    due_on: str,
    *,
    agenda_item: AgendaItem | None = None,
    done: dt.datetime | None = None,
) -> ActionItem:
    return ActionItem.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        issue=agenda_item.issue if agenda_item else None,
        unit=unit,
        description=description,
        due_on=dt.date.fromisoformat(due_on),
        status=ActionItem.Status.DONE if done else ActionItem.Status.OPEN,
        done_at=done,
        created_at=meeting.finalised_at or meeting.starts_at,
    )


def build_meetings(org: Org, city: City) -> None:
    i, add, items = city.issues, city.meetings, city.items
    add["M0"] = make_meeting(org, "Rakor Asisten II April 2026", at("2026-04-14"))
    items["AI4"] = make_item(add["M0"], org.pdam, "Geser pipa transmisi", "2026-04-30")
    m1 = add["M1"] = make_meeting(org, "Rakor Asisten II Mei 2026", at("2026-05-12"))
    lahan = AgendaItem.objects.create(
        meeting=m1,
        order=1,
        source=AgendaItem.Source.ISSUE,
        issue=i["E"],
        title="Pembebasan lahan Jalan Lingkar Utara",
        decisions="BPN mengukur ulang bidang tanah.\n\nPUPR menyiapkan dokumen appraisal.",
        outcome=AgendaItem.Outcome.CONTINUED,
    )
    AgendaItem.objects.create(
        meeting=m1,
        order=2,
        source=AgendaItem.Source.ISSUE,
        issue=i["J"],
        title="Izin galian Jalan Sudirman",
        decisions="Diteruskan kepada Sekretaris Daerah.",
        outcome=AgendaItem.Outcome.ESCALATED,
    )
    AgendaItem.objects.create(meeting=m1, order=3, title="Lain-lain")
    items["AI1"] = make_item(
        m1,
        org.bpn,
        "Ukur ulang bidang tanah",
        "2026-05-20",
        agenda_item=lahan,
        done=at("2026-05-19", 10),
    )
    items["AI2"] = make_item(
        m1, org.pupr, "Siapkan dokumen appraisal", "2026-05-22", agenda_item=lahan
    )
    items["AI3"] = make_item(
        m1, org.pdam, "Laporkan progres relokasi pipa", "2026-05-29", done=at("2026-05-29", 22)
    )
    add["M3"] = make_meeting(org, "Rakor Asisten II belum final", at("2026-05-26"), final=False)
    AgendaItem.objects.create(
        meeting=add["M3"], order=1, title="Belum final", decisions="Tidak boleh tampil."
    )
    m4 = add["M4"] = make_meeting(
        org,
        "Rakor Asisten I Mei 2026",
        at("2026-05-13"),
        coordinator=org.asisten1_unit,
        secretariat=city.bag_kesra,
        chair=city.asisten1,
    )
    bansos = AgendaItem.objects.create(
        meeting=m4,
        order=1,
        issue=i["I2"],
        title="Data penerima bansos",
        decisions="Dinsos memutakhirkan data DTKS.",
        outcome=AgendaItem.Outcome.CONTINUED,
    )
    items["AI5"] = make_item(
        m4, org.dinsos, "Mutakhirkan data DTKS", "2026-05-15", agenda_item=bansos
    )


def build_city(org: Org) -> City:
    bag_kesra = make_unit(
        "BAG-KESRA", Unit.Kind.SECTION, parent=org.asisten1_unit, name="Bagian Kesejahteraan Rakyat"
    )
    asisten1 = make_person(
        "asisten1",
        unit=org.asisten1_unit,
        role=RoleAssignment.Role.COORDINATOR,
        full_name="Dr. Yufnani Away, M.Si.",
        position="Asisten Pemerintahan dan Kesejahteraan Rakyat",
    )
    city = City(asisten1=asisten1, bag_kesra=bag_kesra)
    build_issues(org, city)
    build_requests(org, city)
    build_meetings(org, city)
    return city
