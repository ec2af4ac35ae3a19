"""Demo work plans for Payakumbuh: sub kegiatan of this year with targets and realisation.

The OPDs of Asisten II and a few others each get three to six sub kegiatan with real codes and
names (Permendagri 90/2019 nomenclature: the road sub kegiatan of a Dinas PU, the education
ones of the sample, and the `X.XX.01` support programme resolved to each unit's bidang urusan),
a pagu, S-shaped cumulative targets and monthly realisation up to last month, entered through
`services.targets_save` and `services.realisation_save` as the unit's operator or head.

Most are on track; some are behind (yellow); PUPR's Pembangunan Jalan is about 12 points behind
(red, kontrak kritis) and linked to the demo issue of the PDAM pipe; PERKIM's building works are
a kontrak kritis; DLH's meetings slow down so their projection falls short; DISHUB has not
reported last month. Requires the organisation demo (and the issues demo for the link).
Running it again changes nothing, except to add the months that have ended since. The pagu and
figures are invented.
"""

# The Indonesian texts use typographic dashes for ranges, on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from tuntas.issues.demo import T_PIPA
from tuntas.issues.models import Issue
from tuntas.org.access import Viewer
from tuntas.org.models import Person, RoleAssignment, Unit
from tuntas.plans import services
from tuntas.plans.models import Realisation, SubActivity

Role = RoleAssignment.Role
CENT = Decimal("0.01")
HUNDRED = Decimal(100)

PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
# Kegiatan of the support programme, by their number in the X.XX.01 code.
PENUNJANG_KEGIATAN = {
    "2.01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "2.02": "Administrasi Keuangan Perangkat Daerah",
    "2.05": "Administrasi Kepegawaian Perangkat Daerah",
    "2.06": "Administrasi Umum Perangkat Daerah",
    "2.07": "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "2.08": "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "2.09": "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
}
# Sub kegiatan of the support programme (X.XX.01.<tail>), names as in the nomenclature.
PENUNJANG_SUB = {
    "2.01.0001": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
    "2.01.0006": (
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD"
    ),
    "2.01.0007": "Evaluasi Kinerja Perangkat Daerah",
    "2.02.0001": "Penyediaan Gaji dan Tunjangan ASN",
    "2.05.0003": "Pendataan dan Pengolahan Administrasi Kepegawaian",
    "2.05.0009": "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
    "2.06.0009": "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
    "2.07.0002": "Pengadaan Kendaraan Dinas Operasional atau Lapangan",
    "2.07.0006": "Pengadaan Peralatan dan Mesin Lainnya",
    "2.08.0002": "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
    "2.08.0004": "Penyediaan Jasa Pelayanan Umum Kantor",
    "2.09.0006": "Pemeliharaan Peralatan dan Mesin Lainnya",
    "2.09.0009": "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
}
# The bidang urusan (or unsur) of each demo unit, for its X.XX.01 codes.
BIDANG = {
    "PUPR": "1.03",
    "PERKIM": "1.04",
    "DISNAKERIN": "2.07",
    "DKP": "2.09",
    "DLH": "2.11",
    "DISHUB": "2.15",
    "DISKOMINFO": "2.16",
    "DISKOPUKM": "2.17",
    "DPMPTSP": "2.18",
    "DISPARPORA": "3.26",
    "DISTAN": "3.27",
    "DISDAG": "3.30",
    "BAPPEDA": "5.01",
    "DINKES": "1.02",
    "DISDIKBUD": "1.01",
}
# The unit whose report of last month is missing ("belum lapor" after the cut-off).
LATE_UNIT = "DISHUB"


@dataclass(frozen=True)
class SubSpec:
    """One demo sub kegiatan: its plan shape and how its realisation goes.

    shape: salary (even), routine (gentle S), build (construction: tender, then a steep S),
    procure (procurement finished by October). plan: on_track, ahead, behind (yellow on
    finance), kritis (about 7 points behind late in the contract), red (12 points behind),
    slowing (on plan, then a pace too slow to finish).
    """

    unit: str
    code: str
    name: str
    pagu: str
    shape: str
    plan: str = "on_track"
    program: str = ""
    activity: str = ""
    location: str = ""
    output: str = ""
    output_target: str = ""
    output_unit: str = ""


