"""Who sees which sub kegiatan, and who enters targets and realisation."""

import datetime as dt

import pytest

from tuntas.org.access import Access, Viewer
from tuntas.org.models import UnitCoordination
from tuntas.plans.access import (
    can_open_issue,
    sub_activity_access,
    visible_sub_activities,
)
from tuntas.plans.tests.kit import make_sub

pytestmark = pytest.mark.django_db


@pytest.fixture
def subs(org):
    return {
        "PUPR": make_sub(org, org.pupr, targets=None),
        "PDAM": make_sub(org, org.pdam, targets=None, name="Jaringan pipa SPAM"),
        "DINSOS": make_sub(org, org.dinsos, targets=None, name="Bantuan sosial"),
    }


def seen(person):
    return {s.unit.short_name for s in visible_sub_activities(Viewer.of(person))}


@pytest.mark.parametrize(
    ("persona", "units"),
    [
        ("pupr_operator", {"PUPR"}),
        ("kadis_pupr", {"PUPR"}),
        ("dinsos_operator", {"DINSOS"}),
        ("asisten2", {"PUPR", "PDAM"}),
        ("bagekonomi_staff", {"PUPR", "PDAM"}),
        ("sekda", {"PUPR", "PDAM", "DINSOS"}),
        ("walikota", {"PUPR", "PDAM", "DINSOS"}),
        ("admin", {"PUPR", "PDAM", "DINSOS"}),
        ("pdam_partner", {"PDAM"}),
        ("bpn_partner", set()),
        ("nobody", set()),
    ],
)
def test_each_role_sees_its_own_sub_kegiatan(org, subs, persona, units):
    assert seen(getattr(org, persona)) == units


@pytest.mark.parametrize(
    ("persona", "unit", "access"),
    [
        ("pupr_operator", "PUPR", Access.WRITE),
        ("kadis_pupr", "PUPR", Access.WRITE),
        ("admin", "DINSOS", Access.WRITE),
        ("asisten2", "PUPR", Access.READ),
        ("bagekonomi_staff", "PDAM", Access.READ),
        ("sekda", "DINSOS", Access.READ),
        ("walikota", "PUPR", Access.READ),
        ("pdam_partner", "PDAM", Access.READ),
        ("pdam_partner", "PUPR", Access.NONE),
        ("asisten2", "DINSOS", Access.NONE),
        ("dinsos_operator", "PUPR", Access.NONE),
        ("bpn_partner", "PUPR", Access.NONE),
        ("nobody", "PUPR", Access.NONE),
    ],
)
def test_access_to_one_sub_kegiatan(org, subs, persona, unit, access):
    assert sub_activity_access(Viewer.of(getattr(org, persona)), subs[unit]) == access


def test_the_portfolio_follows_todays_coordination(org, subs):
    # From 1 March 2025 PUPR is coordinated by Asisten I.
    UnitCoordination.objects.create(
        unit=org.pupr, coordinator=org.asisten1_unit, valid_from=dt.date(2025, 3, 1)
    )
    before = Viewer.of(org.asisten2, on=dt.date(2025, 2, 28))
    after = Viewer.of(org.asisten2, on=dt.date(2025, 3, 1))

    assert sub_activity_access(before, subs["PUPR"]) == Access.READ
    assert sub_activity_access(after, subs["PUPR"]) == Access.NONE
    assert subs["PUPR"] not in visible_sub_activities(after)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("pupr_operator", True),
        ("kadis_pupr", True),
        ("asisten2", True),
        ("bagekonomi_staff", True),
        ("sekda", False),
        ("walikota", False),
        ("admin", False),
        ("pdam_partner", False),
    ],
)
def test_who_turns_a_warning_into_an_issue(org, subs, persona, allowed):
    assert can_open_issue(Viewer.of(getattr(org, persona)), subs["PUPR"]) is allowed
