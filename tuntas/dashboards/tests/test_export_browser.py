"""Exports in a real browser: the link follows htmx filters; a long export polls to its file."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tuntas.dashboards.models import ExportJob
from tuntas.dashboards.tasks import export_build
from tuntas.dashboards.tests.exportkit import HEADER_ROW
from tuntas.testing.browser import assert_no_horizontal_scroll, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser


def download(page: Page, selector: str):
    with page.expect_download() as info:
        page.locator(selector).click()
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    return info.value.suggested_filename, book.active


def test_the_export_follows_the_filters_chosen_on_the_page(transactional_db, org, desktop):
    login(desktop, "asisten2", PASSWORD)
    desktop.goto("/organisation/")

    desktop.locator("#unit-kind").select_option("agency")

    # The rows and the link are both replaced by the htmx answer, without a page load.
    expect(desktop.locator("#export-xlsx")).to_have_attribute(
        "href", "/dashboards/exports/units/?q=&kind=agency"
    )
    expect(desktop.locator("#export-xlsx")).to_have_count(1)
    name, sheet = download(desktop, "#export-xlsx")
    assert name.startswith("unit-kerja-") and name.endswith(".xlsx")
    short_names = {row[1] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert short_names == {"PUPR", "DINSOS", "DISKOMINFO"}


def test_a_long_export_shows_its_progress_then_its_download(transactional_db, org, phone, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    login(phone, "asisten2", PASSWORD)
    phone.goto("/organisation/people/")

    with phone.expect_navigation():
        phone.locator("#export-xlsx").click()

    job = ExportJob.objects.get()
    assert phone.url.endswith(f"/dashboards/exports/{job.pk}/")
    expect(phone.locator(".progress-bar")).to_have_text("0%")
    assert_no_horizontal_scroll(phone)
    screenshot(phone, "export-progress-phone")

    export_build.call(job.pk)  # what the worker does

    # The page asks every 2 seconds and stops once the file is there.
    expect(phone.locator("#export-download")).to_be_visible(timeout=10_000)
    expect(phone.locator("#export-status")).not_to_have_attribute("hx-trigger", "every 2s")
    screenshot(phone, "export-ready-phone")
    name, sheet = download(phone, "#export-download")
    assert name == job.filename
    assert sheet.cell(HEADER_ROW + 1, 1).value
