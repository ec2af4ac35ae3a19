"""Sample documents of Payakumbuh's Asisten II coordination meeting, and a generated PNG logo."""

from __future__ import annotations

import struct
import zlib

from tuntas.documents.render import (
    AttendanceRow,
    AttendanceSheet,
    BriefingItem,
    BriefingPack,
    Invitation,
    Letterhead,
    Minutes,
    MinutesItem,
    Signatory,
)

DAY_DATE = "Selasa, 8 Desember 2026"
TIME = "09.00 WIB s.d. selesai"
PLACE = "Ruang Randang Lt. 2 Balai Kota Payakumbuh"
NUMBER = "000.1.5/412/Perek-SDA/2026"


def png_logo(width: int = 96, height: int = 112) -> bytes:
    """Return a small RGBA PNG of a shield (green, gold border) drawn without Pillow."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type: none
        # The shield narrows in its lower third to a point.
        lower = max(0.0, (y - height * 0.55) / (height * 0.45))
        half = (width / 2 - 2) * (1 - lower**1.6)
        for x in range(width):
            inside = abs(x + 0.5 - width / 2) <= half and y >= 2
            edge = inside and (abs(x + 0.5 - width / 2) > half - 6 or y < 8)
            star = abs(x + 0.5 - width / 2) + abs(y - height * 0.4) < 14
            if not inside:
                row += bytes((0, 0, 0, 0))
            elif edge or star:
                row += bytes((212, 160, 23, 255))
            else:
                row += bytes((20, 110, 60, 255))
        rows.append(bytes(row))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def letterhead(*, logo: bool = True) -> Letterhead:
    """Return the kop of the Sekretariat Daerah of Kota Payakumbuh."""
    return Letterhead(
        government_name="Pemerintah Kota Payakumbuh",
        region_name="Payakumbuh",
        address="Jalan Veteran No. 70, Kelurahan Kapalo Koto Dibalai, Payakumbuh 26211",
        phone="(0752) 92222",
        email="setda@payakumbuhkota.go.id",
        website="www.payakumbuhkota.go.id",
        logo_png=png_logo() if logo else None,
        unit_name="Sekretariat Daerah",
    )


def asisten_ii() -> Signatory:
    """Return the acting Asisten II signing on behalf of the Wali Kota, through the Sekda."""
    return Signatory(
        title_lines=[
            "a.n. WALI KOTA PAYAKUMBUH",
            "SEKRETARIS DAERAH,",
            "u.b.",
            "Plt. ASISTEN PEREKONOMIAN DAN PEMBANGUNAN,",
        ],
        name="Dr. H. Rida Ananda, S.STP, M.Si",
        rank="Pembina Utama Muda",
        nip="19780512 199703 1 002",
    )


def invitation(**changes: object) -> Invitation:
    """Return the invitation to the December Rakor of Asisten II."""
    values: dict[str, object] = {
        "letterhead": letterhead(),
        "place_and_date": "Payakumbuh, 1 Desember 2026",
        "number": NUMBER,
        "nature": "Penting",
        "attachment": "1 (satu) berkas",
        "subject": "Undangan Rapat Koordinasi",
        "addressee": "Yth. Daftar Terlampir",
        "addressee_place": "di Tempat",
        "opening": (
            "Dalam rangka penyelesaian permasalahan lintas perangkat daerah dalam pelaksanaan "
            "kegiatan pembangunan Tahun Anggaran 2026, bersama ini kami mengundang "
            "Bapak/Ibu/Saudara untuk menghadiri Rapat Koordinasi yang akan dilaksanakan pada:"
        ),
        "day_date": DAY_DATE,
        "time": TIME,
        "place": PLACE,
        "agenda": [
            "Tindak lanjut hasil rapat koordinasi bulan November 2026;",
            "Pembahasan kendala pembebasan lahan Jalan Lingkar Utara;",
            "Pembahasan relokasi pipa PDAM pada ruas Jalan Soekarno-Hatta.",
        ],
        "closing": (
            "Mengingat pentingnya acara dimaksud, diharapkan kehadiran Bapak/Ibu/Saudara tepat "
            "pada waktunya dan tidak diwakilkan. Demikian disampaikan, atas perhatian dan "
            "kehadirannya diucapkan terima kasih."
        ),
        "signatory": asisten_ii(),
        "copies": [
            "Yth. Wali Kota Payakumbuh (sebagai laporan);",
            "Yth. Sekretaris Daerah Kota Payakumbuh.",
        ],
        "invitees": [
            "Kepala Dinas Pekerjaan Umum dan Penataan Ruang Kota Payakumbuh;",
            "Kepala Dinas Perumahan Rakyat dan Kawasan Permukiman Kota Payakumbuh;",
            "Kepala Badan Perencanaan Pembangunan Daerah Kota Payakumbuh;",
            "Kepala Badan Keuangan Daerah Kota Payakumbuh;",
            "Kepala Kantor Pertanahan Kota Payakumbuh;",
            "Direktur Perumda Air Minum Tirta Sago Kota Payakumbuh;",
            "Camat Payakumbuh Utara;",
            "Kepala Bagian Perekonomian dan Sumber Daya Alam Setdako Payakumbuh.",
        ],
    }
    values.update(changes)
    return Invitation(**values)


def briefing(**changes: object) -> BriefingPack:
    """Return the briefing pack of the December Rakor with two agenda items."""
    values: dict[str, object] = {
        "letterhead": letterhead(),
        "meeting_title": "Rapat Koordinasi Asisten Perekonomian dan Pembangunan",
        "day_date": DAY_DATE,
        "time": TIME,
        "place": PLACE,
        "items": [
            BriefingItem(
                number=1,
                title="Pembebasan lahan Jalan Lingkar Utara terhambat sengketa waris",
                reporting_unit="Dinas PUPR",
                status="Menunggu tanggapan",
                level="Asisten",
                summary=(
                    "Tiga bidang tanah pada STA 2+100 s.d. 2+350 belum dapat dibebaskan karena "
                    "ahli waris belum sepakat. Pekerjaan fisik tertahan dan deviasi fisik "
                    "sub kegiatan mencapai -12,4%."
                ),
                parties=[
                    ("Kantor Pertanahan", "Dijawab", "Pengukuran ulang dijadwalkan 3 Desember."),
                    ("Bagian Hukum", "Belum menjawab", ""),
                ],
                key_events=[
                    ("2 Oktober 2026", "Dilaporkan oleh operator Dinas PUPR."),
                    ("16 Oktober 2026", "Dibahas pada Rakor Asisten II; diminta data ahli waris."),
                    ("20 November 2026", "Lewat batas waktu; naik ke tingkat Asisten."),
                ],
                deadline="Jumat, 11 Desember 2026",
            ),
            BriefingItem(
                number=2,
                title="Relokasi pipa PDAM pada ruas Jalan Soekarno-Hatta",
                reporting_unit="Perumda Air Minum Tirta Sago",
                status="Baru",
                level="OPD",
                summary="Pipa transmisi 200 mm berada di bawah rencana saluran drainase.",
                parties=[("Dinas PUPR", "Dijawab", "Desain saluran dapat digeser 60 cm.")],
                key_events=[("25 November 2026", "Dilaporkan oleh Perumda Tirta Sago.")],
                deadline=None,
            ),
        ],
    }
    values.update(changes)
    return BriefingPack(**values)


def attendance_rows(count: int) -> list[AttendanceRow]:
    """Return `count` expected participants, the second one sent as a representative."""
    agencies = ["Dinas PUPR", "Bappeda", "BPKD", "Kantor Pertanahan", "Perumda Tirta Sago"]
    rows = []
    for i in range(1, count + 1):
        rows.append(
            AttendanceRow(
                name=f"Peserta Nomor {i}, S.T.",
                nip=f"19800101 20050{i % 10} 1 {i:03d}",
                position="Kepala Bidang Bina Marga" if i % 2 else "Analis Kebijakan Ahli Muda",
                agency=agencies[i % len(agencies)],
                representing="Kepala Dinas PUPR" if i == 2 else None,
            )
        )
    return rows


def attendance(**changes: object) -> AttendanceSheet:
    """Return the attendance list of the December Rakor."""
    values: dict[str, object] = {
        "letterhead": letterhead(),
        "meeting_title": "Rapat Koordinasi Asisten Perekonomian dan Pembangunan",
        "day_date": DAY_DATE,
        "time": TIME,
        "place": PLACE,
        "rows": attendance_rows(6),
        "blank_rows": 4,
    }
    values.update(changes)
    return AttendanceSheet(**values)


def minutes(**changes: object) -> Minutes:
    """Return the minutes of the December Rakor."""
    values: dict[str, object] = {
        "letterhead": letterhead(),
        "meeting_title": "Rapat Koordinasi Asisten Perekonomian dan Pembangunan",
        "day_date": DAY_DATE,
        "time": "09.00 s.d. 11.30 WIB",
        "place": PLACE,
        "agenda": [
            "Pembebasan lahan Jalan Lingkar Utara",
            "Relokasi pipa PDAM pada ruas Jalan Soekarno-Hatta",
        ],
        "chair": "Plt. Asisten Perekonomian dan Pembangunan",
        "notulis": "Yulia Fitri, S.E. (Bagian Perekonomian dan SDA)",
        "participants": [
            "Kepala Dinas PUPR",
            "Kepala Kantor Pertanahan Kota Payakumbuh",
            "Direktur Perumda Air Minum Tirta Sago",
            "Kepala Bagian Hukum Setdako Payakumbuh",
        ],
        "items": [
            MinutesItem(
                number=1,
                title="Pembebasan lahan Jalan Lingkar Utara",
                discussion=(
                    "Kepala Dinas PUPR menyampaikan bahwa tiga bidang tanah belum dibebaskan.\n\n"
                    "Kantor Pertanahan siap melakukan pengukuran ulang setelah ahli waris "
                    "menyerahkan surat keterangan waris."
                ),
                decisions=[
                    "Bagian Hukum mendampingi ahli waris menyusun surat keterangan waris.",
                    "Pengukuran ulang dilaksanakan paling lambat minggu kedua Desember.",
                ],
                actions=[
                    (
                        "Menyerahkan surat keterangan waris",
                        "Bagian Hukum",
                        "Jumat, 11 Desember 2026",
                    ),
                    (
                        "Pengukuran ulang tiga bidang tanah",
                        "Kantor Pertanahan",
                        "Selasa, 15 Desember 2026",
                    ),
                ],
            ),
            MinutesItem(
                number=2,
                title="Relokasi pipa PDAM pada ruas Jalan Soekarno-Hatta",
                discussion="Dinas PUPR dapat menggeser rencana saluran drainase 60 cm.",
                decisions=["Desain saluran digeser; pipa PDAM tidak dipindahkan."],
                actions=[("Revisi gambar kerja saluran", "Dinas PUPR", "Senin, 21 Desember 2026")],
            ),
        ],
        "summary": (
            "Permasalahan relokasi pipa dinyatakan selesai di tingkat Asisten; pembebasan lahan "
            "Jalan Lingkar Utara dilanjutkan pada rapat koordinasi berikutnya."
        ),
        "signatory_chair": Signatory(
            title_lines=["Pimpinan Rapat,", "Plt. ASISTEN PEREKONOMIAN DAN PEMBANGUNAN,"],
            name="Dr. H. Rida Ananda, S.STP, M.Si",
            rank="Pembina Utama Muda",
            nip="19780512 199703 1 002",
        ),
        "signatory_notulis": Signatory(
            title_lines=["Notulis,"],
            name="Yulia Fitri, S.E.",
            rank="Penata Muda Tingkat I",
            nip="19910304 201503 2 004",
        ),
    }
    values.update(changes)
    return Minutes(**values)
