"""Writing up one agenda item: discussion, decisions, the issue's outcome, planned actions."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tuntas.issues.tests.viewkit import (
    REQUIRED,
    field_errors,
    login_redirect,
    make_issue,
    messages_of,
    textarea,
)
from tuntas.meetings.models import AgendaItem, DraftActionItem
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 6, 5)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def item(org):
    """The PUPR-PDAM pipe issue on the agenda of this morning's meeting."""
    meeting = kit.make_meeting(org, status="held", on=kit.TODAY)
    return kit.add_issue_item(meeting, make_issue(org, "in_progress"))


def url(item):
    return reverse("meetings:agenda_item_minutes", args=[item.pk])


def indonesian(text):
    with translation.override("id"):
        return gettext(text)


def form_data(item, drafts=(), existing=(), **fields):
    """The POST of the page: the item's fields and the planned action items' formset."""
    data = {
        "discussion": "PDAM siap memindahkan pipa transmisi.",
        "decisions": "Pipa dipindahkan paling lambat Juni.\n\nPUPR menyesuaikan jadwal galian.",
        "outcome": "settled",
        "draft_actions-TOTAL_FORMS": str(len(existing) + len(drafts)),
        "draft_actions-INITIAL_FORMS": str(len(existing)),
        "draft_actions-MIN_NUM_FORMS": "0",
        "draft_actions-MAX_NUM_FORMS": "1000",
    }
    rows = [*existing, *drafts]
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"draft_actions-{n}-{key}"] = value
    data.update(fields)
    return data


def draft(unit, description="Memindahkan pipa transmisi.", due_on=DUE):
    return {"unit": unit.pk, "description": description, "due_on": due_on.isoformat()}


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, item):
    assert login_redirect(client.get(url(item)), url(item))


@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, item, outsider):
    client = org.client_for(getattr(org, outsider))

    assert client.get(url(item)).status_code == 404
    assert client.post(url(item), form_data(item)).status_code == 404


@pytest.mark.parametrize("reader", ["pupr_operator", "pdam_partner", "walikota"])
def test_readers_get_403(org, item, reader):
    client = org.client_for(getattr(org, reader))

    assert client.get(url(item)).status_code == 403
    assert client.post(url(item), form_data(item)).status_code == 403
    assert AgendaItem.objects.get().discussion == ""


def test_it_rejects_put(org, item):
    assert org.client_for(org.bagekonomi_staff).put(url(item)).status_code == 405


# --- writing ----------------------------------------------------------------------------------


def test_the_form_offers_the_items_units_first(org, item):
    response = org.client_for(org.bagekonomi_staff).get(url(item))

    assert response.status_code == 200
    choices = response.context["formset"].forms[0].fields["unit"].choices
    assert choices[1][1] == [(org.pupr.pk, org.pupr.name)]
    assert 'name="outcome"' in response.content.decode()


def test_the_runner_writes_up_the_item_with_several_action_items(org, item):
    data = form_data(item, [draft(org.pdam), draft(org.pupr, "Menyesuaikan jadwal galian.")])

    response = org.client_for(org.bagekonomi_staff).post(url(item), data)

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("meetings:minutes", args=[item.meeting_id]) + f"#item-{item.pk}"
    )
    assert messages_of(response) == [indonesian("The minutes of this item have been saved.")]
    item.refresh_from_db()
    assert item.decision_lines == [
        "Pipa dipindahkan paling lambat Juni.",
        "PUPR menyesuaikan jadwal galian.",
    ]
    assert (item.discussion, item.outcome) == ("PDAM siap memindahkan pipa transmisi.", "settled")
    assert [(d.unit, d.description, d.due_on) for d in item.draft_actions.all()] == [
        (org.pdam, "Memindahkan pipa transmisi.", DUE),
        (org.pupr, "Menyesuaikan jadwal galian.", DUE),
    ]


def test_save_and_add_more_stays_on_the_page(org, item):
    data = form_data(item, [draft(org.pdam)], stay="1")

    response = org.client_for(org.bagekonomi_staff).post(url(item), data)

    assert response["Location"] == url(item)


