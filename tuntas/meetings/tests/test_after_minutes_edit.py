"""The minutes page: minute taker, summary, the agenda items to write up, the finalise button."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import REQUIRED, field_errors, login_redirect, make_issue, textarea
from tuntas.lib.concurrency import STALE_MESSAGE
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def meeting(org):
    meeting = kit.make_meeting(org, status="held", on=kit.TODAY)
    kit.add_issue_item(meeting, make_issue(org, "in_progress"))
    kit.add_other_item(meeting, "Lain-lain", [org.pupr])
    return meeting


def url(meeting):
    return reverse("meetings:minutes", args=[meeting.pk])


SUMMARY = "Rapat menyepakati pemindahan pipa PDAM sebelum pelebaran jalan."


def data(org, meeting, **fields):
    base = {"notulis": org.bagekonomi_staff.pk, "summary": SUMMARY, "version": meeting.version}
    return base | fields


def test_anonymous_visitors_are_sent_to_the_login_page(client, meeting):
    assert login_redirect(client.get(url(meeting)), url(meeting))


@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, meeting, outsider):
    client = org.client_for(getattr(org, outsider))

    assert client.get(url(meeting)).status_code == 404
    assert client.post(url(meeting), data(org, meeting)).status_code == 404


@pytest.mark.parametrize("reader", ["kadis_pupr", "pdam_partner", "sekda"])
def test_readers_get_403(org, meeting, reader):
    client = org.client_for(getattr(org, reader))

    assert client.get(url(meeting)).status_code == 403
    assert client.post(url(meeting), data(org, meeting)).status_code == 403
    assert Meeting.objects.get().summary == ""


def test_it_rejects_put(org, meeting):
    assert org.client_for(org.bagekonomi_staff).put(url(meeting)).status_code == 405


def test_the_page_links_every_agenda_item_and_offers_to_finalise(org, meeting):
    response = org.client_for(org.bagekonomi_staff).get(url(meeting))

    assert response.status_code == 200
    body = response.content.decode()
    for item in meeting.agenda_items.all():
        assert reverse("meetings:agenda_item_minutes", args=[item.pk]) in body
    assert reverse("meetings:minutes_finalise", args=[meeting.pk]) in body
    assert 'name="confirm"' in body
    assert response.context["undecided"] == 1


def test_the_minute_taker_comes_from_the_bagian_or_the_asisten(org, meeting):
    response = org.client_for(org.bagekonomi_staff).get(url(meeting))

    choices = response.context["form"].fields["notulis"].queryset
    assert set(choices) == {org.bagekonomi_staff, org.asisten2}


@pytest.mark.parametrize("runner", ["bagekonomi_staff", "asisten2"])
def test_the_runner_saves_the_minute_taker_and_the_summary(org, meeting, runner):
    response = org.client_for(getattr(org, runner)).post(url(meeting), data(org, meeting))

    assert response.status_code == 302
    assert response["Location"] == url(meeting)
    saved = Meeting.objects.get()
    assert (saved.notulis, saved.summary, saved.status) == (org.bagekonomi_staff, SUMMARY, "held")
    assert saved.version == meeting.version + 1


def test_a_missing_minute_taker_is_explained_and_the_summary_kept(org, meeting):
    response = org.client_for(org.bagekonomi_staff).post(
        url(meeting), data(org, meeting, notulis="")
    )

    assert response.status_code == 400
    assert field_errors(response, "notulis") == [REQUIRED]
    assert textarea(response, "summary") == SUMMARY
    assert Meeting.objects.get().summary == ""


def test_a_stale_form_does_not_overwrite_a_newer_save(org, meeting):
    client = org.client_for(org.bagekonomi_staff)
    client.post(url(meeting), data(org, meeting, summary="Versi pertama."))

    response = client.post(url(meeting), data(org, meeting))  # the version of before

    assert response.status_code == 400
    assert str(STALE_MESSAGE) in response.content.decode()
    assert textarea(response, "summary") == SUMMARY
    assert Meeting.objects.get().summary == "Versi pertama."


def test_saving_keeps_a_status_changed_meanwhile(org, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status="invited")
    stale = meeting  # still says "held" in memory

    org.client_for(org.bagekonomi_staff).post(url(stale), data(org, stale))

    assert Meeting.objects.get().status == "invited"


def test_final_minutes_are_shown_read_only_and_refuse_changes(org, meeting):
    kit.finalise(org, meeting)
    meeting.refresh_from_db()
    client = org.client_for(org.bagekonomi_staff)

    page = client.get(url(meeting))
    assert page.status_code == 200
    assert page.context["form"] is None
    assert reverse("meetings:minutes_pdf", args=[meeting.pk]) in page.content.decode()
    assert reverse("meetings:minutes_finalise", args=[meeting.pk]) not in page.content.decode()
    response = client.post(url(meeting), data(org, meeting))
    assert response.status_code == 409
    assert Meeting.objects.get().summary == ""


def test_the_page_pins_its_query_count(org, meeting, django_assert_num_queries):
    client = org.client_for(org.bagekonomi_staff)
    client.get(url(meeting))
    with django_assert_num_queries(9):
        client.get(url(meeting))
    for n in range(5):
        item = kit.add_other_item(meeting, f"Butir {n}", [org.pdam])
        kit.draft_action(item, org.pdam, due_on=kit.NEXT_MEETING_ON)
    with django_assert_num_queries(9):
        assert len(client.get(url(meeting)).context["items"]) == 7
