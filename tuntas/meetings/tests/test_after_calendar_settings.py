"""Each person makes, renews or switches off their private calendar link."""

import pytest
from django.conf import settings
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.models import CalendarFeed

pytestmark = pytest.mark.django_db

URL = reverse("meetings:calendar")


def feed_url(token):
    return reverse("meetings:calendar_feed", args=[token])


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)
    assert login_redirect(client.post(URL, {"action": "create"}), URL)


def test_it_rejects_put(org):
    assert org.client_for(org.pdam_partner).put(URL).status_code == 405


def test_at_first_there_is_no_link(org):
    response = org.client_for(org.pdam_partner).get(URL)

    assert response.status_code == 200
    assert response.context["feed"] is None
    assert 'value="create"' in response.content.decode()


def test_a_person_makes_their_link(org):
    client = org.client_for(org.pdam_partner)

    response = client.post(URL, {"action": "create"})

    assert response.status_code == 302
    assert response["Location"] == URL
    feed = CalendarFeed.objects.get(person=org.pdam_partner)
    assert len(feed.token) == 43
    page = client.get(URL)
    link = settings.SITE_URL + feed_url(feed.token)
    assert page.context["url"] == link
    assert page.context["webcal"] == "webcal://" + link.split("://", 1)[1]
    assert f'value="{link}"' in page.content.decode()
    assert client.get(feed_url(feed.token)).status_code == 200


def test_a_new_link_stops_the_old_one(org, client):
    owner = org.client_for(org.pdam_partner)
    owner.post(URL, {"action": "create"})
    old = CalendarFeed.objects.get().token

    owner.post(URL, {"action": "create"})

    new = CalendarFeed.objects.get().token
    assert new != old
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_switching_off_stops_the_link(org, client):
    owner = org.client_for(org.pdam_partner)
    owner.post(URL, {"action": "create"})
    token = CalendarFeed.objects.get().token

    response = owner.post(URL, {"action": "revoke"})

    assert response.status_code == 302
    assert not CalendarFeed.objects.exists()
    assert client.get(feed_url(token)).status_code == 404


def test_each_person_has_their_own_link(org):
    org.client_for(org.pdam_partner).post(URL, {"action": "create"})
    org.client_for(org.kadis_pupr).post(URL, {"action": "revoke"})

    assert CalendarFeed.objects.get().person == org.pdam_partner
    assert org.client_for(org.kadis_pupr).get(URL).context["feed"] is None


def test_an_unknown_action_is_400(org):
    assert org.client_for(org.pdam_partner).post(URL, {"action": "steal"}).status_code == 400
