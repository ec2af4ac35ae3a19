"""The Payakumbuh demo data set (government, units, coordination, people, roles) and its loader.

Everything here is sample data: the structure follows public sources (see
/work/shared/data/README.md), the people, NIPs, phone numbers and e-mail addresses are invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from django.db import models, transaction

from tuntas.org.models import Government, Person, RoleAssignment, Unit, UnitCoordination

Kind = Unit.Kind
Role = RoleAssignment.Role
Capacity = RoleAssignment.Capacity
M = TypeVar("M", bound=models.Model)

DEMO_PASSWORD = "payakumbuh-2026"

COORDINATION_FROM = dt.date(2026, 1, 1)
COORDINATION_BASIS = "Perwali Payakumbuh tentang pembagian tugas Asisten (data contoh)"
# Officials in the directory hold their posts from the start of 2025; the Wali Kota and the Wakil
# of the 2025-2030 term were sworn in on 20 February 2025.
HEADS_FROM = dt.date(2025, 1, 1)
TERM_FROM = dt.date(2025, 2, 20)
ACTING_FROM = dt.date(2025, 11, 3)

CITY_HALL = "Jl. Veteran No. 70, Kel. Kapalo Koto Dibalai"

GOVERNMENT: Mapping[str, str] = {
    "name": "Pemerintah Kota Payakumbuh",
    "level": Government.Level.CITY,
    "region_name": "Payakumbuh",
    "address": CITY_HALL,
    "postal_code": "25211",
    "phone": "(0752) 92052",
    "fax": "",
    "email": "pemko@payakumbuhkota.go.id",
    "website": "https://payakumbuhkota.go.id",
    "letter_number_pattern": "{klasifikasi}/{seq}/{unit}/{year}",
}


@dataclass(frozen=True)
class UnitSpec:
    """One unit of the demo organisation; parent and coordinator are short names."""

    short_name: str
    name: str
    kind: str
    parent: str | None = None
    sort_order: int = 100
    coordinator: str | None = None
    address: str = ""


@dataclass(frozen=True)
class AssignmentSpec:
    """One role a demo person holds for a unit."""

    unit: str
    role: str
    valid_from: dt.date = HEADS_FROM
    capacity: str = Capacity.DEFINITIVE
    position_title: str = ""
    valid_until: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class PersonSpec:
    """One demo person; `login` marks the accounts listed for the demo (one per role)."""

    username: str
    full_name: str
    nip: str | None
    position: str
    rank: str
    phone: str
    email: str
    assignments: tuple[AssignmentSpec, ...]
    login: bool = False
    is_superuser: bool = False


A1, A2, A3 = "ASISTEN1", "ASISTEN2", "ASISTEN3"

# Sort orders are global and follow the tree, so that a flat list reads top-down: the head's
# office, Setda with its Asisten and Bagian, Setwan, Inspektorat, the dinas in the order of
# the urusan (Permendagri 90/2019), the badan, the kecamatan with their kelurahan, then BUMD
# and external partners.
_UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("WALIKOTA", "Wali Kota Payakumbuh", Kind.HEAD, sort_order=10, address=CITY_HALL),
    UnitSpec(
        "SETDA",
        "Sekretariat Daerah Kota Payakumbuh",
        Kind.SETDA,
        "WALIKOTA",
        20,
        address=CITY_HALL,
    ),
    UnitSpec(A1, "Asisten Pemerintahan dan Kesejahteraan Rakyat", Kind.ASSISTANT, "SETDA", 30),
    UnitSpec("BAG-TAPEM", "Bagian Tata Pemerintahan", Kind.SECTION, A1, 31),
    UnitSpec("BAG-KESRA", "Bagian Kesejahteraan Rakyat", Kind.SECTION, A1, 32),
    UnitSpec("BAG-HUKUM", "Bagian Hukum", Kind.SECTION, A1, 33),
    UnitSpec(A2, "Asisten Perekonomian dan Pembangunan", Kind.ASSISTANT, "SETDA", 40),
    UnitSpec("BAG-EKONOMI", "Bagian Perekonomian dan Sumber Daya Alam", Kind.SECTION, A2, 41),
    UnitSpec("BAG-ADPEM", "Bagian Administrasi Pembangunan", Kind.SECTION, A2, 42),
    UnitSpec("BAG-PBJ", "Bagian Pengadaan Barang dan Jasa", Kind.SECTION, A2, 43),
    UnitSpec(A3, "Asisten Administrasi Umum", Kind.ASSISTANT, "SETDA", 50),
    UnitSpec("BAG-UMUM", "Bagian Umum", Kind.SECTION, A3, 51),
    UnitSpec("BAG-ORGANISASI", "Bagian Organisasi", Kind.SECTION, A3, 52),
    UnitSpec("BAG-PROKOPIM", "Bagian Protokol dan Komunikasi Pimpinan", Kind.SECTION, A3, 53),
    UnitSpec("SETWAN", "Sekretariat DPRD Kota Payakumbuh", Kind.AGENCY, "WALIKOTA", 60, A3),
    # The Inspektorat reports to the Wali Kota directly, outside the Asisten portfolios.
    UnitSpec("INSPEKTORAT", "Inspektorat Kota Payakumbuh", Kind.AGENCY, "WALIKOTA", 70),
    UnitSpec("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", Kind.AGENCY, "WALIKOTA", 100, A1),
    UnitSpec("DINKES", "Dinas Kesehatan", Kind.AGENCY, "WALIKOTA", 105, A1),
    UnitSpec("RSUD", "RSUD dr. Adnaan WD", Kind.AGENCY, "WALIKOTA", 106, A1),
    UnitSpec("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", Kind.AGENCY, "WALIKOTA", 110, A2),
    UnitSpec("PERKIM", "Dinas Perumahan dan Kawasan Permukiman", Kind.AGENCY, "WALIKOTA", 115, A2),
    UnitSpec("SATPOLPP", "Satuan Polisi Pamong Praja", Kind.AGENCY, "WALIKOTA", 120, A1),
    UnitSpec("DINSOS", "Dinas Sosial", Kind.AGENCY, "WALIKOTA", 125, A1),
    UnitSpec(
        "DISNAKERIN", "Dinas Tenaga Kerja dan Perindustrian", Kind.AGENCY, "WALIKOTA", 130, A2
    ),
    UnitSpec(
        "DP3A",
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        Kind.AGENCY,
        "WALIKOTA",
        135,
        A1,
    ),
    UnitSpec("DKP", "Dinas Ketahanan Pangan", Kind.AGENCY, "WALIKOTA", 140, A2),
    UnitSpec("DLH", "Dinas Lingkungan Hidup", Kind.AGENCY, "WALIKOTA", 145, A2),
    UnitSpec(
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        Kind.AGENCY,
        "WALIKOTA",
        150,
        A1,
    ),
    UnitSpec(
        "DPPKB",
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        Kind.AGENCY,
        "WALIKOTA",
        155,
        A1,
    ),
    UnitSpec("DISHUB", "Dinas Perhubungan", Kind.AGENCY, "WALIKOTA", 160, A2),
    UnitSpec("DISKOMINFO", "Dinas Komunikasi dan Informatika", Kind.AGENCY, "WALIKOTA", 165, A3),
    UnitSpec(
        "DISKOPUKM",
        "Dinas Koperasi dan Usaha Kecil dan Menengah",
        Kind.AGENCY,
        "WALIKOTA",
        170,
        A2,
    ),
    UnitSpec(
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        Kind.AGENCY,
        "WALIKOTA",
        175,
        A2,
    ),
    UnitSpec(
        "DISPARPORA",
        "Dinas Pariwisata, Pemuda dan Olahraga",
        Kind.AGENCY,
        "WALIKOTA",
        180,
        A2,
    ),
    UnitSpec("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", Kind.AGENCY, "WALIKOTA", 185, A3),
    UnitSpec("DISTAN", "Dinas Pertanian", Kind.AGENCY, "WALIKOTA", 190, A2),
    UnitSpec("DISDAG", "Dinas Perdagangan", Kind.AGENCY, "WALIKOTA", 195, A2),
    UnitSpec(
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah",
        Kind.AGENCY,
        "WALIKOTA",
        200,
        A2,
    ),
    UnitSpec("BKD", "Badan Keuangan Daerah", Kind.AGENCY, "WALIKOTA", 205, A3, address=CITY_HALL),
    UnitSpec(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        Kind.AGENCY,
        "WALIKOTA",
        210,
        A3,
    ),
    UnitSpec("BPBD", "Badan Penanggulangan Bencana Daerah", Kind.AGENCY, "WALIKOTA", 215, A1),
    UnitSpec("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", Kind.AGENCY, "WALIKOTA", 220, A1),
    UnitSpec("KEC-BARAT", "Kecamatan Payakumbuh Barat", Kind.DISTRICT, "WALIKOTA", 300, A1),
    UnitSpec("KEC-TIMUR", "Kecamatan Payakumbuh Timur", Kind.DISTRICT, "WALIKOTA", 310, A1),
    UnitSpec("KEC-UTARA", "Kecamatan Payakumbuh Utara", Kind.DISTRICT, "WALIKOTA", 320, A1),
    UnitSpec("KEC-SELATAN", "Kecamatan Payakumbuh Selatan", Kind.DISTRICT, "WALIKOTA", 330, A1),
    UnitSpec("KEC-LATINA", "Kecamatan Lamposi Tigo Nagori", Kind.DISTRICT, "WALIKOTA", 340, A1),
    UnitSpec("PDAM", "Perumda Air Minum Tirta Sago", Kind.ENTERPRISE, None, 400, A2),
    UnitSpec("BPN", "Kantor Pertanahan Kota Payakumbuh", Kind.PARTNER, None, 500, A2),
    UnitSpec("PLN", "PT PLN (Persero) ULP Payakumbuh", Kind.PARTNER, None, 510, A2),
)

# Kelurahan of the two kecamatan covered by payakumbuh_wilayah_partial.csv; the other three
# kecamatan are left without kelurahan rather than with invented names.
KELURAHAN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "KEC-SELATAN",
        (
            "Balai Panjang",
            "Kapalo Koto Ampangan",
            "Kototuo Limokampuang",
            "Limbukan",
            "Padang Karambia",
            "Sawahpadang Aua Kuniang",
        ),
    ),
    (
        "KEC-TIMUR",
        (
            "Balai Jariang",
            "Padang Alai Bodi",
            "Padang Tangah Payobada",
            "Padang Tiakar",
            "Sicincin",
            "Payobasuang",
            "Koto Baru",
            "Koto Panjang",
            "Tiakar",
        ),
    ),
)


def _kelurahan_units() -> tuple[UnitSpec, ...]:
    """Return the kelurahan as units, listed right after their kecamatan."""
    sort_of = {spec.short_name: spec.sort_order for spec in _UNITS}
    return tuple(
        UnitSpec(
            "KEL-" + name.upper().replace(" ", "-"),
            f"Kelurahan {name}",
            Kind.SUBDISTRICT,
            kecamatan,
            sort_of[kecamatan] + 1,
        )
        for kecamatan, names in KELURAHAN
        for name in names
    )


UNITS: tuple[UnitSpec, ...] = _UNITS + _kelurahan_units()


def _head(
    username: str,
    full_name: str,
    nip: str,
    unit: str,
    position: str,
    rank: str,
    phone: str,
    email: str,
) -> PersonSpec:
    """Return the head of a unit for the directory (definitive, from HEADS_FROM)."""
    return PersonSpec(
        username,
        full_name,
        nip,
        position,
        rank,
        phone,
        email,
        (AssignmentSpec(unit, Role.UNIT_HEAD, position_title=position),),
    )


IV_D = "Pembina Utama Madya (IV/d)"
IV_C = "Pembina Utama Muda (IV/c)"
IV_B = "Pembina Tingkat I (IV/b)"
IV_A = "Pembina (IV/a)"
III_D = "Penata Tingkat I (III/d)"
III_B = "Penata Muda Tingkat I (III/b)"
III_A = "Penata Muda (III/a)"
MAIL = "@payakumbuhkota.go.id"

# NIP: birth date YYYYMMDD, appointment (TMT CPNS) YYYYMM, sex 1/2, serial number (3 digits).
# The Wali Kota and the Wakil are elected, not civil servants, so they have no NIP.
PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec(
        "walikota",
        "H. Syafrizal Datuak Rajo Bandaro, S.E., M.M.",
        None,
        "Wali Kota Payakumbuh",
        "",
        "081200000101",
        "walikota" + MAIL,
        (AssignmentSpec("WALIKOTA", Role.HEAD, TERM_FROM, position_title="Wali Kota Payakumbuh"),),
        login=True,
    ),
    PersonSpec(
        "wawako",
        "dr. Hj. Yulnetti Rahmi, Sp.A.",
        None,
        "Wakil Wali Kota Payakumbuh",
        "",
        "081200000102",
        "wakilwalikota" + MAIL,
        (
            AssignmentSpec(
                "WALIKOTA", Role.HEAD, TERM_FROM, position_title="Wakil Wali Kota Payakumbuh"
            ),
        ),
        login=True,
    ),
    PersonSpec(
        "sekda",
        "Dr. H. Afrizal Mardi, S.STP., M.Si.",
        "197304151995111001",
        "Sekretaris Daerah Kota Payakumbuh",
        IV_D,
        "081200000103",
        "afrizal.mardi" + MAIL,
        (
            AssignmentSpec(
                "SETDA",
                Role.SECRETARY_GENERAL,
                position_title="Sekretaris Daerah Kota Payakumbuh",
            ),
        ),
        login=True,
    ),
    PersonSpec(
        "asisten1",
        "Drs. Yusnaldi Chaniago, M.Si.",
        "197008231993031004",
        "Asisten Pemerintahan dan Kesejahteraan Rakyat",
        IV_C,
        "081200000104",
        "yusnaldi.chaniago" + MAIL,
        (
            AssignmentSpec(
                A1,
                Role.COORDINATOR,
                position_title="Asisten Pemerintahan dan Kesejahteraan Rakyat",
            ),
        ),
        login=True,
    ),
    PersonSpec(
        "asisten2",
        "Ir. Rita Marlina Sikumbang, M.T.",
        "197206111998032002",
        "Asisten Perekonomian dan Pembangunan",
        IV_C,
        "081200000105",
        "rita.marlina" + MAIL,
        (
            AssignmentSpec(
                A2, Role.COORDINATOR, position_title="Asisten Perekonomian dan Pembangunan"
            ),
        ),
        login=True,
    ),
    # An acting Asisten: a Staf Ahli appointed Plt. while the post is vacant. The model adds
    # the "Plt. " prefix to the position title in signature blocks.
    PersonSpec(
        "asisten3",
        "Zulhendri Dt. Bagindo Sati, S.H., M.H.",
        "197503022000121003",
        "Staf Ahli Wali Kota Bidang Pemerintahan, Hukum dan Politik",
        IV_B,
        "081200000106",
        "zulhendri" + MAIL,
        (
            AssignmentSpec(
                A3,
                Role.COORDINATOR,
                ACTING_FROM,
                capacity=Capacity.PLT,
                position_title="Asisten Administrasi Umum",
                note="Surat Perintah Plt. Wali Kota (data contoh)",
            ),
        ),
        login=True,
    ),
    PersonSpec(
        "bagekonomi",
        "Rahmi Yulianti, S.E., M.E.",
        "198609172009122001",
        "Analis Kebijakan Ahli Muda pada Bagian Perekonomian dan Sumber Daya Alam",
        III_D,
        "081200000107",
        "rahmi.yulianti" + MAIL,
        (AssignmentSpec("BAG-EKONOMI", Role.SECRETARIAT),),
        login=True,
    ),
    PersonSpec(
        "kadis.pupr",
        "Dr. Ir. Hendri Yuzal, M.T.",
        "197102081997031002",
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        IV_C,
        "081200000108",
        "hendri.yuzal" + MAIL,
        (
            AssignmentSpec(
                "PUPR",
                Role.UNIT_HEAD,
                position_title="Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
            ),
        ),
        login=True,
    ),
    PersonSpec(
        "operator.pupr",
        "Fadli Rahman Piliang, S.T.",
        "199305142019031005",
        "Perencana Ahli Pertama",
        III_B,
        "081200000109",
        "fadli.rahman" + MAIL,
        (AssignmentSpec("PUPR", Role.UNIT_STAFF),),
        login=True,
    ),
    PersonSpec(
        "operator.dinkes",
        "Nurul Hidayati, S.K.M.",
        "199501202020062003",
        "Administrator Kesehatan Ahli Pertama",
        III_A,
        "081200000110",
        "nurul.hidayati" + MAIL,
        (AssignmentSpec("DINKES", Role.UNIT_STAFF),),
        login=True,
    ),
    PersonSpec(
        "pdam",
        "Ir. Wendi Saputra",
        None,
        "Direktur Teknik Perumda Air Minum Tirta Sago",
        "",
        "081200000111",
        "wendi.saputra@tirtasago.co.id",
        (AssignmentSpec("PDAM", Role.PARTNER),),
        login=True,
    ),
    PersonSpec(
        "bpn",
        "Andi Firmansyah, S.SiT., M.H.",
        None,
        "Kepala Seksi Survei dan Pemetaan, Kantor Pertanahan Kota Payakumbuh",
        "",
        "081200000112",
        "andi.firmansyah@atrbpn.go.id",
        (AssignmentSpec("BPN", Role.PARTNER),),
        login=True,
    ),
    PersonSpec(
        "admin",
        "Muhammad Iqbal Syahputra, S.Kom.",
        "198907112014031002",
        "Pranata Komputer Ahli Muda",
        III_D,
        "081200000113",
        "iqbal.syahputra" + MAIL,
        (AssignmentSpec("DISKOMINFO", Role.ADMIN),),
        login=True,
        is_superuser=True,
    ),
    # Heads of other units, so that the directory and the invitation lists look real.
    _head(
        "kaban.bappeda",
        "Ir. Febrizal Tanjung, M.Sc.",
        "197003121996031001",
        "BAPPEDA",
        "Kepala Badan Perencanaan Pembangunan Daerah",
        IV_C,
        "081200000201",
        "febrizal.tanjung" + MAIL,
    ),
    _head(
        "kadis.dlh",
        "Dr. Deswita Koto, S.Si., M.Si.",
        "197609252000032004",
        "DLH",
        "Kepala Dinas Lingkungan Hidup",
        IV_B,
        "081200000202",
        "deswita.koto" + MAIL,
    ),
    _head(
        "kadis.perkim",
        "Novrizal, S.T., M.M.",
        "197804042003121006",
        "PERKIM",
        "Kepala Dinas Perumahan dan Kawasan Permukiman",
        IV_B,
        "081200000203",
        "novrizal" + MAIL,
    ),
    _head(
        "kadis.dishub",
        "Drs. Asrul Jambak, M.M.",
        "196908171992021001",
        "DISHUB",
        "Kepala Dinas Perhubungan",
        IV_C,
        "081200000204",
        "asrul.jambak" + MAIL,
    ),
    _head(
        "kadis.dpmptsp",
        "Elfia Mardiah, S.H., M.H.",
        "197711092002122003",
        "DPMPTSP",
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        IV_B,
        "081200000205",
        "elfia.mardiah" + MAIL,
    ),
    _head(
        "kadis.distan",
        "Ir. Syafwan Guci, M.P.",
        "197101301998031005",
        "DISTAN",
        "Kepala Dinas Pertanian",
        IV_C,
        "081200000206",
        "syafwan.guci" + MAIL,
    ),
    _head(
        "kadis.dkp",
        "Ir. Rosnida, M.Si.",
        "197305161999032002",
        "DKP",
        "Kepala Dinas Ketahanan Pangan",
        IV_B,
        "081200000207",
        "rosnida" + MAIL,
    ),
    _head(
        "kadis.diskopukm",
        "Hasnul Fikri, S.E., M.Si.",
        "197902212005011007",
        "DISKOPUKM",
        "Kepala Dinas Koperasi dan Usaha Kecil dan Menengah",
        IV_A,
        "081200000208",
        "hasnul.fikri" + MAIL,
    ),
    _head(
        "kadis.disnakerin",
        "Yendri Sipisang, S.Sos., M.M.",
        "197507071999031004",
        "DISNAKERIN",
        "Kepala Dinas Tenaga Kerja dan Perindustrian",
        IV_B,
        "081200000209",
        "yendri.sipisang" + MAIL,
    ),
    _head(
        "kadis.disparpora",
        "Desmon Caniago, S.Pd., M.Pd.",
        "197406182000031003",
        "DISPARPORA",
        "Kepala Dinas Pariwisata, Pemuda dan Olahraga",
        IV_B,
        "081200000210",
        "desmon.caniago" + MAIL,
    ),
    _head(
        "kadis.disdag",
        "Marlis Yunita, S.E., M.Ak.",
        "198003282006042001",
        "DISDAG",
        "Kepala Dinas Perdagangan",
        IV_A,
        "081200000211",
        "marlis.yunita" + MAIL,
    ),
    _head(
        "kadis.dinkes",
        "dr. Fitri Rahmadani, M.K.M.",
        "197909022006042008",
        "DINKES",
        "Kepala Dinas Kesehatan",
        IV_B,
        "081200000212",
        "fitri.rahmadani" + MAIL,
    ),
    _head(
        "kadis.dinsos",
        "Nasrul Piliang, S.Sos.",
        "197603022001121003",
        "DINSOS",
        "Kepala Dinas Sosial",
        IV_A,
        "081200000213",
        "nasrul.piliang" + MAIL,
    ),
    _head(
        "kadis.disdikbud",
        "Drs. Irwandi, M.Pd.",
        "196809231993031007",
        "DISDIKBUD",
        "Kepala Dinas Pendidikan dan Kebudayaan",
        IV_C,
        "081200000214",
        "irwandi" + MAIL,
    ),
    _head(
        "kadis.diskominfo",
        "Rinaldi Koto, S.Kom., M.T.",
        "197801132003121002",
        "DISKOMINFO",
        "Kepala Dinas Komunikasi dan Informatika",
        IV_B,
        "081200000215",
        "rinaldi.koto" + MAIL,
    ),
    _head(
        "kaban.bkd",
        "Dr. Zulfadli, S.E., Ak., M.Si.",
        "197204051998031006",
        "BKD",
        "Kepala Badan Keuangan Daerah",
        IV_C,
        "081200000216",
        "zulfadli" + MAIL,
    ),
    _head(
        "inspektur",
        "Dra. Yessy Marlina, M.M., Ak.",
        "196905141994032003",
        "INSPEKTORAT",
        "Inspektur Kota Payakumbuh",
        IV_C,
        "081200000217",
        "yessy.marlina" + MAIL,
    ),
    _head(
        "camat.barat",
        "Defri Suhendri, S.STP., M.AP.",
        "198806102010091001",
        "KEC-BARAT",
        "Camat Payakumbuh Barat",
        III_D,
        "081200000218",
        "defri.suhendri" + MAIL,
    ),
)


@dataclass(frozen=True)
class DemoLogin:
    """One demo account, to be shown to whoever tries the demo."""

    username: str
    role: str
    role_label: str
    unit: str
    full_name: str


@dataclass
class DemoResult:
    """What demo_load did, and the accounts it offers."""

    logins: list[DemoLogin] = field(default_factory=list)
    password: str = DEMO_PASSWORD
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class Writer(Protocol):
    def write(self, msg: str, /) -> object: ...


@dataclass
class _Tally:
    result: DemoResult
    stdout: Writer | None

    def store(self, obj: models.Model, values: Mapping[str, object], label: str) -> None:
        """Save the row only when it is new or one of the values differs."""
        is_new = obj._state.adding
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        if not is_new and not changed:
            self.result.unchanged += 1
            return
        obj.full_clean()
        obj.save()
        if is_new:
            self.result.created += 1
            self._say(f"  + {label}")
        else:
            self.result.updated += 1
            self._say(f"  ~ {label}: {', '.join(changed)}")

    def _say(self, line: str) -> None:
        if self.stdout is not None:
            self.stdout.write(line + "\n")


def _existing(model: type[M], **lookup: object) -> M | None:
    return model._default_manager.filter(**lookup).first()


def demo_load(*, stdout: Writer | None = None) -> DemoResult:
    """Create or update the Payakumbuh demo organisation; running it again changes nothing."""
    result = DemoResult()
    tally = _Tally(result, stdout)
    with transaction.atomic():
        government = Government.current() or Government()
        tally.store(government, GOVERNMENT, f"Pemerintah daerah {GOVERNMENT['name']}")

        unit_ids: dict[str, int] = {}
        for spec in UNITS:
            unit = _existing(Unit, short_name=spec.short_name) or Unit(short_name=spec.short_name)
            values: dict[str, object] = {
                "name": spec.name,
                "kind": spec.kind,
                "parent_id": unit_ids[spec.parent] if spec.parent else None,
                "sort_order": spec.sort_order,
                "address": spec.address,
                "is_active": True,
            }
            tally.store(unit, values, f"Unit {spec.short_name}")
            unit_ids[spec.short_name] = unit.pk

        for spec in UNITS:
            if spec.coordinator is None:
                continue
            key = {"unit_id": unit_ids[spec.short_name], "valid_from": COORDINATION_FROM}
            coordination = _existing(UnitCoordination, **key) or UnitCoordination(**key)
            values = {
                "coordinator_id": unit_ids[spec.coordinator],
                "legal_basis": COORDINATION_BASIS,
            }
            tally.store(coordination, values, f"Koordinasi {spec.short_name} → {spec.coordinator}")

        for person_spec in PEOPLE:
            person = _existing(Person, username__iexact=person_spec.username)
            if person is None:
                # Only new accounts get the demo password: a password changed since stays.
                person = Person(username=person_spec.username)
                person.set_password(DEMO_PASSWORD)
            values = {
                "full_name": person_spec.full_name,
                "nip": person_spec.nip,
                "position": person_spec.position,
                "rank": person_spec.rank,
                "phone": person_spec.phone,
                "email": person_spec.email,
                "is_staff": person_spec.is_superuser,
                "is_superuser": person_spec.is_superuser,
            }
            tally.store(person, values, f"Orang {person_spec.username}")

            for a in person_spec.assignments:
                key = {
                    "person_id": person.pk,
                    "unit_id": unit_ids[a.unit],
                    "role": a.role,
                    "valid_from": a.valid_from,
                }
                assignment = _existing(RoleAssignment, **key) or RoleAssignment(**key)
                assignment_values: dict[str, object] = {
                    "capacity": a.capacity,
                    "position_title": a.position_title,
                    "valid_until": a.valid_until,
                    "note": a.note,
                }
                tally.store(
                    assignment, assignment_values, f"Peran {person_spec.username} di {a.unit}"
                )

            if person_spec.login:
                first = person_spec.assignments[0]
                result.logins.append(
                    DemoLogin(
                        username=person.username,
                        role=first.role,
                        role_label=str(Role(first.role).label),
                        unit=first.unit,
                        full_name=person.full_name,
                    )
                )
    return result
