"""The permission layer: who may see and change units and people."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tuntas.org.access import (
    Access,
    Viewer,
    get_for_viewer,
    person_access,
    require,
    unit_access,
    visible_people,
    visible_units,
)
from tuntas.org.models import RoleAssignment, Unit
from tuntas.testing.personas import make_person

pytestmark = pytest.mark.django_db


def test_require_maps_access_to_404_and_403():
    with pytest.raises(Http404):
        require(Access.NONE, Access.READ)
    with pytest.raises(PermissionDenied):
        require(Access.READ, Access.WRITE)
    require(Access.WRITE, Access.WRITE)


def test_only_roles_in_force_count(org):
    past = make_person(
        "mantan",
        unit=org.pupr,
        role="unit_head",
        since=dt.date(2020, 1, 1),
        until=dt.date(2024, 12, 31),
    )
    future = make_person("calon", unit=org.pupr, role="unit_head", since=dt.date(2099, 1, 1))
    assert Viewer.of(past).roles == frozenset()
    assert Viewer.of(future).roles == frozenset()
    assert Viewer.of(past, on=dt.date(2022, 6, 1)).roles == {"unit_head"}


def test_the_bagian_acts_for_its_asisten(org):
    assert Viewer.of(org.bagekonomi_staff).assistant_ids == {org.asisten2_unit.pk}
    assert Viewer.of(org.asisten2).assistant_ids == {org.asisten2_unit.pk}
    assert Viewer.of(org.pupr_operator).assistant_ids == frozenset()


def test_unit_rules(org):
    assert unit_access(Viewer.of(org.admin), org.pupr) == Access.WRITE
    assert unit_access(Viewer.of(org.pupr_operator), org.dinsos) == Access.READ
    assert unit_access(Viewer.of(org.pdam_partner), org.pdam) == Access.READ
    assert unit_access(Viewer.of(org.pdam_partner), org.pupr) == Access.NONE
    assert unit_access(Viewer.of(org.nobody), org.pupr) == Access.NONE


def test_person_rules(org):
    partner = Viewer.of(org.pdam_partner)
    assert person_access(partner, org.kadis_pupr, person_unit_ids=[org.pupr.pk]) == Access.NONE
    assert person_access(partner, org.pdam_partner) == Access.READ
    assert person_access(Viewer.of(org.sekda), org.kadis_pupr) == Access.READ
    assert person_access(Viewer.of(org.admin), org.kadis_pupr) == Access.WRITE


def test_visible_querysets_follow_the_rules(org):
    assert set(visible_units(Viewer.of(org.bpn_partner))) == {org.bpn}
    assert visible_units(Viewer.of(org.asisten2)).count() == Unit.objects.count()
    assert set(visible_people(Viewer.of(org.bpn_partner))) == {org.bpn_partner}


def test_a_superuser_is_admin_without_a_role(org):
    org.nobody.is_superuser = True
    org.nobody.save()
    assert Viewer.of(org.nobody).is_admin


def test_get_for_viewer_hides_and_refuses(org):
    viewer = Viewer.of(org.pdam_partner)
    with pytest.raises(Http404):
        get_for_viewer(viewer, Unit.objects.all(), org.pupr.pk, unit_access)
    with pytest.raises(Http404):
        get_for_viewer(viewer, Unit.objects.all(), "not-a-number", unit_access)
    with pytest.raises(PermissionDenied):
        get_for_viewer(viewer, Unit.objects.all(), org.pdam.pk, unit_access, Access.WRITE)
    unit, access = get_for_viewer(viewer, Unit.objects.all(), org.pdam.pk, unit_access)
    assert (unit, access) == (org.pdam, Access.READ)


def test_acting_officials_print_their_prefix(org):
    assignment = RoleAssignment.objects.create(
        person=org.kadis_pupr,
        unit=org.asisten2_unit,
        role="coordinator",
        capacity="plh",
        position_title="Asisten Perekonomian dan Pembangunan",
        valid_from=dt.date(2026, 1, 5),
    )
    assert assignment.signature_title == "Plh. Asisten Perekonomian dan Pembangunan"
    assert org.asisten2.assignments.get().signature_title == "Asisten Perekonomian dan Pembangunan"
