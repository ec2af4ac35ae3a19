import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from tuntas.org.demo import DEMO_PASSWORD, KELURAHAN, PEOPLE, demo_load
from tuntas.org.models import (
    ChangeLog,
    Government,
    Person,
    RoleAssignment,
    Unit,
    UnitCoordination,
)

Role = RoleAssignment.Role
MODELS = [Government, Unit, UnitCoordination, Person, RoleAssignment, ChangeLog]
LOGINS = [
    "walikota",
    "wawako",
    "sekda",
    "asisten1",
    "asisten2",
    "asisten3",
    "bagekonomi",
    "kadis.pupr",
    "operator.pupr",
    "operator.dinkes",
    "pdam",
    "bpn",
    "admin",
]


def snapshot() -> dict[str, list[dict]]:
    return {m.__name__: list(m._default_manager.order_by("pk").values()) for m in MODELS}


def log_in(username: str, password: str = DEMO_PASSWORD) -> Person | None:
    return authenticate(request=RequestFactory().post("/"), username=username, password=password)


@pytest.mark.django_db
def test_it_loads_the_payakumbuh_organisation():
    result = demo_load()

    government = Government.current()
    assert government is not None
    assert government.name == "Pemerintah Kota Payakumbuh"
    assert government.postal_code == "25211"
    assert Unit.objects.get(short_name="PUPR").name == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert str(Unit.objects.get(short_name="BAG-EKONOMI").parent) == (
        "Asisten Perekonomian dan Pembangunan"
    )
    assert Unit.objects.filter(kind=Unit.Kind.DISTRICT).count() == 5
    assert Unit.objects.filter(kind=Unit.Kind.SUBDISTRICT).count() == sum(
        len(names) for _, names in KELURAHAN
    )
    assert [x.username for x in result.logins] == LOGINS
    assert result.created > 0
    assert result.updated == 0


@pytest.mark.django_db
def test_a_second_run_changes_nothing():
    demo_load()
    before = snapshot()

    again = demo_load()

    assert snapshot() == before
    assert (again.created, again.updated) == (0, 0)


@pytest.mark.django_db
def test_a_second_run_keeps_a_changed_password():
    demo_load()
    person = Person.objects.get(username="operator.pupr")
    person.set_password("another-secret-2026")
    person.save()

    demo_load()

    assert log_in("operator.pupr", "another-secret-2026") is not None


@pytest.mark.django_db
def test_every_role_has_a_demo_login():
    result = demo_load()

    assert {x.role for x in result.logins} == set(Role.values)
    for role in Role.values:
        assert (
            RoleAssignment.objects.active(dt.date(2026, 6, 1))
            .filter(role=role, person__username__in=LOGINS)
            .exists()
        ), role


@pytest.mark.django_db
def test_pupr_is_coordinated_by_asisten_ii():
    demo_load()

    pupr = Unit.objects.get(short_name="PUPR")

    coordinator = pupr.coordinator_on(dt.date(2026, 6, 1))
    assert coordinator is not None
    assert coordinator.short_name == "ASISTEN2"


@pytest.mark.django_db
def test_every_opd_but_the_inspektorat_has_a_coordinator():
    demo_load()
    day = dt.date(2026, 6, 1)
    kinds = [Unit.Kind.AGENCY, Unit.Kind.DISTRICT, Unit.Kind.ENTERPRISE, Unit.Kind.PARTNER]

    missing = [
        u.short_name for u in Unit.objects.filter(kind__in=kinds) if not u.coordinator_on(day)
    ]

    assert missing == ["INSPEKTORAT"]
    assert str(Unit.objects.get(short_name="BPN").coordinator_on(day)) == (
        "Asisten Perekonomian dan Pembangunan"
    )


@pytest.mark.django_db
def test_every_nip_is_18_digits_unique_and_well_formed():
    demo_load()

    nips = [p.nip for p in Person.objects.exclude(nip=None) if p.nip]

    assert len(nips) == len(set(nips)) == len([p for p in PEOPLE if p.nip])
    for nip in nips:
        assert len(nip) == 18 and nip.isdigit(), nip
        born = dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
        appointed = dt.date(int(nip[8:12]), int(nip[12:14]), 1)
        assert 18 <= (appointed - born).days // 365 <= 35, nip
        assert nip[14] in "12", nip
    assert Person.objects.get(username="pdam").nip is None
    assert Person.objects.get(username="bpn").nip is None


@pytest.mark.django_db
def test_a_demo_user_logs_in_with_username_and_with_nip():
    demo_load()
    kadis = Person.objects.get(username="kadis.pupr")

    assert log_in("kadis.pupr") == kadis
    assert kadis.nip is not None
    assert log_in(kadis.nip) == kadis
    assert log_in("kadis.pupr", "wrong-password-2026") is None


@pytest.mark.django_db
def test_the_demo_password_passes_the_validators():
    demo_load()

    for person in Person.objects.filter(username__in=LOGINS):
        validate_password(DEMO_PASSWORD, person)


@pytest.mark.django_db
def test_asisten3_is_acting():
    demo_load()

    assignment = RoleAssignment.objects.get(person__username="asisten3", role=Role.COORDINATOR)

    assert assignment.capacity == RoleAssignment.Capacity.PLT
    assert assignment.unit.short_name == "ASISTEN3"
    assert assignment.signature_title == "Plt. Asisten Administrasi Umum"


@pytest.mark.django_db
def test_admin_is_a_superuser():
    demo_load()

    admin = Person.objects.get(username="admin")

    assert admin.is_staff and admin.is_superuser
    assert not Person.objects.get(username="asisten2").is_staff


@pytest.mark.django_db
def test_the_command_prints_the_logins_and_the_password(settings):
    settings.DEBUG = True
    out = StringIO()

    call_command("load_demo", stdout=out)

    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for username in LOGINS:
        assert username in text


@pytest.mark.django_db
def test_the_command_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())

    assert not Person.objects.exists()
