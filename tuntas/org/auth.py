"""Log people in with their user name or their NIP."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from tuntas.org.models import Person


class UsernameOrNipBackend(ModelBackend):
    """Authenticate with a user name (any case) or an 18-digit NIP."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Person | None:
        if not username or not password:
            return None
        login = (
            username.strip().replace(" ", "")
            if username.strip().replace(" ", "").isdigit()
            else username.strip()
        )
        person = Person.objects.filter(Q(username__iexact=login) | Q(nip=login)).first()
        if person is None:
            # Spend the same time as a real check so that timing does not reveal user names.
            Person().set_password(password)
            return None
        if person.check_password(password) and self.user_can_authenticate(person):
            return person
        return None
