"""Logging in (user name or NIP), lockout, logout, password reset and change, language, health."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from tuntas.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }


def test_the_login_page_is_indonesian_by_default(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.status_code == 200
    assert response["Content-Language"] == "id"
    assert "Kata sandi" in response.content.decode()


def test_one_logs_in_with_the_user_name(org, client):
    response = client.post(reverse("login"), {"username": "ASISTEN2", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("org:home")


def test_one_logs_in_with_the_nip_even_with_spaces(org, client):
    response = client.post(
        reverse("login"), {"username": "19700515 200003 1 002", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_a_wrong_password_is_explained_in_indonesian_and_the_name_kept(org, client):
    response = client.post(
        reverse("login"), {"username": "asisten2", "password": "salah-sekali-123"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nama pengguna/NIP atau kata sandi salah" in body
    assert 'value="asisten2"' in body


def test_repeated_failures_lock_the_account(org, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "asisten2", "password": "salah-sekali-123"})
    response = client.post(reverse("login"), {"username": "asisten2", "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_an_inactive_person_cannot_log_in(org, client):
    org.pupr_operator.is_active = False
    org.pupr_operator.save()
    response = client.post(reverse("login"), {"username": "operator.pupr", "password": PASSWORD})
    assert response.status_code == 200


def test_logout_needs_post(org):
    client = org.client_for(org.asisten2)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("org:home")).status_code == 302


def test_password_reset_by_email_end_to_end(org, client, immediate_tasks):
    response = client.post(reverse("password_reset"), {"email": org.kadis_pupr.email.upper()})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200  # "check your email"
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "pendek", "new_password2": "pendek"})
    assert "new_password2" in weak.context["form"].errors
    done = client.post(
        set_url, {"new_password1": "Rakor-Tuntas-2026!", "new_password2": "Rakor-Tuntas-2026!"}
    )
    assert done.status_code == 302
    assert client.get(done["Location"]).status_code == 200
    fresh = Client().post(
        reverse("login"), {"username": "kadis.pupr", "password": "Rakor-Tuntas-2026!"}
    )
    assert fresh.status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing(client, db, immediate_tasks):
    response = client.post(reverse("password_reset"), {"email": "siapa@contoh.go.id"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_used_reset_link_is_refused(client, db):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_password_change_enforces_the_rules(org):
    client = org.client_for(org.asisten2)
    url = reverse("password_change")
    assert client.get(url).status_code == 200
    common = {
        "old_password": PASSWORD,
        "new_password1": "password1234",
        "new_password2": "password1234",
    }
    assert "new_password2" in client.post(url, common).context["form"].errors
    good = {
        "old_password": PASSWORD,
        "new_password1": "Payakumbuh-Rakor-26",
        "new_password2": "Payakumbuh-Rakor-26",
    }
    response = client.post(url, good)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_the_language_switch_remembers_the_choice(org):
    client = org.client_for(org.asisten2)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/profile/"})
    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    org.asisten2.refresh_from_db()
    assert org.asisten2.language == "en"
    assert "My profile" in client.get(reverse("org:profile")).content.decode()


def test_the_language_switch_works_before_login_and_refuses_foreign_redirects(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert "Log in to your account" in client.get(reverse("login")).content.decode()
    assert client.get(reverse("set_language")).status_code == 405


def test_health_answers_without_login(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert client.post(reverse("health")).status_code == 405


def test_an_expired_session_sends_htmx_to_the_login_page_as_a_whole(client, db):
    response = client.get(reverse("notifications:badge"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_a_session_ends_after_eight_idle_hours(org, client):
    with time_machine.travel(dt.datetime(2026, 5, 4, 1, 0, tzinfo=dt.UTC), tick=False) as traveller:
        client.post(reverse("login"), {"username": "asisten2", "password": PASSWORD})
        traveller.shift(dt.timedelta(hours=7))
        assert client.get(reverse("org:home")).status_code == 200  # activity extends it
        traveller.shift(dt.timedelta(hours=7, minutes=59))
        assert client.get(reverse("org:home")).status_code == 200
        traveller.shift(dt.timedelta(hours=8, minutes=1))
        assert client.get(reverse("org:home")).status_code == 302


def test_the_bells_refresh_does_not_keep_a_session_alive(org, client):
    with time_machine.travel(dt.datetime(2026, 5, 4, 1, 0, tzinfo=dt.UTC), tick=False) as traveller:
        client.post(reverse("login"), {"username": "asisten2", "password": PASSWORD})
        for _ in range(9):
            traveller.shift(dt.timedelta(hours=1))
            client.get(
                reverse("notifications:badge"), HTTP_X_TUNTAS_POLL="1", HTTP_HX_REQUEST="true"
            )
        assert client.get(reverse("org:home")).status_code == 302
