"""The notification choices on the profile page, posted to org:profile."""

import re

import pytest
from django.urls import reverse

from tuntas.notifications.models import NotificationPreference

pytestmark = pytest.mark.django_db


def ticked_boxes(page):
    """Return the names of the ticked checkboxes on the page."""
    return {
        name
        for name, rest in re.findall(r'<input[^>]*name="(pref-[^"]+)"([^>]*)>', page)
        if " checked" in rest
    }


def saved(person):
    return set(
        NotificationPreference.objects.filter(person=person).values_list(
            "kind_group", "channel", "enabled"
        )
    )


def test_the_profile_shows_the_choices_ticked_by_default(org):
    page = org.client_for(org.asisten2).get(reverse("org:profile")).content.decode()

    assert ticked_boxes(page) == {
        "pref-issues-email",
        "pref-meetings-email",
        "pref-plans-email",
        "pref-org-email",
        "pref-digest-email",
        "pref-issues-whatsapp",
        "pref-meetings-whatsapp",
    }


def test_a_person_saves_their_choices(org):
    client = org.client_for(org.asisten2)
    ticked = {f"pref-{g}-email": "on" for g in ["issues", "meetings", "plans", "org"]}
    ticked["pref-meetings-whatsapp"] = "on"
    ticked["pref-digest-whatsapp"] = "on"

    response = client.post(reverse("org:profile"), {"section": "notifications", **ticked})

    assert response.status_code == 302
    # Only choices that differ from the defaults are stored.
    assert saved(org.asisten2) == {
        ("digest", "email", False),
        ("issues", "whatsapp", False),
        ("digest", "whatsapp", True),
    }
    page = client.get(reverse("org:profile")).content.decode()
    assert ticked_boxes(page) == set(ticked)


def test_ticking_a_default_again_removes_the_stored_choice(org):
    NotificationPreference.objects.create(
        person=org.asisten2, kind_group="issues", channel="whatsapp", enabled=False
    )
    everything = {
        f"pref-{g}-{c}": "on"
        for g in ["issues", "meetings", "plans", "org", "digest"]
        for c in ["email"]
    }
    everything.update({"pref-issues-whatsapp": "on", "pref-meetings-whatsapp": "on"})

    org.client_for(org.asisten2).post(
        reverse("org:profile"), {"section": "notifications", **everything}
    )

    assert saved(org.asisten2) == set()


def test_saving_choices_leaves_the_contact_data_alone(org):
    before = (org.pupr_operator.email, org.pupr_operator.language)

    org.client_for(org.pupr_operator).post(reverse("org:profile"), {"section": "notifications"})

    org.pupr_operator.refresh_from_db()
    assert (org.pupr_operator.email, org.pupr_operator.language) == before
    assert ("issues", "email", False) in saved(org.pupr_operator)
