"""The measures page on a phone and on a desktop: readable at 360 px, the filter works."""

import pytest
from playwright.sync_api import expect

from tuntas.dashboards.tests.measures_kit import build_city
from tuntas.testing.browser import assert_no_horizontal_scroll, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser

MAY = "/dashboards/measures/?start=2026-05-01&end=2026-05-31"


def test_the_sekda_reads_the_measures_on_a_phone(transactional_db, org, phone):
    build_city(org)
    login(phone, "sekda", PASSWORD)
    phone.goto(MAY)
    expect(phone.locator("#headline")).to_contain_text("60,0%")
    expect(phone.locator("#chart-headline")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    screenshot(phone, "measures-sekda-phone")


def test_the_asisten_filters_the_measures_on_a_desktop(transactional_db, org, desktop):
    build_city(org)
    login(desktop, "asisten2", PASSWORD)
    desktop.goto(MAY)
    expect(desktop.locator("#settle-by-unit")).to_contain_text("Dinas Sosial")
    assert_no_horizontal_scroll(desktop)
    screenshot(desktop, "measures-asisten2-desktop")

    desktop.select_option("#id_unit", label="Dinas Sosial")
    desktop.locator("#measure-filters button[type=submit]").click()
    expect(desktop.locator("#settle-by-unit")).not_to_contain_text("Dinas Pekerjaan Umum")
    expect(desktop.locator("#headline")).to_contain_text("100,0%")
    assert "unit=" in desktop.url
