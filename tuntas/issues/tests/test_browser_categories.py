"""The administrator keeps the issue categories on a phone: a typo refused, then added, edited."""

import pytest
from playwright.sync_api import expect

from tuntas.issues.models import Category
from tuntas.testing.browser import assert_no_horizontal_scroll, assert_tables_fit, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser


def test_admin_adds_and_withdraws_a_category_on_a_phone(transactional_db, org, phone):
    login(phone, "admin", PASSWORD)
    phone.goto("/issues/categories/")
    phone.fill("input[name=code]", "Air Bersih")  # spaces and capitals: refused
    phone.fill("input[name=name]", "Air bersih")
    phone.locator("#category-form button[type=submit]").click()
    expect(phone.locator("#field-code .invalid-feedback")).to_be_visible()
    expect(phone.locator("input[name=name]")).to_have_value("Air bersih")
    assert_no_horizontal_scroll(phone)

    phone.fill("input[name=code]", "air-bersih")
    phone.locator("#category-form button[type=submit]").click()
    row = phone.locator('#categories tr[data-code="air-bersih"]')
    expect(row).to_contain_text("Air bersih")
    assert_no_horizontal_scroll(phone)
    assert_tables_fit(phone)
    screenshot(phone, "categories-phone")

    row.get_by_role("link").click()
    phone.locator("input[name=is_active]").uncheck()
    phone.get_by_role("button", name="Simpan").click()
    expect(phone.locator('#categories tr[data-code="air-bersih"]')).to_contain_text(
        "Tidak ditawarkan"
    )
    assert not Category.objects.get(code="air-bersih").is_active
