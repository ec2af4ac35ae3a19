"""The inbox: a person's own notifications, newest first, with an unread filter."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from tuntas.notifications.tests.factories import make_notification

pytestmark = pytest.mark.django_db

URL = reverse("notifications:inbox")
START = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def titles(response):
    return [n.title for n in response.context["page"]]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={URL}"


def test_it_lists_only_the_persons_own_notifications(org):
    make_notification(org.asisten2, title="Untuk Asisten II")
    make_notification(org.pupr_operator, title="Untuk operator PUPR")

    response = org.client_for(org.asisten2).get(URL)

    assert response.status_code == 200
    assert titles(response) == ["Untuk Asisten II"]
    assert "Untuk operator PUPR" not in response.content.decode()


def test_it_lists_the_newest_first(org):
    for hour, title in [(1, "Pertama"), (3, "Ketiga"), (2, "Kedua")]:
        make_notification(org.asisten2, title=title, created_at=START + dt.timedelta(hours=hour))

    response = org.client_for(org.asisten2).get(URL)

    assert titles(response) == ["Ketiga", "Kedua", "Pertama"]


def test_it_marks_the_unread_ones(org):
    make_notification(org.asisten2, title="Sudah dibaca", read=True)
    make_notification(org.asisten2, title="Belum dibaca")

    body = org.client_for(org.asisten2).get(URL).content.decode()

    assert body.count("bg-azure-lt") == 1


def test_the_unread_filter_hides_read_ones(org):
    make_notification(org.asisten2, title="Sudah dibaca", read=True)
    make_notification(org.asisten2, title="Belum dibaca")

    response = org.client_for(org.asisten2).get(URL, {"filter": "unread"})

    assert titles(response) == ["Belum dibaca"]
    assert response.context["only_unread"] is True


def test_it_shows_thirty_a_page(org):
    for i in range(31):
        make_notification(org.asisten2, title=f"N{i}", created_at=START + dt.timedelta(minutes=i))
    client = org.client_for(org.asisten2)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(titles(first)) == 30
    assert titles(second) == ["N0"]


def test_an_empty_inbox_says_so(org):
    org.nobody.language = "en"  # the assertion reads the English text
    org.nobody.save()
    response = org.client_for(org.nobody).get(URL)

    assert titles(response) == []
    assert "No notifications." in response.content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_it_pins_its_query_count(org, django_assert_num_queries, count):
    for i in range(count):
        make_notification(org.asisten2, title=f"N{i}", read=i % 2 == 0)
    client = org.client_for(org.asisten2)
    client.get(URL)  # warm the session

    with django_assert_num_queries(7):
        response = client.get(URL)

    assert len(titles(response)) == count


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405
