"""Demo issues for Payakumbuh: a few dozen problems in every state, with their full history.

Every step runs through the real services (issue_create, issue_submit, request_create …) as
the persona who would take it, so each issue has its true timeline events and notifications.
The services stamp "now"; after each step the stamps it wrote are moved back to the step's
moment (so many working days ago, at a time of day), which spreads the history over the last
four months relative to today and leaves some issues past their working-day limits.

Requires the organisation demo (tuntas.org.demo.demo_load). Running it again changes nothing:
an issue whose exact title already exists is skipped. The people and events are invented.
"""

# The Indonesian texts use typographic dashes for ranges (en dash between places and numbers),
# a minus sign and a multiplication sign, on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
import struct
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from tuntas.issues import services
from tuntas.issues.access import issue_actions
from tuntas.issues.models import (
    Attachment,
    Category,
    Event,
    Issue,
    IssueRequest,
    Level,
    Policy,
    Response,
)
from tuntas.issues.queries import deadline
from tuntas.lib.workdays import WorkCalendar, calendar
from tuntas.notifications.models import Notification
from tuntas.org.access import Viewer
from tuntas.org.models import Person, Unit

Urgency = Issue.Urgency
SYSTEM = "system"  # the persona of the deadline sweep: no person acts


@dataclass(frozen=True)
class Step:
    """One thing someone did: `ago` working days before today at `at` ("HH.MM", local time).

    `unit` names the asked unit of a request step (the latest request to it); `due` is the
    number of working days the requester gives from the day of the request.
    """

    ago: int
    at: str
    who: str
    action: str
    text: str = ""
    unit: str = ""
    due: int = 0
    field: str = ""
    photo: str = ""
    into: str = ""


@dataclass(frozen=True)
class IssueSpec:
    """One demo issue and its history, oldest step first."""

    title: str
    unit: str
    category: str
    urgency: str
    met: int  # first met, working days ago
    chronology: str
    impact: str
    proposed_solution: str
    steps: tuple[Step, ...]
    location: str = ""
    location_detail: str = ""


def S(
    ago: int,
    at: str,
    who: str,
    action: str,
    text: str = "",
    *,
    unit: str = "",
    due: int = 0,
    field: str = "",
    photo: str = "",
    into: str = "",
) -> Step:
    """Shorthand for one step of a demo issue's history."""
    return Step(ago, at, who, action, text, unit, due, field, photo, into)


# --- the issues ------------------------------------------------------------------------------

T_PIPA = "Pelebaran Jalan Tiakar–Koto Baru terhambat pipa transmisi PDAM"
T_PUSKESMAS = "Persetujuan lingkungan dan PBG gedung baru Puskesmas Tiakar belum terbit"

