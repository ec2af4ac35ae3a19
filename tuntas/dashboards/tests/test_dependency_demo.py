"""In the Payakumbuh demo, PDAM and DPMPTSP are the units most waited on."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from tuntas.dashboards.dependency import Period, dependency_edges, dependency_ranking
from tuntas.issues.demo import issues_demo_load
from tuntas.org.access import Viewer
from tuntas.org.demo import demo_load
from tuntas.org.models import Person


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the organisation and issue demos once, in a transaction rolled back at the end."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        demo_load()
        issues_demo_load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def demo_viewer(username: str) -> Viewer:
    return Viewer.of(Person.objects.get(username=username))


def last_twelve_months(viewer: Viewer) -> Period:
    # The demo history is the last four months, which may reach into last year in January.
    return Period(viewer.today - dt.timedelta(days=365), viewer.today)


@pytest.mark.parametrize("username", ["walikota", "sekda", "asisten2"])
def test_the_demo_names_pdam_and_dpmptsp_as_most_waited_on(loaded, username):
    viewer = demo_viewer(username)

    ranking = dependency_ranking(viewer=viewer, period=last_twelve_months(viewer))

    top = [load.unit.short_name for load in ranking[:2]]
    assert set(top) == {"PDAM", "DPMPTSP"}
    assert min(load.open for load in ranking[:2]) > max(load.open for load in ranking[2:])
    assert all(load.overdue for load in ranking[:2])
    assert all(load.waiting_units >= 3 for load in ranking[:2])


def test_in_the_demo_several_units_wait_on_pdam_and_on_dpmptsp(loaded):
    viewer = demo_viewer("walikota")

    edges = dependency_edges(viewer=viewer, period=last_twelve_months(viewer))

    asking = {
        name: {e.asking.short_name for e in edges if e.asked.short_name == name}
        for name in ("PDAM", "DPMPTSP")
    }
    assert {"PUPR", "DISDAG", "PERKIM"} <= asking["PDAM"]
    assert {"DISDAG", "DINKES"} <= asking["DPMPTSP"]


def test_the_demo_map_page_lists_pdam_and_dpmptsp_first(loaded, client):
    viewer = demo_viewer("asisten2")
    period = last_twelve_months(viewer)
    client.force_login(viewer.person)

    response = client.get(
        reverse("dashboards:dependency"),
        {"start": period.start.isoformat(), "end": period.end.isoformat()},
    )

    assert response.status_code == 200
    top = [load.unit.short_name for load in response.context["ranking"][:2]]
    assert set(top) == {"PDAM", "DPMPTSP"}
    body = response.content.decode()
    ranking = body[body.index('id="dependency-ranking"') :]
    third = response.context["ranking"][2].unit.short_name
    assert ranking.index(f'data-unit="{top[1]}"') < ranking.index(f'data-unit="{third}"')
