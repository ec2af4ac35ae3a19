"""Load the Payakumbuh demo organisation and print the demo accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tuntas.issues.demo import issues_demo_load
from tuntas.meetings.demo import meetings_demo_load
from tuntas.notifications.services import emails_paused
from tuntas.org.demo import demo_load
from tuntas.plans.demo import plans_demo_load


class Command(BaseCommand):
    help = (
        "Memuat data contoh Kota Payakumbuh (unit, koordinasi Asisten, pegawai, peran) "
        "dan menampilkan akun demo. Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Jalankan juga saat DEBUG mati (hanya untuk server demo).",
        )

    def handle(self, *args: Any, force: bool = False, verbosity: int = 1, **options: Any) -> None:
        # The demo accounts share a published password and include a superuser.
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG tidak aktif. Data contoh membuat akun dengan kata sandi yang diketahui "
                "umum, termasuk superuser 'admin'. Tambahkan --force bila ini memang server demo."
            )
        result = demo_load(stdout=self.stdout if verbosity >= 2 else None)

        self.stdout.write(
            self.style.SUCCESS(
                f"Data contoh Payakumbuh dimuat: {result.created} baru, "
                f"{result.updated} diperbarui, {result.unchanged} tidak berubah."
            )
        )
        with emails_paused():  # demo people have made-up addresses on real domains
            issues = issues_demo_load()
            # Before the meetings, so that their draft agendas can offer the early warnings.
            plans = plans_demo_load()
            meetings = meetings_demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Permasalahan contoh dimuat: {issues['issues']} baru, {issues['skipped']} sudah "
                f"ada; {issues['requests']} permintaan dukungan, {issues['responses']} tanggapan, "
                f"{issues['events']} catatan linimasa, {issues['notifications']} notifikasi."
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Rencana kerja contoh dimuat: {plans['sub_activities']} sub kegiatan baru, "
                f"{plans['targets']} rencana bulanan, {plans['realisations']} laporan realisasi, "
                f"{plans['issues_linked']} permasalahan ditautkan."
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Rapat contoh dimuat: {meetings['series']} rapat berkala baru, "
                f"{meetings['meetings']} rapat, {meetings['action_items']} rencana tindak lanjut."
            )
        )
        header = ("Nama pengguna", "Peran", "Unit", "Nama lengkap")
        rows = [(x.username, x.role_label, x.unit, x.full_name) for x in result.logins]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

        self.stdout.write("")
        self.stdout.write(line(header).rstrip())
        self.stdout.write("  ".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row).rstrip())
        self.stdout.write("")
        self.stdout.write(
            f"Kata sandi akun demo yang baru dibuat: {result.password} "
            "(bisa masuk dengan nama pengguna atau NIP)."
        )
