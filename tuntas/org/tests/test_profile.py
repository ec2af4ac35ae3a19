"""A person's own profile: contact data and language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_person_sees_their_profile(org):
    response = org.client_for(org.asisten2).get(reverse("org:profile"))
    assert response.status_code == 200
    assert "197005152000031002" in response.content.decode()


def test_a_person_changes_phone_and_language(org):
    client = org.client_for(org.pupr_operator)
    data = {
        "phone": "0813 7412 3456",
        "email": "andi@payakumbuhkota.go.id",
        "language": "en",
        "version": 1,
    }
    response = client.post(reverse("org:profile"), data)
    assert response.status_code == 302
    org.pupr_operator.refresh_from_db()
    assert org.pupr_operator.phone == "081374123456"
    assert org.pupr_operator.language == "en"
    assert client.get(reverse("org:home")).headers["Content-Language"] == "en"


def test_a_bad_phone_is_explained_and_kept(org):
    data = {"phone": "12345", "email": "andi@payakumbuhkota.go.id", "language": "id", "version": 1}
    response = org.client_for(org.pupr_operator).post(reverse("org:profile"), data)
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert 'value="andi@payakumbuhkota.go.id"' in response.content.decode()


def test_an_email_used_by_someone_else_is_refused(org):
    data = {"phone": "", "email": org.asisten2.email.upper(), "language": "id", "version": 1}
    response = org.client_for(org.pupr_operator).post(reverse("org:profile"), data)
    assert "email" in response.context["form"].errors


def test_profile_rejects_put(org):
    assert org.client_for(org.pupr_operator).put(reverse("org:profile")).status_code == 405
