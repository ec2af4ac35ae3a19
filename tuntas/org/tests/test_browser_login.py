"""Logging in, out and switching language in a real browser, on a phone and on a desktop."""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from tuntas.org.forms import LoginForm
from tuntas.testing.browser import (
    assert_no_horizontal_scroll,
    assert_tables_fit,
    login,
    screenshot,
)
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser

PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang"
LOGIN_PATH = "/accounts/login/"


def _path(page: Page) -> str:
    return urlsplit(page.url).path


def assert_sees_asisten_home(page: Page) -> None:
    assert _path(page) == "/"
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("h1.page-title")).to_have_text("Selamat datang, Ir. Dafrul Pasi")
    expect(page.locator("#my-roles")).to_contain_text("Asisten Perekonomian dan Pembangunan")
    portfolio = page.locator("#portfolio")
    expect(portfolio).to_be_visible()
    expect(portfolio.get_by_role("link", name=PUPR)).to_be_visible()
    assert_no_horizontal_scroll(page)


def test_asisten_sees_their_home_on_a_phone(transactional_db, org, phone):
    login(phone, "asisten2", PASSWORD)

    assert_sees_asisten_home(phone)


def test_the_phone_menu_opens_without_widening_the_page(transactional_db, org, phone):
    login(phone, "asisten2", PASSWORD)
    menu = phone.locator("#navbar-menu")
    expect(menu).to_be_hidden()

    phone.locator(".navbar-toggler").click()

    # "collapse show" once the opening animation has ended; a tap during it can land on the
    # link that slides under the finger (Beranda instead of Organisasi).
    expect(menu).to_have_class(re.compile(r"\bcollapse show\b"))
    for href in ("/", "/issues/", "/meetings/", "/organisation/"):
        expect(menu.locator(f'a.nav-link[href="{href}"]')).to_be_visible()
    menu.locator('a.nav-link[href="/organisation/"]').click()
    expect(menu.locator('a.dropdown-item[href="/organisation/people/"]')).to_be_visible()
    assert_no_horizontal_scroll(phone)


def test_asisten_sees_their_home_on_a_desktop(transactional_db, org, desktop):
    login(desktop, "asisten2", PASSWORD)

    assert_sees_asisten_home(desktop)
    expect(desktop.locator(".navbar-toggler")).to_be_hidden()
    expect(desktop.locator('#navbar-menu a.nav-link[href="/organisation/"]')).to_be_visible()


def test_a_wrong_password_shows_the_error_and_keeps_the_user_name(transactional_db, org, phone):
    login(phone, "asisten2", "not-the-password")

    assert _path(phone) == LOGIN_PATH
    with translation.override("id"):
        message = str(LoginForm.error_messages["invalid_login"])
    error = phone.locator("form:has(#id_username) .alert-danger")
    expect(error).to_be_visible()
    expect(error).to_have_text(message)
    expect(phone.locator("#id_username")).to_have_value("asisten2")
    expect(phone.locator("#id_password")).to_have_value("")
    assert_no_horizontal_scroll(phone)
    screenshot(phone, "login-failed-phone")


def test_logging_out_from_the_user_menu_returns_to_the_login_page(transactional_db, org, desktop):
    login(desktop, "asisten2", PASSWORD)
    logout = desktop.locator("#logout-button")
    expect(logout).to_be_hidden()

    desktop.locator("#user-menu").click()
    expect(logout).to_be_visible()
    with desktop.expect_navigation():
        logout.click()

    assert _path(desktop) == LOGIN_PATH
    expect(desktop.locator("#id_username")).to_be_visible()
    desktop.goto("/")
    assert _path(desktop) == LOGIN_PATH


def test_logging_out_works_on_a_phone_too(transactional_db, org, phone):
    login(phone, "asisten2", PASSWORD)

    phone.locator("#user-menu").click()
    with phone.expect_navigation():
        phone.locator("#logout-button").click()

    assert _path(phone) == LOGIN_PATH


def test_the_organisation_page_fits_a_phone(transactional_db, org, phone):
    login(phone, "asisten2", PASSWORD)

    phone.goto("/organisation/")

    rows = phone.locator("#unit-rows")
    expect(rows.get_by_role("link", name=PUPR)).to_be_visible()
    expect(rows).to_contain_text("PUPR")
    assert_no_horizontal_scroll(phone)
    assert_tables_fit(phone)
    screenshot(phone, "organisation-phone")


def test_the_login_page_switches_to_english_and_back(transactional_db, org, phone):
    phone.goto(LOGIN_PATH)
    html = phone.locator("html")
    heading = phone.locator("h2")
    expect(html).to_have_attribute("lang", "id")
    expect(heading).to_have_text("Masuk ke akun Anda")

    with phone.expect_navigation():
        phone.get_by_role("button", name="English").click()

    assert _path(phone) == LOGIN_PATH
    expect(html).to_have_attribute("lang", "en")
    expect(heading).to_have_text("Log in to your account")
    expect(phone.get_by_role("button", name="English")).to_have_count(0)

    with phone.expect_navigation():
        phone.get_by_role("button", name="Bahasa Indonesia").click()

    assert _path(phone) == LOGIN_PATH
    expect(html).to_have_attribute("lang", "id")
    expect(heading).to_have_text("Masuk ke akun Anda")
    expect(phone.get_by_role("button", name="English")).to_be_visible()
    assert_no_horizontal_scroll(phone)
