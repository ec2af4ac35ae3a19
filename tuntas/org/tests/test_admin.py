"""Django's admin is for superusers and goes through the normal login."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_login_is_ours(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_superuser_browses_people_and_units(org):
    org.admin.is_staff = org.admin.is_superuser = True
    org.admin.save()
    client = org.client_for(org.admin)
    for name in [
        "admin:org_person_changelist",
        "admin:org_unit_changelist",
        "admin:notifications_delivery_changelist",
    ]:
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("admin:org_person_change", args=[org.asisten2.pk])).status_code == 200


def test_staff_without_superuser_rights_see_nothing(org):
    response = org.client_for(org.asisten2).get(reverse("admin:index"))
    assert response.status_code == 302


def test_a_superuser_configures_issue_categories(org):
    org.admin.is_staff = org.admin.is_superuser = True
    org.admin.save()
    client = org.client_for(org.admin)
    for name in [
        "admin:issues_category_changelist",
        "admin:issues_issue_changelist",
        "admin:issues_policy_changelist",
    ]:
        assert client.get(reverse(name)).status_code == 200
    response = client.post(
        reverse("admin:issues_category_add"),
        {"name": "Kebencanaan", "code": "bencana", "sort_order": 120, "is_active": "on"},
    )
    assert response.status_code == 302
    from tuntas.issues.models import Category

    assert Category.objects.filter(code="bencana").exists()
