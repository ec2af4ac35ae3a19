"""The whole coordination meeting, as its real users play it (the issue's "done when")."""

import datetime as dt
import subprocess

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tuntas.issues.models import Issue
from tuntas.issues.tests.viewkit import ask, make_issue
from tuntas.meetings.models import ActionItem, Invitation, Meeting
from tuntas.meetings.tests import kit
from tuntas.testing.browser import assert_no_horizontal_scroll, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser


def switch_user(page: Page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, PASSWORD)


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_a_rakor_settles_the_pipe_issue_and_follows_its_action(
    transactional_db, org, desktop, phone
):
    today = timezone.localdate()
    # Last month's meeting left an action item for PUPR that is now overdue.
    overdue = kit.make_action_item(
        org,
        on=today - dt.timedelta(days=35),
        unit=org.pupr,
        due_on=today - dt.timedelta(days=10),
        description="PUPR menyerahkan gambar rencana pelebaran kepada PDAM.",
    )
    issue = make_issue(org, "in_progress")
    ask(org, issue, org.pdam)
    meeting = kit.make_meeting(org, status="planned", on=today, series=overdue.meeting.series)

    # The Bagian Perekonomian drafts the agenda: last meeting's overdue action item first.
    login(desktop, "bagekonomi", PASSWORD)
    desktop.goto(f"/meetings/{meeting.pk}/")
    desktop.locator("#draft-agenda").click()
    agenda = desktop.locator("#agenda")
    expect(agenda).to_contain_text("PUPR menyerahkan gambar rencana")
    expect(agenda).to_contain_text(issue.title)
    items = list(meeting.agenda_items.order_by("order"))
    assert items[0].action_item_id == overdue.pk and items[1].issue_id == issue.pk

    # … and sends the invitations: a numbered letter and a calendar invitation in WIB.
    desktop.locator("#send-invitations").click()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED and meeting.letter_number
    screenshot(desktop, "meeting-invited-desktop")
    letter = desktop.request.get(f"/meetings/{meeting.pk}/undangan.pdf")
    text = pdf_text(letter.body())
    assert meeting.letter_number in text
    assert "Ruang" in text or meeting.place.split()[0] in text
    assert issue.title[:30] in " ".join(text.split())
    ics = Calendar.from_ical(desktop.request.get(f"/meetings/{meeting.pk}/undangan.ics").body())
    event = next(c for c in ics.walk("VEVENT"))
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 0, "Asia/Jakarta")
    assert str(event.get("UID")) == str(meeting.uid)

    # PDAM answers on a phone: represented by its technical manager.
    login(phone, "pdam", PASSWORD)
    phone.goto(f"/meetings/{meeting.pk}/")
    answer = phone.locator(
        f"#my-invitation-{Invitation.objects.get(meeting=meeting, unit=org.pdam).pk}"
    )
    answer.locator('input[name$="-reply"][value=represented]').check()
    answer.locator('input[name$="-name"]').fill("Ir. Yudi Hartono")
    answer.locator('input[name$="-position"]').fill("Manajer Teknik")
    answer.get_by_role("button").click()
    expect(phone.locator("body")).to_contain_text("Ir. Yudi Hartono")
    assert_no_horizontal_scroll(phone)
    assert (
        Invitation.objects.get(meeting=meeting, unit=org.pdam).reply == Invitation.Reply.REPRESENTED
    )

    # In the room: the QR code on the screen, PDAM checks in with its phone.
    desktop.goto(f"/meetings/{meeting.pk}/attendance/qr/")
    check_in_url = desktop.locator("#qr .text-break").inner_text().strip()
    phone.goto("/" + check_in_url.split("://", 1)[1].split("/", 1)[1])
    phone.fill("input[name=representing]", "Direktur Perumda Air Minum Tirta Sago")
    phone.locator("#check-in-submit").click()
    expect(phone.locator("#checked-in")).to_be_visible()

    # The minutes: the issue is settled at this meeting, PDAM gets an action item.
    item = meeting.agenda_items.get(issue=issue)
    desktop.goto(f"/meetings/agenda/{item.pk}/minutes/")
    desktop.fill("textarea[name=discussion]", "PDAM bersedia memindahkan pipa transmisi 300 mm.")
    desktop.fill("textarea[name=decisions]", "Pipa dipindahkan sebelum pengaspalan.")
    desktop.check("input[name=outcome][value=settled]")
    desktop.fill(
        "textarea[name=draft_actions-0-description]",
        "Memindahkan pipa transmisi di Jl. Soekarno-Hatta.",
    )
    desktop.select_option("select[name=draft_actions-0-unit]", value=str(org.pdam.pk))
    desktop.fill("input[name=draft_actions-0-due_on]", (today + dt.timedelta(days=21)).isoformat())
    desktop.locator("#save-item").click()
    desktop.select_option("select[name=notulis]", value=str(org.bagekonomi_staff.pk))
    desktop.fill("textarea[name=summary]", "Permasalahan pipa PDAM dituntaskan di tingkat Asisten.")
    desktop.locator("#save-minutes").click()
    desktop.check("input[name=confirm]")
    desktop.locator("#finalise-submit").click()
    expect(desktop.locator("#minutes-final")).to_be_visible()
    notula = pdf_text(desktop.request.get(f"/meetings/{meeting.pk}/notula.pdf").body())
    assert "NOTULA" in notula and "Memindahkan pipa transmisi" in " ".join(notula.split())

    # The issue is settled at Asisten level, with the meeting in its timeline.
    issue.refresh_from_db()
    assert (issue.status, issue.settled_level) == (Issue.Status.SETTLED, 2)
    assert meeting.title in issue.events.get(kind="settled").note

    # The new action item is on PDAM's list …
    phone.goto("/meetings/actions/")
    expect(phone.locator("body")).to_contain_text(
        "Memindahkan pipa transmisi di Jl. Soekarno-Hatta."
    )
    assert_no_horizontal_scroll(phone)
    new_action = ActionItem.objects.get(meeting=meeting, unit=org.pdam)

    # … and on the next meeting's draft agenda.
    next_meeting = kit.make_meeting(
        org, status="planned", on=today + dt.timedelta(days=28), series=meeting.series
    )
    desktop.goto(f"/meetings/{next_meeting.pk}/")
    desktop.locator("#draft-agenda").click()
    expect(desktop.locator("#agenda")).to_contain_text(
        "Memindahkan pipa transmisi di Jl. Soekarno-Hatta."
    )
    assert next_meeting.agenda_items.filter(action_item=new_action).exists()