def _penunjang(unit: str, tail: str, pagu: str, shape: str, plan: str = "on_track") -> SubSpec:
    """Return a support-programme sub kegiatan of a unit, coded with the unit's bidang urusan."""
    return SubSpec(
        unit=unit,
        code=f"{BIDANG[unit]}.01.{tail}",
        name=PENUNJANG_SUB[tail],
        pagu=pagu,
        shape=shape,
        plan=plan,
        program=PENUNJANG,
        activity=PENUNJANG_KEGIATAN[tail[:4]],
        location="Kota Payakumbuh",
    )


ROADS = "Program Penyelenggaraan Jalan"
ROADS_KEGIATAN = "Penyelenggaraan Jalan Kabupaten/Kota"
SCHOOLS = "Program Pengelolaan Pendidikan"

SUBS: tuple[SubSpec, ...] = (
    # Asisten II
    SubSpec(
        "PUPR",
        "1.03.10.2.01.0053",
        "Pembangunan Jalan",
        "12500000000",
        "build",
        "red",
        ROADS,
        ROADS_KEGIATAN,
        "Ruas Jalan Tiakar–Koto Baru, Kel. Tiakar",
        "Panjang jalan yang dibangun",
        "1,85",
        "Km",
    ),
    SubSpec(
        "PUPR",
        "1.03.10.2.01.0055",
        "Rehabilitasi Jalan",
        "4850000000",
        "build",
        "behind",
        ROADS,
        ROADS_KEGIATAN,
        "Ruas Jalan Soekarno–Hatta dan Jalan Pahlawan",
        "Panjang jalan yang direhabilitasi",
        "3,2",
        "Km",
    ),
    SubSpec(
        "PUPR",
        "1.03.10.2.01.0051",
        "Pemeliharaan Rutin Jalan",
        "2750000000",
        "routine",
        "on_track",
        ROADS,
        ROADS_KEGIATAN,
        "Jalan kota di lima kecamatan",
        "Panjang jalan yang dipelihara",
        "42,6",
        "Km",
    ),
    _penunjang("PUPR", "2.01.0001", "185000000", "routine", "ahead"),
    _penunjang("PUPR", "2.02.0001", "9450000000", "salary"),
    _penunjang("PERKIM", "2.09.0009", "1350000000", "build", "kritis"),
    _penunjang("PERKIM", "2.02.0001", "3850000000", "salary"),
    _penunjang("PERKIM", "2.07.0006", "425000000", "procure"),
    _penunjang("PERKIM", "2.01.0001", "150000000", "routine", "ahead"),
    _penunjang("DLH", "2.07.0002", "2150000000", "procure"),
    _penunjang("DLH", "2.08.0002", "640000000", "routine"),
    _penunjang("DLH", "2.02.0001", "4200000000", "salary"),
    _penunjang("DLH", "2.06.0009", "275000000", "routine", "slowing"),
    _penunjang("DISHUB", "2.02.0001", "3100000000", "salary"),
    _penunjang("DISHUB", "2.09.0009", "780000000", "build", "behind"),
    _penunjang("DISHUB", "2.07.0006", "960000000", "procure"),
    _penunjang("DKP", "2.02.0001", "2450000000", "salary"),
    _penunjang("DKP", "2.08.0002", "310000000", "routine"),
    _penunjang("DKP", "2.01.0007", "160000000", "routine", "ahead"),
    _penunjang("DISTAN", "2.02.0001", "3950000000", "salary"),
    _penunjang("DISTAN", "2.07.0002", "1250000000", "procure", "behind"),
    _penunjang("DISTAN", "2.09.0006", "235000000", "routine"),
    _penunjang("DISKOPUKM", "2.02.0001", "1850000000", "salary"),
    _penunjang("DISKOPUKM", "2.05.0009", "180000000", "routine"),
    _penunjang("DISKOPUKM", "2.08.0004", "420000000", "routine"),
    _penunjang("DPMPTSP", "2.02.0001", "2150000000", "salary"),
    _penunjang("DPMPTSP", "2.08.0002", "365000000", "routine"),
    _penunjang("DPMPTSP", "2.01.0006", "155000000", "routine"),
    _penunjang("DISPARPORA", "2.02.0001", "2650000000", "salary"),
    _penunjang("DISPARPORA", "2.09.0009", "1100000000", "build"),
    _penunjang("DISPARPORA", "2.06.0009", "210000000", "routine"),
    _penunjang("DISDAG", "2.02.0001", "1950000000", "salary"),
    _penunjang("DISDAG", "2.09.0009", "850000000", "build", "behind"),
    _penunjang("DISDAG", "2.08.0004", "390000000", "routine"),
    _penunjang("DISNAKERIN", "2.02.0001", "2050000000", "salary"),
    _penunjang("DISNAKERIN", "2.07.0006", "720000000", "procure"),
    _penunjang("DISNAKERIN", "2.05.0009", "165000000", "routine"),
    _penunjang("BAPPEDA", "2.02.0001", "3250000000", "salary"),
    _penunjang("BAPPEDA", "2.01.0001", "480000000", "routine"),
    _penunjang("BAPPEDA", "2.01.0007", "230000000", "routine", "ahead"),
    # Other Asisten
    _penunjang("DINKES", "2.02.0001", "11750000000", "salary"),
    _penunjang("DINKES", "2.07.0006", "1850000000", "procure"),
    _penunjang("DINKES", "2.05.0003", "175000000", "routine"),
    _penunjang("DINKES", "2.08.0002", "980000000", "routine"),
    SubSpec(
        "DISDIKBUD",
        "1.01.02.2.02.0024",
        "Rehabilitasi Sedang/Berat Sarana, Prasarana dan Utilitas Sekolah",
        "3450000000",
        "build",
        "on_track",
        SCHOOLS,
        "Pengelolaan Pendidikan Sekolah Menengah Pertama",
        "SMP Negeri 2 dan SMP Negeri 5 Payakumbuh",
        "Jumlah satuan pendidikan SMP yang direhabilitasi",
        "2",
        "Unit",
    ),
    SubSpec(
        "DISDIKBUD",
        "1.01.02.2.01.0048",
        "Rehabilitasi Sedang/Berat Sarana, Prasarana dan Utilitas Sekolah",
        "2850000000",
        "build",
        "behind",
        SCHOOLS,
        "Pengelolaan Pendidikan Sekolah Dasar",
        "Empat SD negeri di Payakumbuh Timur dan Selatan",
        "Jumlah satuan pendidikan SD yang direhabilitasi",
        "4",
        "Unit",
    ),
    SubSpec(
        "DISDIKBUD",
        "1.01.02.2.01.0014",
        "Pengadaan Mebel Sekolah",
        "640000000",
        "procure",
        "on_track",
        SCHOOLS,
        "Pengelolaan Pendidikan Sekolah Dasar",
        "Kota Payakumbuh",
        "Jumlah mebel sekolah yang diadakan",
        "480",
        "Unit",
    ),
    SubSpec(
        "DISDIKBUD",
        "1.01.02.2.01.0029",
        "Pengelolaan Dana BOS Sekolah Dasar",
        "8750000000",
        "salary",
        "on_track",
        SCHOOLS,
        "Pengelolaan Pendidikan Sekolah Dasar",
        "Kota Payakumbuh",
        "Jumlah SD yang mengelola dana BOS",
        "63",
        "Unit",
    ),
    _penunjang("DISDIKBUD", "2.02.0001", "12150000000", "salary"),
    _penunjang("DISKOMINFO", "2.02.0001", "1650000000", "salary"),
    _penunjang("DISKOMINFO", "2.08.0002", "1150000000", "routine"),
    _penunjang("DISKOMINFO", "2.07.0006", "540000000", "procure"),
)