ISSUES: tuple[IssueSpec, ...] = (
    # In progress at Kepala Daerah level: Asisten II → Sekda → Wali Kota, PDAM request overdue.
    IssueSpec(
        title=T_PIPA,
        unit="PUPR",
        category="utilitas",
        urgency=Urgency.CRITICAL,
        met=78,
        location="KEL-KOTO-BARU",
        location_detail="Ruas Jalan Tiakar–Koto Baru, STA 0+450 s.d. 1+270",
        chronology=(
            "Pekerjaan pelebaran ruas Jalan Tiakar–Koto Baru dari 6 m menjadi 9 m sepanjang "
            "1,2 km sudah berjalan tiga minggu. Saat menggali bahu jalan di STA 0+450, kontraktor "
            "menemukan pipa transmisi PDAM (GIP Ø250 mm) tepat di bawah rencana badan jalan baru, "
            "sepanjang ±800 m. Pipa ini tidak tercantum dalam gambar rencana maupun data utilitas "
            "yang kami terima.\n\n"
            "Galian di segmen tersebut kami hentikan agar pipa tidak pecah, karena pipa ini "
            "memasok air bagi ±3.400 sambungan rumah di Payakumbuh Timur."
        ),
        impact=(
            "Progres fisik tertahan di 18 % dari rencana 35 % (deviasi −17 poin), masuk kategori "
            "kontrak kritis. Bila pipa belum dipindahkan dalam empat minggu, pekerjaan tidak "
            "selesai sebelum akhir tahun anggaran dan kontrak senilai Rp4.870.000.000 berisiko "
            "diputus."
        ),
        proposed_solution=(
            "PDAM memindahkan pipa ke luar rencana badan jalan (±800 m). Perlu kesepakatan "
            "pembiayaan relokasi: oleh PDAM, melalui pergeseran APBD, atau penyertaan modal."
        ),
        steps=(
            S(76, "10.15", "operator.pupr", "create"),
            S(76, "10.22", "operator.pupr", "photo", photo="galian-pipa-pdam-sta-0450.png"),
            S(75, "08.40", "kadis.pupr", "submit"),
            S(
                74,
                "13.20",
                "bagekonomi",
                "accept",
                "Diterima untuk ditangani di tingkat Asisten II. Dibahas pada rakor berkala "
                "minggu ini; Perumda Air Minum Tirta Sago diundang.",
            ),
            S(
                74,
                "13.35",
                "bagekonomi",
                "request",
                "Menyampaikan data jaringan pipa transmisi di ruas Tiakar–Koto Baru serta rencana, "
                "jadwal dan biaya relokasi pipa sepanjang ±800 m ke luar badan jalan baru.",
                unit="PDAM",
                due=12,
            ),
            S(
                72,
                "09.05",
                "pdam",
                "request_accept",
                "Permintaan kami terima. Tim teknis akan survei bersama Dinas PUPR dan konsultan "
                "pengawas pada hari Kamis.",
                unit="PDAM",
            ),
            S(
                70,
                "15.10",
                "pdam",
                "respond",
                "Hasil survei bersama: pipa GIP Ø250 mm sepanjang ±820 m berada di bawah rencana "
                "badan jalan dan harus dipindahkan. Perkiraan biaya relokasi Rp1.140.000.000 "
                "(pipa HDPE, galian, sambungan, uji tekanan). Anggaran investasi PDAM tahun ini "
                "tidak mencukupi; mohon arahan pembiayaan.",
                unit="PDAM",
            ),
            S(
                69,
                "10.30",
                "operator.pupr",
                "respond",
                "Terima kasih. Kami usulkan relokasi bertahap, dimulai dari segmen STA 0+450 s.d. "
                "0+900, agar kontraktor dapat kembali bekerja di segmen itu.",
                unit="PDAM",
            ),
            S(
                67,
                "14.00",
                "bagekonomi",
                "respond",
                "Hasil rakor Asisten II: PDAM menyusun RAB rinci dan opsi pembiayaan bertahap; "
                "Dinas PUPR mengatur ulang jadwal kontraktor ke segmen yang bebas utilitas.",
                unit="PDAM",
            ),
            S(63, "07.00", SYSTEM, "propose"),
            S(
                62,
                "09.00",
                "asisten2",
                "escalate",
                "Pembiayaan relokasi pipa (±Rp1,14 miliar) di luar kewenangan Asisten. Perlu "
                "keputusan TAPD tentang pergeseran anggaran atau penyertaan modal kepada PDAM.",
            ),
            S(
                58,
                "16.20",
                "pdam",
                "respond",
                "RAB rinci sudah kami sampaikan ke Bagian Perekonomian dan SDA. Opsi: relokasi "
                "tahap I (STA 0+450 s.d. 0+900) Rp460.000.000 dibiayai PDAM tahun ini; tahap II "
                "Rp680.000.000 diusulkan melalui penyertaan modal.",
                unit="PDAM",
            ),
            S(51, "07.00", SYSTEM, "propose"),
            S(
                49,
                "10.00",
                "sekda",
                "escalate",
                "TAPD dapat menampung tahap I melalui PDAM, tetapi tahap II tidak dapat masuk APBD "
                "Perubahan. Perlu keputusan Wali Kota: penyertaan modal kepada PDAM atau "
                "penundaan segmen STA 0+900 s.d. 1+270 ke tahun depan.",
            ),
            S(
                45,
                "09.30",
                "kadis.pupr",
                "respond",
                "Relokasi tahap I sudah dimulai PDAM; kontraktor kembali bekerja di segmen "
                "STA 0+450 s.d. 0+900. Segmen berikutnya masih tertahan.",
                unit="PDAM",
            ),
            S(
                20,
                "11.15",
                "pdam",
                "respond",
                "Relokasi tahap I selesai dan lulus uji tekanan. Tahap II menunggu keputusan "
                "penyertaan modal.",
                unit="PDAM",
            ),
        ),
    ),
    # Merged into the road widening above.
    IssueSpec(
        title="Kemacetan di ruas Tiakar–Koto Baru karena pekerjaan pelebaran jalan terhenti",
        unit="DISHUB",
        category="koordinasi-teknis",
        urgency=Urgency.HIGH,
        met=59,
        location="KEL-TIAKAR",
        location_detail="Ruas Jalan Tiakar–Koto Baru",
        chronology=(
            "Sejak pekerjaan pelebaran jalan di segmen STA 0+450 terhenti, lajur yang tersisa "
            "hanya ±4 m dan material galian ditumpuk di bahu jalan. Pada jam sibuk pagi "
            "(06.30–08.00 WIB) dan sore terjadi antrean kendaraan hingga 600 m; angkutan kota "
            "trayek Tiakar terlambat dan warga mengeluh melalui kanal pengaduan."
        ),
        impact=(
            "Waktu tempuh rata-rata pada ruas ini naik dua kali lipat; risiko kecelakaan tinggi "
            "karena rambu sementara tidak memadai."
        ),
        proposed_solution=(
            "Percepat penyelesaian pipa PDAM agar pekerjaan berlanjut; sementara itu kontraktor "
            "memasang rambu dan menyediakan petugas pengatur lalu lintas."
        ),
        steps=(
            S(57, "09.30", "kadis.dishub", "create"),
            S(57, "09.45", "kadis.dishub", "submit"),
            S(
                56,
                "10.10",
                "bagekonomi",
                "merge",
                "Akar masalahnya sama dengan permasalahan pelebaran Jalan Tiakar–Koto Baru (pipa "
                "transmisi PDAM) yang sedang ditangani. Pengaturan lalu lintas sementara dicatat "
                "sebagai tindak lanjut pada permasalahan induk.",
                into=T_PIPA,
            ),
        ),
    ),
    # At Asisten II, overdue, waiting on DPMPTSP (the market permit) and PDAM (its pipes).
    IssueSpec(
        title="Revitalisasi Blok Barat Pasar Ibuh menunggu Persetujuan Bangunan Gedung (PBG)",
        unit="DISDAG",
        category="perizinan",
        urgency=Urgency.HIGH,
        met=34,
        location_detail="Pasar Ibuh, Blok Barat, Kecamatan Payakumbuh Barat",
        chronology=(
            "Dana revitalisasi Blok Barat Pasar Ibuh (DAK Rp6.300.000.000) mensyaratkan kontrak "
            "ditandatangani paling lambat akhir bulan depan. Permohonan PBG sudah diajukan "
            'melalui SIMBG enam minggu lalu, tetapi statusnya masih "verifikasi dokumen" karena '
            "menunggu KRK dan pertimbangan Tim Ahli Bangunan Gedung (TABG).\n\n"
            "Pedagang sudah dipindahkan sementara ke lokasi penampungan di lahan parkir."
        ),
        impact=(
            "Tanpa PBG, tender tidak dapat berlanjut ke penandatanganan kontrak. DAK berisiko "
            "tidak terserap dan 212 pedagang bertahan lebih lama di lokasi penampungan."
        ),
        proposed_solution=(
            "Dinas PUPR menjadwalkan sidang TABG dalam minggu ini; DPMPTSP menerbitkan PBG "
            "segera setelah rekomendasi teknis terbit."
        ),
        steps=(
            S(31, "10.00", "kadis.disdag", "create"),
            S(31, "10.20", "kadis.disdag", "submit"),
            S(
                30,
                "14.00",
                "bagekonomi",
                "accept",
                "Diterima. Dijadwalkan pada rakor Asisten II bersama DPMPTSP dan Dinas PUPR.",
            ),
            S(
                30,
                "14.10",
                "bagekonomi",
                "request",
                "Menerbitkan PBG revitalisasi Blok Barat Pasar Ibuh segera setelah rekomendasi "
                "teknis TABG lengkap.",
                unit="DPMPTSP",
                due=14,
            ),
            S(
                30,
                "14.15",
                "bagekonomi",
                "request",
                "Menerbitkan KRK dan menjadwalkan sidang TABG untuk dokumen revitalisasi Blok "
                "Barat Pasar Ibuh.",
                unit="PUPR",
                due=5,
            ),
            S(
                30,
                "14.20",
                "bagekonomi",
                "request",
                "Memindahkan pipa distribusi dan meter air 48 kios di Blok Barat sebelum "
                "pembongkaran dimulai, serta menyediakan sambungan sementara di lokasi penampungan "
                "pedagang.",
                unit="PDAM",
                due=10,
            ),
            S(
                29,
                "09.00",
                "kadis.dpmptsp",
                "request_accept",
                "Berkas di SIMBG sudah kami verifikasi. PBG dapat terbit paling lama tiga hari "
                "kerja setelah rekomendasi TABG kami terima.",
                unit="DPMPTSP",
            ),
            S(
                28,
                "10.30",
                "pdam",
                "request_accept",
                "Permintaan kami terima. Pemindahan pipa dan meter air dikerjakan setelah Dinas "
                "Perdagangan menyampaikan tanggal pasti pembongkaran.",
                unit="PDAM",
            ),
            S(
                28,
                "16.00",
                "kadis.pupr",
                "request_accept",
                "Sidang TABG dijadwalkan Selasa depan di ruang rapat Dinas PUPR.",
                unit="PUPR",
            ),
            S(
                24,
                "15.30",
                "kadis.pupr",
                "request_done",
                "KRK sudah terbit dan sidang TABG telah dilaksanakan. Rekomendasi teknis diberikan "
                "dengan catatan perbaikan gambar tangga darurat dan perhitungan beban atap.",
                unit="PUPR",
            ),
            S(
                22,
                "10.00",
                "kadis.dpmptsp",
                "respond",
                "Kami menunggu perbaikan gambar dari konsultan perencana Dinas Perdagangan sesuai "
                "catatan TABG.",
                unit="DPMPTSP",
            ),
            S(
                20,
                "11.00",
                "kadis.disdag",
                "respond",
                "Perbaikan gambar dan perhitungan struktur sudah kami unggah ke SIMBG kemarin "
                "sore.",
                unit="DPMPTSP",
            ),
            S(
                13,
                "08.30",
                "kadis.dpmptsp",
                "respond",
                "Verifikasi ulang tertunda karena akun konsultan di SIMBG terkunci. Sudah kami "
                "laporkan ke layanan bantuan Kementerian PU; perkiraan pulih dua sampai tiga hari "
                "kerja.",
                unit="DPMPTSP",
            ),
            S(
                8,
                "13.45",
                "bagekonomi",
                "respond",
                "Mohon DPMPTSP melaporkan perkembangan paling lambat Jumat ini. Batas "
                "penandatanganan kontrak DAK makin dekat.",
                unit="DPMPTSP",
            ),
        ),
    ),
    # At Asisten I, overdue, waiting on BPN: land for a school; once returned for information.
    IssueSpec(
        title="Lahan Unit Sekolah Baru SMP Negeri di Padang Alai Bodi menunggu peta bidang BPN",
        unit="DISDIKBUD",
        category="lahan",
        urgency=Urgency.HIGH,
        met=52,
        location="KEL-PADANG-ALAI-BODI",
        location_detail="Lahan ±1,2 ha di belakang kantor lurah",
        chronology=(
            "Pemko menyiapkan lahan ±1,2 ha untuk Unit Sekolah Baru (USB) SMP Negeri. Lahan "
            "berasal dari pelepasan tanah kaum yang disepakati ninik mamak. Permohonan "
            "pengukuran dan peta bidang tanah sudah diajukan ke Kantor Pertanahan, tetapi belum "
            "dijadwalkan. Tanpa peta bidang, penilaian oleh KJPP dan pembayaran ganti kerugian "
            "tidak dapat dilakukan."
        ),
        impact=(
            "Bantuan pembangunan USB dari pemerintah pusat mensyaratkan bukti proses "
            "pensertipikatan sebelum verifikasi lapangan. Bila terlambat, usulan bergeser ke tahun "
            "berikutnya dan ±180 calon siswa di wilayah timur tetap bersekolah jauh dari rumah."
        ),
        proposed_solution=(
            "Kantor Pertanahan menjadwalkan pengukuran bulan ini; camat dan lurah menghadirkan "
            "ninik mamak serta pemilik tanah yang berbatasan saat pengukuran."
        ),
        steps=(
            S(49, "09.00", "kadis.disdikbud", "create"),
            S(49, "09.30", "kadis.disdikbud", "submit"),
            S(
                48,
                "15.00",
                "asisten1",
                "return",
                "Mohon dilengkapi: nomor dan tanggal surat permohonan pengukuran ke Kantor "
                "Pertanahan, serta status kesepakatan pelepasan hak dengan kaum pemilik tanah.",
            ),
            S(
                46,
                "10.00",
                "kadis.disdikbud",
                "edit",
                "Tambahan: permohonan pengukuran disampaikan dengan surat Kepala Dinas dan "
                "diterima loket Kantor Pertanahan empat minggu sebelum laporan ini. Berita acara "
                "pelepasan hak sudah ditandatangani mamak kepala waris serta diketahui lurah dan "
                "KAN.",
                field="chronology",
            ),
            S(46, "10.05", "kadis.disdikbud", "submit"),
            S(
                45,
                "08.30",
                "asisten1",
                "accept",
                "Diterima untuk dibahas pada rakor Asisten I; Bagian Tata Pemerintahan "
                "mendampingi.",
            ),
            S(
                45,
                "08.45",
                "asisten1",
                "request",
                "Menjadwalkan pengukuran bidang tanah ±1,2 ha dan menerbitkan peta bidang tanah "
                "untuk lahan USB SMP Negeri.",
                unit="BPN",
                due=20,
            ),
            S(
                43,
                "13.00",
                "bpn",
                "request_accept",
                "Pengukuran kami jadwalkan. Mohon pemohon memasang patok batas dan menghadirkan "
                "pemilik tanah yang berbatasan.",
                unit="BPN",
            ),
            S(
                41,
                "09.10",
                "kadis.disdikbud",
                "respond",
                "Patok batas sudah terpasang. Lurah dan mamak kepala waris bersedia hadir pada "
                "hari pengukuran.",
                unit="BPN",
            ),
            S(
                34,
                "14.00",
                "bpn",
                "respond",
                "Pengukuran selesai. Terdapat selisih ±140 m² di sisi utara yang juga diklaim "
                "kaum sebelah. Peta bidang diterbitkan setelah batas disepakati para pihak.",
                unit="BPN",
            ),
            S(
                32,
                "10.30",
                "asisten1",
                "respond",
                "Musyawarah batas akan difasilitasi camat dan lurah minggu depan bersama kedua "
                "kaum.",
                unit="BPN",
            ),
            S(
                23,
                "15.00",
                "kadis.disdikbud",
                "respond",
                "Musyawarah menyepakati batas utara mengikuti saluran irigasi lama. Berita acara "
                "kesepakatan kami serahkan ke Kantor Pertanahan hari ini.",
                unit="BPN",
            ),
        ),
    ),
    # At Asisten II, on time: waste depot land; BPN declined, BKD accepted.
    IssueSpec(
        title="Lahan TPS3R Padang Tangah Payobada belum dapat dipakai karena status aset",
        unit="DLH",
        category="lahan",
        urgency=Urgency.MEDIUM,
        met=14,
        location="KEL-PADANG-TANGAH-PAYOBADA",
        location_detail="Tanah Pemko eks gudang alat berat, ±1.800 m²",
        chronology=(
            "DLH mendapat bantuan pembangunan TPS3R (tempat pengolahan sampah reduce-reuse-"
            "recycle) dari pemerintah pusat dengan syarat lahan berstatus jelas milik daerah. "
            "Lahan yang dipilih adalah tanah Pemko eks gudang alat berat, tetapi belum "
            "bersertipikat dan penggunaannya belum ditetapkan untuk DLH."
        ),
        impact=(
            "Tanpa dokumen status lahan, bantuan TPS3R senilai Rp1.150.000.000 tidak dapat "
            "dicairkan dan target pengurangan sampah ke TPA tidak tercapai."
        ),
        proposed_solution=(
            "BKD memproses alih status penggunaan tanah kepada DLH; Kantor Pertanahan menerbitkan "
            "sertipikat hak pakai atas nama Pemerintah Kota Payakumbuh."
        ),
        steps=(
            S(11, "09.20", "kadis.dlh", "create"),
            S(11, "09.40", "kadis.dlh", "submit"),
            S(
                8,
                "10.00",
                "bagekonomi",
                "accept",
                "Diterima. Bagian Perekonomian dan SDA memfasilitasi pertemuan DLH, BKD dan "
                "Kantor Pertanahan.",
            ),
            S(
                8,
                "10.15",
                "kadis.dlh",
                "request",
                "Memastikan tanah eks gudang alat berat tercatat dalam KIB A dan memproses alih "
                "status penggunaannya kepada DLH.",
                unit="BKD",
                due=10,
            ),
            S(
                8,
                "10.20",
                "kadis.dlh",
                "request",
                "Mengukur ulang dan menerbitkan sertipikat hak pakai atas nama Pemerintah Kota "
                "Payakumbuh untuk lahan TPS3R.",
                unit="BPN",
                due=15,
            ),
            S(
                7,
                "14.30",
                "kaban.bkd",
                "request_accept",
                "Tanah tercatat dalam KIB A. Alih status penggunaan kami proses; draf keputusan "
                "Wali Kota disiapkan bersama Bagian Hukum.",
                unit="BKD",
            ),
            S(
                6,
                "11.00",
                "bpn",
                "request_decline",
                "Permohonan belum dapat diproses: berkas belum melampirkan alas hak berupa "
                "keputusan penetapan status penggunaan dan KIB yang dilegalisasi. Silakan ajukan "
                "kembali setelah keputusan Wali Kota terbit.",
                unit="BPN",
            ),
            S(
                5,
                "09.00",
                "kadis.dlh",
                "respond",
                "Baik, kami ajukan kembali setelah keputusan alih status penggunaan "
                "ditandatangani.",
                unit="BPN",
            ),
            S(
                3,
                "15.40",
                "kaban.bkd",
                "respond",
                "Draf keputusan alih status penggunaan sudah diparaf Bagian Hukum dan menunggu "
                "tanda tangan Wali Kota.",
                unit="BKD",
            ),
        ),
    ),
    # At Asisten II, fresh: drainage needing PUPR and DLH, then PDAM.
    IssueSpec(
        title="Drainase lingkungan Padang Karambia meluap setiap hujan deras",
        unit="PERKIM",
        category="koordinasi-teknis",
        urgency=Urgency.HIGH,
        met=12,
        location="KEL-PADANG-KARAMBIA",
        location_detail="Permukiman RT 02 dan RT 03, sekitar ±60 rumah",
        chronology=(
            "Dalam sebulan terakhir saluran drainase lingkungan meluap empat kali setiap hujan "
            "deras lebih dari satu jam. Air masuk ke ±60 rumah setinggi 20–40 cm. Saluran "
            "lingkungan yang baru kami bangun tahun lalu tidak dapat mengalir karena saluran "
            "primer di hilir dangkal dan tersumbat sampah serta sedimen."
        ),
        impact=(
            "Hasil pembangunan drainase lingkungan tidak berfungsi; warga terdampak dan "
            "berulang kali mengadu ke kelurahan. Indikator kawasan kumuh yang tertangani tidak "
            "tercapai."
        ),
        proposed_solution=(
            "PUPR menormalisasi saluran primer, DLH mengangkut sedimen dan sampah serta "
            "menyosialisasikan larangan membuang sampah ke saluran."
        ),
        steps=(
            S(9, "08.15", "kadis.perkim", "create"),
            S(9, "08.20", "kadis.perkim", "photo", photo="genangan-padang-karambia.png"),
            S(9, "08.30", "kadis.perkim", "submit"),
            S(
                7,
                "09.45",
                "bagekonomi",
                "accept",
                "Diterima. Peninjauan lapangan bersama PERKIM, PUPR dan DLH dijadwalkan Kamis "
                "pagi.",
            ),
            S(
                7,
                "10.00",
                "kadis.perkim",
                "request",
                "Menormalisasi saluran primer di hilir permukiman agar saluran lingkungan dapat "
                "mengalir.",
                unit="PUPR",
                due=15,
            ),
            S(
                7,
                "10.05",
                "kadis.perkim",
                "request",
                "Mengangkut sedimen dan sampah yang menyumbat saluran serta menyosialisasikan "
                "larangan membuang sampah ke saluran.",
                unit="DLH",
                due=5,
            ),
            S(
                6,
                "13.10",
                "kadis.pupr",
                "request_accept",
                "Normalisasi kami masukkan ke jadwal pemeliharaan rutin; alat berat tersedia "
                "mulai minggu depan.",
                unit="PUPR",
            ),
            S(
                5,
                "10.30",
                "bagekonomi",
                "respond",
                "Hasil peninjauan: gorong-gorong di bawah jalan lingkungan terlalu kecil "
                "(Ø40 cm). Mohon PUPR menghitung kebutuhan box culvert.",
                unit="PUPR",
            ),
            S(
                4,
                "16.00",
                "kadis.dlh",
                "request_done",
                "Sedimen dan sampah ±6 m³ sudah diangkut bersama warga dalam gotong royong hari "
                "Sabtu. Sosialisasi dilakukan melalui ketua RT dan lurah.",
                unit="DLH",
                photo="saluran-padang-karambia-setelah-dibersihkan.png",
            ),
            S(
                3,
                "09.20",
                "bagekonomi",
                "request",
                "Memindahkan pipa distribusi yang melintang di dalam saluran karena menahan "
                "sampah dan mempersempit aliran.",
                unit="PDAM",
                due=10,
            ),
            S(
                2,
                "14.00",
                "kadis.pupr",
                "respond",
                "Kebutuhan box culvert 100×100 cm sepanjang 8 m, dapat dibiayai dari "
                "pemeliharaan berkala. Pelaksanaan dua minggu.",
                unit="PUPR",
            ),
        ),
    ),
    # At Asisten I, overdue because DLH has not answered: the puskesmas construction permit.
    IssueSpec(
        title=T_PUSKESMAS,
        unit="DINKES",
        category="perizinan",
        urgency=Urgency.HIGH,
        met=16,
        location="KEL-TIAKAR",
        location_detail="Lahan Puskesmas Tiakar, sisi belakang gedung lama",
        chronology=(
            "Pembangunan gedung baru Puskesmas Tiakar dibiayai DAK fisik bidang kesehatan. "
            "Tender sudah selesai, tetapi kontrak belum dapat ditandatangani karena persetujuan "
            "lingkungan (UKL-UPL) belum terbit, sehingga PBG juga belum dapat diproses. Formulir "
            "UKL-UPL sudah diunggah melalui Amdalnet."
        ),
        impact=(
            "Bila kontrak tidak ditandatangani bulan ini, waktu pelaksanaan tidak cukup dan DAK "
            "fisik Rp3.900.000.000 tidak terserap. Layanan puskesmas tetap di gedung lama yang "
            "sempit."
        ),
        proposed_solution=(
            "DLH memeriksa formulir UKL-UPL dan menerbitkan persetujuan lingkungan; DPMPTSP "
            "memeriksa dokumen teknis PBG secara paralel."
        ),
        steps=(
            S(13, "10.00", "operator.dinkes", "create"),
            S(12, "08.30", "kadis.dinkes", "submit"),
            S(
                10,
                "11.00",
                "asisten1",
                "accept",
                "Diterima. Dinas Kesehatan agar menyampaikan jadwal kontrak fisik pada rakor "
                "Asisten I.",
            ),
            S(
                10,
                "11.20",
                "operator.dinkes",
                "request",
                "Memeriksa formulir UKL-UPL dan menerbitkan persetujuan lingkungan untuk "
                "pembangunan gedung baru Puskesmas Tiakar.",
                unit="DLH",
                due=8,
            ),
            S(
                10,
                "11.25",
                "operator.dinkes",
                "request",
                "Menerbitkan PBG setelah persetujuan lingkungan terbit; mohon pemeriksaan "
                "dokumen teknis dilakukan paralel.",
                unit="DPMPTSP",
                due=15,
            ),
            S(
                8,
                "09.30",
                "kadis.dpmptsp",
                "request_accept",
                "Pemeriksaan dokumen teknis kami mulai sekarang. PBG tetap menunggu persetujuan "
                "lingkungan.",
                unit="DPMPTSP",
            ),
            S(
                6,
                "14.15",
                "operator.dinkes",
                "respond",
                "Mohon informasi: apakah formulir UKL-UPL yang kami kirim melalui Amdalnet sudah "
                "diterima? Statusnya belum berubah.",
                unit="DLH",
            ),
            S(
                4,
                "10.40",
                "asisten1",
                "respond",
                "Mohon DLH memberi kepastian jadwal pemeriksaan. Kontrak fisik puskesmas harus "
                "ditandatangani bulan ini agar DAK tidak hangus.",
                unit="DLH",
            ),
        ),
    ),
    # At Asisten II, fresh: SIPD data mismatch with BKD.
    IssueSpec(
        title="Realisasi anggaran di SIPD berbeda dengan catatan BKD untuk 14 sub kegiatan",
        unit="BAPPEDA",
        category="data",
        urgency=Urgency.MEDIUM,
        met=9,
        chronology=(
            "Saat menyusun laporan evaluasi triwulan, BAPPEDA menemukan realisasi keuangan di "
            "SIPD untuk 14 sub kegiatan pada 6 perangkat daerah lebih rendah "
            "Rp2.370.450.000 dibanding data SP2D di BKD. Perangkat daerah mengaku sudah "
            "menginput SPJ, tetapi angka di SIPD tidak berubah."
        ),
        impact=(
            "Laporan evaluasi triwulan dan capaian realisasi yang dilaporkan ke Kementerian "
            "Dalam Negeri tidak akurat; enam perangkat daerah tampil berwarna merah padahal "
            "realisasinya sesuai rencana."
        ),
        proposed_solution=(
            "BKD dan BAPPEDA melakukan rekonsiliasi per sub kegiatan, lalu memperbaiki "
            "pemetaan SP2D ke sub kegiatan di SIPD."
        ),
        steps=(
            S(8, "13.00", "kaban.bappeda", "create"),
            S(8, "13.10", "kaban.bappeda", "submit"),
            S(
                6,
                "08.50",
                "bagekonomi",
                "accept",
                "Diterima. BAPPEDA dan BKD diminta rekonsiliasi sebelum rakor evaluasi triwulan.",
            ),
            S(
                6,
                "09.00",
                "kaban.bappeda",
                "request",
                "Merekonsiliasi data realisasi SP2D dengan realisasi di SIPD untuk 14 sub "
                "kegiatan dan memperbaiki data yang selisih.",
                unit="BKD",
                due=8,
            ),
            S(
                5,
                "10.20",
                "kaban.bkd",
                "request_accept",
                "Rekonsiliasi dijadwalkan Rabu pukul 09.00 WIB di ruang rapat BKD. Mohon operator "
                "SIPD BAPPEDA membawa rekap per sub kegiatan.",
                unit="BKD",
            ),
            S(
                3,
                "15.00",
                "kaban.bkd",
                "respond",
                "Hasil rekonsiliasi: 11 dari 14 selisih berasal dari SP2D GU yang belum "
                "dipetakan ke sub kegiatan di SIPD dan sedang diperbaiki; 3 selisih lainnya "
                "masih ditelusuri.",
                unit="BKD",
            ),
            S(
                2,
                "09.30",
                "kaban.bappeda",
                "respond",
                "Terima kasih. Mohon rincian tiga selisih yang tersisa dikirim sebelum rakor "
                "evaluasi.",
                unit="BKD",
            ),
        ),
    ),
    # At Asisten III, overdue: fibre cut by a drainage contractor.
    IssueSpec(
        title="Jaringan fiber optik kantor kelurahan di Payakumbuh Timur putus akibat galian",
        unit="DISKOMINFO",
        category="utilitas",
        urgency=Urgency.HIGH,
        met=19,
        location="KEL-PADANG-TIAKAR",
        location_detail="Jalur kabel FO di sepanjang saluran drainase yang sedang dibangun",
        chronology=(
            "Galian pekerjaan saluran drainase memutus kabel fiber optik milik Pemko sepanjang "
            "±350 m. Sembilan kantor kelurahan di Payakumbuh Timur kehilangan sambungan "
            "internet dan aplikasi layanan. Jalur kabel tidak diberi tanda karena peta "
            "jaringan belum dibagikan kepada kontraktor."
        ),
        impact=(
            "Layanan administrasi di kelurahan memakai modem seluler dan berjalan lambat; "
            "layanan kependudukan dan persuratan tertunda."
        ),
        proposed_solution=(
            "Kontraktor drainase mengganti kabel yang putus; Diskominfo membagikan peta jalur "
            "kabel kepada PUPR agar galian berikutnya tidak memutus jaringan."
        ),
        steps=(
            S(18, "08.10", "kadis.diskominfo", "create"),
            S(18, "08.25", "kadis.diskominfo", "submit"),
            S(
                17,
                "13.00",
                "asisten3",
                "accept",
                "Diterima. Diskominfo dan PUPR diminta menyelesaikan di tingkat teknis dan "
                "melapor pada rakor Asisten III.",
            ),
            S(
                17,
                "13.10",
                "kadis.diskominfo",
                "request",
                "Meminta kontraktor drainase mengganti kabel fiber optik yang putus (±350 m) dan "
                "menandai jalur kabel sebelum menggali.",
                unit="PUPR",
                due=5,
            ),
            S(
                16,
                "10.00",
                "kadis.pupr",
                "request_accept",
                "Kontraktor bersedia mengganti kabel yang putus. Kabel dipesan dari Padang, "
                "perkiraan tiba satu minggu.",
                unit="PUPR",
            ),
            S(
                12,
                "14.20",
                "kadis.diskominfo",
                "respond",
                "Sudah satu minggu; kantor kelurahan masih memakai modem seluler. Mohon "
                "kepastian jadwal.",
                unit="PUPR",
            ),
            S(
                10,
                "09.00",
                "kadis.pupr",
                "respond",
                "Kabel sudah tiba. Penyambungan (splicing) memerlukan teknisi bersertifikat; "
                "kontraktor meminta Diskominfo menyediakan teknisi dan alat OTDR.",
                unit="PUPR",
            ),
            S(
                9,
                "11.30",
                "asisten3",
                "respond",
                "Disepakati: Diskominfo menyediakan teknisi penyambungan; kabel dan galian "
                "ditanggung kontraktor. Target tersambung minggu ini.",
                unit="PUPR",
            ),
        ),
    ),
    # Settled at Asisten II, then reopened by the reporter: back at Asisten level.
    IssueSpec(
        title="Lampu lalu lintas simpang empat Ampangan mati setelah pekerjaan trotoar",
        unit="DISHUB",
        category="koordinasi-teknis",
        urgency=Urgency.HIGH,
        met=19,
        location="KEL-KAPALO-KOTO-AMPANGAN",
        location_detail="Simpang empat Ampangan",
        chronology=(
            "Alat pemberi isyarat lalu lintas (APILL) di simpang empat Ampangan mati sejak "
            "kabelnya terpotong saat penggalian pekerjaan trotoar. Simpang ini dilalui angkutan "
            "barang dan anak sekolah pada pagi hari."
        ),
        impact=(
            "Simpang tidak terkendali; dua kecelakaan ringan tercatat dalam seminggu. Petugas "
            "Dishub harus berjaga setiap jam sibuk."
        ),
        proposed_solution="Kontraktor trotoar memperbaiki kabel APILL di bawah koordinasi PUPR.",
        steps=(
            S(18, "07.50", "kadis.dishub", "create"),
            S(18, "08.00", "kadis.dishub", "submit"),
            S(
                17,
                "10.30",
                "bagekonomi",
                "accept",
                "Diterima. PUPR diminta menghubungi kontraktor trotoar hari ini juga.",
            ),
            S(
                17,
                "10.40",
                "kadis.dishub",
                "request",
                "Meminta kontraktor pekerjaan trotoar memperbaiki kabel APILL yang terpotong "
                "saat penggalian.",
                unit="PUPR",
                due=3,
            ),
            S(
                16,
                "09.00",
                "kadis.pupr",
                "request_accept",
                "Kontraktor sudah kami tegur; perbaikan dijadwalkan besok malam agar tidak "
                "mengganggu lalu lintas.",
                unit="PUPR",
            ),
            S(
                14,
                "08.15",
                "kadis.pupr",
                "request_done",
                "Kabel APILL sudah disambung dan lampu menyala normal sejak pukul 22.00 WIB tadi "
                "malam.",
                unit="PUPR",
            ),
            S(
                13,
                "10.00",
                "bagekonomi",
                "settle",
                "Kabel APILL sudah diperbaiki kontraktor trotoar atas permintaan PUPR; lampu "
                "lalu lintas berfungsi kembali.",
            ),
            S(
                9,
                "07.45",
                "kadis.dishub",
                "reopen",
                "Tiga hari setelah perbaikan, APILL kembali mati: sambungan kabel tidak kedap air "
                "dan terendam saat hujan. Perlu kabel utuh tanpa sambungan dengan pipa "
                "pelindung.",
            ),
            S(
                9,
                "09.10",
                "bagekonomi",
                "request",
                "Mengganti kabel APILL dengan kabel utuh tanpa sambungan dan memasang pipa "
                "pelindung di bawah trotoar baru.",
                unit="PUPR",
                due=10,
            ),
            S(
                8,
                "11.00",
                "kadis.pupr",
                "request_accept",
                "Disetujui. Kontraktor memasang kabel baru dengan pipa pelindung atas biaya "
                "sendiri dalam masa pemeliharaan.",
                unit="PUPR",
            ),
            S(
                3,
                "08.30",
                "kadis.dishub",
                "respond",
                "Sambil menunggu, petugas Dishub mengatur lalu lintas pada jam sibuk pagi dan "
                "sore.",
                unit="PUPR",
            ),
        ),
    ),
    # Escalated to Sekda and handed back to Asisten II with an instruction.
    IssueSpec(
        title="Pembangunan workshop BLK terhambat status lahan milik Pemerintah Provinsi",
        unit="DISNAKERIN",
        category="lahan",
        urgency=Urgency.MEDIUM,
        met=38,
        location_detail="Kompleks Balai Latihan Kerja (BLK) Payakumbuh",
        chronology=(
            "Disnakerin mendapat dana pembangunan gedung workshop las dan otomotif di kompleks "
            "BLK. Saat pengurusan PBG diketahui tanah kompleks BLK bukan milik Pemko, sehingga "
            "pembangunan memerlukan izin pemilik tanah."
        ),
        impact=(
            "Pembangunan workshop senilai Rp2.450.000.000 tertunda; target 320 peserta "
            "pelatihan berbasis kompetensi tahun depan terancam tidak tercapai."
        ),
        proposed_solution=(
            "Pemko mengajukan pinjam pakai atau hibah tanah kepada Pemerintah Provinsi Sumatera "
            "Barat."
        ),
        steps=(
            S(35, "09.00", "kadis.disnakerin", "create"),
            S(35, "09.15", "kadis.disnakerin", "submit"),
            S(34, "14.00", "bagekonomi", "accept", "Diterima untuk dibahas pada rakor Asisten II."),
            S(
                34,
                "14.10",
                "bagekonomi",
                "request",
                "Memberikan keterangan status dan riwayat hak atas tanah kompleks BLK.",
                unit="BPN",
                due=10,
            ),
            S(32, "10.00", "bpn", "request_accept", "Data buku tanah kami telusuri.", unit="BPN"),
            S(
                27,
                "15.00",
                "bpn",
                "request_done",
                "Tanah kompleks BLK bersertipikat hak pakai atas nama Pemerintah Provinsi "
                "Sumatera Barat. Pembangunan oleh Pemko memerlukan pinjam pakai atau hibah dari "
                "Pemerintah Provinsi.",
                unit="BPN",
            ),
            S(23, "07.00", SYSTEM, "propose"),
            S(
                22,
                "10.00",
                "asisten2",
                "escalate",
                "Perlu surat Sekretaris Daerah kepada Sekretaris Daerah Provinsi untuk permohonan "
                "pinjam pakai; di luar kewenangan Asisten.",
            ),
            S(11, "07.00", SYSTEM, "propose"),
            S(
                8,
                "13.30",
                "sekda",
                "deescalate",
                "Surat permohonan pinjam pakai sudah saya tandatangani dan dikirim. Asisten II "
                "memantau jawaban Pemerintah Provinsi dan menyiapkan lokasi alternatif di tanah "
                "Pemko bila permohonan tidak dijawab dalam satu bulan.",
            ),
            S(
                7,
                "09.15",
                "bagekonomi",
                "request",
                "Menahan permohonan PBG workshop BLK di SIMBG (tidak ditolak) sampai perjanjian "
                "pinjam pakai dengan Pemerintah Provinsi terbit, agar berkas tidak perlu diajukan "
                "ulang dari awal.",
                unit="DPMPTSP",
                due=15,
            ),
            S(
                4,
                "10.00",
                "kadis.disnakerin",
                "respond",
                "Sambil menunggu jawaban Pemerintah Provinsi, kami menyiapkan kajian lokasi "
                "alternatif di tanah Pemko.",
                unit="BPN",
            ),
        ),
    ),
    # At Asisten II, overdue: a finished building that waits on both DPMPTSP and PDAM.
    IssueSpec(
        title="Gedung Sentra IKM Rendang belum dapat dipakai: SLF dan sambungan air PDAM belum ada",
        unit="DISNAKERIN",
        category="perizinan",
        urgency=Urgency.HIGH,
        met=24,
        location="KEL-KAPALO-KOTO-AMPANGAN",
        location_detail="Gedung Sentra IKM Rendang yang baru selesai dibangun",
        chronology=(
            "Gedung Sentra IKM Rendang, dapur produksi bersama bagi 24 pelaku industri kecil "
            "rendang, selesai dibangun dan sudah diserahterimakan oleh kontraktor. Gedung belum "
            "dapat dipakai karena Sertifikat Laik Fungsi (SLF) belum terbit dan belum ada "
            "sambungan air bersih: pipa distribusi PDAM terdekat berjarak ±300 m.\n\n"
            "Permohonan SLF sudah diajukan melalui SIMBG lima minggu lalu; permohonan sambungan "
            "air sudah disampaikan kepada PDAM dengan surat Kepala Dinas."
        ),
        impact=(
            "Tanpa air bersih dan SLF, sertifikasi halal dan SPP-IRT bagi 24 IKM tidak dapat "
            "diproses. Target kenaikan produksi rendang 15 % tahun ini tidak tercapai dan gedung "
            "senilai Rp1.780.000.000 dibiarkan kosong."
        ),
        proposed_solution=(
            "DPMPTSP menjadwalkan pemeriksaan kelaikan fungsi dan menerbitkan SLF; PDAM "
            "memperpanjang pipa distribusi dan memasang sambungan. Pembiayaan perpanjangan pipa "
            "dibahas pada rakor Asisten II."
        ),
        steps=(
            S(22, "09.00", "kadis.disnakerin", "create"),
            S(22, "09.20", "kadis.disnakerin", "submit"),
            S(
                21,
                "10.00",
                "bagekonomi",
                "accept",
                "Diterima. Dibahas pada rakor Asisten II bersama DPMPTSP dan Perumda Air Minum "
                "Tirta Sago.",
            ),
            S(
                21,
                "10.15",
                "bagekonomi",
                "request",
                "Menjadwalkan pemeriksaan kelaikan fungsi dan menerbitkan SLF gedung Sentra IKM "
                "Rendang; berkas di SIMBG sudah lengkap.",
                unit="DPMPTSP",
                due=10,
            ),
            S(
                21,
                "10.20",
                "bagekonomi",
                "request",
                "Memperpanjang pipa distribusi ±300 m dan memasang sambungan air bersih ke gedung "
                "Sentra IKM Rendang; mohon disampaikan perkiraan biaya dan jadwalnya.",
                unit="PDAM",
                due=15,
            ),
            S(
                19,
                "14.00",
                "kadis.dpmptsp",
                "request_accept",
                "Pemeriksaan lapangan oleh tim penilik bangunan kami jadwalkan bersama Dinas PUPR.",
                unit="DPMPTSP",
            ),
            S(
                12,
                "11.00",
                "kadis.disnakerin",
                "respond",
                "Pemeriksaan lapangan belum juga dilaksanakan. Mohon kepastian jadwal.",
                unit="DPMPTSP",
            ),
            S(
                9,
                "15.00",
                "kadis.dpmptsp",
                "respond",
                "Tim penilik masih menyelesaikan antrean pemeriksaan PBG rumah tinggal. "
                "Pemeriksaan gedung Sentra IKM Rendang dijadwalkan ulang dalam dua minggu.",
                unit="DPMPTSP",
            ),
            S(
                6,
                "10.00",
                "asisten2",
                "respond",
                "PDAM belum menjawab sejak permintaan disampaikan. Mohon Direktur PDAM memaparkan "
                "jadwal dan biaya sambungan pada rakor berikutnya.",
                unit="PDAM",
            ),
        ),
    ),
    # At Sekda, overdue: a flood-prone road (river is the central government's).
    IssueSpec(
        title="Ruas jalan di Sicincin tergenang setiap hujan lebat akibat pendangkalan Batang Agam",
        unit="PUPR",
        category="koordinasi-teknis",
        urgency=Urgency.HIGH,
        met=45,
        location="KEL-SICINCIN",
        location_detail="Ruas jalan kota sepanjang ±300 m di tepi Batang Agam",
        chronology=(
            "Sejak awal musim hujan, ruas jalan di tepi Batang Agam tergenang 30–50 cm setiap "
            "hujan lebat lebih dari dua jam. Saluran samping jalan tidak dapat membuang air "
            "karena muka air sungai lebih tinggi akibat pendangkalan dan sedimen di sekitar "
            "jembatan."
        ),
        impact=(
            "Jalan ditutup sementara saat tergenang; lapisan aspal yang baru diperbaiki cepat "
            "rusak sehingga pemeliharaan jalan tidak mencapai target kemantapan."
        ),
        proposed_solution=(
            "Normalisasi dan pengerukan Batang Agam di sekitar jembatan; sementara itu "
            "meninggikan badan jalan dan memasang pompa portabel."
        ),
        steps=(
            S(42, "10.30", "kadis.pupr", "create"),
            S(42, "10.40", "kadis.pupr", "photo", photo="genangan-jalan-sicincin.png"),
            S(42, "10.45", "kadis.pupr", "submit"),
            S(
                41,
                "09.00",
                "bagekonomi",
                "accept",
                "Diterima. Dibahas pada rakor Asisten II bersama DLH dan BAPPEDA.",
            ),
            S(
                41,
                "09.20",
                "kadis.pupr",
                "request",
                "Menormalisasi dan mengeruk sedimen Batang Agam di sekitar jembatan sepanjang "
                "±300 m.",
                unit="DLH",
                due=10,
            ),
            S(
                41,
                "09.25",
                "kadis.pupr",
                "request",
                "Memasukkan usulan penanganan banjir Batang Agam ke usulan kepada BWS Sumatera V "
                "dan ke dokumen perencanaan tahun depan.",
                unit="BAPPEDA",
                due=15,
            ),
            S(
                39,
                "14.00",
                "kadis.dlh",
                "request_decline",
                "Normalisasi dan pengerukan Batang Agam merupakan kewenangan BWS Sumatera V "
                "(Kementerian PU), bukan kewenangan DLH. DLH dapat membantu pembersihan sampah di "
                "bantaran.",
                unit="DLH",
            ),
            S(
                36,
                "10.00",
                "kaban.bappeda",
                "request_accept",
                "Usulan kami masukkan ke bahan forum konsultasi publik RKPD.",
                unit="BAPPEDA",
            ),
            S(
                33,
                "11.00",
                "kaban.bappeda",
                "request_done",
                "Usulan normalisasi Batang Agam sudah disampaikan kepada BWS Sumatera V dan "
                "tercantum dalam RKPD tahun depan sebagai usulan kewenangan pusat.",
                unit="BAPPEDA",
            ),
            S(30, "07.00", SYSTEM, "propose"),
            S(
                29,
                "09.00",
                "asisten2",
                "escalate",
                "Penanganan sungai adalah kewenangan BWS Sumatera V. Perlu surat resmi Pemerintah "
                "Kota dan pertemuan tingkat Sekda dengan BWS; sementara PUPR memasang rambu "
                "genangan dan pompa portabel.",
            ),
            S(
                24,
                "10.00",
                "kadis.pupr",
                "respond",
                "Dua pompa portabel sudah disiagakan di titik genangan dan rambu peringatan "
                "terpasang. Mohon dukungan DLH untuk pembersihan sampah di bantaran pada Jumat "
                "bersih.",
                unit="DLH",
            ),
        ),
    ),
    # At Sekda, on time: budget for health workers' incentives.
    IssueSpec(
        title="Insentif tenaga kesehatan puskesmas tiga bulan belum dibayar karena pagu kurang",
        unit="DINKES",
        category="anggaran",
        urgency=Urgency.HIGH,
        met=16,
        chronology=(
            "Insentif tenaga kesehatan di tujuh puskesmas untuk tiga bulan terakhir belum "
            "dibayar. Pagu belanja insentif dalam DPA hanya cukup sampai pertengahan tahun "
            "karena jumlah tenaga kesehatan bertambah setelah pengangkatan PPPK."
        ),
        impact=(
            "231 tenaga kesehatan belum menerima haknya; ada keluhan resmi dari tiga puskesmas "
            "dan risiko turunnya layanan."
        ),
        proposed_solution=(
            "Pergeseran anggaran antar-objek belanja atau pemanfaatan belanja tidak terduga "
            "dengan persetujuan TAPD."
        ),
        steps=(
            S(14, "09.00", "operator.dinkes", "create"),
            S(13, "08.00", "kadis.dinkes", "submit"),
            S(12, "13.30", "asisten1", "accept", "Diterima. Dibahas bersama BKD."),
            S(
                12,
                "13.45",
                "asisten1",
                "request",
                "Menghitung kebutuhan tambahan pagu insentif tenaga kesehatan dan menyiapkan opsi "
                "pergeseran anggaran.",
                unit="BKD",
                due=15,
            ),
            S(
                11,
                "10.00",
                "kaban.bkd",
                "request_accept",
                "Kebutuhan tambahan Rp1.386.000.000 untuk 231 tenaga kesehatan. Pergeseran antar-"
                "objek belanja memerlukan persetujuan TAPD.",
                unit="BKD",
            ),
            S(
                8,
                "15.10",
                "kadis.dinkes",
                "respond",
                "Mohon dipercepat; keluhan sudah datang dari tiga puskesmas.",
                unit="BKD",
            ),
            S(
                6,
                "09.00",
                "asisten1",
                "escalate",
                "Pergeseran anggaran memerlukan keputusan TAPD yang dipimpin Sekda.",
            ),
            S(
                3,
                "14.00",
                "kaban.bkd",
                "respond",
                "Bahan rapat TAPD (rincian pergeseran dan sumber dana dari belanja tidak "
                "terduga) sudah kami siapkan.",
                unit="BKD",
            ),
        ),
    ),
    # At Kepala Daerah level: customary land (tanah ulayat) for a road.
    IssueSpec(
        title="Pembebasan lahan jalan penghubung Koto Panjang–Payobasuang terkendala tanah ulayat",
        unit="PUPR",
        category="sosial",
        urgency=Urgency.HIGH,
        met=60,
        location="KEL-KOTO-PANJANG",
        location_detail="Trase jalan penghubung ±1,6 km, 23 bidang tanah",
        chronology=(
            "Pengadaan tanah untuk jalan penghubung Koto Panjang–Payobasuang meliputi 23 bidang. "
            "Enam belas pemilik sudah sepakat, tetapi tujuh bidang merupakan tanah ulayat kaum "
            "yang pelepasannya memerlukan persetujuan mamak kepala waris dan Kerapatan Adat "
            "Nagari (KAN). Dua kali musyawarah di tingkat kelurahan belum mencapai kesepakatan."
        ),
        impact=(
            "Pekerjaan fisik tahun depan (pagu indikatif Rp7.200.000.000) tidak dapat "
            "ditenderkan sebelum tanah bebas."
        ),
        proposed_solution=(
            "Musyawarah dengan ninik mamak yang dipimpin pimpinan daerah, dengan kompensasi "
            "sesuai penilaian KJPP."
        ),
        steps=(
            S(57, "09.00", "operator.pupr", "create"),
            S(57, "14.00", "kadis.pupr", "submit"),
            S(56, "10.00", "bagekonomi", "accept", "Diterima."),
            S(
                56,
                "10.10",
                "kadis.pupr",
                "request",
                "Menerbitkan peta bidang dan daftar nominatif pemilik tanah terdampak.",
                unit="BPN",
                due=15,
            ),
            S(54, "09.00", "bpn", "request_accept", "Kami proses.", unit="BPN"),
            S(
                47,
                "14.30",
                "bpn",
                "request_done",
                "Peta bidang 23 bidang tanah dan daftar nominatif sudah diserahkan ke Dinas PUPR. "
                "Tujuh bidang tanah ulayat belum bersertipikat; pelepasannya memerlukan "
                "persetujuan mamak kepala waris dan KAN.",
                unit="BPN",
            ),
            S(45, "07.00", SYSTEM, "propose"),
            S(
                43,
                "09.00",
                "asisten2",
                "escalate",
                "Dua kali musyawarah di tingkat kelurahan belum mencapai kesepakatan dengan tiga "
                "kaum. Perlu keterlibatan Sekda.",
            ),
            S(32, "07.00", SYSTEM, "propose"),
            S(
                30,
                "10.00",
                "sekda",
                "escalate",
                "Tiga kaum meminta bertemu langsung dengan Wali Kota dan Ketua LKAAM. Perlu "
                "pendekatan Wali Kota kepada KAN dan ninik mamak.",
            ),
            S(
                18,
                "16.00",
                "kadis.pupr",
                "respond",
                "Empat dari tujuh bidang tanah ulayat sudah sepakat dilepas setelah pertemuan "
                "dengan Wali Kota; tiga bidang masih dalam musyawarah.",
                unit="BPN",
            ),
        ),
    ),
    # Settled at OPD level and confirmed: the asked unit did what was needed.
    IssueSpec(
        title="Data pedagang UMKM binaan di Pasar Ibuh belum diterima dari Dinas Perdagangan",
        unit="DISKOPUKM",
        category="data",
        urgency=Urgency.LOW,
        met=26,
        chronology=(
            "Pendataan UMKM binaan memerlukan data pedagang Pasar Ibuh (nama, NIK, jenis "
            "dagangan, nomor kios). Permintaan lisan sudah dua kali disampaikan, tetapi data "
            "belum diterima."
        ),
        impact="Input data UMKM ke aplikasi nasional terlambat dari jadwal kementerian.",
        proposed_solution="Dinas Perdagangan mengirim data pedagang dalam format XLSX.",
        steps=(
            S(24, "10.00", "kadis.diskopukm", "create"),
            S(24, "10.10", "kadis.diskopukm", "submit"),
            S(
                24,
                "10.20",
                "kadis.diskopukm",
                "request",
                "Menyampaikan data pedagang Pasar Ibuh (nama, NIK, jenis dagangan, nomor kios) "
                "untuk pendataan UMKM binaan.",
                unit="DISDAG",
                due=5,
            ),
            S(
                23,
                "09.00",
                "kadis.disdag",
                "request_accept",
                "Data sedang dirapikan pengelola pasar.",
                unit="DISDAG",
            ),
            S(
                22,
                "15.00",
                "kadis.disdag",
                "request_done",
                "Data 1.184 pedagang sudah dikirim melalui surel dinas dalam format XLSX.",
                unit="DISDAG",
            ),
            S(
                21,
                "08.30",
                "kadis.diskopukm",
                "settle",
                "Data diterima lengkap dari Dinas Perdagangan. Selesai di tingkat OPD tanpa perlu "
                "dibahas di rakor.",
            ),
            S(21, "08.35", "kadis.diskopukm", "confirm"),
        ),
    ),
    # Settled at OPD level and confirmed: pollution stopped by DLH.
    IssueSpec(
        title="Air irigasi sawah di Limbukan tercemar limbah usaha tahu",
        unit="DISTAN",
        category="koordinasi-teknis",
        urgency=Urgency.MEDIUM,
        met=12,
        location="KEL-LIMBUKAN",
        location_detail="Saluran irigasi tersier, hamparan sawah ±25 ha",
        chronology=(
            "Kelompok tani melaporkan air irigasi berwarna keruh keputihan dan berbau asam. "
            "Padi yang baru ditanam di petak dekat saluran menguning. Penyuluh pertanian "
            "menduga limbah usaha tahu di hulu saluran dibuang tanpa pengolahan."
        ),
        impact="Sekitar 25 ha sawah terancam gagal tanam; target produktivitas padi menurun.",
        proposed_solution=(
            "DLH mengambil sampel air, menelusuri sumber pencemar dan menindak usaha yang "
            "membuang limbah."
        ),
        steps=(
            S(10, "08.00", "kadis.distan", "create"),
            S(10, "08.10", "kadis.distan", "submit"),
            S(
                10,
                "08.20",
                "kadis.distan",
                "request",
                "Mengambil sampel air irigasi, menelusuri sumber pencemar dan menindak usaha yang "
                "membuang limbah tanpa pengolahan.",
                unit="DLH",
                due=5,
            ),
            S(
                9,
                "10.00",
                "kadis.dlh",
                "request_accept",
                "Tim pengawas DLH turun besok pagi bersama penyuluh pertanian.",
                unit="DLH",
            ),
            S(
                5,
                "16.00",
                "kadis.dlh",
                "request_done",
                "Sampel menunjukkan BOD dan COD di atas baku mutu. Sumbernya dua usaha tahu di "
                "hulu saluran; keduanya diberi teguran tertulis dan wajib memperbaiki IPAL dalam "
                "14 hari. Pembuangan limbah sudah dihentikan.",
                unit="DLH",
            ),
            S(
                4,
                "09.00",
                "kadis.distan",
                "settle",
                "DLH menghentikan pembuangan limbah dan menegur dua usaha tahu. Air irigasi "
                "jernih kembali; selesai di tingkat OPD.",
            ),
            S(4, "09.05", "kadis.distan", "confirm"),
        ),
    ),
    # Settled at Asisten II and confirmed.
    IssueSpec(
        title="Permohonan PBG dari OSS tidak masuk ke SIMBG sehingga layanan perizinan tertahan",
        unit="DPMPTSP",
        category="koordinasi-teknis",
        urgency=Urgency.HIGH,
        met=66,
        chronology=(
            "Sejak tiga hari lalu permohonan PBG yang diajukan pelaku usaha melalui OSS tidak "
            "masuk ke SIMBG. Pemeriksaan dari sisi DPMPTSP tidak menemukan kesalahan; dari "
            "jaringan luar kantor integrasi berjalan normal."
        ),
        impact="37 permohonan tertahan; waktu layanan PBG melampaui standar pelayanan.",
        proposed_solution="Diskominfo memeriksa jaringan dan aturan firewall Pemko.",
        steps=(
            S(64, "09.00", "kadis.dpmptsp", "create"),
            S(64, "09.20", "kadis.dpmptsp", "submit"),
            S(
                63,
                "10.00",
                "bagekonomi",
                "accept",
                "Diterima. Diskominfo diminta membantu penelusuran teknis.",
            ),
            S(
                63,
                "10.10",
                "kadis.dpmptsp",
                "request",
                "Memeriksa koneksi dan konfigurasi integrasi OSS–SIMBG dari jaringan Pemko, "
                "termasuk sertifikat dan aturan firewall.",
                unit="DISKOMINFO",
                due=5,
            ),
            S(
                62,
                "08.30",
                "kadis.diskominfo",
                "request_accept",
                "Tim infrastruktur memeriksa hari ini.",
                unit="DISKOMINFO",
            ),
            S(
                60,
                "14.00",
                "kadis.diskominfo",
                "request_done",
                "Penyebabnya aturan firewall baru yang memblokir alamat server OSS. Aturan sudah "
                "diperbaiki; 37 permohonan yang tertahan sudah masuk ke SIMBG.",
                unit="DISKOMINFO",
            ),
            S(
                60,
                "15.30",
                "kadis.dpmptsp",
                "respond",
                "Terkonfirmasi, 37 permohonan sudah muncul di SIMBG dan diproses hari ini.",
                unit="DISKOMINFO",
            ),
            S(
                59,
                "09.00",
                "bagekonomi",
                "settle",
                "Integrasi OSS–SIMBG pulih setelah Diskominfo memperbaiki aturan firewall. "
                "Disepakati setiap perubahan aturan firewall diberitahukan lebih dulu kepada "
                "DPMPTSP.",
            ),
            S(58, "10.00", "kadis.dpmptsp", "confirm"),
        ),
    ),
    # Settled at Asisten I and confirmed.
    IssueSpec(
        title="Jalan rusak menuju SD Negeri di Balai Panjang membahayakan siswa",
        unit="DISDIKBUD",
        category="koordinasi-teknis",
        urgency=Urgency.MEDIUM,
        met=40,
        location="KEL-BALAI-PANJANG",
        location_detail="Jalan lingkungan ±400 m menuju sekolah",
        chronology=(
            "Kepala sekolah melaporkan jalan menuju sekolah berlubang dan bahu jalannya amblas. "
            "Dua siswa terjatuh dari sepeda dalam sebulan terakhir; orang tua meminta perbaikan "
            "sebelum musim hujan."
        ),
        impact="Keselamatan ±310 siswa terancam; kehadiran menurun saat hujan.",
        proposed_solution="PUPR menambal jalan dan memperbaiki bahu jalan.",
        steps=(
            S(38, "11.00", "kadis.disdikbud", "create"),
            S(38, "11.10", "kadis.disdikbud", "submit"),
            S(
                37,
                "09.00",
                "asisten1",
                "accept",
                "Diterima. PUPR diminta menangani sebagai pemeliharaan rutin.",
            ),
            S(
                37,
                "09.10",
                "asisten1",
                "request",
                "Menambal lubang dan memperbaiki bahu jalan sepanjang ±400 m menuju sekolah.",
                unit="PUPR",
                due=10,
            ),
            S(
                35,
                "10.00",
                "kadis.pupr",
                "request_accept",
                "Masuk jadwal pemeliharaan rutin; tim UPT turun minggu depan.",
                unit="PUPR",
            ),
            S(
                30,
                "15.00",
                "operator.pupr",
                "request_done",
                "Penambalan 27 lubang dan perbaikan bahu jalan sepanjang 400 m selesai. Rambu "
                "kawasan sekolah dipasang di dua titik.",
                unit="PUPR",
                photo="jalan-sd-balai-panjang-setelah-perbaikan.png",
            ),
            S(
                29,
                "09.30",
                "asisten1",
                "settle",
                "PUPR telah memperbaiki jalan menuju sekolah dan memasang rambu kawasan sekolah.",
            ),
            S(27, "08.00", "kadis.disdikbud", "confirm"),
        ),
    ),
    # Settled at Asisten II, not yet confirmed.
    IssueSpec(
        title="PBG perumahan di kawasan LP2B terbit tanpa rekomendasi Dinas Pertanian",
        unit="DISTAN",
        category="regulasi",
        urgency=Urgency.MEDIUM,
        met=22,
        chronology=(
            "Dinas Pertanian menemukan pembangunan perumahan di hamparan sawah yang ditetapkan "
            "sebagai Lahan Pertanian Pangan Berkelanjutan (LP2B). PBG-nya terbit tanpa "
            "rekomendasi Dinas Pertanian karena peta LP2B belum dipakai dalam pemeriksaan KKPR "
            "dan PBG."
        ),
        impact="Luas LP2B berkurang; target luas tanam dan produksi padi terancam.",
        proposed_solution=(
            "Peta LP2B dipakai bersama, dan rekomendasi Dinas Pertanian menjadi syarat PBG di "
            "kawasan LP2B."
        ),
        steps=(
            S(20, "09.00", "kadis.distan", "create"),
            S(20, "09.30", "kadis.distan", "submit"),
            S(
                19,
                "14.00",
                "bagekonomi",
                "accept",
                "Diterima; dibahas pada rakor Asisten II berikutnya.",
            ),
            S(
                19,
                "14.10",
                "bagekonomi",
                "request",
                "Menyampaikan daftar PBG yang terbit di kawasan LP2B tahun ini dan menambahkan "
                "rekomendasi Dinas Pertanian sebagai persyaratan.",
                unit="DPMPTSP",
                due=8,
            ),
            S(
                19,
                "14.15",
                "bagekonomi",
                "request",
                "Menyampaikan peta digital LP2B dari RTRW untuk dipakai dalam pemeriksaan KKPR "
                "dan PBG.",
                unit="PUPR",
                due=8,
            ),
            S(
                17,
                "09.00",
                "kadis.dpmptsp",
                "request_accept",
                "Daftar PBG kami tarik dari SIMBG.",
                unit="DPMPTSP",
            ),
            S(
                15,
                "10.00",
                "kadis.pupr",
                "request_done",
                "Peta LP2B (format SHP) sudah dibagikan kepada DPMPTSP dan Dinas Pertanian.",
                unit="PUPR",
            ),
            S(
                12,
                "14.00",
                "kadis.dpmptsp",
                "request_done",
                "Ditemukan 4 PBG di kawasan LP2B. Mulai bulan ini rekomendasi Dinas Pertanian "
                "menjadi syarat dalam daftar periksa PBG.",
                unit="DPMPTSP",
            ),
            S(
                4,
                "11.00",
                "asisten2",
                "settle",
                "Rakor Asisten II menyepakati: setiap permohonan KKPR dan PBG di kawasan LP2B "
                "wajib rekomendasi Dinas Pertanian; peta LP2B dipakai bersama; 4 PBG yang "
                "telanjur terbit dievaluasi tim penataan ruang.",
            ),
        ),
    ),
    # Settled at Asisten II with PDAM, confirmed.
    IssueSpec(
        title="Kebocoran pipa PDAM merusak lapisan aspal baru di Balai Jariang",
        unit="PUPR",
        category="utilitas",
        urgency=Urgency.MEDIUM,
        met=55,
        location="KEL-BALAI-JARIANG",
        location_detail="Jalan lingkungan yang diaspal ulang dua bulan lalu",
        chronology=(
            "Dua bulan setelah pengaspalan ulang, air merembes dari bawah lapisan aspal dan "
            "badan jalan amblas sepanjang ±15 m. Dugaan kuat berasal dari kebocoran pipa "
            "distribusi PDAM."
        ),
        impact="Jalan yang masih dalam masa pemeliharaan rusak; kerusakan meluas bila dibiarkan.",
        proposed_solution="PDAM memperbaiki kebocoran dan mengembalikan lapisan aspal.",
        steps=(
            S(53, "08.30", "operator.pupr", "create"),
            S(53, "08.35", "operator.pupr", "photo", photo="aspal-rusak-balai-jariang.png"),
            S(53, "09.00", "kadis.pupr", "submit"),
            S(52, "10.00", "bagekonomi", "accept", "Diterima."),
            S(
                52,
                "10.10",
                "operator.pupr",
                "request",
                "Memperbaiki kebocoran pipa distribusi dan mengembalikan lapisan aspal sesuai "
                "spesifikasi.",
                unit="PDAM",
                due=5,
            ),
            S(51, "08.00", "pdam", "request_accept", "Tim perbaikan turun hari ini.", unit="PDAM"),
            S(
                49,
                "17.00",
                "pdam",
                "request_done",
                "Kebocoran pada sambungan pipa Ø110 mm sudah diperbaiki. Galian ditutup dan "
                "dilapis aspal panas oleh rekanan PDAM.",
                unit="PDAM",
            ),
            S(
                48,
                "10.00",
                "operator.pupr",
                "respond",
                "Sudah kami periksa; kepadatan dan tebal aspal sesuai. Terima kasih.",
                unit="PDAM",
            ),
            S(
                48,
                "11.00",
                "bagekonomi",
                "settle",
                "PDAM memperbaiki kebocoran dan mengembalikan lapisan aspal. Disepakati PDAM "
                "memberi tahu PUPR sebelum menggali jalan yang baru diaspal.",
            ),
            S(47, "09.00", "kadis.pupr", "confirm"),
        ),
    ),
    # Settled at Sekda level and confirmed (Asisten III portfolio).
    IssueSpec(
        title="Biaya langganan internet kantor kelurahan belum dianggarkan setelah pengalihan",
        unit="DISKOMINFO",
        category="anggaran",
        urgency=Urgency.HIGH,
        met=70,
        chronology=(
            "Sejak awal tahun, pengelolaan jaringan internet 47 kantor kelurahan dialihkan dari "
            "kecamatan ke Diskominfo, tetapi anggarannya masih tercatat di DPA kecamatan dan "
            "hanya cukup sampai bulan depan."
        ),
        impact=(
            "Layanan internet kelurahan akan diputus penyedia; aplikasi kependudukan dan "
            "persuratan elektronik tidak dapat dipakai."
        ),
        proposed_solution="Pergeseran anggaran dari kecamatan atau belanja tidak terduga.",
        steps=(
            S(68, "10.00", "kadis.diskominfo", "create"),
            S(68, "10.15", "kadis.diskominfo", "submit"),
            S(67, "09.00", "asisten3", "accept", "Diterima."),
            S(
                67,
                "09.15",
                "kadis.diskominfo",
                "request",
                "Menyediakan anggaran langganan internet 47 kantor kelurahan untuk empat bulan "
                "tersisa melalui pergeseran anggaran.",
                unit="BKD",
                due=10,
            ),
            S(
                64,
                "14.00",
                "kaban.bkd",
                "request_decline",
                "Pergeseran antar-perangkat daerah tidak dapat dilakukan BKD tanpa keputusan "
                "TAPD. Mohon diajukan melalui mekanisme TAPD.",
                unit="BKD",
            ),
            S(
                63,
                "08.30",
                "asisten3",
                "escalate",
                "Pergeseran anggaran antar-perangkat daerah memerlukan keputusan TAPD yang "
                "dipimpin Sekda.",
            ),
            S(
                57,
                "10.00",
                "sekda",
                "settle",
                "TAPD menyetujui pergeseran Rp356.000.000 dari belanja tidak terduga untuk "
                "langganan internet kelurahan. Mulai tahun depan dianggarkan dalam DPA "
                "Diskominfo.",
            ),
            S(56, "09.00", "kadis.diskominfo", "confirm"),
        ),
    ),
    # Settled at Sekda level, not yet confirmed.
    IssueSpec(
        title="Serah terima prasarana, sarana dan utilitas perumahan dari pengembang tertunda",
        unit="PERKIM",
        category="regulasi",
        urgency=Urgency.MEDIUM,
        met=50,
        location="KEL-PAYOBASUANG",
        location_detail="Perumahan ±120 unit",
        chronology=(
            "Pengembang perumahan ±120 unit belum menyerahkan prasarana, sarana dan utilitas "
            "(PSU) kepada Pemko meskipun pembangunan selesai dua tahun lalu. Warga meminta "
            "perbaikan jalan dan drainase, tetapi Pemko tidak dapat menganggarkannya sebelum "
            "PSU diserahkan."
        ),
        impact="Jalan dan drainase perumahan rusak tanpa pemeliharaan; keluhan warga berulang.",
        proposed_solution=(
            "Pengembang menyerahkan PSU; BPN memproses sertipikat dan BKD mencatatnya sebagai aset."
        ),
        steps=(
            S(48, "09.00", "kadis.perkim", "create"),
            S(48, "09.10", "kadis.perkim", "submit"),
            S(46, "13.00", "bagekonomi", "accept", "Diterima."),
            S(
                46,
                "13.10",
                "kadis.perkim",
                "request",
                "Memproses pemisahan dan penerbitan sertipikat tanah PSU atas nama Pemerintah "
                "Kota Payakumbuh.",
                unit="BPN",
                due=20,
            ),
            S(
                46,
                "13.15",
                "kadis.perkim",
                "request",
                "Menyiapkan pencatatan aset PSU setelah berita acara serah terima ditandatangani.",
                unit="BKD",
                due=30,
            ),
            S(
                44,
                "10.00",
                "bpn",
                "request_accept",
                "Kami proses setelah siteplan diterima.",
                unit="BPN",
            ),
            S(
                43,
                "09.00",
                "kaban.bkd",
                "request_accept",
                "Kami siapkan format pencatatan aset PSU.",
                unit="BKD",
            ),
            S(
                40,
                "11.00",
                "kadis.perkim",
                "respond",
                "Pengembang belum menyerahkan siteplan yang disahkan; sudah kami surati dua kali.",
                unit="BPN",
            ),
            S(35, "07.00", SYSTEM, "propose"),
            S(
                34,
                "09.00",
                "asisten2",
                "escalate",
                "Pengembang tidak menanggapi dua surat Kepala Dinas. Perlu teguran Sekda dan "
                "rapat dengan pengembang.",
            ),
            S(
                14,
                "14.00",
                "bpn",
                "request_done",
                "Siteplan sudah kami terima; pemisahan sertipikat tanah PSU sedang diproses.",
                unit="BPN",
            ),
            S(
                12,
                "10.00",
                "sekda",
                "settle",
                "Sekda menerbitkan surat teguran dan memimpin rapat dengan pengembang. Berita "
                "acara serah terima PSU jalan, drainase dan taman sudah ditandatangani; BPN dan "
                "BKD menindaklanjuti sertipikat dan pencatatan aset.",
            ),
        ),
    ),
    # Settled by the Wali Kota and confirmed (Asisten I portfolio).
    IssueSpec(
        title="Penertiban pedagang kaki lima di badan jalan sekitar Pasar Ibuh ditolak pedagang",
        unit="KEC-BARAT",
        category="sosial",
        urgency=Urgency.HIGH,
        met=82,
        location_detail="Badan jalan di sekitar Pasar Ibuh, Kecamatan Payakumbuh Barat",
        chronology=(
            "Sekitar 60 pedagang kaki lima berjualan di badan jalan sekitar Pasar Ibuh pada hari "
            "pasar. Rencana penertiban oleh kecamatan bersama Satpol PP ditolak paguyuban "
            "pedagang karena belum ada lokasi pengganti."
        ),
        impact="Kemacetan setiap hari pasar; pekerjaan trotoar di sekitar pasar tertunda.",
        proposed_solution=(
            "Relokasi sementara ke dalam kawasan pasar dengan rekayasa lalu lintas dan kantong "
            "parkir."
        ),
        steps=(
            S(80, "09.00", "camat.barat", "create"),
            S(80, "09.30", "camat.barat", "submit"),
            S(79, "10.00", "asisten1", "accept", "Diterima."),
            S(
                79,
                "10.10",
                "camat.barat",
                "request",
                "Menyiapkan lokasi relokasi sementara bagi ±60 pedagang kaki lima di dalam "
                "kawasan pasar.",
                unit="DISDAG",
                due=10,
            ),
            S(
                79,
                "10.15",
                "camat.barat",
                "request",
                "Menyusun rekayasa lalu lintas dan kantong parkir setelah badan jalan dikosongkan.",
                unit="DISHUB",
                due=10,
            ),
            S(
                77,
                "09.00",
                "kadis.disdag",
                "request_accept",
                "Lahan parkir sisi timur dapat dipakai sementara; tenda dan listrik kami siapkan.",
                unit="DISDAG",
            ),
            S(76, "11.00", "kadis.dishub", "request_accept", "Kami susun.", unit="DISHUB"),
            S(
                72,
                "15.00",
                "kadis.dishub",
                "request_done",
                "Rekayasa lalu lintas satu arah dan dua kantong parkir sudah disiapkan; petugas "
                "siaga setiap pagi hari pasar.",
                unit="DISHUB",
            ),
            S(
                70,
                "10.00",
                "camat.barat",
                "respond",
                "Paguyuban pedagang menolak pindah karena lokasi dinilai sepi pembeli; mereka "
                "meminta bertemu Wali Kota.",
                unit="DISDAG",
            ),
            S(
                69,
                "09.00",
                "asisten1",
                "escalate",
                "Pedagang menolak relokasi dan meminta keputusan pimpinan. Perlu pembahasan "
                "tingkat Sekda bersama Satpol PP dan Dinas Perdagangan.",
            ),
            S(
                64,
                "14.00",
                "sekda",
                "escalate",
                "Paguyuban meminta bertemu langsung dengan Wali Kota. Diteruskan kepada Wali Kota "
                "untuk dialog dengan pedagang dan ninik mamak pemilik ulayat pasar.",
            ),
            S(
                61,
                "16.00",
                "kadis.disdag",
                "request_done",
                "Lokasi relokasi di lahan parkir timur siap: 64 lapak tenda, listrik dan air "
                "bersih.",
                unit="DISDAG",
            ),
            S(
                58,
                "10.00",
                "walikota",
                "settle",
                "Dialog Wali Kota dengan paguyuban pedagang dan ninik mamak menyepakati relokasi "
                "sementara ke lahan parkir timur selama enam bulan, bebas retribusi tiga bulan "
                "pertama, sambil menunggu revitalisasi Blok Barat.",
            ),
            S(55, "09.00", "camat.barat", "confirm"),
        ),
    ),
    # Closed as not relevant by Bagian Perekonomian (Asisten II).
    IssueSpec(
        title="Kuota pelatihan menjahit dari UPTD BLK Provinsi kurang dari usulan",
        unit="DISNAKERIN",
        category="lainnya",
        urgency=Urgency.LOW,
        met=27,
        chronology=(
            "Usulan 80 peserta pelatihan menjahit hanya mendapat kuota 32 peserta dari UPTD BLK "
            "Provinsi."
        ),
        impact="Sebagian pencari kerja yang sudah mendaftar tidak dapat ikut pelatihan.",
        proposed_solution="Meminta tambahan kuota kepada Pemerintah Provinsi.",
        steps=(
            S(25, "10.00", "kadis.disnakerin", "create"),
            S(25, "10.05", "kadis.disnakerin", "submit"),
            S(
                24,
                "09.00",
                "bagekonomi",
                "close",
                "Bukan kendala lintas perangkat daerah Pemerintah Kota. Penambahan kuota diajukan "
                "langsung oleh Disnakerin kepada Disnakertrans Provinsi melalui surat dinas.",
            ),
        ),
    ),
    # Closed as not relevant by Asisten I.
    IssueSpec(
        title="Anak jalanan dan pengemis di simpang lampu merah pada akhir pekan",
        unit="DINSOS",
        category="sosial",
        urgency=Urgency.LOW,
        met=17,
        chronology=(
            "Warga melaporkan bertambahnya anak jalanan dan pengemis di beberapa simpang lampu "
            "merah pada Sabtu dan Minggu."
        ),
        impact="Keselamatan anak dan ketertiban umum.",
        proposed_solution="Patroli terpadu pada akhir pekan.",
        steps=(
            S(15, "13.00", "kadis.dinsos", "create"),
            S(15, "13.10", "kadis.dinsos", "submit"),
            S(
                14,
                "10.00",
                "asisten1",
                "close",
                "Penanganan anak jalanan dan pengemis adalah tugas rutin patroli terpadu Dinas "
                "Sosial dan Satpol PP, bukan kendala pelaksanaan program. Silakan dilanjutkan "
                "sesuai SOP patroli terpadu.",
            ),
        ),
    ),
    # Withdrawn by the reporter after submitting.
    IssueSpec(
        title="Kios UMKM di gedung pusat promosi produk belum dialiri listrik",
        unit="DISKOPUKM",
        category="utilitas",
        urgency=Urgency.MEDIUM,
        met=36,
        chronology=(
            "Gedung pusat promosi produk UMKM sudah selesai dibangun, tetapi 23 kios belum "
            "dialiri listrik sehingga belum dapat diserahkan kepada pelaku UMKM."
        ),
        impact="Peresmian gedung tertunda; pelaku UMKM belum dapat berjualan.",
        proposed_solution="Percepatan sambungan baru dari PLN.",
        steps=(
            S(33, "09.00", "kadis.diskopukm", "create"),
            S(33, "09.10", "kadis.diskopukm", "submit"),
            S(
                31,
                "14.00",
                "kadis.diskopukm",
                "withdraw",
                "Biaya penyambungan sudah dibayar dan PLN menyambung daya kemarin; tidak perlu "
                "ditangani lebih lanjut.",
            ),
        ),
    ),
    # A draft withdrawn before it was submitted.
    IssueSpec(
        title="Timbangan di gudang cadangan pangan belum ditera ulang",
        unit="DKP",
        category="lainnya",
        urgency=Urgency.LOW,
        met=8,
        chronology="Timbangan duduk di gudang cadangan pangan belum ditera ulang tahun ini.",
        impact="Hasil penimbangan beras cadangan pangan dapat dipersoalkan saat pemeriksaan.",
        proposed_solution="Tera ulang oleh UPT Metrologi Legal.",
        steps=(
            S(7, "10.00", "kadis.dkp", "create"),
            S(
                6,
                "08.30",
                "kadis.dkp",
                "withdraw",
                "Sudah ditangani langsung bersama UPT Metrologi Legal Dinas Perdagangan; tidak "
                "perlu dilaporkan.",
            ),
        ),
    ),
    # A duplicate merged into the puskesmas permit issue.
    IssueSpec(
        title="UKL-UPL Puskesmas Tiakar belum diperiksa DLH",
        unit="DINKES",
        category="perizinan",
        urgency=Urgency.HIGH,
        met=8,
        location="KEL-TIAKAR",
        chronology=(
            "Formulir UKL-UPL pembangunan gedung baru Puskesmas Tiakar yang diunggah melalui "
            "Amdalnet belum diperiksa DLH."
        ),
        impact="PBG belum dapat diproses dan kontrak fisik belum dapat ditandatangani.",
        proposed_solution="DLH segera memeriksa formulir UKL-UPL.",
        steps=(
            S(5, "09.00", "kadis.dinkes", "create"),
            S(5, "09.10", "kadis.dinkes", "submit"),
            S(
                4,
                "11.00",
                "asisten1",
                "merge",
                "Sudah ditangani dalam permasalahan persetujuan lingkungan dan PBG Puskesmas "
                "Tiakar; permintaan kepada DLH dipantau di sana.",
                into=T_PUSKESMAS,
            ),
        ),
    ),
    # Waiting for triage, overdue, and PLN has not answered: street lighting.
    IssueSpec(
        title="PJU baru di ruas Padang Tiakar–Payobasuang belum tersambung listrik PLN",
        unit="DISHUB",
        category="utilitas",
        urgency=Urgency.MEDIUM,
        met=12,
        location="KEL-PADANG-TIAKAR",
        location_detail="48 titik PJU sepanjang ruas Padang Tiakar–Payobasuang",
        chronology=(
            "Pemasangan 48 titik penerangan jalan umum (PJU) selesai sebulan lalu, tetapi belum "
            "menyala karena sambungan baru dari PLN belum dipasang. Permohonan sambungan sudah "
            "diajukan dan biaya penyambungan sudah dibayar."
        ),
        impact=(
            "Ruas jalan gelap pada malam hari; warga mengadu dan target PJU yang berfungsi tidak "
            "tercapai."
        ),
        proposed_solution="PLN memasang sambungan dan meteran PJU.",
        steps=(
            S(9, "10.00", "kadis.dishub", "create"),
            S(9, "10.20", "kadis.dishub", "submit"),
            S(
                9,
                "10.30",
                "kadis.dishub",
                "request",
                "Memasang sambungan baru dan meteran untuk 48 titik PJU di ruas Padang Tiakar–"
                "Payobasuang; biaya penyambungan sudah dibayar.",
                unit="PLN",
                due=10,
            ),
            S(
                4,
                "09.00",
                "kadis.dishub",
                "respond",
                "Mohon tanggapan. Nomor registrasi permohonan sambungan baru tercantum dalam surat "
                "kami.",
                unit="PLN",
            ),
        ),
    ),
    # Waiting for triage, fresh.
    IssueSpec(
        title="Atap gudang cadangan pangan bocor, 18 ton beras berisiko rusak",
        unit="DKP",
        category="lainnya",
        urgency=Urgency.HIGH,
        met=3,
        chronology=(
            "Hujan deras dua hari terakhir membuat atap gudang cadangan pangan bocor di tiga "
            "titik. Sebagian karung beras di sisi utara sudah lembap dan telah dipindahkan."
        ),
        impact="18 ton beras cadangan pangan pemerintah daerah berisiko rusak.",
        proposed_solution="Perbaikan darurat atap oleh Dinas PERKIM (bangunan gedung).",
        steps=(
            S(1, "14.00", "kadis.dkp", "create"),
            S(1, "14.20", "kadis.dkp", "submit"),
            S(
                1,
                "14.30",
                "kadis.dkp",
                "request",
                "Perbaikan darurat atap gudang cadangan pangan (penggantian seng dan talang) "
                "di tiga titik bocor.",
                unit="PERKIM",
                due=5,
            ),
        ),
    ),
    # Waiting for triage at Asisten III, overdue.
    IssueSpec(
        title="Data belanja pegawai di SIPD tidak sesuai dengan data gaji dari BKPSDM",
        unit="BKD",
        category="data",
        urgency=Urgency.MEDIUM,
        met=7,
        chronology=(
            "Saat menyusun rancangan anggaran belanja pegawai, jumlah pegawai dan tunjangan di "
            "SIPD berbeda dengan data gaji dari BKPSDM: 57 pegawai mutasi belum dipindahkan ke "
            "perangkat daerah barunya."
        ),
        impact="Pagu belanja pegawai per perangkat daerah dalam rancangan APBD tidak akurat.",
        proposed_solution="BKPSDM memperbarui data mutasi pegawai di SIPD.",
        steps=(
            S(5, "10.00", "kaban.bkd", "create"),
            S(5, "10.30", "kaban.bkd", "submit"),
            S(
                5,
                "10.40",
                "kaban.bkd",
                "request",
                "Memperbarui data 57 pegawai mutasi di SIPD sesuai keputusan mutasi terbaru.",
                unit="BKPSDM",
                due=5,
            ),
        ),
    ),
    # Waiting for triage at Asisten I, fresh; BAPPEDA already accepted its request.
    IssueSpec(
        title="Usulan Musrenbang kelurahan di Payakumbuh Barat tidak muncul di SIPD",
        unit="KEC-BARAT",
        category="data",
        urgency=Urgency.MEDIUM,
        met=3,
        chronology=(
            "Sebanyak 19 usulan hasil Musrenbang kelurahan di Kecamatan Payakumbuh Barat tidak "
            "muncul di SIPD saat Musrenbang kecamatan, padahal sudah diinput operator "
            "kelurahan."
        ),
        impact="Usulan masyarakat berisiko tidak dibahas dan tidak masuk RKPD.",
        proposed_solution="BAPPEDA memeriksa status usulan di SIPD dan membuka kembali input.",
        steps=(
            S(2, "09.00", "camat.barat", "create"),
            S(2, "09.30", "camat.barat", "submit"),
            S(
                2,
                "09.40",
                "camat.barat",
                "request",
                "Memeriksa status 19 usulan Musrenbang kelurahan di SIPD dan membuka kembali "
                "input bila perlu.",
                unit="BAPPEDA",
                due=5,
            ),
            S(
                1,
                "10.00",
                "kaban.bappeda",
                "request_accept",
                "Usulan tersimpan sebagai draf dan belum dikirim ke tingkat kecamatan. Operator "
                "kami dampingi operator kelurahan besok pagi.",
                unit="BAPPEDA",
            ),
        ),
    ),
    # Returned to the reporter for more information (Asisten II).
    IssueSpec(
        title="Renovasi gedung olahraga milik Pemko terkendala pencatatan aset",
        unit="DISPARPORA",
        category="lahan",
        urgency=Urgency.MEDIUM,
        met=10,
        chronology=(
            "Renovasi atap dan lantai gedung olahraga tidak dapat ditenderkan karena gedung "
            "masih tercatat sebagai aset perangkat daerah lain."
        ),
        impact="Renovasi tahun ini tertunda.",
        proposed_solution="Pengalihan pencatatan aset kepada Disparpora.",
        steps=(
            S(7, "10.00", "kadis.disparpora", "create"),
            S(7, "10.10", "kadis.disparpora", "submit"),
            S(
                5,
                "14.00",
                "bagekonomi",
                "return",
                "Mohon dilengkapi: nomor register aset (KIB C) gedung, perangkat daerah yang saat "
                "ini tercatat sebagai pengguna barang, serta nilai dan jadwal renovasi yang "
                "terancam.",
            ),
        ),
    ),
    # Returned to the reporter for more information (Asisten I).
    IssueSpec(
        title="Banyak NIK penerima bantuan sosial daerah tidak padan dengan data kependudukan",
        unit="DINSOS",
        category="data",
        urgency=Urgency.MEDIUM,
        met=9,
        chronology=(
            "Saat verifikasi penyaluran bantuan sosial daerah, sebagian NIK penerima tidak padan "
            "dengan data kependudukan sehingga bantuan tidak dapat disalurkan."
        ),
        impact="Penyaluran bantuan sosial triwulan ini tertunda.",
        proposed_solution="Pemadanan data bersama Disdukcapil.",
        steps=(
            S(6, "09.00", "kadis.dinsos", "create"),
            S(6, "09.15", "kadis.dinsos", "submit"),
            S(
                4,
                "10.00",
                "asisten1",
                "return",
                "Mohon disebutkan jumlah data yang tidak padan per program, contoh kasusnya, dan "
                "apakah pemadanan sudah diajukan kepada Disdukcapil.",
            ),
        ),
    ),
    # Drafts, not yet submitted.
    IssueSpec(
        title="Talud penahan tebing Batang Agam longsor di Padang Tiakar",
        unit="PUPR",
        category="koordinasi-teknis",
        urgency=Urgency.HIGH,
        met=3,
        location="KEL-PADANG-TIAKAR",
        location_detail="Tebing Batang Agam di belakang permukiman, ±25 m",
        chronology=(
            "Talud pasangan batu sepanjang ±25 m runtuh setelah hujan deras semalam. Tebing "
            "terus tergerus dan jaraknya tinggal ±4 m dari tiga rumah warga."
        ),
        impact="Tiga rumah terancam; jalan lingkungan di atas tebing retak.",
        proposed_solution=(
            "Penanganan darurat dengan bronjong; penanganan permanen dikoordinasikan dengan BWS "
            "Sumatera V dan BPBD."
        ),
        steps=(
            S(2, "15.30", "operator.pupr", "create"),
            S(2, "15.40", "operator.pupr", "photo", photo="talud-longsor-padang-tiakar.png"),
        ),
    ),
    IssueSpec(
        title="Puskesmas kekurangan tenaga sanitarian untuk inspeksi kesehatan lingkungan",
        unit="DINKES",
        category="sdm",
        urgency=Urgency.MEDIUM,
        met=20,
        chronology=(
            "Empat dari delapan puskesmas tidak memiliki tenaga sanitarian sejak dua pegawai "
            "pensiun dan dua lainnya dimutasi."
        ),
        impact="",
        proposed_solution="Formasi PPPK tenaga sanitarian tahun depan.",
        steps=(
            S(4, "11.00", "operator.dinkes", "create"),
            S(
                3,
                "09.30",
                "operator.dinkes",
                "edit",
                "Inspeksi kesehatan lingkungan tempat pengelolaan pangan dan sekolah tidak "
                "mencapai target (baru 41 % dari rencana).",
                field="impact",
            ),
        ),
    ),
)


