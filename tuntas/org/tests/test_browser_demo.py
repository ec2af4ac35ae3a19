"""The newcomer's journey: the Payakumbuh demo, the Asisten II on a phone, in Indonesian."""

import pytest
from playwright.sync_api import expect

from tuntas.org.demo import DEMO_PASSWORD, demo_load
from tuntas.testing.browser import assert_no_horizontal_scroll, assert_tables_fit, login, screenshot

pytestmark = pytest.mark.browser


def test_the_asisten_ii_sees_the_payakumbuh_organisation_on_a_phone(transactional_db, phone):
    demo_load()
    login(phone, "asisten2", DEMO_PASSWORD)
    expect(phone.locator("h1.page-title")).to_contain_text("Selamat datang")
    portfolio = phone.locator("#portfolio")
    for name in ["Dinas Pekerjaan Umum dan Penataan Ruang", "Perumda Air Minum Tirta Sago"]:
        expect(portfolio).to_contain_text(name)
    expect(portfolio).not_to_contain_text("Dinas Kesehatan")  # Asisten I's portfolio
    assert_no_horizontal_scroll(phone)
    screenshot(phone, "demo-home-asisten2-phone")

    phone.goto("/organisation/")
    expect(phone.locator("#unit-rows")).to_contain_text("Kecamatan Lamposi Tigo Nagori")
    expect(phone.locator("#unit-rows")).to_contain_text("Asisten Perekonomian dan Pembangunan")
    assert_no_horizontal_scroll(phone)
    assert_tables_fit(phone)
    screenshot(phone, "demo-organisation-phone")
