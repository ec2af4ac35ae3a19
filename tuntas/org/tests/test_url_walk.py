"""Every URL refuses anonymous visitors unless it is on the short public list."""

import re

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from tuntas.testing.urlcoverage import WALK_HEADER, iter_patterns

# The only pages a visitor may reach without logging in.
PUBLIC = {
    "login",
    "health",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "org:government_logo",
    # Calendar apps fetch a person's feed without a session; the secret token in the URL is the key.
    "meetings:calendar_feed",
}
SAMPLE_VALUES = {"int": "1", "slug": "units", "str": "x", "path": "x"}


def sample_url(route: str) -> str:
    """Fill the converters of a route with sample values."""

    def fill(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return SAMPLE_VALUES.get(converter, "1")

    url = re.sub(r"<(?:(\w+):)?\w+>", fill, route)
    return "/" + url.lstrip("^").rstrip("$").replace("\\Z", "")


def walkable():
    for name, route, _pattern in iter_patterns():
        if name.startswith("admin:") or "(?P" in route:
            continue
        yield pytest.param(name, sample_url(route), id=name)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), list(walkable()))
def test_anonymous_visitors_are_refused_outside_the_public_list(name, url):
    client = Client(**{WALK_HEADER: "1"})
    response = client.get(url)
    if name in PUBLIC:
        assert response.status_code in {200, 302, 404, 405}
        return
    assert response.status_code == 302, f"{name} answered {response.status_code}"
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.django_db
def test_posting_anonymously_is_refused_too():
    client = Client(**{WALK_HEADER: "1"})
    for name, url in ((p.values[0], p.values[1]) for p in walkable()):
        if name in PUBLIC:
            continue
        response = client.post(url)
        assert response.status_code in {302, 405}, f"{name} answered {response.status_code}"
        if response.status_code == 302:
            assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_the_walk_covers_the_organisation_screens():
    names = {p.values[0] for p in walkable()}
    assert {"org:home", "org:unit_list", "org:person_list", "notifications:inbox"} <= names
