"""The work-plan import screen: upload a SIPD-style file, check the preview, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tuntas.plans.models import SubActivity

pytestmark = pytest.mark.django_db

DPA = (
    "Daftar Sub Kegiatan DPA Tahun Anggaran 2026\n"
    "\n"
    "kode_skpd;nama_skpd;kode_sub_giat;nama_sub_giat;pagu\n"
    "1.03.0.00.0.00.01.0000;Dinas PUPR;1.03.10.2.01.0053;Pembangunan Jalan;4.500.000.000,00\n"
    ";;;Jumlah;4.500.000.000,00\n"
)


def upload(client, kind="dpa", text=DPA, year="2026"):
    data = {"step": "preview", "year": year, "file": SimpleUploadedFile("dpa.csv", text.encode())}
    return client.post(reverse("plans:import", args=[kind]), data)


def test_the_admin_imports_dpa_sub_kegiatan(org):
    org.pupr.sipd_code = "1.03.0.00.0.00.01.0000"
    org.pupr.save()
    client = org.client_for(org.admin)
    assert client.get(reverse("plans:import", args=["dpa"])).status_code == 200
    preview = upload(client)
    assert preview.status_code == 200
    assert preview.context["preview"].is_valid, preview.context["preview"].error_lines()
    assert not SubActivity.objects.exists()
    sha = preview.context["preview"].sha256
    done = client.post(reverse("plans:import", args=["dpa"]), {"step": "confirm", "sha256": sha})
    assert done.status_code == 302
    sub = SubActivity.objects.get()
    assert (sub.unit, sub.code, str(sub.pagu)) == (org.pupr, "1.03.10.2.01.0053", "4500000000.00")


def test_a_file_with_errors_writes_nothing(org):
    preview = upload(
        org.client_for(org.admin), text=DPA.replace("4.500.000.000,00", "satu juta", 1)
    )
    assert not preview.context["preview"].is_valid
    assert not SubActivity.objects.exists()


def test_import_permissions(org):
    url = reverse("plans:import", args=["dpa"])
    assert org.client_for(org.asisten2).get(url).status_code == 403
    assert org.client_for(org.pdam_partner).get(url).status_code == 404
    assert (
        org.client_for(org.admin).get(reverse("plans:import", args=["budget"])).status_code == 404
    )
    assert org.client_for(org.admin).put(url).status_code == 405
