"""Role assignments: give, edit and end a role, including acting officials (Plt./Plh.)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.notifications.models import Notification
from tuntas.org.models import ChangeLog, RoleAssignment

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
def test_admin_gives_an_acting_role_and_the_person_is_told(org):
    url = reverse("org:assignment_create", args=[org.kadis_pupr.pk])
    data = {
        "unit": org.asisten2_unit.pk,
        "role": "coordinator",
        "capacity": "plt",
        "position_title": "Asisten Perekonomian dan Pembangunan",
        "valid_from": "2026-03-02",
        "valid_until": "2026-05-31",
    }
    client = org.client_for(org.admin)
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(person=org.kadis_pupr, role="coordinator")
    assert assignment.signature_title == "Plt. Asisten Perekonomian dan Pembangunan"
    assert (
        Notification.objects.filter(recipient=org.kadis_pupr, kind="org.role_assigned").count() == 1
    )
    assert ChangeLog.objects.filter(person=org.kadis_pupr, action="created").exists()


def test_a_role_on_the_wrong_kind_of_unit_is_refused(org):
    url = reverse("org:assignment_create", args=[org.pupr_operator.pk])
    data = {
        "unit": org.pupr.pk,
        "role": "coordinator",
        "capacity": "definitive",
        "valid_from": "2026-01-01",
    }
    response = org.client_for(org.admin).post(url, data)
    assert response.status_code == 200
    assert "role" in response.context["form"].errors


def test_the_end_cannot_precede_the_start(org):
    url = reverse("org:assignment_create", args=[org.pupr_operator.pk])
    data = {
        "unit": org.pupr.pk,
        "role": "unit_head",
        "capacity": "plh",
        "valid_from": "2026-02-10",
        "valid_until": "2026-02-01",
    }
    response = org.client_for(org.admin).post(url, data)
    assert "valid_until" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(person=org.pupr_operator, role="unit_head").exists()


def test_assignment_create_permissions(org):
    url = reverse("org:assignment_create", args=[org.pupr_operator.pk])
    data = {"unit": org.pupr.pk, "role": "unit_head", "valid_from": "2026-01-01"}
    assert org.client_for(org.asisten2).post(url, data).status_code == 403
    assert org.client_for(org.pdam_partner).post(url, data).status_code == 404
    assert org.client_for(org.admin).put(url).status_code == 405


def test_admin_edits_a_role(org):
    assignment = org.pupr_operator.assignments.get()
    url = reverse("org:assignment_edit", args=[assignment.pk])
    data = {
        "unit": org.pupr.pk,
        "role": "unit_staff",
        "capacity": "definitive",
        "valid_from": "2025-01-01",
        "note": "Operator SIPD",
        "version": assignment.version,
    }
    client = org.client_for(org.admin)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    assignment.refresh_from_db()
    assert assignment.note == "Operator SIPD"
    assert client.post(url, {**data, "note": "stale"}).status_code == 200  # same old version
    assignment.refresh_from_db()
    assert assignment.note == "Operator SIPD"


def test_assignment_edit_permissions(org):
    assignment = org.pupr_operator.assignments.get()
    url = reverse("org:assignment_edit", args=[assignment.pk])
    assert org.client_for(org.kadis_pupr).get(url).status_code == 403
    assert org.client_for(org.bpn_partner).get(url).status_code == 404


@time_machine.travel(dt.datetime(2026, 4, 6, 3, tzinfo=dt.UTC))
def test_ending_a_role_stops_it_from_tomorrow(org):
    assignment = org.pupr_operator.assignments.get()
    response = org.client_for(org.admin).post(reverse("org:assignment_end", args=[assignment.pk]))
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.valid_until == dt.date(2026, 4, 6)
    assert not RoleAssignment.objects.active(dt.date(2026, 4, 7)).filter(pk=assignment.pk).exists()
    assert ChangeLog.objects.filter(person=org.pupr_operator, action="ended").count() == 1


def test_assignment_end_permissions(org):
    assignment = org.pupr_operator.assignments.get()
    url = reverse("org:assignment_end", args=[assignment.pk])
    assert org.client_for(org.admin).get(url).status_code == 405
    assert org.client_for(org.asisten2).post(url).status_code == 403
    assert org.client_for(org.pdam_partner).post(url).status_code == 404
    assignment.refresh_from_db()
    assert assignment.valid_until is None
