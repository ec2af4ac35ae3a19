"""After the meeting, on phones: QR check-in, minutes written and finalised, the action followed."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tuntas.issues.tests.viewkit import ask, make_issue
from tuntas.meetings.models import ActionItem, Meeting
from tuntas.meetings.tests import kit
from tuntas.testing.browser import assert_no_horizontal_scroll, login
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser


def switch_user(page: Page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, PASSWORD)


def test_the_meeting_is_attended_written_up_and_followed(transactional_db, org, phone):
    today = timezone.localdate()
    meeting = kit.make_meeting(org, status="invited", on=today)
    issue = make_issue(org, "in_progress")
    ask(org, issue, org.pdam)
    item = kit.add_issue_item(meeting, issue)

    # The Bagian puts the QR code on the room's screen.
    login(phone, "bagekonomi", PASSWORD)
    phone.goto(f"/meetings/{meeting.pk}/attendance/qr/")
    expect(phone.locator("#qr svg")).to_be_visible()
    check_in_url = phone.locator("#qr .text-break").inner_text().strip()
    path = "/" + check_in_url.split("://", 1)[1].split("/", 1)[1]

    # The PDAM director scans it: logs in first, and lands back on the check-in form.
    phone.context.clear_cookies()
    phone.goto(path)
    phone.locator("#id_username").fill("pdam")
    phone.locator("#id_password").fill(PASSWORD)
    with phone.expect_navigation():
        phone.locator("form:has(#id_username) button[type=submit]").click()
    expect(phone.locator("select[name=unit]")).to_have_value(str(org.pdam.pk))
    phone.fill("input[name=representing]", "Direktur Utama")
    assert_no_horizontal_scroll(phone)
    phone.locator("#check-in-submit").click()
    expect(phone.locator("#checked-in")).to_contain_text("Direktur Utama")
    assert_no_horizontal_scroll(phone)

    # The Bagian writes up the item with an action item for PDAM, then finalises.
    switch_user(phone, "bagekonomi")
    phone.goto(f"/meetings/{meeting.pk}/attendance/")
    expect(phone.locator("#attendance-rows")).to_contain_text("Ir. Adrizal, M.M.")
    assert_no_horizontal_scroll(phone)
    phone.goto(f"/meetings/agenda/{item.pk}/minutes/")
    phone.fill("textarea[name=discussion]", "PDAM siap memindahkan pipa transmisi.")
    phone.fill("textarea[name=decisions]", "Pipa dipindahkan sebelum galian dimulai.")
    phone.check("input[name=outcome][value=settled]")
    phone.fill("textarea[name=draft_actions-0-description]", "Memindahkan pipa transmisi.")
    phone.select_option("select[name=draft_actions-0-unit]", value=str(org.pdam.pk))
    due = today + dt.timedelta(days=14)
    phone.fill("input[name=draft_actions-0-due_on]", due.isoformat())
    assert_no_horizontal_scroll(phone)
    phone.locator("#save-item").click()
    phone.select_option("select[name=notulis]", value=str(org.bagekonomi_staff.pk))
    phone.fill("textarea[name=summary]", "Permasalahan pipa diselesaikan di tingkat Asisten.")
    phone.locator("#save-minutes").click()
    phone.check("input[name=confirm]")
    phone.locator("#finalise-submit").click()
    expect(phone.locator("#minutes-final")).to_be_visible()
    expect(phone.locator("#notula-pdf")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert Meeting.objects.get(pk=meeting.pk).status == "final"

    # PDAM finds its action item and reports it done.
    switch_user(phone, "pdam")
    phone.goto("/meetings/actions/")
    phone.get_by_text("Memindahkan pipa transmisi.").click()
    phone.fill("textarea[name=note]", "Pipa sudah dipindahkan.")
    assert_no_horizontal_scroll(phone)
    phone.locator("#report-done").click()
    expect(phone.locator("#done-note")).to_contain_text("Pipa sudah dipindahkan.")
    assert ActionItem.objects.get().status == "done"