# --- photos ----------------------------------------------------------------------------------

Colour = tuple[int, int, int]
Box = tuple[float, float, float, float, Colour]
SKY, TREES, ASPHALT, SOIL = (150, 190, 225), (70, 115, 65), (95, 95, 100), (125, 90, 60)
WATER, STONE, PIPE = (130, 120, 95), (150, 145, 135), (45, 50, 60)


def _png(width: int, height: int, boxes: list[Box]) -> bytes:
    """Return a small PNG painted with boxes (fractions x0, y0, x1, y1 and a colour)."""
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter: none
        for x in range(width):
            colour: Colour = (0, 0, 0)
            for x0, y0, x1, y1, c in boxes:
                if x0 * width <= x < x1 * width and y0 * height <= y < y1 * height:
                    colour = c
            grain = (x * 7 + y * 13) % 9 - 4
            row.extend(max(0, min(255, v + grain)) for v in colour)
        rows.append(bytes(row))

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def _photo(name: str) -> SimpleUploadedFile:
    """Return a small illustrative field photo for the file name."""
    base: list[Box] = [(0.0, 0.0, 1.0, 0.35, SKY), (0.0, 0.35, 1.0, 0.45, TREES)]
    if "genangan" in name or "saluran" in name:
        scene = [*base, (0.0, 0.45, 1.0, 1.0, ASPHALT), (0.0, 0.55, 1.0, 1.0, WATER)]
    elif "talud" in name:
        scene = [*base, (0.0, 0.45, 1.0, 1.0, STONE), (0.35, 0.5, 0.7, 1.0, SOIL)]
    else:
        scene = [*base, (0.0, 0.45, 1.0, 1.0, ASPHALT), (0.2, 0.6, 0.8, 0.95, SOIL)]
        if "pipa" in name:
            scene.append((0.2, 0.75, 0.8, 0.82, PIPE))
    return SimpleUploadedFile(name, _png(160, 120, scene), content_type="image/png")


