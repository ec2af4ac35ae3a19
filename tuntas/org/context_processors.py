"""What every page's shell needs: the viewer, the government and the unread count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tuntas.org.access import viewer_for
from tuntas.org.models import Government


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"government": _LazyGovernment()}
    from tuntas.notifications.models import Notification

    def unread_count() -> int:
        return Notification.objects.for_person(user).unread().count()

    return {
        "viewer": viewer_for(request),
        "government": _LazyGovernment(),
        "unread_count": unread_count,
    }


class _LazyGovernment:
    """Load the government only if a template asks for it."""

    _value: Government | None
    _loaded = False

    def _get(self) -> Government | None:
        if not self._loaded:
            self._value = Government.current()
            self._loaded = True
        return self._value

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name, "")

    def __bool__(self) -> bool:
        return self._get() is not None

    def __str__(self) -> str:
        return str(self._get() or "")
