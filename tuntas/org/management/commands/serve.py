"""Run the web server, the task worker and the scheduler together; Ctrl-C stops them all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Start the web server, task worker and scheduler together (what `make run` uses)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument(
            "--gunicorn",
            action="store_true",
            help="Serve with gunicorn instead of Django's development server.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        address = f"{options['host']}:{options['port']}"
        if options["gunicorn"]:
            web = [
                sys.executable,
                "-m",
                "gunicorn",
                "tuntas.wsgi",
                "--bind",
                address,
                "--workers",
                "2",
            ]
        else:
            web = [*manage, "runserver", address, "--noreload"]
        commands = {
            "web": web,
            "worker": [*manage, "db_worker", "--queue-name", "*", "--interval", "1"],
            "scheduler": [*manage, "scheduler"],
        }
        children = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}  # noqa: S603
        self.stdout.write(
            self.style.SUCCESS(f"\nTuntas berjalan di / is running at http://{address}/")
        )
        self.stdout.write(f"Berjalan / running: {', '.join(children)}.")
        self.stdout.write("Tekan Ctrl-C untuk berhenti / Press Ctrl-C to stop.\n")

        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(
                            f"{name} stopped (exit {child.returncode}); stopping the rest."
                        )
                        stopping = True
                time.sleep(0.5)
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.terminate()
            deadline = time.monotonic() + 10
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
