"""Units: list, detail, create, edit and the coordinating Asisten."""

import datetime as dt

import pytest
from django.urls import reverse

from tuntas.org.models import ChangeLog, Unit, UnitCoordination
from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db


# --- list -----------------------------------------------------------------------------------


def test_internal_staff_see_the_whole_organisation(org):
    response = org.client_for(org.pupr_operator).get(reverse("org:unit_list"))
    assert response.status_code == 200
    names = [u.short_name for u, _depth in response.context["rows"]]
    assert {"PUPR", "DINSOS", "PDAM", "ASISTEN2"} <= set(names)
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" in response.content.decode()


def test_the_list_is_a_tree_with_bagian_under_their_asisten(org):
    rows = org.client_for(org.asisten2).get(reverse("org:unit_list")).context["rows"]
    order = [u.short_name for u, _d in rows]
    depth = {u.short_name: d for u, d in rows}
    assert order.index("SETDA") < order.index("ASISTEN2") < order.index("BAG-EKONOMI")
    assert depth["BAG-EKONOMI"] == depth["ASISTEN2"] + 1


def test_partners_see_only_their_own_unit(org):
    rows = org.client_for(org.pdam_partner).get(reverse("org:unit_list")).context["rows"]
    assert [u.short_name for u, _d in rows] == ["PDAM"]


def test_search_and_kind_filter(org):
    client = org.client_for(org.asisten2)
    rows = client.get(reverse("org:unit_list"), {"q": "sosial"}).context["rows"]
    assert [u.short_name for u, _d in rows] == ["DINSOS"]
    rows = client.get(reverse("org:unit_list"), {"kind": "assistant"}).context["rows"]
    assert {u.short_name for u, _d in rows} == {"ASISTEN1", "ASISTEN2"}


