"""The administrator's journeys in a real browser: import units, give an acting role."""

import pytest
from playwright.sync_api import expect

from tuntas.org.models import RoleAssignment, Unit
from tuntas.testing.browser import assert_no_horizontal_scroll, login, screenshot
from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.browser

GOOD = (
    "nama,singkatan,jenis,induk,asisten_koordinator,berlaku_mulai\n"
    "Dinas Perhubungan,DISHUB,dinas,,ASISTEN2,01/01/2026\n"
    "Bagian Administrasi Pembangunan,BAG-ADPEM,bagian,ASISTEN2,,\n"
)
BAD = GOOD + "Kantor Entah,,kementerian,,,\n"


def _upload(page, tmp_path, text):
    path = tmp_path / "opd.csv"
    path.write_text(text, encoding="utf-8")
    page.set_input_files("input[name=file]", str(path))
    page.get_by_role("button", name="Periksa berkas").click()


def test_admin_imports_units_after_fixing_the_file(transactional_db, org, desktop, tmp_path):
    login(desktop, "admin", PASSWORD)
    desktop.goto("/organisation/import/units/")
    _upload(desktop, tmp_path, BAD)
    preview = desktop.locator("#preview")
    expect(preview).to_contain_text("Kolom ini wajib diisi.")
    expect(preview).to_contain_text('"kementerian" bukan nilai yang dikenal')
    expect(desktop.get_by_role("button", name="Impor sekarang")).to_have_count(0)
    screenshot(desktop, "import-units-errors")
    assert not Unit.objects.filter(short_name="DISHUB").exists()

    _upload(desktop, tmp_path, GOOD)
    expect(desktop.locator("#preview")).to_contain_text("2 baru")
    screenshot(desktop, "import-units-preview")
    desktop.get_by_role("button", name="Impor sekarang").click()
    expect(desktop.locator("#messages")).to_contain_text("Impor selesai: 2 baru")
    assert Unit.objects.get(short_name="DISHUB").coordinator_on() == org.asisten2_unit


def test_admin_gives_an_acting_role_on_a_phone(transactional_db, org, phone):
    login(phone, "admin", PASSWORD)
    phone.goto(f"/organisation/people/{org.kadis_pupr.pk}/")
    phone.get_by_role("link", name="Beri peran").click()
    phone.select_option("select[name=unit]", label=org.asisten2_unit.name)
    phone.select_option("select[name=role]", value="coordinator")
    phone.select_option("select[name=capacity]", value="plt")
    phone.fill("input[name=position_title]", "Asisten Perekonomian dan Pembangunan")
    phone.fill("input[name=valid_from]", "2026-11-02")
    phone.fill("input[name=valid_until]", "2026-10-01")  # before the start: must be refused
    phone.get_by_role("button", name="Simpan").click()
    expect(phone.locator("#field-valid_until .invalid-feedback")).to_contain_text(
        "tidak boleh sebelum tanggal mulai"
    )
    expect(phone.locator("input[name=position_title]")).to_have_value(
        "Asisten Perekonomian dan Pembangunan"
    )
    assert_no_horizontal_scroll(phone)
    screenshot(phone, "role-form-error-phone")
    phone.fill("input[name=valid_until]", "2027-01-31")
    phone.get_by_role("button", name="Simpan").click()
    expect(phone.locator("#roles")).to_contain_text("Plt. Asisten Perekonomian dan Pembangunan")
    assert RoleAssignment.objects.filter(person=org.kadis_pupr, capacity="plt").exists()
