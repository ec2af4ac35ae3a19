import datetime as dt
import logging
import os
import shutil
import subprocess

import pytest

from tuntas.documents import render
from tuntas.documents.render import AttendanceRow, Signatory
from tuntas.documents.tests import samples

# Every character that means something in Typst markup or code.
MARKUP = r"Rapat #1 $x$ *tebal* _miring_ @ref <lbl> [kurung] \ `kode` #eval(1+1) // = judul"


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is missing (apt-get install poppler-utils)"
        if os.environ.get("TUNTAS_REQUIRE_BROWSER"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def pdf_pages(pdf: bytes) -> list[str]:
    """Return the text of each page, as pdftotext reads it."""
    result = subprocess.run(
        [_poppler("pdftotext"), "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    pages = result.stdout.decode().split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(text: str) -> str:
    # Lines wrap wherever the layout needs; compare text without any whitespace.
    return "".join(text.split())


def assert_shows(text: str, *phrases: str) -> None:
    for phrase in phrases:
        assert squash(phrase) in squash(text), f"{phrase!r} is not in the document"


def test_the_invitation_shows_the_letter_details():
    data = samples.invitation()

    pdf = render.invitation_pdf(data)

    assert pdf.startswith(b"%PDF")
    letter = pdf_pages(pdf)[0]
    assert_shows(
        letter,
        "PEMERINTAH KOTA PAYAKUMBUH",
        "SEKRETARIAT DAERAH",
        "Pos-el setda@payakumbuhkota.go.id",
        "Payakumbuh, 1 Desember 2026",
        f"Nomor : {samples.NUMBER}",
        "Sifat : Penting",
        "Lampiran : 1 (satu) berkas",
        "Hal : Undangan Rapat Koordinasi",
        "Kepada",
        "Yth. Daftar Terlampir",
        "hari/tanggal : Selasa, 8 Desember 2026",
        "pukul : 09.00 WIB s.d. selesai",
        f"tempat : {samples.PLACE}",
        "1. Tindak lanjut hasil rapat koordinasi bulan November 2026;",
        "2. Pembahasan kendala pembebasan lahan Jalan Lingkar Utara;",
        "3. Pembahasan relokasi pipa PDAM pada ruas Jalan Soekarno-Hatta.",
        "a.n. WALI KOTA PAYAKUMBUH",
        "Plt. ASISTEN PEREKONOMIAN DAN PEMBANGUNAN,",
        "Dr. H. Rida Ananda, S.STP, M.Si",
        "Pembina Utama Muda",
        "NIP. 19780512 199703 1 002",
        "Tembusan:",
        "1. Yth. Wali Kota Payakumbuh (sebagai laporan);",
    )
    assert "Camat Payakumbuh Utara" not in letter


def test_the_invitees_are_listed_on_the_annex_page():
    pages = pdf_pages(render.invitation_pdf(samples.invitation()))

    assert len(pages) == 2
    assert_shows(
        pages[1],
        "LAMPIRAN UNDANGAN",
        f"Nomor : {samples.NUMBER}",
        "Tanggal : 1 Desember 2026",
        "DAFTAR UNDANGAN",
        "1. Kepala Dinas Pekerjaan Umum dan Penataan Ruang Kota Payakumbuh;",
        "7. Camat Payakumbuh Utara;",
        "Dr. H. Rida Ananda, S.STP, M.Si",
    )


def test_an_invitation_without_invitees_has_no_annex():
    data = samples.invitation(invitees=[], copies=[], addressee="Yth. Kepala Dinas PUPR")

    pages = pdf_pages(render.invitation_pdf(data))

    assert len(pages) == 1
    assert_shows(pages[0], "Yth. Kepala Dinas PUPR")
    assert "Tembusan" not in pages[0]
    assert "LAMPIRAN" not in pages[0]


def test_a_single_agenda_item_is_not_numbered():
    data = samples.invitation(agenda=["Evaluasi realisasi fisik dan keuangan"])

    text = pdf_pages(render.invitation_pdf(data))[0]

    assert_shows(text, "acara : Evaluasi realisasi fisik dan keuangan")


def test_the_letter_date_is_taken_from_place_and_date():
    assert samples.invitation().letter_date == "1 Desember 2026"
    assert samples.invitation(place_and_date="8 Desember 2026").letter_date == "8 Desember 2026"


def test_a_signatory_without_nip_prints_no_nip_line():
    signatory = Signatory(title_lines=["WALI KOTA PAYAKUMBUH,"], name="Zulmaeta", rank="", nip=None)

    text = pdf_pages(render.invitation_pdf(samples.invitation(signatory=signatory, invitees=[])))[0]

    assert_shows(text, "WALI KOTA PAYAKUMBUH,", "Zulmaeta")
    assert "NIP." not in text


def test_the_briefing_pack_gives_each_item_its_own_page():
    data = samples.briefing()

    pdf = render.briefing_pdf(data)

    assert pdf.startswith(b"%PDF")
    cover, first, second = pdf_pages(pdf)
    assert_shows(
        cover,
        "BAHAN RAPAT",
        "Rapat Koordinasi Asisten Perekonomian dan Pembangunan",
        "Hari/tanggal : Selasa, 8 Desember 2026",
        f"Tempat : {samples.PLACE}",
        # The agenda table; its cells wrap, so only the start of each title.
        "1 Pembebasan lahan Jalan Lingkar Utara",
        "2 Relokasi pipa PDAM",
    )
    assert_shows(
        first,
        "Pokok Bahasan 1: Pembebasan lahan Jalan Lingkar Utara terhambat sengketa waris",
        "Unit pelapor : Dinas PUPR",
        "Batas waktu : Jumat, 11 Desember 2026",
        "deviasi fisik sub kegiatan mencapai -12,4%",
        "Kantor Pertanahan",
        "Pengukuran ulang dijadwalkan 3 Desember.",
        "Bagian Hukum",
        "Belum menjawab",
        "16 Oktober 2026",
        "Dibahas pada Rakor Asisten II; diminta data ahli waris.",
    )
    assert "Pokok Bahasan 2" not in first
    assert_shows(second, "Pokok Bahasan 2: Relokasi pipa PDAM pada ruas Jalan Soekarno-Hatta")
    assert "Batas waktu" not in second


def test_the_attendance_sheet_lists_people_and_empty_rows():
    pdf = render.attendance_pdf(samples.attendance())

    assert pdf.startswith(b"%PDF")
    (text,) = pdf_pages(pdf)
    assert_shows(
        text,
        "DAFTAR HADIR",
        "Rapat : Rapat Koordinasi Asisten Perekonomian dan Pembangunan",
        "Hari/tanggal : Selasa, 8 Desember 2026",
        "No Nama NIP Jabatan Instansi Tanda Tangan",
        "Peserta Nomor 1, S.T.",
        "19800101 200501 1 001",
        "Perumda Tirta",
    )
    # The person represented is written under the representative's name.
    lines = text.splitlines()
    below = lines[next(i for i, line in enumerate(lines) if "Peserta Nomor 2," in line) + 1]
    assert "mewakili Kepala Dinas" in below
    # Six people and four empty rows, each with its numbered signature slot.
    for n in range(1, 11):
        assert f"{n}. ..." in text
    assert "11." not in text


def test_a_long_attendance_sheet_repeats_its_header_on_every_page():
    data = samples.attendance(rows=samples.attendance_rows(40), blank_rows=5)

    pages = pdf_pages(render.attendance_pdf(data))

    assert len(pages) >= 3
    for page in pages:
        assert_shows(page, "No Nama NIP Jabatan Instansi Tanda Tangan")
    text = "\n".join(pages)
    for n in range(1, 41):
        assert_shows(text, f"Peserta Nomor {n}, S.T.")
    assert "45. ..." in pages[-1]


def test_a_person_without_nip_gets_a_dash():
    row = AttendanceRow(name="Ir. Budi", nip=None, position="Direktur", agency="Perumda")

    text = pdf_pages(render.attendance_pdf(samples.attendance(rows=[row], blank_rows=0)))[0]

    assert_shows(text, "1 Ir. Budi - Direktur Perumda")


def test_negative_blank_rows_are_refused():
    with pytest.raises(ValueError, match="blank_rows"):
        render.attendance_pdf(samples.attendance(blank_rows=-1))


def test_the_minutes_show_discussion_decisions_and_action_items():
    pdf = render.minutes_pdf(samples.minutes())

    assert pdf.startswith(b"%PDF")
    text = "\n".join(pdf_pages(pdf))
    assert_shows(
        text,
        "NOTULA",
        "Rapat : Rapat Koordinasi Asisten Perekonomian dan Pembangunan",
        "Hari/tanggal : Selasa, 8 Desember 2026",
        "Waktu : 09.00 s.d. 11.30 WIB",
        f"Tempat : {samples.PLACE}",
        "1. Pembebasan lahan Jalan Lingkar Utara",
        "Pimpinan rapat : Plt. Asisten Perekonomian dan Pembangunan",
        "Notulis : Yulia Fitri, S.E. (Bagian Perekonomian dan SDA)",
        "4. Kepala Bagian Hukum Setdako Payakumbuh",
        "PEMBAHASAN",
        "Kantor Pertanahan siap melakukan pengukuran ulang",
        "Keputusan:",
        "a. Bagian Hukum mendampingi ahli waris menyusun surat keterangan waris.",
        "KEPUTUSAN/KESIMPULAN",
        "No Rencana tindak lanjut Unit Batas waktu",
        "1 Menyerahkan surat keterangan waris Bagian Hukum Jumat, 11 Desember 2026",
        "2 Pengukuran ulang tiga bidang tanah Kantor Pertanahan Selasa, 15 Desember 2026",
        "3 Revisi gambar kerja saluran Dinas PUPR Senin, 21 Desember 2026",
        "Permasalahan relokasi pipa dinyatakan selesai di tingkat Asisten",
        "Notulis,",
        "NIP. 19910304 201503 2 004",
        "Pimpinan Rapat,",
        "Dr. H. Rida Ananda, S.STP, M.Si",
    )
    assert squash("KEPUTUSAN/KESIMPULAN") in squash(text.split("PEMBAHASAN")[1])


def test_minutes_without_a_notulis_signature_have_only_the_chairs():
    data = samples.minutes(signatory_notulis=None)

    text = "\n".join(pdf_pages(render.minutes_pdf(data)))

    assert_shows(text, "Pimpinan Rapat,", "NIP. 19780512 199703 1 002")
    assert "19910304" not in text


def test_minutes_without_action_items_say_so():
    items = [
        samples.MinutesItem(
            number=1, title="Lain-lain", discussion="Tidak ada.", decisions=[], actions=[]
        )
    ]

    text = "\n".join(pdf_pages(render.minutes_pdf(samples.minutes(items=items))))

    assert_shows(text, "Tidak ada rencana tindak lanjut.")


def test_typst_markup_in_user_text_is_printed_literally():
    item = samples.briefing().items[0]
    briefing = samples.briefing(items=[render.BriefingItem(**{**vars(item), "title": MARKUP})])
    documents = [
        render.invitation_pdf(samples.invitation(subject=MARKUP, invitees=[MARKUP])),
        render.briefing_pdf(briefing),
        render.attendance_pdf(samples.attendance(meeting_title=MARKUP)),
        render.minutes_pdf(samples.minutes(meeting_title=MARKUP, summary=MARKUP)),
    ]

    for pdf in documents:
        assert_shows("\n".join(pdf_pages(pdf)), MARKUP)


def test_the_logo_is_drawn_in_the_letterhead():
    with_logo = render.invitation_pdf(samples.invitation(invitees=[]))
    without = render.invitation_pdf(
        samples.invitation(invitees=[], letterhead=samples.letterhead(logo=False))
    )

    assert _images(with_logo) == 1
    assert _images(without) == 0


def test_a_logo_that_is_not_png_is_refused():
    letterhead = samples.letterhead()
    jpeg = render.Letterhead(**{**vars(letterhead), "logo_png": b"\xff\xd8\xff\xe0JFIF"})

    with pytest.raises(ValueError, match="PNG"):
        render.invitation_pdf(samples.invitation(letterhead=jpeg))


def test_a_letterhead_without_unit_has_only_the_government():
    letterhead = render.Letterhead(**{**vars(samples.letterhead()), "unit_name": None})

    text = pdf_pages(render.minutes_pdf(samples.minutes(letterhead=letterhead)))[0]

    assert_shows(text, "PEMERINTAH KOTA PAYAKUMBUH")
    assert "SEKRETARIAT DAERAH" not in text


def test_every_document_compiles_cleanly_in_the_embedded_serif(caplog):
    caplog.set_level(logging.WARNING, logger="tuntas.documents.render")

    documents = [
        render.invitation_pdf(samples.invitation()),
        render.briefing_pdf(samples.briefing()),
        render.attendance_pdf(samples.attendance()),
        render.minutes_pdf(samples.minutes()),
    ]

    assert caplog.records == []  # Typst warns, for one, about a font family it lacks
    for pdf in documents:
        result = subprocess.run(
            [_poppler("pdffonts"), "-"], input=pdf, capture_output=True, check=True
        )
        fonts = {line.split()[0].split("+")[-1] for line in result.stdout.decode().splitlines()[2:]}
        assert fonts <= {
            "LibertinusSerif-Regular-Identity-H",
            "LibertinusSerif-Bold-Identity-H",
            "LibertinusSerif-Italic-Identity-H",
        }


def test_time_span_reads_as_an_invitation_writes_it():
    assert render.time_span(dt.time(9, 0)) == "09.00 WIB s.d. selesai"
    assert render.time_span(dt.time(9, 0), dt.time(11, 30)) == "09.00 s.d. 11.30 WIB"


def _images(pdf: bytes) -> int:
    result = subprocess.run(
        [_poppler("pdfimages"), "-list", "-"], input=pdf, capture_output=True, check=True
    )
    # Two header lines, then one line per image; an alpha channel is listed as an "smask".
    lines = result.stdout.decode().splitlines()[2:]
    return sum(1 for line in lines if line.split()[2] == "image")