# How far behind plan (points) each plan is, (physical, finance), until three months before the
# last report and at the last report; the gap moves evenly in between. On-track work catches up
# a little, so that its pace still reaches the year-end target.
GAPS = {
    "on_track": ((Decimal("1.5"), Decimal("2.5")), (Decimal(0), Decimal("2"))),
    "ahead": ((Decimal("-2.5"), Decimal("-1")), (Decimal("-2.5"), Decimal("-1"))),
    "behind": ((Decimal(0), Decimal(0)), (Decimal("4"), Decimal("7.5"))),
    "kritis": ((Decimal(0), Decimal(0)), (Decimal("7"), Decimal("4"))),
    "red": ((Decimal(0), Decimal(0)), (Decimal("12"), Decimal("9"))),
    "slowing": ((Decimal(0), Decimal(0)), (Decimal("4.5"), Decimal("3"))),
}
NOTES = {
    "red": (
        "Pekerjaan pelebaran di segmen STA 0+450 terhenti menunggu relokasi pipa transmisi "
        "PDAM; penyedia sudah diundang rapat pembuktian (SCM)."
    ),
    "kritis": "Pekerjaan rangka atap terlambat; penyedia telah diberi teguran tertulis pertama.",
    "behind": "Pembayaran termin menunggu kelengkapan dokumen dari penyedia.",
    "slowing": "Sebagian rapat koordinasi dijadwalkan ulang ke bulan Desember.",
}


