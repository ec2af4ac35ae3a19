"""A small fixed set of requests between units whose dependency numbers are counted by hand.

Today is Tuesday 12 May 2026 (tests freeze the clock at NOW). PUPR (Asisten II) and DINSOS
(Asisten I) report; PDAM, BPN and PUPR are asked. Dates are 2026 unless said otherwise.

name         issue     asked status    answer by needed by made (WIB)   counts as
------------ --------- ----- --------- --------- --------- ------------ --------------
late_answer  road      PDAM  requested 11 May    22 May    1 Apr        open, late
late_work    road      PDAM  accepted  4 May     11 May    20 Apr       open, late
due_today    road      PDAM  accepted  5 May     12 May    28 Apr       open
done         road      PDAM  done      1 Apr     10 Apr    25 Mar       —
declined     road      BPN   declined  1 Apr     10 Apr    25 Mar       —
answer_today road      BPN   requested 12 May    19 May    5 May        open
last_year    road      PDAM  requested 8 Jan     15 Jan    31 Dec 2025, open, late
                                                           23.59        (made in 2025)
left_open    pipes (*) PDAM  requested 1 May     5 May     28 Apr       —
aid_pdam     aid       PDAM  requested 15 May    22 May    8 May        open
aid_pupr     aid       PUPR  requested 10 May    22 May    4 May        open, late
new_year     aid       BPN   accepted  8 Jan     13 May    1 Jan, 00.00 open

road: PUPR, in progress at Asisten II; pipes (*): PUPR, settled; aid: DINSOS, submitted.

So in 2026, seen by the Wali Kota: PUPR→PDAM 3 open (2 overdue), PUPR→BPN 1, DINSOS→PDAM 1,
DINSOS→PUPR 1 (1 overdue), DINSOS→BPN 1; PDAM is waited on 4 times (2 overdue) by 2 units,
BPN 2 times by 2 units, PUPR once (overdue) by 1 unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tuntas.issues.models import Issue, IssueRequest
from tuntas.issues.tests.factories import WIB, at, make_issue
from tuntas.org.models import Person, Unit
from tuntas.testing.personas import Org

NOW = at("2026-05-12", 10)
TODAY = NOW.date()
S = IssueRequest.Status


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def ask(
    issue: Issue,
    unit: Unit,
    by: Person,
    *,
    status: str = S.REQUESTED,
    respond_by: str,
    due_on: str,
    made: dt.datetime | str,
    need: str = "",
) -> IssueRequest:
    """Store a request exactly as given (dates and state), bypassing the workflow's clock."""
    created = at(made) if isinstance(made, str) else made
    return IssueRequest.objects.create(
        issue=issue,
        unit=unit,
        need=need or f"Dukungan {unit.short_name} untuk {issue.title}",
        status=status,
        decline_reason="Bukan kewenangan kami." if status == S.DECLINED else "",
        respond_by=day(respond_by),
        due_on=day(due_on),
        created_by=by,
        created_at=created,
    )


@dataclass
class Waits:
    """The issues and requests of the fixed data set, by name."""

    road: Issue
    pipes: Issue
    aid: Issue
    requests: dict[str, IssueRequest]


def waits(org: Org) -> Waits:
    """Build the data set of the module docstring (call with the clock at NOW)."""
    road = make_issue(org, status="in_progress", title="Pelebaran Jl. Sudirman tertahan")
    pipes = make_issue(org, status="settled", title="Pipa bocor di Jl. Ahmad Yani")
    aid = make_issue(
        org, unit=org.dinsos, status="submitted", title="Gudang bantuan sosial terendam"
    )
    pupr, dinsos = org.pupr_operator, org.dinsos_operator
    requests = {
        "late_answer": ask(
            road, org.pdam, pupr, respond_by="2026-05-11", due_on="2026-05-22", made="2026-04-01"
        ),
        "late_work": ask(
            road,
            org.pdam,
            pupr,
            status=S.ACCEPTED,
            respond_by="2026-05-04",
            due_on="2026-05-11",
            made="2026-04-20",
        ),
        "due_today": ask(
            road,
            org.pdam,
            pupr,
            status=S.ACCEPTED,
            respond_by="2026-05-05",
            due_on="2026-05-12",
            made="2026-04-28",
        ),
        "done": ask(
            road,
            org.pdam,
            pupr,
            status=S.DONE,
            respond_by="2026-04-01",
            due_on="2026-04-10",
            made="2026-03-25",
        ),
        "declined": ask(
            road,
            org.bpn,
            pupr,
            status=S.DECLINED,
            respond_by="2026-04-01",
            due_on="2026-04-10",
            made="2026-03-25",
        ),
        "answer_today": ask(
            road, org.bpn, pupr, respond_by="2026-05-12", due_on="2026-05-19", made="2026-05-05"
        ),
        "last_year": ask(
            road,
            org.pdam,
            pupr,
            respond_by="2026-01-08",
            due_on="2026-01-15",
            made=dt.datetime(2025, 12, 31, 23, 59, tzinfo=WIB),
        ),
        "left_open": ask(
            pipes, org.pdam, pupr, respond_by="2026-05-01", due_on="2026-05-05", made="2026-04-28"
        ),
        "aid_pdam": ask(
            aid, org.pdam, dinsos, respond_by="2026-05-15", due_on="2026-05-22", made="2026-05-08"
        ),
        "aid_pupr": ask(
            aid, org.pupr, dinsos, respond_by="2026-05-10", due_on="2026-05-22", made="2026-05-04"
        ),
        "new_year": ask(
            aid,
            org.bpn,
            dinsos,
            status=S.ACCEPTED,
            respond_by="2026-01-08",
            due_on="2026-05-13",
            made=dt.datetime(2026, 1, 1, 0, 0, tzinfo=WIB),
        ),
    }
    return Waits(road=road, pipes=pipes, aid=aid, requests=requests)
