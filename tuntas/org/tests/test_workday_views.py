"""The working-day calendar screen: national holidays and the admin's local changes."""

import datetime as dt

import pytest
from django.urls import reverse

from tuntas.lib.workdays import calendar
from tuntas.org.models import ChangeLog, WorkdayOverride

pytestmark = pytest.mark.django_db


def test_everyone_with_a_role_sees_the_holidays(org):
    response = org.client_for(org.pupr_operator).get(reverse("org:workdays"), {"year": 2026})
    assert response.status_code == 200
    days = dict(response.context["holidays"])
    assert dt.date(2026, 8, 17) in days
    assert response.context["can_edit"] is False


def test_the_admin_adds_a_local_day_off_and_deadlines_move(org):
    day = dt.date(2026, 12, 17)  # a Thursday
    assert calendar().is_working_day(day)
    data = {"date": "2026-12-17", "kind": "day_off", "name": "Hari Jadi Kota Payakumbuh (contoh)"}
    response = org.client_for(org.admin).post(reverse("org:workdays"), data)
    assert response.status_code == 302
    assert not calendar().is_working_day(day)
    assert ChangeLog.objects.filter(actor=org.admin).exists()


def test_a_date_twice_is_refused_next_to_the_field(org):
    WorkdayOverride.objects.create(
        date=dt.date(2026, 12, 19), kind="working_day", name="Sabtu kerja"
    )
    data = {"date": "2026-12-19", "kind": "day_off", "name": "Libur lokal"}
    response = org.client_for(org.admin).post(reverse("org:workdays"), data)
    assert response.status_code == 400
    assert "date" in response.context["form"].errors
    assert 'value="Libur lokal"' in response.content.decode()


def test_the_admin_removes_a_change(org):
    override = WorkdayOverride.objects.create(
        date=dt.date(2026, 12, 19), kind="working_day", name="Sabtu kerja"
    )
    assert calendar().is_working_day(dt.date(2026, 12, 19))
    response = org.client_for(org.admin).post(reverse("org:workday_delete", args=[override.pk]))
    assert response.status_code == 302
    assert not calendar().is_working_day(dt.date(2026, 12, 19))


def test_workday_permissions(org):
    override = WorkdayOverride.objects.create(
        date=dt.date(2026, 12, 19), kind="working_day", name="Sabtu kerja"
    )
    data = {"date": "2026-12-18", "kind": "day_off", "name": "X"}
    assert org.client_for(org.asisten2).post(reverse("org:workdays"), data).status_code == 403
    assert (
        org.client_for(org.asisten2)
        .post(reverse("org:workday_delete", args=[override.pk]))
        .status_code
        == 403
    )
    assert org.client_for(org.nobody).get(reverse("org:workdays")).status_code == 404
    assert (
        org.client_for(org.admin).get(reverse("org:workday_delete", args=[override.pk])).status_code
        == 405
    )
    assert (
        org.client_for(org.admin).post(reverse("org:workday_delete", args=[9999])).status_code
        == 404
    )
    assert org.client_for(org.admin).put(reverse("org:workdays")).status_code == 405
    assert WorkdayOverride.objects.count() == 1
