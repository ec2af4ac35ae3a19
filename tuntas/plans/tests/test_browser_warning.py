"""A road falls behind: the operator reports it, the Asisten sees it red, the meeting offers it,
and one click makes it an issue (the issue's "done when")."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tuntas.issues.models import Issue
from tuntas.meetings.models import AgendaItem
from tuntas.meetings.tests import kit as meeting_kit
from tuntas.plans.tests import kit
from tuntas.testing.browser import assert_no_horizontal_scroll, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser


def test_a_road_twelve_points_behind_becomes_an_issue(transactional_db, org, phone, desktop):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).month
    sub = kit.make_sub(org, name="Pembangunan Jalan Lingkar Utara", code="1.03.10.2.01.0053")
    targets = kit.s_curve()
    for month in range(1, last_month):  # on track until the month before last
        kit.report(sub, month, targets[month][0], targets[month][1], org.pupr_operator)
    target_physical, target_financial = targets[last_month]

    # The PUPR operator enters last month's realisation on a phone: 12 points behind.
    login(phone, "operator.pupr", PASSWORD)
    phone.goto(f"/plans/{sub.pk}/realisation/")
    expect(phone.locator("select[name=month]")).to_have_value(str(last_month))
    phone.fill("input[name=physical]", str(target_physical - 12))
    phone.fill("input[name=financial]", f"{int(target_financial):,}".replace(",", "."))
    assert_no_horizontal_scroll(phone)
    phone.locator("#realisation-form button[type=submit]").click()
    expect(phone.locator("#plan-warnings")).to_be_visible()
    assert sub.realisations.get(month=last_month).physical_pct == target_physical - 12
    screenshot(phone, "plan-behind-phone")

    # The Asisten II's home shows PUPR red.
    login(desktop, "asisten2", PASSWORD)
    pupr_row = desktop.locator("#portfolio tr", has_text="Dinas Pekerjaan Umum dan Penataan Ruang")
    expect(pupr_row.locator(".badge.bg-red").last).to_be_visible()
    expect(pupr_row).to_contain_text("-12,0")
    screenshot(desktop, "home-asisten-warning-desktop")

    # The draft agenda of the next meeting offers the sub kegiatan.
    meeting = meeting_kit.make_meeting(org, status="planned", on=today + dt.timedelta(days=14))
    desktop.context.clear_cookies()
    login(desktop, "bagekonomi", PASSWORD)
    desktop.goto(f"/meetings/{meeting.pk}/")
    desktop.locator("#draft-agenda").click()
    expect(desktop.locator("#agenda")).to_contain_text("Pembangunan Jalan Lingkar Utara")
    assert meeting.agenda_items.filter(source=AgendaItem.Source.WARNING, sub_activity=sub).exists()

    # One click on the warning makes a linked issue, accepted at Asisten level.
    desktop.goto(f"/plans/{sub.pk}/")
    desktop.locator("#plan-actions form[action$='/issue/'] button").click()
    issue = Issue.objects.get(sub_activity=sub)
    expect(desktop.locator("h1.page-title")).to_contain_text("Pembangunan Jalan Lingkar Utara")
    assert (issue.status, issue.level, issue.reporting_unit) == (
        Issue.Status.IN_PROGRESS,
        2,
        org.pupr,
    )
    assert "12" in issue.title
    assert issue.urgency in (Issue.Urgency.HIGH, Issue.Urgency.CRITICAL)
    assert issue.sub_activity.pagu == Decimal(kit.PAGU)
