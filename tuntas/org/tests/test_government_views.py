"""The government profile (letterhead) and its logo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tuntas.org.models import ChangeLog, Government

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _form_data(gov, **changes):
    data = {
        "name": gov.name,
        "level": gov.level,
        "region_name": gov.region_name,
        "address": gov.address,
        "postal_code": gov.postal_code,
        "phone": gov.phone,
        "email": gov.email,
        "website": gov.website,
        "letter_number_pattern": gov.letter_number_pattern,
        "version": gov.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_everyone_with_a_role_reads_the_letterhead(org):
    response = org.client_for(org.pdam_partner).get(reverse("org:government"))
    assert response.status_code == 200
    assert "Jl. Veteran No. 70" in response.content.decode()
    assert response.context["can_edit"] is False


def test_a_person_without_role_gets_404(org):
    assert org.client_for(org.nobody).get(reverse("org:government")).status_code == 404


def test_admin_changes_the_letterhead_with_a_logo(org, media):
    url = reverse("org:government_edit")
    client = org.client_for(org.admin)
    assert client.get(url).status_code == 200
    data = _form_data(org.government, phone="(0752) 92052, 92053")
    data["logo"] = SimpleUploadedFile(
        "lambang.jpg", PNG, content_type="image/jpeg"
    )  # name lies; content rules
    response = client.post(url, data)
    assert response.status_code == 302
    gov = Government.current()
    assert gov.phone == "(0752) 92052, 92053"
    assert gov.logo
    assert (
        ChangeLog.objects.filter(summary__icontains="government").exists()
        or ChangeLog.objects.exists()
    )
    logo = client.get(reverse("org:government_logo"))
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert "sandbox" in logo["Content-Security-Policy"]


def test_a_logo_that_is_not_an_image_is_refused(org, media):
    data = _form_data(org.government)
    data["logo"] = SimpleUploadedFile(
        "logo.png", b"%PDF-1.4 not an image", content_type="image/png"
    )
    response = org.client_for(org.admin).post(reverse("org:government_edit"), data)
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert not Government.current().logo


def test_a_letter_pattern_without_sequence_is_refused(org):
    data = _form_data(org.government, letter_number_pattern="{klasifikasi}/{unit}/{year}")
    response = org.client_for(org.admin).post(reverse("org:government_edit"), data)
    assert "letter_number_pattern" in response.context["form"].errors
    assert 'value="{klasifikasi}/{unit}/{year}"' in response.content.decode()


def test_a_letter_pattern_with_an_unknown_placeholder_is_refused(org):
    data = _form_data(org.government, letter_number_pattern="{seq}/{bulan}")
    response = org.client_for(org.admin).post(reverse("org:government_edit"), data)
    assert "letter_number_pattern" in response.context["form"].errors


def test_government_edit_permissions(org):
    url = reverse("org:government_edit")
    data = _form_data(org.government, name="Pemerintah Kota Palsu")
    assert org.client_for(org.sekda).post(url, data).status_code == 403
    assert org.client_for(org.nobody).post(url, data).status_code == 404
    assert org.client_for(org.admin).delete(url).status_code == 405
    assert Government.current().name == "Pemerintah Kota Payakumbuh"


def test_no_logo_gives_404(org, client):
    assert client.get(reverse("org:government_logo")).status_code == 404


def test_a_padded_running_number_is_accepted(org):
    data = _form_data(org.government, letter_number_pattern="{klasifikasi}/{seq:03d}/{unit}/{year}")
    response = org.client_for(org.admin).post(reverse("org:government_edit"), data)
    assert response.status_code == 302
    assert Government.current().letter_number_pattern.endswith("{seq:03d}/{unit}/{year}")
