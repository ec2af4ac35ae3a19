"""Each role opens their home on a phone and on a desktop: what needs them, and nothing else.

The screenshots (docs/screenshots/home-<role>-<viewport>.png) illustrate the user guide.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tuntas.dashboards.tests.home_data import Homes, seed_homes
from tuntas.testing.browser import assert_no_horizontal_scroll, assert_tables_fit, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser


def sees_the_asisten_home(page: Page, homes: Homes) -> None:
    expect(page.locator('#needs-now [data-need="overdue"] .badge')).to_have_text("1")
    expect(page.locator('#needs-now [data-need="proposed"] .badge')).to_have_text("1")
    expect(page.locator("#pressing-issues")).to_contain_text(homes.overdue.title)
    expect(page.locator("#agenda-state")).to_be_visible()
    expect(page.locator('#portfolio tr[data-unit="PUPR"]')).to_be_visible()
    expect(page.locator('#portfolio tr[data-unit="PDAM"]')).to_be_visible()
    expect(page.locator("#overdue-actions")).to_contain_text(homes.late_action.description)
    expect(page.locator("body")).not_to_contain_text("Dinas Sosial")  # Asisten I's unit
    expect(page.locator("body")).not_to_contain_text(homes.dinsos.title)


def sees_the_sekda_home(page: Page, homes: Homes) -> None:
    expect(page.locator("#waiting-for-me")).to_contain_text(homes.to_sekda.title)
    expect(page.locator("#waiting-for-me")).not_to_contain_text(homes.to_head.title)
    sees_the_city(page)


def sees_the_wali_kota_home(page: Page, homes: Homes) -> None:
    expect(page.locator("#waiting-for-me")).to_contain_text(homes.to_head.title)
    expect(page.locator("#waiting-for-me")).not_to_contain_text(homes.to_sekda.title)
    sees_the_city(page)


def sees_the_city(page: Page) -> None:
    expect(page.locator("#city-headline")).to_contain_text("100,0%")
    expect(page.locator("#city-realisation")).to_be_visible()
    for short_name in ("ASISTEN1", "ASISTEN2"):
        expect(page.locator(f'[data-assistant="{short_name}"]')).to_be_visible()
    expect(page.locator('[data-assistant="ASISTEN2"] [data-stat="late-requests"]')).to_have_text(
        "1"
    )


def sees_the_unit_home(page: Page, homes: Homes) -> None:
    expect(page.locator("#unit-issues")).to_contain_text(homes.triage.title)
    expect(page.locator("#unit-plan")).to_contain_text("Dinas Pekerjaan Umum dan Penataan Ruang")
    expect(page.locator("#my-actions")).to_contain_text(homes.open_action.description)
    expect(page.locator("#my-meetings")).to_contain_text(homes.meeting.title)
    expect(page.locator("#portfolio")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text(homes.dinsos.title)


def sees_the_partner_home(page: Page, homes: Homes) -> None:
    expect(page.locator("#my-requests")).to_contain_text(homes.overdue.title)
    expect(page.locator("#my-actions")).to_contain_text(homes.late_action.description)
    expect(page.locator("#my-meetings")).to_contain_text(homes.meeting.title)
    for hidden in ("#issue-summary", "#portfolio", "#unit-issues", "#waiting-for-me"):
        expect(page.locator(hidden)).to_have_count(0)
    body = page.locator("body")
    for title in (homes.triage.title, homes.to_sekda.title, homes.dinsos.title):
        expect(body).not_to_contain_text(title)


ROLES = [
    ("asisten2", "asisten", sees_the_asisten_home),
    ("bagekonomi", "bagian", sees_the_asisten_home),
    ("sekda", "sekda", sees_the_sekda_home),
    ("walikota", "walikota", sees_the_wali_kota_home),
    ("kadis.pupr", "kadis", sees_the_unit_home),
    ("operator.pupr", "operator", sees_the_unit_home),
    ("pdam", "mitra", sees_the_partner_home),
]


def test_each_role_reads_their_home_on_a_phone_and_a_desktop(
    transactional_db, org, phone, desktop, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    homes = seed_homes(org)
    for username, name, sees in ROLES:
        for page, viewport in ((phone, "phone"), (desktop, "desktop")):
            page.context.clear_cookies()
            login(page, username, PASSWORD)
            assert urlsplit(page.url).path == "/", f"{username} lands on {page.url}"
            sees(page, homes)
            assert_no_horizontal_scroll(page)
            assert_tables_fit(page)
            screenshot(page, f"home-{name}-{viewport}")
