"""Remind units of action items due within two working days (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from tuntas.meetings.services import action_items_remind


class Command(BaseCommand):
    help = "Remind units of their action items due within two working days; never twice."

    def handle(self, *args: Any, **options: Any) -> None:
        count = action_items_remind()
        self.stdout.write(f"{count} action item reminder(s) sent.")
