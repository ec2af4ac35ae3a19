"""The issue journey played by real users on their own logins, on phones and desktops."""

import datetime as dt
import struct
import zlib

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tuntas.issues import services
from tuntas.issues.models import Category, Issue
from tuntas.org.access import Viewer
from tuntas.testing.browser import assert_no_horizontal_scroll, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser
TITLE = "Pelebaran Jl. Soekarno-Hatta terhambat pipa transmisi PDAM"


def tiny_png(path):
    """Write a real 1x1 PNG (a photo from the field, as far as the upload check goes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    raw += chunk(b"IDAT", zlib.compress(b"\x00\xff\x80\x00")) + chunk(b"IEND", b"")
    path.write_bytes(raw)
    return str(path)


def switch_user(page: Page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, PASSWORD)


def test_a_pipe_blocking_road_works_is_settled_at_asisten_level(
    transactional_db, org, phone, desktop, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    unrelated = Issue(
        title="Bantuan sosial terlambat disalurkan",
        chronology="Data penerima belum sinkron.",
        category=Category.objects.get(code="data"),
        first_met_on=dt.date(2026, 10, 1),
        reporting_unit=org.dinsos,
    )
    services.issue_create(issue=unrelated, by=Viewer.of(org.dinsos_operator))
    services.issue_submit(issue=unrelated, by=Viewer.of(org.dinsos_operator))

    # The PUPR operator reports from the field, with a photo, on a phone.
    login(phone, "operator.pupr", PASSWORD)
    phone.goto("/issues/new/")
    phone.fill("input[name=title]", TITLE)
    phone.select_option("select[name=category]", label="Utilitas (air, listrik, telekomunikasi)")
    phone.select_option("select[name=urgency]", value="high")
    phone.fill("input[name=first_met_on]", timezone.localdate().isoformat())
    phone.fill(
        "textarea[name=chronology]",
        "Pipa transmisi PDAM 300 mm berada di badan jalan rencana pelebaran.",
    )
    phone.set_input_files("input[name=attachments]", tiny_png(tmp_path / "pipa.png"))
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("button", name="Kirim ke Asisten").click()
    expect(phone.locator("#issue-state")).to_contain_text("Menunggu triase")
    expect(phone.locator("#attachments")).to_contain_text("pipa.png")
    issue = Issue.objects.get(title=TITLE)
    assert issue.coordinator == org.asisten2_unit

    # … and asks PDAM to relocate the pipe.
    phone.select_option("#request-form select[name=unit]", label=org.pdam.name)
    phone.fill(
        "#request-form textarea[name=need]",
        "Relokasi pipa transmisi sepanjang 120 m sebelum pengaspalan.",
    )
    phone.get_by_role("button", name="Kirim permintaan").click()
    expect(phone.locator("#requests")).to_contain_text(org.pdam.name)
    screenshot(phone, "issue-reported-phone")

    # The Asisten II's Bagian accepts it on a desktop.
    login(desktop, "bagekonomi", PASSWORD)
    desktop.goto(f"/issues/{issue.pk}/")
    desktop.locator("#issue-actions").get_by_role("link", name="Terima").click()
    desktop.fill("textarea[name=note]", "Dibahas pada rakor Asisten II.")
    desktop.get_by_role("button", name="Terima").click()
    expect(desktop.locator("#issue-state")).to_contain_text("Dalam penanganan")
    expect(desktop.locator("#issue-state")).to_contain_text("Asisten")

    # PDAM accepts the request, and later reports it done with a photo.
    switch_user(phone, "pdam")
    phone.goto("/issues/requests/")
    phone.get_by_role("link", name=TITLE).click()
    phone.locator("#requests").get_by_role("link", name="Terima").click()
    phone.get_by_role("button", name="Terima permintaan").click()
    phone.locator("#requests").get_by_role("link", name="Tandai selesai").click()
    phone.fill("textarea[name=note]", "Pipa sudah dipindahkan ke bahu jalan.")
    phone.set_input_files("input[name=attachments]", tiny_png(tmp_path / "selesai.png"))
    phone.get_by_role("button", name="Tandai selesai").click()
    expect(phone.locator("#requests")).to_contain_text("Selesai")
    expect(phone.locator("#requests")).to_contain_text("selesai.png")
    # PDAM never sees what does not involve it.
    phone.goto("/issues/")
    expect(phone.locator("#issue-rows")).to_contain_text(TITLE)
    expect(phone.locator("#issue-rows")).not_to_contain_text(unrelated.title)
    assert phone.goto(f"/issues/{unrelated.pk}/").status == 404

    # The Asisten II settles it at Asisten level.
    switch_user(desktop, "asisten2")
    desktop.goto(f"/issues/{issue.pk}/")
    desktop.get_by_role("link", name="Tuntaskan di tingkat Asisten").click()
    desktop.fill(
        "textarea[name=note]",
        "Disepakati dalam rakor; PDAM memindahkan pipa, PUPR melanjutkan pekerjaan.",
    )
    desktop.get_by_role("button", name="Tuntaskan").click()
    expect(desktop.locator("#resolution")).to_contain_text("Tuntas di tingkat Asisten")
    screenshot(desktop, "issue-settled-desktop")
    issue.refresh_from_db()
    assert (issue.status, issue.settled_level) == (Issue.Status.SETTLED, 2)

    # It counts in the numbers: settled at OPD or Asisten level.
    desktop.goto("/")
    expect(desktop.locator("#settled-low")).to_contain_text("100%")
    expect(desktop.locator("#settled-low")).to_contain_text("1 dari 1")
