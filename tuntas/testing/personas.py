"""Named people and units shared by every app's tests (pytest fixtures)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from tuntas.issues.seed import categories_ensure
from tuntas.org.models import Government, Person, RoleAssignment, Unit, UnitCoordination

Role = RoleAssignment.Role
Kind = Unit.Kind
PASSWORD = "persona-password-123"
SINCE = dt.date(2025, 1, 1)


def make_unit(
    short_name: str,
    kind: str,
    *,
    name: str = "",
    parent: Unit | None = None,
    coordinator: Unit | None = None,
    since: dt.date = SINCE,
) -> Unit:
    """Create a unit, optionally coordinated by an Asisten from a date."""
    unit = Unit.objects.create(
        short_name=short_name, kind=kind, name=name or short_name, parent=parent
    )
    if coordinator is not None:
        UnitCoordination.objects.create(unit=unit, coordinator=coordinator, valid_from=since)
    return unit


def make_person(
    username: str,
    *,
    unit: Unit | None = None,
    role: str | None = None,
    capacity: str = RoleAssignment.Capacity.DEFINITIVE,
    nip: str | None = None,
    full_name: str = "",
    position: str = "",
    since: dt.date = SINCE,
    until: dt.date | None = None,
    email: str | None = None,
) -> Person:
    """Create a person who can log in with PASSWORD, with one role assignment if given."""
    person = Person.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.go.id" if email is None else email,
        full_name=full_name or username.replace(".", " ").title(),
        nip=nip,
        position=position,
    )
    if unit is not None and role is not None:
        RoleAssignment.objects.create(
            person=person,
            unit=unit,
            role=role,
            capacity=capacity,
            valid_from=since,
            valid_until=until,
        )
    return person


@dataclass
class Org:
    """A small city: Setda, two Asisten, a Bagian, three OPDs, PDAM and BPN, a person each."""

    government: Government
    walikota_unit: Unit
    setda: Unit
    asisten1_unit: Unit
    asisten2_unit: Unit
    bag_ekonomi: Unit
    pupr: Unit
    dinsos: Unit
    kominfo: Unit
    pdam: Unit
    bpn: Unit
    walikota: Person
    sekda: Person
    asisten2: Person
    bagekonomi_staff: Person
    kadis_pupr: Person
    pupr_operator: Person
    dinsos_operator: Person
    pdam_partner: Person
    bpn_partner: Person
    admin: Person
    nobody: Person

    def client_for(self, person: Person) -> Client:
        client = Client()
        client.force_login(person)
        return client


@pytest.fixture
def org(db: None) -> Org:
    return build_org()


def build_org() -> Org:
    """Create the personas' city in the database (also for scripts outside pytest)."""
    # Browser tests flush the database, data migrations included: seed what they made.
    categories_ensure()
    government = Government.objects.create(
        name="Pemerintah Kota Payakumbuh",
        region_name="Payakumbuh",
        address="Jl. Veteran No. 70, Kel. Kapalo Koto Dibalai",
        postal_code="25211",
        phone="(0752) 92052",
        email="setda@payakumbuhkota.go.id",
        website="payakumbuhkota.go.id",
    )
    walikota_unit = make_unit("WALIKOTA", Kind.HEAD, name="Wali Kota Payakumbuh")
    setda = make_unit("SETDA", Kind.SETDA, name="Sekretariat Daerah")
    asisten1 = make_unit(
        "ASISTEN1",
        Kind.ASSISTANT,
        parent=setda,
        name="Asisten Pemerintahan dan Kesejahteraan Rakyat",
    )
    asisten2 = make_unit(
        "ASISTEN2", Kind.ASSISTANT, parent=setda, name="Asisten Perekonomian dan Pembangunan"
    )
    bag_ekonomi = make_unit(
        "BAG-EKONOMI",
        Kind.SECTION,
        parent=asisten2,
        name="Bagian Perekonomian dan Sumber Daya Alam",
    )
    pupr = make_unit(
        "PUPR", Kind.AGENCY, coordinator=asisten2, name="Dinas Pekerjaan Umum dan Penataan Ruang"
    )
    dinsos = make_unit("DINSOS", Kind.AGENCY, coordinator=asisten1, name="Dinas Sosial")
    kominfo = make_unit("DISKOMINFO", Kind.AGENCY, name="Dinas Komunikasi dan Informatika")
    pdam = make_unit(
        "PDAM", Kind.ENTERPRISE, coordinator=asisten2, name="Perumda Air Minum Tirta Sago"
    )
    bpn = make_unit("BPN", Kind.PARTNER, name="Kantor Pertanahan Kota Payakumbuh")
    return Org(
        government=government,
        walikota_unit=walikota_unit,
        setda=setda,
        asisten1_unit=asisten1,
        asisten2_unit=asisten2,
        bag_ekonomi=bag_ekonomi,
        pupr=pupr,
        dinsos=dinsos,
        kominfo=kominfo,
        pdam=pdam,
        bpn=bpn,
        walikota=make_person(
            "walikota",
            unit=walikota_unit,
            role=Role.HEAD,
            full_name="H. Zulmaeta, S.H.",
            position="Wali Kota Payakumbuh",
        ),
        sekda=make_person(
            "sekda",
            unit=setda,
            role=Role.SECRETARY_GENERAL,
            full_name="Rida Ananda, S.STP., M.Si.",
            position="Sekretaris Daerah",
        ),
        asisten2=make_person(
            "asisten2",
            unit=asisten2,
            role=Role.COORDINATOR,
            nip="197005152000031002",
            full_name="Ir. Dafrul Pasi, M.T.",
            position="Asisten Perekonomian dan Pembangunan",
        ),
        bagekonomi_staff=make_person(
            "bagekonomi", unit=bag_ekonomi, role=Role.SECRETARIAT, full_name="Rini Oktavia, S.E."
        ),
        kadis_pupr=make_person(
            "kadis.pupr",
            unit=pupr,
            role=Role.UNIT_HEAD,
            full_name="Ir. Muslim, M.T.",
            position="Kepala Dinas PUPR",
        ),
        pupr_operator=make_person(
            "operator.pupr", unit=pupr, role=Role.UNIT_STAFF, full_name="Andi Saputra, A.Md."
        ),
        dinsos_operator=make_person(
            "operator.dinsos", unit=dinsos, role=Role.UNIT_STAFF, full_name="Sari Wahyuni, S.Sos."
        ),
        pdam_partner=make_person(
            "pdam",
            unit=pdam,
            role=Role.PARTNER,
            full_name="Ir. Adrizal, M.M.",
            position="Direktur Perumda AM Tirta Sago",
        ),
        bpn_partner=make_person("bpn", unit=bpn, role=Role.PARTNER, full_name="Yuliarti, S.H."),
        admin=make_person("admin", unit=kominfo, role=Role.ADMIN, full_name="Admin Diskominfo"),
        nobody=make_person("nobody", full_name="Tanpa Peran"),
    )
