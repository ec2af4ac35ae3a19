"""The import screen: upload, preview with row errors, confirm — and nothing written before."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tuntas.org.models import ChangeLog, Person, Unit

pytestmark = pytest.mark.django_db

UNITS_CSV = (
    "nama;singkatan;jenis;induk;asisten_koordinator;berlaku_mulai\n"
    "Dinas Perhubungan;DISHUB;dinas;;ASISTEN2;01/01/2026\n"
    "Bagian Administrasi Pembangunan;BAG-ADPEM;bagian;ASISTEN2;;\n"
)


def upload(client, kind, text, name="data.csv"):
    data = {"step": "preview", "file": SimpleUploadedFile(name, text.encode("utf-8-sig"))}
    return client.post(reverse("org:import", args=[kind]), data)


def test_the_admin_previews_then_confirms(org):
    client = org.client_for(org.admin)
    assert client.get(reverse("org:import", args=["units"])).status_code == 200
    preview = upload(client, "units", UNITS_CSV)
    assert preview.status_code == 200
    assert preview.context["preview"].is_valid
    assert not Unit.objects.filter(short_name="DISHUB").exists()  # nothing written yet
    sha = preview.context["preview"].sha256
    done = client.post(reverse("org:import", args=["units"]), {"step": "confirm", "sha256": sha})
    assert done.status_code == 302
    dishub = Unit.objects.get(short_name="DISHUB")
    assert dishub.coordinator_on() == org.asisten2_unit
    assert Unit.objects.get(short_name="BAG-ADPEM").parent == org.asisten2_unit
    assert ChangeLog.objects.filter(action="imported", actor=org.admin).count() == 2


def test_row_errors_are_shown_in_indonesian_and_nothing_is_written(org):
    text = UNITS_CSV + "Kantor Entah;;kementerian;;;\n"
    response = upload(org.client_for(org.admin), "units", text)
    body = response.content.decode()
    assert "Kolom ini wajib diisi." in body
    assert "bukan nilai yang dikenal" in body
    assert "Impor sekarang" not in body
    assert not Unit.objects.filter(short_name="DISHUB").exists()


def test_confirming_without_a_valid_preview_writes_nothing(org):
    client = org.client_for(org.admin)
    response = client.post(
        reverse("org:import", args=["units"]), {"step": "confirm", "sha256": "x"}
    )
    assert response.status_code == 302
    assert not Unit.objects.filter(short_name="DISHUB").exists()


def test_people_import_gives_roles(org):
    text = (
        "username,nama_lengkap,nip,unit,peran\n"
        "staf.pupr,Rina Marlina,198807142015032004,PUPR,operator\n"
    )
    client = org.client_for(org.admin)
    preview = upload(client, "people", text)
    sha = preview.context["preview"].sha256
    client.post(reverse("org:import", args=["people"]), {"step": "confirm", "sha256": sha})
    person = Person.objects.get(username="staf.pupr")
    assert person.assignments.get().unit == org.pupr
    assert not person.has_usable_password()


def test_an_excel_file_is_read_too(org):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["nama", "singkatan", "jenis"])
    sheet.append(["Dinas Perhubungan", "DISHUB", "dinas"])
    buffer = io.BytesIO()
    book.save(buffer)
    data = {"step": "preview", "file": SimpleUploadedFile("opd.xlsx", buffer.getvalue())}
    response = org.client_for(org.admin).post(reverse("org:import", args=["units"]), data)
    assert response.context["preview"].is_valid


def test_an_unknown_kind_is_404(org):
    assert org.client_for(org.admin).get(reverse("org:import", args=["budgets"])).status_code == 404


def test_import_permissions(org):
    url = reverse("org:import", args=["units"])
    assert org.client_for(org.asisten2).get(url).status_code == 403
    assert upload(org.client_for(org.asisten2), "units", UNITS_CSV).status_code == 403
    assert org.client_for(org.pdam_partner).get(url).status_code == 404
    assert org.client_for(org.admin).put(url).status_code == 405
    assert not Unit.objects.filter(short_name="DISHUB").exists()
