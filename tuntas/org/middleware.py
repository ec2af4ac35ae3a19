"""Choose the language of each response: the person's choice, else Indonesian."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_vary_headers

_SUPPORTED = {code for code, _name in settings.LANGUAGES}


class UserLanguageMiddleware:
    """Use the signed-in person's language, the language cookie before login, else Indonesian.

    The browser's Accept-Language is ignored on purpose: office PCs often run an English
    browser, yet Tuntas must open in Indonesian unless the person chose otherwise.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = getattr(user, "language", "") or settings.LANGUAGE_CODE
        else:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if language not in _SUPPORTED:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class HtmxLoginRedirectMiddleware:
    """Turn a login redirect of an htmx request into a full-page redirect.

    Without this, an expired session would make htmx swap the whole login page into the
    fragment it was refreshing (the notification bell, a search result).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.headers.get("HX-Request") and response.status_code == 302:
            location = response.get("Location", "")
            if location.startswith(resolve_url(settings.LOGIN_URL)):
                response.status_code = 204
                response["HX-Redirect"] = location
        return response


class SessionActivityMiddleware:
    """End sessions after SESSION_COOKIE_AGE without activity, not counting background polls.

    The session's expiry is pushed forward at most every few minutes (one write instead of
    one per request), and never by requests marked `X-Tuntas-Poll` such as the notification
    bell's refresh: an office PC left open must still be logged out.
    """

    TOUCH_EVERY = 300  # seconds

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.headers.get("X-Tuntas-Poll"):
            now = int(time.time())
            if now - int(request.session.get("seen", 0)) >= self.TOUCH_EVERY:
                request.session["seen"] = now
        return self.get_response(request)
