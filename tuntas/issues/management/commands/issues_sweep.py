"""Propose (or make) escalation of issues past their working-day time limit."""

from typing import Any

from django.core.management.base import BaseCommand

from tuntas.issues.services import issues_sweep


class Command(BaseCommand):
    help = "Propose escalation of issues past their time limit (run daily, e.g. at 07.00 WIB)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = issues_sweep()
        self.stdout.write(f"{count} issue(s) past their time limit handled.")
