"""Steps of the worker-restart test, run in their own processes against a file database.

Usage: python -m tuntas.notifications.tests.worker_scenario setup|sweep|report
"""

from __future__ import annotations

import json
import sys

import django


def setup() -> None:
    """Create the personas' city and a PDAM request needed on the next working day."""
    from django.utils import timezone

    from tuntas.issues.tests.factories import make_issue, make_request
    from tuntas.lib.workdays import calendar
    from tuntas.notifications.models import Notification
    from tuntas.notifications.services import emails_paused
    from tuntas.testing.personas import build_org

    with emails_paused():
        org = build_org()
        org.pdam_partner.phone = "0812-6600-1234"
        org.pdam_partner.save()
        issue = make_issue(org, status="in_progress")
        make_request(
            issue,
            org.pdam,
            org.asisten2,
            due_on=calendar().add_working_days(timezone.localdate(), 1),
        )
    Notification.objects.all().delete()


def sweep() -> None:
    """Run the reminder sweep as the scheduler's job does."""
    from tuntas.issues.services import requests_remind

    print(requests_remind())


def report() -> None:
    """Print the reminders and their deliveries as JSON."""
    from tuntas.notifications.models import Delivery, Notification

    print(
        json.dumps(
            {
                "notifications": list(
                    Notification.objects.filter(kind="issues.request_due").values_list(
                        "recipient__username", flat=True
                    )
                ),
                "deliveries": list(
                    Delivery.objects.filter(notification__kind="issues.request_due")
                    .order_by("channel")
                    .values("channel", "address", "status", "attempts", "last_error")
                ),
            }
        )
    )


if __name__ == "__main__":
    django.setup()
    {"setup": setup, "sweep": sweep, "report": report}[sys.argv[1]]()
