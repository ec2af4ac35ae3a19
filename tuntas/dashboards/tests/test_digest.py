"""The weekly digest: each Asisten gets exactly their portfolio's numbers, leaders the city's."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from tuntas.dashboards.digest import digest_build, digest_text, digests_send
from tuntas.issues import services as issue_services
from tuntas.issues.tests.factories import at, make_asisten1, make_issue, make_request, viewer
from tuntas.meetings.models import ActionItem, Meeting
from tuntas.meetings.tests import kit as meetings
from tuntas.notifications.models import Delivery, Notification
from tuntas.plans.tests.kit import make_sub, report_months
from tuntas.scheduler.models import JobRun

pytestmark = pytest.mark.django_db

# Monday 11 May 2026, 07.00 WIB: the digest covers Monday 4 to Sunday 10 May.
SENT = at("2026-05-11", 7)


@pytest.fixture
def week(org):
    """Last week in the city: Asisten II's portfolio (PUPR, PDAM) and Asisten I's (DINSOS)."""
    asisten1 = make_asisten1(org)
    with time_machine.travel(at("2026-04-14", 10), tick=False):
        # Asisten II's April meeting decided an action item for PUPR, due 7 May.
        meetings.make_action_item(
            org, on=dt.date(2026, 4, 14), unit=org.pupr, due_on=dt.date(2026, 5, 7)
        )
    with time_machine.travel(at("2026-04-20"), tick=False):
        settled = make_issue(org, status="in_progress", title="Drainase Jl. Ahmad Yani tersumbat")
        escalated = make_issue(org, status="in_progress", title="Lahan jalan lingkar belum bebas")
    with time_machine.travel(at("2026-05-05"), tick=False):
        new = make_issue(org, status="in_progress", title="Pipa PDAM di Jl. Soekarno-Hatta")
        make_request(new, org.pdam, org.asisten2, due_on=dt.date(2026, 5, 8))
        dinsos = make_issue(
            org, unit=org.dinsos, handler=asisten1, status="in_progress", title="Data DTKS ganda"
        )
        make_request(dinsos, org.pdam, asisten1, due_on=dt.date(2026, 5, 8))
    with time_machine.travel(at("2026-05-06"), tick=False):
        issue_services.issue_escalate(
            issue=escalated, by=viewer(org.asisten2), reason="Perlu keputusan Sekda."
        )
    with time_machine.travel(at("2026-05-08"), tick=False):
        issue_services.issue_settle(
            issue=settled, by=viewer(org.asisten2), resolution="Saluran dibersihkan DLH."
        )
        # Asisten II's May meeting (second Tuesday, 12 May) is planned.
        meetings.make_meeting(org, status="planned", on=dt.date(2026, 5, 12))
        # Asisten I's meeting and its overdue action item for DINSOS.
        meeting = Meeting.objects.create(
            coordinator=org.asisten1_unit,
            secretariat=org.setda,
            title="Rapat Koordinasi Kesra",
            chair=asisten1,
            starts_at=at("2026-05-13"),
        )
        ActionItem.objects.create(
            meeting=meeting,
            unit=org.dinsos,
            description="Verifikasi ulang DTKS",
            due_on=dt.date(2026, 5, 6),
        )
    with time_machine.travel(at("2026-05-09"), tick=False):
        # April's targets are 18 % physical and 14 % finance: nothing done is red for both.
        pupr_sub = make_sub(org, year=2026, name="Pelebaran Jl. Soekarno-Hatta")
        report_months(pupr_sub, org.pupr_operator, [(0, 0)] * 4)
        dinsos_sub = make_sub(org, unit=org.dinsos, year=2026, name="Bantuan sosial lansia")
        report_months(dinsos_sub, org.dinsos_operator, [(0, 0)] * 4)
    return asisten1


def build(person):
    with time_machine.travel(SENT, tick=False):
        return digest_build(viewer=viewer(person), now=SENT)


def test_the_asisten_ii_digest_counts_only_their_portfolio(org, week):
    digest = build(org.asisten2)

    assert (digest.week_start, digest.week_end) == (dt.date(2026, 5, 4), dt.date(2026, 5, 10))
    assert digest.scope == "Asisten Perekonomian dan Pembangunan"
    assert (digest.new, digest.settled, digest.settled_low, digest.escalated) == (1, 1, 1, 1)
    # Open: the new one and the escalated one; overdue: the new one, whose PDAM request is late.
    assert (digest.open, digest.overdue) == (2, 1)
    assert digest.overdue_requests == [("PDAM", 1)]
    assert digest.overdue_actions == [("PUPR", 1)]
    assert digest.red_subs == ["PUPR: Pelebaran Jl. Soekarno-Hatta"]
    assert [title for _, title in digest.next_meetings] == [
        "Rapat Koordinasi Perekonomian dan Pembangunan"
    ]


def test_the_sekda_digest_counts_the_whole_city(org, week):
    digest = build(org.sekda)

    assert (digest.new, digest.settled, digest.escalated, digest.open) == (2, 1, 1, 3)
    assert digest.overdue_requests == [("PDAM", 2)]
    assert digest.overdue_actions == [("DINSOS", 1), ("PUPR", 1)]
    assert len(digest.red_subs) == 2
    assert len(digest.next_meetings) == 2


def test_the_asisten_i_digest_does_not_see_asisten_ii(org, week):
    digest = build(week)

    assert (digest.new, digest.settled, digest.escalated, digest.open) == (1, 0, 0, 1)
    assert digest.overdue_requests == [("PDAM", 1)]
    assert digest.overdue_actions == [("DINSOS", 1)]
    assert digest.red_subs == ["DINSOS: Bantuan sosial lansia"]


def test_unit_staff_get_no_digest(org, week):
    assert build(org.pupr_operator) is None


def test_the_text_is_short_and_in_indonesian(org, week):
    title, body = digest_text(build(org.asisten2))

    assert title == "Ringkasan mingguan pekan Senin, 4 Mei 2026"
    assert "1 permasalahan baru, 1 selesai (1 di antaranya di tingkat OPD atau Asisten)" in body
    assert "PDAM 1" in body
    assert "Selasa, 12 Mei 2026 09.00 WIB" in body
    assert len(body.splitlines()) <= 12


def test_the_scheduler_sends_one_digest_a_week_to_each_leader_by_email_not_whatsapp(
    org, week, settings
):
    settings.WHATSAPP_GATEWAY_URL = "http://127.0.0.1:9/send"
    Notification.objects.all().delete()
    with time_machine.travel(SENT, tick=False):
        call_command("scheduler", "--once")
        call_command("scheduler", "--once")
    with time_machine.travel(SENT + dt.timedelta(days=1), tick=False):
        call_command("scheduler", "--once")

    digests = Notification.objects.filter(kind="digest.weekly")
    assert sorted(digests.values_list("recipient__username", flat=True)) == [
        "asisten1",
        "asisten2",
        "sekda",
        "walikota",
    ]
    channels = set(
        Delivery.objects.filter(notification__in=digests).values_list("channel", flat=True)
    )
    assert channels == {Delivery.Channel.EMAIL}
    assert JobRun.objects.get(job="weekly_digest").slot == "2026-W20"


def test_a_leader_who_turned_digest_email_off_still_finds_it_in_the_inbox(org, week):
    org.asisten2.notification_preferences.create(
        kind_group="digest", channel="email", enabled=False
    )
    with time_machine.travel(SENT, tick=False):
        digests_send(now=SENT)

    notification = Notification.objects.get(recipient=org.asisten2, kind="digest.weekly")
    assert not notification.deliveries.exists()