# --- the curves -------------------------------------------------------------------------------


def _smooth(x: Decimal) -> Decimal:
    """Return the S-shaped smoothstep of x clamped to 0..1: slow start, steep middle, flat end."""
    x = min(max(x, Decimal(0)), Decimal(1))
    return x * x * (3 - 2 * x)


def planned(shape: str, month: int) -> tuple[Decimal, Decimal]:
    """Return the cumulative plan of a month as (physical %, finance % of pagu)."""
    m = Decimal(month)
    even = m / 12
    if shape == "salary":
        physical, finance = even, even
    elif shape == "routine":
        physical = (even + _smooth(even)) / 2
        finance = (3 * even + 2 * _smooth(even)) / 5
    elif shape == "build":
        # Tender until February; the advance payment (uang muka, 20 %) once the work starts.
        physical = _smooth((m - 2) / 10)
        finance = max(_smooth((m - 3) / 9), Decimal("0.2") if month >= 4 else Decimal(0))
    elif shape == "procure":
        physical = _smooth((m - 3) / 7)
        finance = _smooth((m - 4) / 7)
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return _pct(physical * HUNDRED), _pct(finance * HUNDRED)


def _pct(value: Decimal) -> Decimal:
    return min(max(value, Decimal(0)), HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def _rupiah(pagu: Decimal, pct: Decimal) -> Decimal:
    return min(pagu, (pagu * pct / HUNDRED).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def targets_of(spec: SubSpec) -> dict[int, tuple[Decimal, Decimal]]:
    """Return the 12 monthly targets (physical %, finance Rp); December is the whole pagu."""
    pagu = Decimal(spec.pagu)
    rows = {}
    for month in range(1, 13):
        physical, finance = planned(spec.shape, month)
        rows[month] = (physical, _rupiah(pagu, finance))
    return rows


def realised(spec: SubSpec, last: int) -> dict[int, tuple[Decimal, Decimal]]:
    """Return the realisation of months 1..last as (physical %, finance % of pagu)."""
    (early_physical, early_finance), (late_physical, late_finance) = GAPS[spec.plan]
    out: dict[int, tuple[Decimal, Decimal]] = {}
    previous = (Decimal(0), Decimal(0))
    for month in range(1, last + 1):
        physical, finance = planned(spec.shape, month)
        share = min(max(Decimal(month - (last - 3)) / 3, Decimal(0)), Decimal(1))
        real_physical = _pct(physical - early_physical - (late_physical - early_physical) * share)
        real_finance = _pct(finance - early_finance - (late_finance - early_finance) * share)
        if spec.plan == "slowing" and month <= last - 3:
            real_physical = _pct(physical + 2)
        elif spec.plan == "slowing":
            # Even pace from three months back to the last report: too slow to finish.
            start = _pct(planned(spec.shape, last - 3)[0] + 2) if last > 3 else Decimal(0)
            end = _pct(planned(spec.shape, last)[0] - late_physical)
            real_physical = _pct(start + (end - start) * (month - (last - 3)) / 3)
        previous = (max(previous[0], real_physical), max(previous[1], real_finance))
        out[month] = previous
    return out


# --- loading ----------------------------------------------------------------------------------


def _reporter(unit: Unit, today: dt.date) -> Person:
    """Return who enters a unit's work plan: its operator, else its head."""
    assignments = list(
        RoleAssignment.objects.active(today)
        .filter(unit=unit, role__in=[Role.UNIT_STAFF, Role.UNIT_HEAD])
        .select_related("person")
        .order_by("pk")
    )
    assignments.sort(key=lambda a: a.role != Role.UNIT_STAFF)
    if not assignments:
        raise LookupError(f"demo unit {unit.short_name!r} has no head or staff: load the org demo")
    return assignments[0].person


def _reported_at(year: int, month: int, late: int) -> dt.datetime:
    """Return when a month's report came in: early in the next month, at ten."""
    following = dt.date(year, month, 1) + dt.timedelta(days=32)
    day = following.replace(day=min(4 + late, 28))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def plans_demo_load(*, today: dt.date | None = None) -> dict[str, int]:
    """Load the demo sub kegiatan of this year with targets and realisation up to last month.

    Returns what was added: "sub_activities", "targets" (sub kegiatan planned), "realisations"
    and "issues_linked". What exists is skipped, so a second run adds nothing.
    """
    today = today or timezone.localdate()
    year = today.year
    last_month = today.month - 1  # the last month that has ended
    now = timezone.now()
    counts = {"sub_activities": 0, "targets": 0, "realisations": 0, "issues_linked": 0}
    units = {u.short_name: u for u in Unit.objects.filter(short_name__in=BIDANG)}
    missing = sorted(set(BIDANG) - set(units))
    if missing:
        raise LookupError(f"demo units {missing} missing: load the org demo first")
    viewers: dict[str, Viewer] = {}
    red_sub: SubActivity | None = None
    with transaction.atomic():
        for order, spec in enumerate(SUBS):
            unit = units[spec.unit]
            if spec.unit not in viewers:
                viewers[spec.unit] = Viewer.of(_reporter(unit, today), today)
            by = viewers[spec.unit]
            sub = SubActivity.objects.filter(year=year, unit=unit, code=spec.code).first()
            if sub is None:
                sub = SubActivity.objects.create(
                    year=year,
                    unit=unit,
                    code=spec.code,
                    name=spec.name,
                    program_name=spec.program,
                    activity_name=spec.activity,
                    pagu=Decimal(spec.pagu),
                    pptk=by.person if by.has_role(Role.UNIT_STAFF) else None,
                    location=spec.location,
                    output=spec.output,
                    output_target=spec.output_target,
                    output_unit=spec.output_unit,
                )
                counts["sub_activities"] += 1
            if not sub.targets.exists():
                services.targets_save(sub=sub, rows=targets_of(spec), by=by)
                counts["targets"] += 1
            last = last_month - 1 if spec.unit == LATE_UNIT else last_month
            reported = set(sub.realisations.values_list("month", flat=True))
            latest = max(reported, default=0)
            pagu = sub.pagu
            for month, (physical, finance_pct) in realised(spec, last).items():
                # Only months after the latest report: earlier ones would be corrections.
                if month <= latest:
                    continue
                realisation = services.realisation_save(
                    sub=sub,
                    month=month,
                    physical=physical,
                    financial=_rupiah(pagu, finance_pct),
                    note=NOTES.get(spec.plan, "") if month == last else "",
                    by=by,
                    today=today,
                )
                when = _reported_at(year, month, order % 5)
                if when < now:
                    Realisation.objects.filter(pk=realisation.pk).update(reported_at=when)
                counts["realisations"] += 1
            if spec.plan == "red" and spec.unit == "PUPR":
                red_sub = sub
        if red_sub is not None:
            counts["issues_linked"] = Issue.objects.filter(
                title=T_PIPA, sub_activity__isnull=True
            ).update(sub_activity=red_sub)
    return counts