# --- the loader ------------------------------------------------------------------------------

ISSUE_TIMES = (
    "submitted_at",
    "accepted_at",
    "level_since",
    "escalation_proposed_at",
    "settled_at",
    "confirmed_at",
    "closed_at",
)


class _Loader:
    def __init__(self) -> None:
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.policy = Policy.current()
        self.cal: WorkCalendar = calendar()
        self.viewers: dict[str, Viewer] = {}
        self.units: dict[str, Unit] = {}
        self.workdays: list[dt.date] = []
        self.created: list[int] = []

    # Lookups

    def viewer(self, username: str) -> Viewer:
        if username not in self.viewers:
            person = Person.objects.filter(username__iexact=username).first()
            if person is None:
                raise LookupError(f"demo person {username!r} missing: load the org demo first")
            self.viewers[username] = Viewer.of(person)
        return self.viewers[username]

    def unit(self, short_name: str) -> Unit:
        if short_name not in self.units:
            unit = Unit.objects.filter(short_name__iexact=short_name).first()
            if unit is None:
                raise LookupError(f"demo unit {short_name!r} missing: load the org demo first")
            self.units[short_name] = unit
        return self.units[short_name]

    def day(self, ago: int) -> dt.date:
        """Return the working day `ago` working days before today."""
        if ago < 1:
            raise ValueError("steps happen on earlier working days, not today")
        day = self.workdays[-1] if self.workdays else self.today
        while len(self.workdays) < ago:
            day -= dt.timedelta(days=1)
            if self.cal.is_working_day(day):
                self.workdays.append(day)
        return self.workdays[ago - 1]

    def moment(self, ago: int, at: str) -> dt.datetime:
        hour, minute = (int(part) for part in at.split("."))
        return timezone.make_aware(dt.datetime.combine(self.day(ago), dt.time(hour, minute)))

    # Running

    def load(self, spec: IssueSpec) -> None:
        issue: Issue | None = None
        last: dt.datetime | None = None
        for step in spec.steps:
            when = self.moment(step.ago, step.at)
            if (last is not None and when <= last) or when >= self.now:
                raise ValueError(f"{spec.title}: step {step.action} at {when} is out of order")
            started = timezone.now()
            issue, also = self.run(spec, issue, step, when)
            self.backdate([issue.pk, *also], started, when)
            issue = Issue.objects.select_related("reporting_unit").get(pk=issue.pk)
            last = when
        if issue is not None:
            self.created.append(issue.pk)

    def run(
        self, spec: IssueSpec, issue: Issue | None, step: Step, when: dt.datetime
    ) -> tuple[Issue, list[int]]:
        """Take one step through the services; return the issue and any other issue touched."""
        action = step.action
        if action == "create":
            category = Category.objects.get_or_create(
                code=spec.category, defaults={"name": spec.category.replace("-", " ").title()}
            )[0]
            new = Issue(
                title=spec.title,
                chronology=spec.chronology,
                category=category,
                urgency=spec.urgency,
                first_met_on=self.day(spec.met),
                impact=spec.impact,
                proposed_solution=spec.proposed_solution,
                location=self.unit(spec.location) if spec.location else None,
                location_detail=spec.location_detail,
                reporting_unit=self.unit(spec.unit),
                created_at=when,
            )
            return services.issue_create(issue=new, by=self.viewer(step.who)), []
        assert issue is not None, f"{spec.title}: the first step must create the issue"
        if action == "propose":
            self.propose(issue, when)
            return issue, []
        by = self.viewer(step.who)
        text = step.text
        if action == "photo":
            services.attachments_add(
                issue=issue, files=[_photo(step.photo)], by=by, content_types=["image/png"]
            )
        elif action == "edit":
            self.edit(issue, by, step.field, text)
        elif action == "submit":
            services.issue_submit(issue=issue, by=by)
        elif action == "accept":
            services.issue_accept(issue=issue, by=by, note=text)
        elif action == "return":
            services.issue_return(issue=issue, by=by, question=text)
        elif action == "merge":
            into = Issue.objects.filter(title=step.into).order_by("pk").first()
            assert into is not None, f"{spec.title}: merge target {step.into!r} missing"
            services.issue_merge(issue=issue, by=by, into=into, note=text)
            return issue, [into.pk]
        elif action == "close":
            services.issue_close(issue=issue, by=by, reason=text)
        elif action == "withdraw":
            services.issue_withdraw(issue=issue, by=by, reason=text)
        elif action == "request":
            due_on = self.cal.add_working_days(when.date(), step.due)
            services.request_create(
                issue=issue, by=by, unit=self.unit(step.unit), need=text, due_on=due_on
            )
        elif action in ("request_accept", "request_decline", "request_done", "respond"):
            request = issue.requests.filter(unit=self.unit(step.unit)).order_by("-pk").first()
            assert request is not None, f"{spec.title}: no request to {step.unit}"
            if action == "request_accept":
                services.request_accept(request=request, by=by, note=text)
            elif action == "request_decline":
                services.request_decline(request=request, by=by, reason=text)
            elif action == "request_done":
                photos = [_photo(step.photo)] if step.photo else []
                services.request_done(
                    request=request,
                    by=by,
                    note=text,
                    files=photos,
                    content_types=["image/png"] * len(photos),
                )
            else:
                services.response_add(request=request, by=by, body=text)
        elif action == "escalate":
            services.issue_escalate(issue=issue, by=by, reason=text)
        elif action == "deescalate":
            services.issue_deescalate(issue=issue, by=by, instruction=text)
        elif action == "settle":
            services.issue_settle(issue=issue, by=by, resolution=text)
        elif action == "confirm":
            services.issue_confirm(issue=issue, by=by)
        elif action == "reopen":
            services.issue_reopen(issue=issue, by=by, reason=text)
        else:
            raise ValueError(f"unknown demo step {action!r}")
        return issue, []

    def edit(self, issue: Issue, by: Viewer, field: str, text: str) -> None:
        """Add to a text field of a draft or returned issue, as the edit form would."""
        if "edit" not in issue_actions(by, issue):
            raise services.ActionNotAllowed("edit")
        with transaction.atomic():
            before = getattr(issue, field)
            after = f"{before}\n\n{text}" if before else text
            setattr(issue, field, after)
            issue.version += 1
            issue.save(update_fields=[field, "version"])
            services.issue_edited(issue=issue, by=by, changes={field: (before, after)})

    def propose(self, issue: Issue, when: dt.datetime) -> None:
        """Propose escalation as the deadline sweep (services.issues_sweep) would have done."""
        due = deadline(issue, policy=self.policy, cal=self.cal)
        if (
            issue.status != Issue.Status.IN_PROGRESS
            or issue.level not in (Level.ASSISTANT, Level.SECRETARY)
            or issue.escalation_proposed_at is not None
            or due is None
            or timezone.localdate(when) <= due
        ):
            raise ValueError(f"{issue.title}: nothing to propose at {when}")
        services.issue_propose_escalation(issue=issue, due=due, now=timezone.now())

    def propose_overdue(self) -> None:
        """Propose escalation of the loaded issues now past their limit, as the sweep would."""
        issues = Issue.objects.filter(
            pk__in=self.created,
            status=Issue.Status.IN_PROGRESS,
            level__in=[Level.ASSISTANT, Level.SECRETARY],
            escalation_proposed_at__isnull=True,
        )
        for issue in issues:
            due = deadline(issue, policy=self.policy, cal=self.cal)
            if due is None or self.today <= due:
                continue
            sweep = timezone.make_aware(
                dt.datetime.combine(self.cal.next_working_day(due), dt.time(7, 0))
            )
            when = min(sweep, self.now - dt.timedelta(minutes=1))
            started = timezone.now()
            self.propose(issue, when)
            self.backdate([issue.pk], started, when)

    def backdate(self, issue_ids: list[int], started: dt.datetime, when: dt.datetime) -> None:
        """Move every stamp the last step wrote (at or after `started`) back to `when`."""
        for row in Issue.objects.filter(pk__in=issue_ids).values("pk", *ISSUE_TIMES):
            fresh = {name: when for name in ISSUE_TIMES if row[name] and row[name] >= started}
            if fresh:
                Issue.objects.filter(pk=row["pk"]).update(**fresh)
        services.issues_workdays_refresh(issue_ids=issue_ids)
        respond_by = self.cal.add_working_days(when.date(), self.policy.response_days)
        request_times = ("created_at", "answered_at", "done_at")
        requests = IssueRequest.objects.filter(issue_id__in=issue_ids)
        for row in requests.values("pk", *request_times):
            changes: dict[str, object] = {
                name: when for name in request_times if row[name] and row[name] >= started
            }
            if "created_at" in changes:
                changes["respond_by"] = respond_by
            if changes:
                IssueRequest.objects.filter(pk=row["pk"]).update(**changes)
        Response.objects.filter(request__issue_id__in=issue_ids, created_at__gte=started).update(
            created_at=when
        )
        Attachment.objects.filter(issue_id__in=issue_ids, uploaded_at__gte=started).update(
            uploaded_at=when
        )
        Event.objects.filter(issue_id__in=issue_ids, at__gte=started).update(at=when)
        Notification.objects.filter(
            url__in=[f"/issues/{pk}/" for pk in issue_ids], created_at__gte=started
        ).update(created_at=when)


COUNTED = {
    "requests": IssueRequest,
    "responses": Response,
    "events": Event,
    "attachments": Attachment,
    "notifications": Notification,
}


def issues_demo_load() -> dict[str, int]:
    """Load the demo issues with their history; return what was added ("issues", "skipped" …).

    Issues whose title already exists are left alone, so a second run adds nothing.
    """
    before = {name: model._default_manager.count() for name, model in COUNTED.items()}
    skipped = 0
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        loader = _Loader()
        last_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True)
        first_new = (last_notification.first() or 0) + 1
        for spec in ISSUES:
            if Issue.objects.filter(title=spec.title).exists():
                skipped += 1
                continue
            loader.load(spec)
        loader.propose_overdue()
        # What happened more than a week ago has been read, as in a real inbox.
        Notification.objects.filter(
            pk__gte=first_new,
            url__in=[f"/issues/{pk}/" for pk in loader.created],
            created_at__lt=loader.now - dt.timedelta(days=7),
            read_at__isnull=True,
        ).update(read_at=F("created_at") + dt.timedelta(hours=3))
    counts = {"issues": len(loader.created), "skipped": skipped}
    for name, model in COUNTED.items():
        counts[name] = model._default_manager.count() - before[name]
    return counts
