"""Browser fixtures and helpers: Playwright's sync API driving Debian's Chromium (pytest plugin).

Use the fixtures together with `transactional_db`, so that data made by the test is committed
and visible to the live server, which answers from another thread:

    @pytest.mark.browser
    def test_it_logs_in(transactional_db, org, phone): ...
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCALE = "id-ID"
PHONE = {
    "viewport": {"width": 360, "height": 780},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """Launch one headless Chromium for the whole run; skip (or fail on CI) without it."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("TUNTAS_REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as mp:
        # Playwright's sync API keeps an asyncio event loop running in the main thread.
        # Django then takes every ORM call made there (fixtures such as `org`, and the
        # flush of `transactional_db` between tests) for a call from async code and
        # raises SynchronousOnlyOperation. The calls are in fact synchronous and never
        # run on that loop, so the guard is switched off while the browser is up.
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


def _page(browser: Browser, live_server: LiveServer, options: dict[str, Any]) -> Iterator[Page]:
    context = browser.new_context(locale=LOCALE, base_url=live_server.url, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def phone(chromium_browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """Return a page in a fresh 360 px wide touch-screen context on the live server."""
    yield from _page(chromium_browser, live_server, PHONE)


@pytest.fixture
def desktop(chromium_browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """Return a page in a fresh 1280 px wide context on the live server."""
    yield from _page(chromium_browser, live_server, DESKTOP)


def login(page: Page, username: str, password: str) -> None:
    """Open the login page, fill the form and submit it."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    # The page reloads both on success (redirect home) and on failure (the form again).
    with page.expect_navigation():
        page.locator("form:has(#id_username) button[type=submit]").click()


def assert_no_horizontal_scroll(page: Page) -> None:
    """Assert that the page is not wider than the viewport."""
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{page.url} scrolls sideways: {scroll_width}px wide in a {inner_width}px viewport"
    )


def assert_tables_fit(page: Page) -> None:
    """Assert that no table is wider than its .table-responsive wrapper (no sideways scrolling)."""
    overflows = page.evaluate(
        """[...document.querySelectorAll('.table-responsive')]
            .filter((el) => el.scrollWidth > el.clientWidth)
            .map((el) => {
                const named = el.querySelector('[id]') ?? el.closest('[id]');
                return `#${named?.id}: ${el.scrollWidth}px > ${el.clientWidth}px`;
            })"""
    )
    assert not overflows, f"{page.url}: tables scroll sideways: {overflows}"


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot to docs/screenshots/<name>.png for the guides."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
