"""Models turned into the documents' data: letterhead, signatures, minutes, calendar."""

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile

from tuntas.documents.tests.samples import png_logo
from tuntas.meetings import paperwork
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit
from tuntas.testing.personas import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def test_the_letterhead_comes_from_the_government_profile(org):
    org.government.logo.save("logo.png", ContentFile(png_logo()), save=True)

    head = paperwork.letterhead(org.setda)

    assert head.government_name == "Pemerintah Kota Payakumbuh"
    assert head.unit_name == "Sekretariat Daerah"
    assert head.address == "Jl. Veteran No. 70, Kel. Kapalo Koto Dibalai, Payakumbuh 25211"
    assert head.logo_png is not None
    assert head.logo_png.startswith(b"\x89PNG")


def test_a_logo_that_is_not_png_is_left_out(org):
    org.government.logo.save("logo.jpg", ContentFile(b"\xff\xd8\xff\xe0 not a png"), save=True)

    assert paperwork.letterhead().logo_png is None


def test_the_sekda_as_chair_signs_on_behalf_of_the_wali_kota(org):
    meeting = kit.make_meeting(org)
    meeting.chair = org.sekda
    org.sekda.rank = "Pembina Utama Muda (IV/c)"

    signatory = paperwork.signatory_for(meeting)

    assert signatory.title_lines == ["a.n. WALI KOTA PAYAKUMBUH", "SEKRETARIS DAERAH,"]
    assert signatory.name == "Rida Ananda, S.STP., M.Si."
    assert signatory.rank == "Pembina Utama Muda (IV/c)"


def test_nips_are_grouped_as_printed():
    assert paperwork.format_nip("197005152000031002") == "19700515 200003 1 002"
    assert paperwork.format_nip("") is None


def test_the_minutes_list_planned_actions_before_finalising_and_real_ones_after(org):
    meeting = kit.make_meeting(org, status="held")
    meeting.notulis = make_person("notulis", full_name="Yulia Fitri, S.E.")
    meeting.summary = "Pipa dipindahkan; pelebaran jalan dilanjutkan."
    meeting.save()
    item = kit.add_other_item(meeting, "Pemindahan pipa PDAM", [org.pdam])
    item.discussion = "PDAM siap memindahkan pipa."
    item.decisions = "PDAM memindahkan pipa.\n\nPUPR menunda galian."
    item.save()
    kit.draft_action(item, org.pdam, due_on=dt.date(2026, 6, 30), description="Pindahkan pipa")

    planned = paperwork.minutes_data(meeting)
    [minutes_item] = planned.items
    assert minutes_item.decisions == ["PDAM memindahkan pipa.", "PUPR menunda galian."]
    assert minutes_item.actions == [
        ("Pindahkan pipa", "Perumda Air Minum Tirta Sago", "Selasa, 30 Juni 2026")
    ]
    assert planned.signatory_notulis is not None
    assert planned.signatory_notulis.name == "Yulia Fitri, S.E."
    assert planned.participants == ["Ir. Muslim, M.T. (PUPR)"]
    assert planned.chair == "Asisten Perekonomian dan Pembangunan"

    final = kit.finalise(org, meeting, render_pdf=paperwork.minutes_pdf_bytes)
    assert final.status == Meeting.Status.FINAL
    item.draft_actions.all().delete()  # only the created ActionItems count now
    [after] = paperwork.minutes_data(final).items
    assert after.actions == [
        ("Pindahkan pipa", "Perumda Air Minum Tirta Sago", "Selasa, 30 Juni 2026")
    ]
    text = kit.pdf_text(paperwork.minutes_pdf_bytes(final))
    assert "NOTULA" in text
    assert "PDAM memindahkan pipa." in text


def test_the_calendar_event_of_a_meeting_with_an_online_link(org):
    meeting = kit.make_meeting(org)
    meeting.online_link = "https://zoom.example/j/123"

    event = paperwork.meeting_event(meeting)

    assert event.uid == str(meeting.uid)
    assert "https://zoom.example/j/123" in event.description
    assert event.status == "CONFIRMED"


def test_only_request_and_cancel_are_known_methods(org):
    with pytest.raises(ValueError, match="REQUEST or CANCEL"):
        paperwork.meeting_ics(kit.make_meeting(org), "PUBLISH")
