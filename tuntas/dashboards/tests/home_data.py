"""A little of everything the homes show, made through the workflows' own services.

Asisten II coordinates PUPR and PDAM; Asisten I coordinates DINSOS. `seed_homes` adds, each time
it is called (so that a test can show the query count stays the same with more rows):

issue           unit    state                                           seen on
--------------- ------- ----------------------------------------------- ---------------------------
triage          PUPR    waiting for triage                              Asisten II, Bagian, PUPR
overdue         PUPR    at Asisten level for 30 days, escalation        Asisten II, Bagian, PUPR,
                        proposed; its request to PDAM is overdue         PDAM (the request)
to_sekda        PUPR    escalated to the Sekda                          Sekda (waiting), PUPR
to_head         PUPR    escalated to the Kepala Daerah                  Wali Kota (waiting), PUPR
settled         PUPR    settled at Asisten level                        the measures
dinsos          DINSOS  waiting for triage; asks BPN for data           Asisten I, never Asisten II
                                                                        nor PDAM

Action items: PDAM owes one of Asisten II's meetings, a week overdue; PUPR one due in two weeks;
DINSOS one of Asisten I's meetings, overdue. Asisten II's next meeting is in a week, invitations
sent, one issue on its agenda. Sub kegiatan: PUPR's road is twelve points behind last month (red),
DINSOS's social aid on track.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tuntas.issues import services as issue_services
from tuntas.issues.models import Issue, IssueRequest
from tuntas.issues.tests.factories import make_issue, make_request, viewer
from tuntas.meetings.models import ActionItem, Meeting, MeetingSeries
from tuntas.meetings.tests import kit as meetings_kit
from tuntas.notifications.services import emails_paused
from tuntas.org.models import Person, RoleAssignment, Unit
from tuntas.plans.models import SubActivity
from tuntas.plans.services import reporting_month
from tuntas.plans.tests import kit as plans_kit
from tuntas.testing.personas import Org, make_person

DAY = dt.timedelta(days=1)


@dataclass
class Homes:
    triage: Issue
    overdue: Issue
    to_sekda: Issue
    to_head: Issue
    settled: Issue
    dinsos: Issue
    late_request: IssueRequest
    bpn_request: IssueRequest
    late_action: ActionItem
    open_action: ActionItem
    dinsos_action: ActionItem
    meeting: Meeting
    road: SubActivity
    aid: SubActivity


def asisten1(org: Org) -> Person:
    """The Asisten I (DINSOS), whom the shared personas leave out; made once."""
    found = Person.objects.filter(username="asisten1").first()
    return found or make_person(
        "asisten1",
        unit=org.asisten1_unit,
        role=RoleAssignment.Role.COORDINATOR,
        full_name="Dr. Yufnani Away, M.Si.",
    )


def _asisten1_series(org: Org) -> MeetingSeries:
    series = MeetingSeries.objects.filter(coordinator=org.asisten1_unit).first()
    return series or meetings_kit.make_series(
        org,
        coordinator=org.asisten1_unit,
        title="Rapat Koordinasi Pemerintahan dan Kesra",
        chair=asisten1(org),
        secretariat=org.setda,
        standing_invitees=[org.dinsos],
    )


def _reported_sub(org: Org, unit: Unit, name: str, behind: int, today: dt.date) -> SubActivity:
    """A sub kegiatan on its S-curve until last month, then `behind` points behind."""
    sub = plans_kit.make_sub(org, unit, name=name)
    year, last = reporting_month(today)
    if year != sub.year:  # in January no month of this year has ended yet
        return sub
    targets = plans_kit.s_curve()
    reporter = org.pupr_operator if unit == org.pupr else org.admin
    for month in range(1, last + 1):
        physical, financial = targets[month]
        if month == last:
            physical -= behind
        plans_kit.report(sub, month, physical, financial, reporter)
    return sub


def seed_homes(org: Org) -> Homes:
    """Add one issue per state, requests, action items, a meeting and two sub kegiatan."""
    with emails_paused():  # seed data: the in-app notifications are enough
        return _seed(org)


def _seed(org: Org) -> Homes:
    today = timezone.localdate()
    now = timezone.now()
    triage = make_issue(org, status="submitted", title="Izin galian jalan belum terbit")
    overdue = make_issue(
        org, status="in_progress", title="Pipa PDAM menghalangi pelebaran Jl. Soekarno-Hatta"
    )
    Issue.objects.filter(pk=overdue.pk).update(level_since=now - 30 * DAY)
    overdue.refresh_from_db()
    issue_services.issue_propose_escalation(issue=overdue, due=today - 14 * DAY, now=now)
    late_request = make_request(overdue, org.pdam, org.pupr_operator)
    # Asked three weeks ago, never answered: the answer and the work are both late.
    IssueRequest.objects.filter(pk=late_request.pk).update(
        respond_by=today - 14 * DAY, due_on=today - 7 * DAY
    )
    to_sekda = make_issue(
        org, status="in_progress", title="Pembebasan lahan Pasar Ibuh tertunda", category="lahan"
    )
    to_sekda = issue_services.issue_escalate(
        issue=to_sekda, by=viewer(org.asisten2), reason="Perlu keputusan lintas Asisten."
    )
    to_head = make_issue(
        org, status="in_progress", title="Anggaran relokasi pedagang belum tersedia"
    )
    to_head = issue_services.issue_escalate(
        issue=to_head, by=viewer(org.asisten2), reason="Melebihi kewenangan Asisten."
    )
    to_head = issue_services.issue_escalate(
        issue=to_head, by=viewer(org.sekda), reason="Perlu keputusan Wali Kota."
    )
    settled = make_issue(org, status="settled", title="Genangan di Jl. Ahmad Yani")
    dinsos = make_issue(
        org,
        unit=org.dinsos,
        reporter=org.dinsos_operator,
        handler=asisten1(org),
        status="submitted",
        title="Data penerima bantuan sosial belum sinkron",
        category="data",
    )
    bpn_request = make_request(
        dinsos, org.bpn, org.dinsos_operator, need="Data bidang tanah penerima bantuan."
    )
    late_action = meetings_kit.make_action_item(
        org,
        on=today - 21 * DAY,
        unit=org.pdam,
        due_on=today - 7 * DAY,
        description="PDAM memindahkan pipa transmisi di Jl. Soekarno-Hatta.",
    )
    open_action = meetings_kit.make_action_item(
        org,
        on=today - 14 * DAY,
        unit=org.pupr,
        due_on=today + 14 * DAY,
        description="PUPR menyusun jadwal pengaspalan setelah pipa dipindahkan.",
    )
    dinsos_action = meetings_kit.make_action_item(
        org,
        on=today - 28 * DAY,
        unit=org.dinsos,
        due_on=today - 3 * DAY,
        series=_asisten1_series(org),
        description="DINSOS memutakhirkan data penerima bantuan.",
    )
    meeting = meetings_kit.make_meeting(org, status="invited", on=today + 7 * DAY)
    meetings_kit.add_issue_item(meeting, overdue, reason="Melewati batas waktu")
    road = _reported_sub(org, org.pupr, "Pelebaran Jl. Soekarno-Hatta", 12, today)
    aid = _reported_sub(org, org.dinsos, "Penyaluran Bantuan Sosial Tunai", 0, today)
    return Homes(
        triage=triage,
        overdue=overdue,
        to_sekda=to_sekda,
        to_head=to_head,
        settled=settled,
        dinsos=dinsos,
        late_request=late_request,
        bpn_request=bpn_request,
        late_action=late_action,
        open_action=open_action,
        dinsos_action=dinsos_action,
        meeting=meeting,
        road=road,
        aid=aid,
    )
