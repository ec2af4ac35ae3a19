"""The issue categories: read by staff, kept by the admin (Administrasi → Kategori permasalahan)."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.models import Category
from tuntas.issues.tests.factories import make_issue
from tuntas.issues.tests.viewkit import NOW, field_errors, login_redirect, messages_of
from tuntas.org.models import ChangeLog

pytestmark = pytest.mark.django_db

URL = reverse("issues:categories")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def edit_url(category):
    return reverse("issues:category_edit", args=[category.pk])


def new(**changes):
    data = {"code": "air-bersih", "name": "Air bersih", "sort_order": "15", "is_active": "on"}
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def edited(category, **changes):
    data = {
        "name": category.name,
        "sort_order": category.sort_order,
        "is_active": "on" if category.is_active else "",
        "version": category.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def offered(org):
    """The categories the form for a new issue offers."""
    page = org.client_for(org.pupr_operator).get(reverse("issues:create"))
    return list(page.context["form"].fields["category"].queryset)


@pytest.fixture
def lahan(org):
    return Category.objects.get(code="lahan")


# --- who may do what ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, lahan):
    assert login_redirect(client.get(URL), URL)
    assert login_redirect(client.get(edit_url(lahan)), edit_url(lahan))


@pytest.mark.parametrize("persona", ["bpn_partner", "pdam_partner", "nobody"])
def test_partners_and_people_without_a_role_get_404(org, persona, lahan):
    client = org.client_for(getattr(org, persona))

    assert client.get(URL).status_code == 404
    assert client.post(URL, new()).status_code == 404
    assert client.get(edit_url(lahan)).status_code == 404


@pytest.mark.parametrize("persona", ["asisten2", "sekda", "pupr_operator"])
def test_staff_read_the_list_but_may_not_change_it(org, persona, lahan):
    client = org.client_for(getattr(org, persona))

    page = client.get(URL)
    assert page.status_code == 200
    assert "Lahan" in page.content.decode()
    assert page.context["form"] is None
    assert client.post(URL, new()).status_code == 403
    assert client.get(edit_url(lahan)).status_code == 403
    assert client.post(edit_url(lahan), edited(lahan, name="Tanah")).status_code == 403
    assert not Category.objects.filter(code="air-bersih").exists()
    assert Category.objects.get(pk=lahan.pk).name == lahan.name


def test_it_rejects_put(org, lahan):
    client = org.client_for(org.admin)
    assert client.put(URL).status_code == 405
    assert client.put(edit_url(lahan)).status_code == 405


def test_an_unknown_category_is_not_found(org):
    assert (
        org.client_for(org.admin).get(reverse("issues:category_edit", args=[999])).status_code
        == 404
    )


# --- the admin ---------------------------------------------------------------------------------


def test_the_list_counts_the_issues_of_each_category(org, lahan, django_assert_num_queries):
    client = org.client_for(org.admin)
    client.get(URL)
    with django_assert_num_queries(6):  # session, person, roles; categories; letterhead, unread
        client.get(URL)
    Category.objects.bulk_create(Category(code=f"extra-{n}", name=f"Extra {n}") for n in range(5))
    make_issue(org, category="lahan")
    with django_assert_num_queries(6):
        response = client.get(URL)
    rows = {c.code: c.issue_count for c in response.context["categories"]}
    assert (rows["lahan"], rows["utilitas"], rows["extra-4"]) == (1, 0, 0)
    assert set(rows) == set(Category.objects.values_list("code", flat=True))


def test_the_admin_adds_a_category_that_new_issues_may_choose(org):
    response = org.client_for(org.admin).post(URL, new())

    assert response.status_code == 302
    category = Category.objects.get(code="air-bersih")
    assert (category.name, category.sort_order, category.is_active) == ("Air bersih", 15, True)
    assert category in offered(org)
    log = ChangeLog.objects.get()
    assert (log.actor, log.action) == (org.admin, "created")
    assert "Air bersih" in log.summary


def test_a_taken_or_malformed_code_is_refused_with_what_was_typed_kept(org):
    client = org.client_for(org.admin)

    taken = client.post(URL, new(code="lahan", name="Tanah kas desa"))
    assert taken.status_code == 400
    assert field_errors(taken, "code")
    assert 'value="Tanah kas desa"' in taken.content.decode()

    malformed = client.post(URL, new(code="Air Bersih!", name=""))
    assert malformed.status_code == 400
    assert field_errors(malformed, "code") and field_errors(malformed, "name")
    assert "Bidang ini tidak boleh kosong." in field_errors(malformed, "name")
    assert 'value="Air Bersih!"' in malformed.content.decode()
    assert not ChangeLog.objects.exists()


def test_the_admin_renames_and_withdraws_a_category(org, lahan):
    client = org.client_for(org.admin)
    assert client.get(edit_url(lahan)).status_code == 200

    response = client.post(edit_url(lahan), edited(lahan, name="Lahan dan aset", is_active=""))

    assert response.status_code == 302
    assert messages_of(client.get(URL)) == ["Kategori telah disimpan."]
    saved = Category.objects.get(pk=lahan.pk)
    assert (saved.name, saved.is_active, saved.code, saved.version) == (
        "Lahan dan aset",
        False,
        "lahan",
        lahan.version + 1,
    )
    assert saved not in offered(org)
    log = ChangeLog.objects.get()
    assert log.changes == {"name": "Lahan dan aset", "is_active": "False"}


def test_a_stale_form_does_not_overwrite_a_newer_change(org, lahan):
    client = org.client_for(org.admin)
    client.post(edit_url(lahan), edited(lahan, name="Lahan dan aset"))

    stale = client.post(edit_url(lahan), edited(lahan, name="Pertanahan"))

    assert stale.status_code == 400
    assert "Data ini telah diubah oleh orang lain" in stale.content.decode()
    assert 'value="Pertanahan"' in stale.content.decode()
    assert Category.objects.get(pk=lahan.pk).name == "Lahan dan aset"


def test_a_blank_name_is_refused_next_to_the_field(org, lahan):
    response = org.client_for(org.admin).post(edit_url(lahan), edited(lahan, name=""))

    assert response.status_code == 400
    assert field_errors(response, "name") == ["Bidang ini tidak boleh kosong."]
    assert Category.objects.get(pk=lahan.pk).name == lahan.name
