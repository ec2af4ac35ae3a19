"""The issue list: what each viewer sees, filters, ready-made views, pages and htmx rows."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues import services
from tuntas.issues.models import Issue, Level
from tuntas.issues.tests.viewkit import LONG_AGO, NOW, ask, login_redirect, make_issue, viewer

pytestmark = pytest.mark.django_db

URL = reverse("issues:list")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def titles(response):
    return {issue.title for issue in response.context["rows"]}


def listed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return titles(response)


# --- who sees what ----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


def test_the_asisten_sees_the_issues_of_the_portfolio(org):
    make_issue(org, "submitted", title="Jalan PUPR")
    make_issue(org, "submitted", title="Bansos DINSOS", by=org.dinsos_operator)

    response = org.client_for(org.asisten2).get(URL)

    assert titles(response) == {"Jalan PUPR"}
    assert "Jalan PUPR" in response.content.decode()


def test_drafts_stay_with_the_reporting_unit(org):
    make_issue(org, "draft", title="Draf PUPR")

    assert listed(org.client_for(org.kadis_pupr)) == {"Draf PUPR"}
    assert listed(org.client_for(org.asisten2)) == set()
    assert listed(org.client_for(org.sekda)) == set()


def test_an_outsider_sees_nothing_of_other_units(org):
    make_issue(org, "in_progress", title="Jalan PUPR")

    assert listed(org.client_for(org.dinsos_operator)) == set()
    assert listed(org.client_for(org.bpn_partner)) == set()
    assert listed(org.client_for(org.nobody)) == set()


def test_partners_see_only_what_involves_them(org):
    asked = make_issue(org, "in_progress", title="Pipa PDAM")
    ask(org, asked, org.pdam)
    make_issue(org, "in_progress", title="Trotoar rusak")

    assert listed(org.client_for(org.pdam_partner)) == {"Pipa PDAM"}
    assert listed(org.client_for(org.bpn_partner)) == set()


def test_leaders_see_the_whole_city(org):
    make_issue(org, "submitted", title="Jalan PUPR")
    make_issue(org, "submitted", title="Bansos DINSOS", by=org.dinsos_operator)

    assert listed(org.client_for(org.walikota)) == {"Jalan PUPR", "Bansos DINSOS"}


# --- filters ----------------------------------------------------------------------------------


def test_the_status_filter(org):
    make_issue(org, "submitted", title="Baru")
    make_issue(org, "in_progress", title="Ditangani")

    assert listed(org.client_for(org.asisten2), status="in_progress") == {"Ditangani"}


def test_the_level_filter(org):
    make_issue(org, "in_progress", title="Di Asisten")
    make_issue(org, "secretary", title="Di Sekda")
    client = org.client_for(org.sekda)

    assert listed(client, level=str(Level.SECRETARY)) == {"Di Sekda"}
    assert listed(client, level="sekda") == {"Di Asisten", "Di Sekda"}  # nonsense is ignored


def test_the_urgency_filter(org):
    make_issue(org, "submitted", title="Kritis", urgency=Issue.Urgency.CRITICAL)
    make_issue(org, "submitted", title="Biasa", urgency=Issue.Urgency.LOW)

    assert listed(org.client_for(org.asisten2), urgency="critical") == {"Kritis"}


def test_the_category_filter_uses_the_code(org):
    make_issue(org, "submitted", title="Pipa", category="utilitas")
    make_issue(org, "submitted", title="Tender", category="pengadaan")

    assert listed(org.client_for(org.asisten2), category="utilitas") == {"Pipa"}


def test_the_unit_filter(org):
    make_issue(org, "submitted", title="Jalan PUPR")
    make_issue(org, "submitted", title="Bansos DINSOS", by=org.dinsos_operator)
    client = org.client_for(org.sekda)

    assert listed(client, unit=str(org.dinsos.pk)) == {"Bansos DINSOS"}


def test_the_involved_filter(org):
    asked = make_issue(org, "in_progress", title="Pipa PDAM")
    ask(org, asked, org.pdam)
    other = make_issue(org, "in_progress", title="Sertifikat BPN")
    ask(org, other, org.bpn)

    assert listed(org.client_for(org.asisten2), involved=str(org.pdam.pk)) == {"Pipa PDAM"}


def test_the_coordinator_filter(org):
    make_issue(org, "submitted", title="Jalan PUPR")
    make_issue(org, "submitted", title="Bansos DINSOS", by=org.dinsos_operator)
    client = org.client_for(org.sekda)

    assert listed(client, coordinator=str(org.asisten1_unit.pk)) == {"Bansos DINSOS"}


def test_the_overdue_filter(org):
    with time_machine.travel(LONG_AGO, tick=False):
        make_issue(org, "submitted", title="Lama tak ditriase")
    make_issue(org, "submitted", title="Baru masuk")
    client = org.client_for(org.asisten2)

    assert listed(client, overdue="1") == {"Lama tak ditriase"}
    response = client.get(URL)
    late = {i.title for i in response.context["rows"] if i.is_late}
    assert late == {"Lama tak ditriase"}
    assert "Terlambat" in response.content.decode()


def test_a_late_request_makes_an_open_issue_overdue(org):
    with time_machine.travel(LONG_AGO, tick=False):
        issue = make_issue(org, "in_progress", title="Menunggu PDAM")
        ask(org, issue, due_on=LONG_AGO.date() + dt.timedelta(days=7))
    make_issue(org, "in_progress", title="Tepat waktu")

    assert listed(org.client_for(org.asisten2), overdue="1") == {"Menunggu PDAM"}


def test_a_settled_issue_is_never_shown_as_overdue(org):
    # A request left open when the issue was settled must not flag the settled issue.
    with time_machine.travel(LONG_AGO, tick=False):
        issue = make_issue(org, "in_progress", title="Sudah selesai")
        ask(org, issue, due_on=LONG_AGO.date() + dt.timedelta(days=7))
    services.issue_settle(issue=issue, by=viewer(org.asisten2), resolution="Pipa dipindahkan.")
    client = org.client_for(org.asisten2)

    assert listed(client, overdue="1") == set()
    rows = client.get(URL).context["rows"]
    assert [(i.title, i.is_late) for i in rows] == [("Sudah selesai", False)]


def test_search_by_title_and_chronology(org):
    make_issue(org, "submitted", title="Pipa bocor", chronology="Di depan pasar ibuh.")
    make_issue(org, "submitted", title="Lampu jalan", chronology="Padam sejak Senin.")
    client = org.client_for(org.asisten2)

    assert listed(client, q="BOCOR") == {"Pipa bocor"}
    assert listed(client, q="pasar ibuh") == {"Pipa bocor"}


@pytest.mark.parametrize("spelling", ["{ref}", "{ref_lower}", "{pk}", "  {ref}  "])
def test_search_by_the_number_officials_quote(org, spelling):
    make_issue(org, "submitted", title="Yang lain")
    wanted = make_issue(org, "submitted", title="Yang dicari")
    text = spelling.format(ref=wanted.reference, ref_lower=wanted.reference.lower(), pk=wanted.pk)
    assert wanted.reference == f"PMS-{wanted.pk:06d}"

    assert listed(org.client_for(org.asisten2), q=text) == {"Yang dicari"}


def test_searching_a_number_one_may_not_see_finds_nothing(org):
    hidden = make_issue(org, "submitted", by=org.dinsos_operator)

    assert listed(org.client_for(org.asisten2), q=hidden.reference) == set()


def test_the_filters_stay_selected(org):
    body = (
        org.client_for(org.asisten2)
        .get(URL, {"q": "pipa bocor", "status": "submitted", "overdue": "1"})
        .content.decode()
    )

    assert 'value="pipa bocor"' in body
    assert '<option value="submitted" selected>' in body
    assert 'name="overdue" value="1" checked' in body


# --- ready-made views -------------------------------------------------------------------------


def test_the_mine_view_shows_what_waits_for_the_asisten(org):
    make_issue(org, "submitted", title="Perlu triase")
    make_issue(org, "in_progress", title="Ditangani Asisten")
    make_issue(org, "secretary", title="Di Sekda")
    make_issue(org, "settled", title="Selesai")

    assert listed(org.client_for(org.asisten2), view="mine") == {
        "Perlu triase",
        "Ditangani Asisten",
    }


def test_the_mine_view_of_sekda_shows_the_secretary_level(org):
    make_issue(org, "in_progress", title="Ditangani Asisten")
    make_issue(org, "secretary", title="Di Sekda")

    assert listed(org.client_for(org.sekda), view="mine") == {"Di Sekda"}


def test_the_overdue_view(org):
    with time_machine.travel(LONG_AGO, tick=False):
        make_issue(org, "in_progress", title="Lewat batas")
    make_issue(org, "in_progress", title="Masih dalam batas")

    assert listed(org.client_for(org.asisten2), view="overdue") == {"Lewat batas"}


def test_the_new_view_shows_what_was_submitted_this_week(org):
    with time_machine.travel(LONG_AGO, tick=False):
        make_issue(org, "submitted", title="Bulan lalu")
    make_issue(org, "submitted", title="Minggu ini")

    assert listed(org.client_for(org.asisten2), view="new") == {"Minggu ini"}


# --- pages and htmx ---------------------------------------------------------------------------


def test_it_shows_25_issues_a_page_and_the_links_keep_the_filters(org):
    for i in range(30):
        make_issue(org, "submitted", title=f"Masalah {i:02d}")
    client = org.client_for(org.asisten2)

    first = client.get(URL, {"status": "submitted"})
    second = client.get(URL, {"status": "submitted", "page": "2"})

    assert len(first.context["rows"]) == 25
    assert len(second.context["rows"]) == 5
    assert titles(first).isdisjoint(titles(second))
    assert 'href="?status=submitted&page=2"' in first.content.decode()
    assert "30 permasalahan" in first.content.decode()


def test_htmx_gets_only_the_rows(org):
    make_issue(org, "submitted", title="Jalan PUPR")

    response = org.client_for(org.asisten2).get(URL, {"q": "jalan"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'id="issue-filters"' not in body
    assert "Jalan PUPR" in body
    assert "HX-Request" in response["Vary"]


def test_the_full_page_also_varies_on_htmx(org):
    response = org.client_for(org.asisten2).get(URL)

    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_the_list_pins_its_query_count(org, django_assert_num_queries):
    client = org.client_for(org.asisten2)
    for i in range(2):
        make_issue(org, "in_progress", title=f"Masalah {i}")
    client.get(URL)  # warm the session and the calendar
    with django_assert_num_queries(13):
        assert len(client.get(URL).context["rows"]) == 2
    for i in range(28):
        issue = make_issue(org, "in_progress", title=f"Masalah lagi {i}")
        ask(org, issue)
    with django_assert_num_queries(13):
        assert len(client.get(URL).context["rows"]) == 25


def test_report_button_only_for_reporting_units(org):
    assert reverse("issues:create") in org.client_for(org.pupr_operator).get(URL).content.decode()
    assert reverse("issues:create") not in org.client_for(org.asisten2).get(URL).content.decode()


def test_a_history_restore_gets_the_whole_page(org):
    # htmx 2 restores a page missing from its history cache with HX-Request set as well; the
    # answer replaces the whole <body>, so it must be the full page, not the rows.
    make_issue(org, "submitted", title="Jalan PUPR")

    response = org.client_for(org.asisten2).get(
        URL, {"q": "jalan"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert "<html" in response.content.decode()
    assert 'id="issue-filters"' in response.content.decode()


@pytest.mark.parametrize("name", ["q", "unit", "level", "involved", "coordinator"])
@pytest.mark.parametrize("value", ["99999999999999999999", "²", "PMS-²"])
def test_odd_numbers_in_the_query_string_are_ignored_not_a_crash(org, name, value):
    make_issue(org, "submitted", title="Jalan PUPR")
    client = org.client_for(org.asisten2)
    client.raise_request_exception = False

    response = client.get(URL, {name: value})

    assert response.status_code == 200
