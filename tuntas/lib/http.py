"""Request types for views."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware."""

    htmx: HtmxDetails


def is_fragment(request: HtmxHttpRequest) -> bool:
    """Whether to answer with a page fragment: an htmx request, but not a history restore,
    which needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
