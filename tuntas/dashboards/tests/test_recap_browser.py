"""The Asisten II opens last month's recap on a phone; the Sekda picks an Asisten on a desktop."""

import pytest
import time_machine
from playwright.sync_api import expect

from tuntas.dashboards.tests.recap_kit import NOW, build_city
from tuntas.testing.browser import assert_no_horizontal_scroll, assert_tables_fit, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser


def test_the_recap_reads_on_a_phone_and_a_desktop(transactional_db, org, phone, desktop):
    # The clock ticks from 2 June 2026 so that the browser's waits still run.
    with time_machine.travel(NOW, tick=True):
        build_city(org)

        login(phone, "asisten2", PASSWORD)
        phone.goto("/dashboards/recap/")
        expect(phone.locator("#recap-scope")).to_contain_text("Asisten Perekonomian")
        expect(phone.locator('[data-measure="headline"]')).to_contain_text("66,7%")
        expect(phone.locator("#recap-units")).to_contain_text("Perumda Air Minum Tirta Sago")
        assert_no_horizontal_scroll(phone)
        assert_tables_fit(phone)

        login(desktop, "sekda", PASSWORD)
        desktop.goto("/dashboards/recap/")
        expect(desktop.locator("#recap-units")).to_contain_text("Dinas Sosial")
        desktop.locator("#recap-asisten").select_option(label=org.asisten1_unit.name)
        with desktop.expect_navigation():
            desktop.locator("#recap-filters button[type=submit]").click()
        expect(desktop.locator("#recap-units")).not_to_contain_text("Perumda")
        expect(desktop.locator("#recap-meetings")).to_contain_text("Rakor Asisten I Mei 2026")
        assert_no_horizontal_scroll(desktop)
        assert_tables_fit(desktop)
        href = desktop.locator("#recap-pdf").get_attribute("href")
        assert href is not None and f"asisten={org.asisten1_unit.pk}" in href
        screenshot(desktop, "recap-desktop")
