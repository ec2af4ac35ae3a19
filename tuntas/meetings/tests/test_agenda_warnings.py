"""Early warnings of the portfolio's work plans are offered to the meeting's draft agenda."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tuntas.meetings import services
from tuntas.meetings.models import AgendaItem
from tuntas.meetings.tests import kit
from tuntas.org.access import Viewer
from tuntas.plans import services as plans
from tuntas.plans.models import SubActivity

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def road(org, name="Pembangunan Jalan", code="1.03.10.2.01.0053"):
    sub = SubActivity.objects.create(
        year=2026, unit=org.pupr, code=code, name=name, pagu=Decimal("4500000000")
    )
    rows = {m: (Decimal(m * 8), Decimal(m * 300000000)) for m in range(1, 13)}
    rows[12] = (Decimal("100"), Decimal("4500000000"))
    plans.targets_save(sub=sub, rows=rows, by=Viewer.of(org.pupr_operator))
    return sub


@time_machine.travel(dt.datetime(2026, 5, 12, 10, tzinfo=WIB), tick=False)
def test_a_red_sub_kegiatan_is_offered_to_the_agenda_once(org):
    sub = road(org)
    operator = Viewer.of(org.pupr_operator)
    for month, physical in [(1, "8"), (2, "14"), (3, "20"), (4, "20")]:  # April: 12 points behind
        plans.realisation_save(
            sub=sub,
            month=month,
            physical=Decimal(physical),
            financial=Decimal(month * 250000000),
            note="",
            by=operator,
        )
    meeting = kit.make_meeting(org, status="planned", on=dt.date(2026, 6, 9))
    services.agenda_draft(meeting=meeting, by=Viewer.of(org.bagekonomi_staff))
    item = meeting.agenda_items.get(source=AgendaItem.Source.WARNING)
    assert item.sub_activity == sub
    assert list(item.units.all()) == [org.pupr]
    assert "-12" in item.reason
    services.agenda_draft(meeting=meeting, by=Viewer.of(org.bagekonomi_staff))
    assert meeting.agenda_items.filter(sub_activity=sub).count() == 1


@time_machine.travel(dt.datetime(2026, 5, 12, 10, tzinfo=WIB), tick=False)
def test_a_sub_kegiatan_on_track_is_not_offered(org):
    sub = road(org)
    for month in range(1, 5):
        plans.realisation_save(
            sub=sub,
            month=month,
            physical=Decimal(month * 8),
            financial=Decimal(month * 300000000),
            note="",
            by=Viewer.of(org.pupr_operator),
        )
    meeting = kit.make_meeting(org, status="planned", on=dt.date(2026, 6, 9))
    services.agenda_draft(meeting=meeting, by=Viewer.of(org.bagekonomi_staff))
    assert not meeting.agenda_items.filter(source=AgendaItem.Source.WARNING).exists()
