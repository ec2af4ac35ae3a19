"""People: directory, detail, create, edit and the password link."""

import pytest
from django.core import mail
from django.urls import reverse

from tuntas.org.models import ChangeLog, Person
from tuntas.testing.personas import make_person

pytestmark = pytest.mark.django_db


def test_internal_staff_see_the_directory(org):
    response = org.client_for(org.pupr_operator).get(reverse("org:person_list"))
    assert response.status_code == 200
    names = {p.username for p in response.context["page"]}
    assert {"asisten2", "pdam", "kadis.pupr"} <= names


def test_partners_see_only_their_colleagues_and_themselves(org):
    colleague = make_person("pdam.staf", unit=org.pdam, role="partner")
    response = org.client_for(org.pdam_partner).get(reverse("org:person_list"))
    assert {p.username for p in response.context["page"]} == {"pdam", colleague.username}


def test_search_by_nip_and_by_unit(org):
    client = org.client_for(org.sekda)
    found = client.get(reverse("org:person_list"), {"q": "1970 0515"}).context["page"]
    assert [p.username for p in found] == ["asisten2"]
    found = client.get(reverse("org:person_list"), {"q": "PUPR"}).context["page"]
    assert {p.username for p in found} == {"kadis.pupr", "operator.pupr"}


def test_the_directory_pins_its_query_count(org, django_assert_num_queries):
    client = org.client_for(org.asisten2)
    client.get(reverse("org:person_list"))
    with django_assert_num_queries(8):
        client.get(reverse("org:person_list"))
    for i in range(20):
        make_person(f"extra{i}", unit=org.pupr, role="unit_staff")
    with django_assert_num_queries(8):
        client.get(reverse("org:person_list"))


def test_htmx_search_returns_only_the_rows(org):
    response = org.client_for(org.asisten2).get(
        reverse("org:person_list"), {"q": "Muslim"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.content.decode()
    assert "Ir. Muslim" in response.content.decode()


def test_detail_shows_roles(org):
    response = org.client_for(org.asisten2).get(
        reverse("org:person_detail", args=[org.kadis_pupr.pk])
    )
    assert response.status_code == 200
    assert [a.unit for a in response.context["assignments"]] == [org.pupr]
    assert response.context["can_edit"] is False


def test_partner_gets_404_for_someone_outside_their_unit(org):
    url = reverse("org:person_detail", args=[org.kadis_pupr.pk])
    assert org.client_for(org.pdam_partner).get(url).status_code == 404


def test_a_person_without_role_sees_only_themselves(org):
    client = org.client_for(org.nobody)
    assert client.get(reverse("org:person_detail", args=[org.nobody.pk])).status_code == 200
    assert client.get(reverse("org:person_detail", args=[org.asisten2.pk])).status_code == 404


def test_detail_pins_its_query_count(org, django_assert_num_queries):
    client = org.client_for(org.admin)
    url = reverse("org:person_detail", args=[org.kadis_pupr.pk])
    client.get(url)
    with django_assert_num_queries(9):
        client.get(url)


PERSON = {
    "username": "kadis.dishub",
    "full_name": "Ir. Yoserizal, M.T.",
    "nip": "1972 0304 199803 1 005",
    "position": "Kepala Dinas Perhubungan",
    "rank": "Pembina Tk. I (IV/b)",
    "phone": "0812-6600-1234",
    "email": "dishub@payakumbuhkota.go.id",
    "language": "id",
    "is_active": "on",
}


def test_admin_adds_a_person_without_a_usable_password(org):
    response = org.client_for(org.admin).post(reverse("org:person_create"), PERSON)
    person = Person.objects.get(username="kadis.dishub")
    assert response.status_code == 302
    assert person.nip == "197203041998031005"
    assert person.phone == "081266001234"
    assert not person.has_usable_password()
    assert ChangeLog.objects.filter(person=person, action="created", actor=org.admin).exists()


def test_a_bad_nip_is_explained_next_to_the_field_and_input_kept(org):
    response = org.client_for(org.admin).post(
        reverse("org:person_create"), {**PERSON, "nip": "19720304"}
    )
    assert response.status_code == 200
    assert "nip" in response.context["form"].errors
    assert 'value="Ir. Yoserizal, M.T."' in response.content.decode()
    assert not Person.objects.filter(username="kadis.dishub").exists()


def test_person_create_permissions(org):
    assert (
        org.client_for(org.asisten2).post(reverse("org:person_create"), PERSON).status_code == 403
    )
    assert (
        org.client_for(org.bpn_partner).post(reverse("org:person_create"), PERSON).status_code
        == 404
    )
    assert org.client_for(org.admin).delete(reverse("org:person_create")).status_code == 405
    assert not Person.objects.filter(username="kadis.dishub").exists()


def test_admin_edits_a_person_and_a_stale_form_is_refused(org):
    url = reverse("org:person_edit", args=[org.kadis_pupr.pk])
    base = {
        "username": "kadis.pupr",
        "full_name": org.kadis_pupr.full_name,
        "language": "id",
        "is_active": "on",
        "version": "1",
    }
    client = org.client_for(org.admin)
    assert client.get(url).status_code == 200
    assert client.post(url, {**base, "rank": "Pembina (IV/a)"}).status_code == 302
    response = client.post(url, {**base, "rank": "Penata (III/c)"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    org.kadis_pupr.refresh_from_db()
    assert org.kadis_pupr.rank == "Pembina (IV/a)"


def test_person_edit_permissions(org):
    url = reverse("org:person_edit", args=[org.kadis_pupr.pk])
    data = {"username": "hacked", "full_name": "X", "language": "id", "version": "1"}
    assert (
        org.client_for(org.kadis_pupr).post(url, data).status_code == 403
    )  # may read self, not edit here
    assert org.client_for(org.pdam_partner).post(url, data).status_code == 404
    org.kadis_pupr.refresh_from_db()
    assert org.kadis_pupr.username == "kadis.pupr"


def test_admin_sends_a_password_link_through_the_worker(org, settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
    url = reverse("org:person_password_link", args=[org.kadis_pupr.pk])
    response = org.client_for(org.admin).post(url)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert mail.outbox[0].to == [org.kadis_pupr.email]


def test_no_link_without_an_email_address(org):
    person = make_person("tanpa.email", unit=org.pupr, role="unit_staff", email="")
    response = org.client_for(org.admin).post(reverse("org:person_password_link", args=[person.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_password_link_permissions(org):
    url = reverse("org:person_password_link", args=[org.kadis_pupr.pk])
    assert org.client_for(org.admin).get(url).status_code == 405
    assert org.client_for(org.asisten2).post(url).status_code == 403
    assert org.client_for(org.pdam_partner).post(url).status_code == 404


def test_a_user_name_differing_only_by_case_is_refused_in_indonesian(org):
    response = org.client_for(org.admin).post(
        reverse("org:person_create"), {**PERSON, "username": "Kadis.PUPR"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Nama pengguna ini sudah dipakai orang lain."
    ]