def test_empty_rows_are_ignored_and_a_row_can_be_deleted(org, item):
    kept = kit.draft_action(item, org.pdam, due_on=DUE, description="Tetap.")
    gone = kit.draft_action(item, org.pupr, due_on=DUE, description="Batal.")
    existing = [
        {"id": kept.pk, "unit": org.pdam.pk, "description": "Tetap.", "due_on": DUE.isoformat()},
        {"id": gone.pk, "unit": org.pupr.pk, "description": "Batal.", "due_on": DUE.isoformat()},
    ]
    existing[1]["DELETE"] = "on"
    data = form_data(item, [{"unit": "", "description": "", "due_on": ""}], existing=existing)

    response = org.client_for(org.bagekonomi_staff).post(url(item), data)

    assert response.status_code == 302
    assert list(DraftActionItem.objects.values_list("description", flat=True)) == ["Tetap."]


def test_only_the_minutes_fields_change(org, item):
    data = form_data(item, title="Judul lain", order="9")

    org.client_for(org.bagekonomi_staff).post(url(item), data)

    item.refresh_from_db()
    assert (item.title, item.order) == ("Pipa PDAM menghalangi pelebaran Jl. Sudirman", 1)


def test_a_due_date_before_the_meeting_is_refused_and_the_text_kept(org, item):
    early = kit.TODAY - dt.timedelta(days=1)
    data = form_data(item, [draft(org.pdam, "Survei lokasi bersama.", early)])

    response = org.client_for(org.bagekonomi_staff).post(url(item), data)

    assert response.status_code == 400
    assert field_errors(response, "draft_actions-0-due_on") == [
        indonesian("The due date cannot be before the meeting (%(date)s).")
        % {"date": "Selasa, 12 Mei 2026"}
    ]
    assert textarea(response, "draft_actions-0-description") == "Survei lokasi bersama."
    assert textarea(response, "discussion") == "PDAM siap memindahkan pipa transmisi."
    assert not DraftActionItem.objects.exists()
    assert AgendaItem.objects.get().discussion == ""


def test_an_action_item_needs_a_unit(org, item):
    data = form_data(item, [{"unit": "", "description": "Survei.", "due_on": DUE.isoformat()}])

    response = org.client_for(org.bagekonomi_staff).post(url(item), data)

    assert response.status_code == 400
    assert field_errors(response, "draft_actions-0-unit") == [REQUIRED]


def test_an_issue_not_yet_accepted_cannot_be_escalated(org):
    meeting = kit.make_meeting(org, status="held", on=kit.TODAY)
    item = kit.add_issue_item(meeting, make_issue(org, "submitted"))

    response = org.client_for(org.bagekonomi_staff).post(
        url(item), form_data(item, outcome="escalated")
    )

    assert response.status_code == 400
    assert field_errors(response, "outcome") == [
        indonesian("Only an issue being handled can be escalated: accept it first.")
    ]


def test_a_settled_issue_takes_no_outcome(org):
    meeting = kit.make_meeting(org, status="held", on=kit.TODAY)
    item = kit.add_issue_item(meeting, make_issue(org, "settled"))

    response = org.client_for(org.bagekonomi_staff).post(
        url(item), form_data(item, outcome="continued")
    )

    assert response.status_code == 400
    assert AgendaItem.objects.get().outcome == ""


def test_an_item_without_an_issue_has_no_outcome(org, item):
    other = kit.add_other_item(item.meeting, "Lain-lain", [org.pupr])

    response = org.client_for(org.bagekonomi_staff).get(url(other))

    assert "outcome" not in response.context["form"].fields
    assert 'name="outcome"' not in response.content.decode()


def test_final_minutes_refuse_changes(org, item):
    kit.finalise(org, item.meeting)
    client = org.client_for(org.bagekonomi_staff)

    page = client.get(url(item))
    assert page.status_code == 200
    assert 'name="discussion"' not in page.content.decode()
    response = client.post(url(item), form_data(item, [draft(org.pdam)]))
    assert response.status_code == 409
    assert AgendaItem.objects.get().discussion == ""
    assert not DraftActionItem.objects.exists()
