"""Organisation models: coordination over time and database-held invariants."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tuntas.org.models import Person, RoleAssignment, Unit, UnitCoordination

pytestmark = pytest.mark.django_db


def test_the_coordinator_changes_on_the_date_the_perda_says(org):
    UnitCoordination.objects.create(
        unit=org.pupr, coordinator=org.asisten1_unit, valid_from=dt.date(2026, 7, 1)
    )
    assert org.pupr.coordinator_on(dt.date(2024, 12, 31)) is None
    assert org.pupr.coordinator_on(dt.date(2026, 6, 30)) == org.asisten2_unit
    assert org.pupr.coordinator_on(dt.date(2026, 7, 1)) == org.asisten1_unit
    july = Unit.objects.coordinated_by([org.asisten1_unit.pk], dt.date(2026, 7, 1))
    assert set(july) == {org.pupr, org.dinsos}


def test_a_unit_cannot_coordinate_itself(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitCoordination.objects.create(
            unit=org.asisten2_unit, coordinator=org.asisten2_unit, valid_from=dt.date(2026, 1, 1)
        )


def test_a_role_cannot_end_before_it_starts(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            person=org.nobody,
            unit=org.pupr,
            role="unit_staff",
            valid_from=dt.date(2026, 2, 1),
            valid_until=dt.date(2026, 1, 1),
        )


def test_nip_is_unique_but_may_be_empty_for_many(org):
    Person.objects.create_user(username="a", full_name="A", nip="")
    Person.objects.create_user(username="b", full_name="B", nip="")
    assert Person.objects.filter(nip__isnull=True).count() >= 2
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create_user(username="c", full_name="C", nip=org.asisten2.nip)


def test_short_names_are_unique(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(name="Duplikat", short_name="PUPR", kind="agency")


def test_short_names_and_user_names_are_unique_whatever_the_case(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(name="Duplikat", short_name="pupr", kind="agency")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create_user(username="Asisten2", full_name="Tiruan")
