"""The Asisten II reads the dependency map of the Payakumbuh demo on a phone and a desktop."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tuntas.issues.demo import T_PIPA, issues_demo_load
from tuntas.notifications.services import emails_paused
from tuntas.org.demo import DEMO_PASSWORD, demo_load
from tuntas.testing.browser import assert_no_horizontal_scroll, assert_tables_fit, login, screenshot

pytestmark = pytest.mark.browser


def click_edge(page, key: str) -> None:
    """Click a line of the graph as a user would: on the line, near the unit that asks."""
    edge = page.locator(f'#dependency-graph a[data-edge="{key}"]')
    edge.scroll_into_view_if_needed()
    x, y = edge.evaluate(
        """(a) => {
            const path = a.querySelector('path');
            const point = path.getPointAtLength(path.getTotalLength() * 0.1);
            const m = path.getScreenCTM();
            return [point.x * m.a + point.y * m.c + m.e, point.x * m.b + point.y * m.d + m.f];
        }"""
    )
    page.mouse.click(x, y)


def test_the_asisten_finds_the_bottlenecks_on_a_phone_and_opens_an_edge_on_a_desktop(
    transactional_db, phone, desktop, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load()
    with emails_paused():
        issues_demo_load()
    # The demo history is the last four months, which may reach into last year in January.
    today = timezone.localdate()
    url = f"/dashboards/dependency/?start={today - dt.timedelta(days=365)}&end={today}"

    # On a phone: the table of the most waited-on units, and the edges as a list.
    login(phone, "asisten2", DEMO_PASSWORD)
    phone.goto(url)
    rows = phone.locator("#dependency-ranking tbody tr")
    top = {rows.nth(0).get_attribute("data-unit"), rows.nth(1).get_attribute("data-unit")}
    assert top == {"PDAM", "DPMPTSP"}
    expect(phone.locator("#dependency-graph")).to_be_hidden()
    assert_no_horizontal_scroll(phone)
    assert_tables_fit(phone)
    screenshot(phone, "dependency-map-phone")
    phone.locator('#dependency-edges a[data-edge="PUPR-PDAM"]').click()
    expect(phone.locator("#edge-requests")).to_contain_text(T_PIPA)
    assert_no_horizontal_scroll(phone)

    # On a desktop: the graph beside the table; a click on a line lists its requests.
    login(desktop, "asisten2", DEMO_PASSWORD)
    desktop.goto(url)
    expect(desktop.locator("#dependency-graph svg")).to_be_visible()
    expect(desktop.locator("#dependency-edges")).to_be_hidden()
    expect(desktop.locator("#dependency-ranking tbody tr").first).to_be_visible()
    assert_no_horizontal_scroll(desktop)
    screenshot(desktop, "dependency-map-desktop")
    click_edge(desktop, "PUPR-PDAM")
    expect(desktop).to_have_url(re.compile(r"/dashboards/dependency/\d+/\d+/\?start="))
    expect(desktop.locator("#edge-requests")).to_contain_text(T_PIPA)
    expect(desktop.locator("#edge-requests [data-late]")).to_have_count(1)
    # "All" brings the answered requests in, through htmx, without leaving the page.
    desktop.locator("#edge-requests").get_by_role("link", name=re.compile("^(Semua|All)$")).click()
    expect(desktop.locator("#edge-requests")).to_contain_text("Kebocoran pipa PDAM")
    expect(desktop).to_have_url(re.compile(r"show=all"))
    screenshot(desktop, "dependency-edge-desktop")
