"""The attendance list: everyone concerned reads it; the secretariat adds people and guests."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tuntas.issues.tests.viewkit import REQUIRED, field_errors, login_redirect, messages_of
from tuntas.meetings.models import Attendance
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def meeting(org):
    """Asisten II's meeting this morning; the Kepala Dinas PUPR has checked in."""
    return kit.make_meeting(org, status="held", on=kit.TODAY)


def url(meeting):
    return reverse("meetings:attendance", args=[meeting.pk])


def indonesian(text):
    with translation.override("id"):
        return gettext(text)


def add_person(org, person, unit, representing=""):
    return {"kind": "person", "person": person.pk, "unit": unit.pk, "representing": representing}


GUEST = {
    "kind": "guest",
    "guest-name": "Drs. Hendri Yanto",
    "guest-nip": "1975 0612 200003 1 004",
    "guest-position": "Kepala Seksi Survei",
    "guest-representing": "Kepala Kantor Pertanahan",
}


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, meeting):
    assert login_redirect(client.get(url(meeting)), url(meeting))


@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, meeting, outsider):
    client = org.client_for(getattr(org, outsider))

    assert client.get(url(meeting)).status_code == 404
    assert client.post(url(meeting), GUEST | {"guest-unit": org.bpn.pk}).status_code == 404


@pytest.mark.parametrize("reader", ["pdam_partner", "pupr_operator", "sekda"])
def test_invited_units_and_leaders_read_but_may_not_add(org, meeting, reader):
    client = org.client_for(getattr(org, reader))

    response = client.get(url(meeting))
    assert response.status_code == 200
    assert "Ir. Muslim, M.T." in response.content.decode()
    assert 'name="kind"' not in response.content.decode()
    assert client.post(url(meeting), GUEST | {"guest-unit": org.bpn.pk}).status_code == 403
    assert Attendance.objects.count() == 1


def test_it_rejects_put(org, meeting):
    assert org.client_for(org.bagekonomi_staff).put(url(meeting)).status_code == 405


# --- reading and searching --------------------------------------------------------------------


def test_the_runner_sees_the_list_and_who_is_missing(org, meeting):
    response = org.client_for(org.bagekonomi_staff).get(url(meeting))

    assert response.status_code == 200
    assert [r.name for r in response.context["rows"]] == ["Ir. Muslim, M.T."]
    assert [i.unit.short_name for i in response.context["absent"]] == ["PDAM"]
    body = response.content.decode()
    assert reverse("meetings:attendance_qr", args=[meeting.pk]) in body
    assert reverse("meetings:attendance_delete", args=[Attendance.objects.get().pk]) in body


def test_searching_lists_people_with_each_unit_they_work_for(org, meeting):
    response = org.client_for(org.bagekonomi_staff).get(url(meeting), {"q": "adri"})

    assert [(m.person, m.unit) for m in response.context["matches"]] == [
        (org.pdam_partner, org.pdam)
    ]


def test_an_htmx_search_answers_with_the_results_only(org, meeting):
    response = org.client_for(org.bagekonomi_staff).get(
        url(meeting), {"q": "andi"}, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert "<html" not in body
    assert "Andi Saputra, A.Md." in body
    assert "HX-Request" in response["Vary"]


# --- adding -----------------------------------------------------------------------------------


def test_the_secretariat_adds_a_person_from_the_directory(org, meeting):
    data = add_person(org, org.pdam_partner, org.pdam, "Direktur Utama")

    response = org.client_for(org.bagekonomi_staff).post(f"{url(meeting)}?q=adri", data)

    assert response.status_code == 302
    assert response["Location"] == f"{url(meeting)}?q=adri"
    row = Attendance.objects.get(person=org.pdam_partner)
    assert (row.unit, row.name, row.position, row.representing, row.source) == (
        org.pdam,
        "Ir. Adrizal, M.M.",
        "Direktur Perumda AM Tirta Sago",
        "Direktur Utama",
        "secretariat",
    )
    assert messages_of(response) == [
        indonesian("%(name)s is on the attendance list.") % {"name": "Ir. Adrizal, M.M."}
    ]


def test_adding_someone_twice_keeps_one_row(org, meeting):
    client = org.client_for(org.asisten2)
    client.post(url(meeting), add_person(org, org.kadis_pupr, org.pupr, "Sekretaris Daerah"))

    row = Attendance.objects.get()
    assert (row.person, row.representing) == (org.kadis_pupr, "Sekretaris Daerah")


def test_a_person_is_only_added_for_a_unit_they_work_for(org, meeting):
    response = org.client_for(org.bagekonomi_staff).post(
        url(meeting), add_person(org, org.pdam_partner, org.pupr)
    )

    assert response.status_code == 400
    assert "Ir. Adrizal, M.M." in response.content.decode()
    assert not Attendance.objects.filter(person=org.pdam_partner).exists()


def test_the_secretariat_writes_a_guest_by_hand(org, meeting):
    response = org.client_for(org.bagekonomi_staff).post(
        url(meeting), GUEST | {"guest-unit": org.bpn.pk}
    )

    assert response.status_code == 302
    row = Attendance.objects.get(person=None)
    assert (row.name, row.nip, row.position, row.unit, row.representing, row.source) == (
        "Drs. Hendri Yanto",
        "197506122000031004",
        "Kepala Seksi Survei",
        org.bpn,
        "Kepala Kantor Pertanahan",
        "secretariat",
    )


def test_a_guest_without_a_name_is_refused_and_the_rest_kept(org, meeting):
    data = GUEST | {"guest-name": "", "guest-unit": org.bpn.pk}

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), data)

    assert response.status_code == 400
    assert field_errors(response, "guest-name") == [REQUIRED]
    assert 'value="Kepala Seksi Survei"' in response.content.decode()
    assert Attendance.objects.count() == 1


def test_a_wrong_nip_is_explained(org, meeting):
    data = GUEST | {"guest-nip": "12345", "guest-unit": org.bpn.pk}

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), data)

    assert response.status_code == 400
    assert field_errors(response, "guest-nip") == [
        indonesian("NIP must be exactly 18 digits, without spaces.")
    ]


def test_nothing_is_added_once_the_minutes_are_final(org, meeting):
    kit.finalise(org, meeting)

    response = org.client_for(org.bagekonomi_staff).post(
        url(meeting), GUEST | {"guest-unit": org.bpn.pk}
    )

    assert response.status_code == 409
    assert Attendance.objects.count() == 1
    page = org.client_for(org.bagekonomi_staff).get(url(meeting)).content.decode()
    assert 'name="kind"' not in page


def test_the_list_pins_its_query_count(org, meeting, django_assert_num_queries):
    client = org.client_for(org.bagekonomi_staff)
    client.get(url(meeting))
    with django_assert_num_queries(10):
        client.get(url(meeting), {"q": "ir"})
    for person in (org.pdam_partner, org.pupr_operator, org.asisten2, org.sekda):
        kit.check_in(meeting, person, person.assignments.first().unit)
    with django_assert_num_queries(10):
        response = client.get(url(meeting), {"q": "ir"})
    assert len(response.context["rows"]) == 5
