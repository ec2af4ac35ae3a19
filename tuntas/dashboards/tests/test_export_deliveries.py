"""The administrator's delivery log as XLSX: the log's filters, moments and counts typed."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.tests.exportkit import cells_of, export_url, rows_of, title_lines
from tuntas.issues.tests.viewkit import NOW
from tuntas.notifications.models import Delivery
from tuntas.notifications.tests.factories import make_notification

pytestmark = pytest.mark.django_db

URL = export_url("deliveries")
COLUMNS = [
    "created_at",
    "channel",
    "recipient",
    "address",
    "notification",
    "status",
    "attempts",
    "sent_at",
    "last_error",
]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def make_delivery(person, *, channel="email", status="sent", created_at=None, title="Isu baru"):
    created_at = created_at or dt.datetime(2026, 5, 4, 2, tzinfo=dt.UTC)
    return Delivery.objects.create(
        notification=make_notification(person, title=title),
        channel=channel,
        address=person.email,
        status=status,
        attempts=3 if status == "failed" else 1,
        sent_at=created_at + dt.timedelta(minutes=1) if status == "sent" else None,
        created_at=created_at,
        last_error="HTTP 400: invalid target" if status == "failed" else "",
    )


@pytest.fixture
def log(org):
    return {
        "old": make_delivery(
            org.asisten2, created_at=dt.datetime(2026, 5, 1, 1, tzinfo=dt.UTC), title="Rapat"
        ),
        "failed": make_delivery(org.sekda, status="failed", channel="whatsapp", title="Eskalasi"),
    }


def test_the_admin_exports_every_delivery_newest_first(org, log):
    rows = rows_of(org.client_for(org.admin).get(URL), COLUMNS)

    assert [r["notification"] for r in rows] == ["Eskalasi", "Rapat"]
    failed, sent = rows
    assert (failed["recipient"], failed["address"]) == (
        "Rida Ananda, S.STP., M.Si.",
        "sekda@example.go.id",
    )
    assert (failed["attempts"], failed["last_error"], failed["sent_at"]) == (
        3,
        "HTTP 400: invalid target",
        None,
    )
    assert sent["sent_at"] == dt.datetime(2026, 5, 1, 8, 1)


def test_moments_are_dates_and_attempts_are_numbers(org, log):
    sent = cells_of(org.client_for(org.admin).get(URL), COLUMNS)[1]

    # 01.00 UTC is 08.00 in Payakumbuh.
    assert sent["created_at"].value == dt.datetime(2026, 5, 1, 8, 0)
    assert sent["created_at"].is_date
    assert sent["created_at"].number_format == "DD/MM/YYYY HH:MM"
    assert sent["attempts"].data_type == "n" and isinstance(sent["attempts"].value, int)


def test_the_logs_filters_are_honoured(org, log):
    client = org.client_for(org.admin)

    def titles(**query):
        return [r["notification"] for r in rows_of(client.get(URL, query), COLUMNS)]

    assert titles(status="failed") == ["Eskalasi"]
    assert titles(channel="email") == ["Rapat"]
    assert titles(person="dafrul") == ["Rapat"]
    assert titles(date_from="2026-05-02") == ["Eskalasi"]
    assert titles(date_to="2026-05-02") == ["Rapat"]
    assert titles(date_from="nonsense") == ["Eskalasi", "Rapat"]


def test_the_filters_are_named_above_the_table(org, log):
    line = title_lines(
        org.client_for(org.admin).get(URL, {"person": "dafrul", "date_from": "2026-05-02"})
    )[1]

    assert "dafrul" in line
    assert "02/05/2026" in line


def test_government_staff_may_not_export_it(org, log):
    assert org.client_for(org.asisten2).get(URL).status_code == 403


def test_outsiders_do_not_find_it(org, log):
    for person in (org.pdam_partner, org.nobody):
        assert org.client_for(person).get(URL).status_code == 404


def test_the_log_links_to_its_export_with_its_filters(org, log):
    page = org.client_for(org.admin).get(reverse("notifications:deliveries"), {"status": "failed"})

    assert f'href="{URL}?status=failed"' in page.content.decode()