def test_htmx_search_returns_only_the_rows(org):
    response = org.client_for(org.asisten2).get(
        reverse("org:unit_list"), {"q": "PUPR"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "Dinas Pekerjaan Umum" in body
    assert "HX-Request" in response["Vary"]


def test_each_row_shows_the_current_coordinator(org):
    rows = org.client_for(org.asisten2).get(reverse("org:unit_list")).context["rows"]
    pupr = next(u for u, _d in rows if u.short_name == "PUPR")
    assert pupr.coordinator_now == org.asisten2_unit


def test_the_list_pins_its_query_count(org, django_assert_num_queries):
    client = org.client_for(org.asisten2)
    client.get(reverse("org:unit_list"))  # warm the session
    with django_assert_num_queries(7):
        client.get(reverse("org:unit_list"))
    for i in range(30):
        make_unit(f"EXTRA{i}", Unit.Kind.AGENCY, coordinator=org.asisten2_unit)
    with django_assert_num_queries(7):
        client.get(reverse("org:unit_list"))


def test_the_list_rejects_post(org):
    assert org.client_for(org.admin).post(reverse("org:unit_list")).status_code == 405


# --- detail -------------------------------------------------------------------------------


def test_detail_shows_roles_and_coordination(org):
    response = org.client_for(org.asisten2).get(reverse("org:unit_detail", args=[org.pupr.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert org.kadis_pupr.full_name in body
    assert response.context["coordinator"] == org.asisten2_unit
    assert response.context["coordination_form"] is None  # readers get no edit form


def test_detail_of_an_asisten_lists_the_units_it_coordinates(org):
    response = org.client_for(org.sekda).get(
        reverse("org:unit_detail", args=[org.asisten2_unit.pk])
    )
    assert {u.short_name for u in response.context["coordinated"]} == {"PUPR", "PDAM"}


def test_partner_gets_404_for_a_unit_not_theirs(org):
    response = org.client_for(org.pdam_partner).get(reverse("org:unit_detail", args=[org.pupr.pk]))
    assert response.status_code == 404


def test_partner_sees_their_own_unit(org):
    response = org.client_for(org.pdam_partner).get(reverse("org:unit_detail", args=[org.pdam.pk]))
    assert response.status_code == 200


def test_detail_of_a_missing_unit_is_404(org):
    assert (
        org.client_for(org.admin).get(reverse("org:unit_detail", args=[99999])).status_code == 404
    )


def test_detail_pins_its_query_count(org, django_assert_num_queries):
    client = org.client_for(org.admin)
    url = reverse("org:unit_detail", args=[org.asisten2_unit.pk])
    client.get(url)
    with django_assert_num_queries(13):
        client.get(url)
    for i in range(10):
        make_unit(
            f"SUB{i}", Unit.Kind.AGENCY, parent=org.asisten2_unit, coordinator=org.asisten2_unit
        )
    with django_assert_num_queries(13):
        client.get(url)


# --- create ------------------------------------------------------------------------------

VALID = {
    "name": "Dinas Perhubungan",
    "short_name": "DISHUB",
    "kind": "agency",
    "sort_order": "100",
    "is_active": "on",
}


def test_admin_creates_a_unit_and_it_is_logged(org):
    response = org.client_for(org.admin).post(reverse("org:unit_create"), VALID)
    unit = Unit.objects.get(short_name="DISHUB")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:unit_detail", args=[unit.pk])
    entry = ChangeLog.objects.get(unit=unit)
    assert entry.action == ChangeLog.Action.CREATED
    assert entry.actor == org.admin


def test_a_bad_unit_keeps_what_was_typed_and_explains_in_indonesian(org):
    data = {**VALID, "short_name": "pupr"}  # clashes with PUPR, whatever the case
    response = org.client_for(org.admin).post(reverse("org:unit_create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "sudah dipakai" in body
    assert 'value="Dinas Perhubungan"' in body
    assert not Unit.objects.filter(name="Dinas Perhubungan").exists()


def test_reader_gets_403_on_create(org):
    client = org.client_for(org.asisten2)
    assert client.get(reverse("org:unit_create")).status_code == 403
    assert client.post(reverse("org:unit_create"), VALID).status_code == 403
    assert not Unit.objects.filter(short_name="DISHUB").exists()


def test_partner_gets_404_on_create(org):
    assert (
        org.client_for(org.pdam_partner).post(reverse("org:unit_create"), VALID).status_code == 404
    )


def test_create_rejects_put(org):
    assert org.client_for(org.admin).put(reverse("org:unit_create")).status_code == 405


# --- edit --------------------------------------------------------------------------------


def _edit_data(unit, **changes):
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "sort_order": unit.sort_order,
        "is_active": "on",
        "version": unit.version,
    }
    data.update(changes)
    return data


def test_admin_edits_a_unit(org):
    url = reverse("org:unit_edit", args=[org.pupr.pk])
    response = org.client_for(org.admin).post(
        url, _edit_data(org.pupr, sipd_code="1.03.0.00.0.00.01.0000")
    )
    assert response.status_code == 302
    org.pupr.refresh_from_db()
    assert org.pupr.sipd_code == "1.03.0.00.0.00.01.0000"
    assert org.pupr.version == 2
    assert ChangeLog.objects.filter(unit=org.pupr, action="updated").count() == 1


def test_a_stale_edit_never_overwrites_a_newer_one(org):
    url = reverse("org:unit_edit", args=[org.pupr.pk])
    client = org.client_for(org.admin)
    first = _edit_data(org.pupr, address="Jl. Soekarno Hatta")
    second = _edit_data(org.pupr, address="Jl. Veteran")  # opened at the same version
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 200
    assert "diubah oleh orang lain" in response.content.decode()
    assert 'value="Jl. Veteran"' in response.content.decode()  # the typed value is kept
    org.pupr.refresh_from_db()
    assert org.pupr.address == "Jl. Soekarno Hatta"


def test_a_unit_cannot_be_moved_under_its_own_child(org):
    url = reverse("org:unit_edit", args=[org.asisten2_unit.pk])
    data = _edit_data(org.asisten2_unit, parent=org.bag_ekonomi.pk)
    response = org.client_for(org.admin).post(url, data)
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


def test_reader_gets_403_on_edit(org):
    url = reverse("org:unit_edit", args=[org.pupr.pk])
    assert (
        org.client_for(org.kadis_pupr).post(url, _edit_data(org.pupr, name="X")).status_code == 403
    )
    org.pupr.refresh_from_db()
    assert org.pupr.name != "X"


def test_partner_gets_404_on_edit(org):
    url = reverse("org:unit_edit", args=[org.pupr.pk])
    assert org.client_for(org.bpn_partner).get(url).status_code == 404


def test_edit_form_renders_for_admin(org):
    response = org.client_for(org.admin).get(reverse("org:unit_edit", args=[org.pupr.pk]))
    assert response.status_code == 200
    assert f'name="version" value="{org.pupr.version}"' in response.content.decode()


# --- coordination ------------------------------------------------------------------------


def test_admin_moves_a_unit_to_another_asisten_from_a_date(org):
    url = reverse("org:unit_coordination_add", args=[org.pupr.pk])
    data = {
        "coordinator": org.asisten1_unit.pk,
        "valid_from": "2026-07-01",
        "legal_basis": "Perwali 12/2026",
    }
    response = org.client_for(org.admin).post(url, data)
    assert response.status_code == 302
    assert org.pupr.coordinator_on(dt.date(2026, 6, 30)) == org.asisten2_unit
    assert org.pupr.coordinator_on(dt.date(2026, 7, 1)) == org.asisten1_unit
    assert ChangeLog.objects.filter(unit=org.pupr).exists()


def test_a_duplicate_start_date_is_explained(org):
    url = reverse("org:unit_coordination_add", args=[org.pupr.pk])
    data = {"coordinator": org.asisten1_unit.pk, "valid_from": "2025-01-01"}
    response = org.client_for(org.admin).post(url, data)
    assert response.status_code == 400
    assert "valid_from" in response.context["form"].errors
    assert UnitCoordination.objects.filter(unit=org.pupr).count() == 1


def test_only_an_asisten_can_coordinate(org):
    url = reverse("org:unit_coordination_add", args=[org.pupr.pk])
    data = {"coordinator": org.dinsos.pk, "valid_from": "2026-07-01"}
    response = org.client_for(org.admin).post(url, data)
    assert response.status_code == 400
    assert "coordinator" in response.context["form"].errors


def test_coordination_permissions(org):
    url = reverse("org:unit_coordination_add", args=[org.pupr.pk])
    data = {"coordinator": org.asisten1_unit.pk, "valid_from": "2026-07-01"}
    assert org.client_for(org.asisten2).post(url, data).status_code == 403
    assert org.client_for(org.pdam_partner).post(url, data).status_code == 404
    assert org.client_for(org.admin).get(url).status_code == 405
    assert UnitCoordination.objects.filter(unit=org.pupr).count() == 1
