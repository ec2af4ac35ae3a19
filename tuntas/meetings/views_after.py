"""Stub views: being written; each answers 404 until then."""

from django.http import Http404, HttpRequest, HttpResponse


def action_item_detail(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def action_item_list(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def action_item_update(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def agenda_item_minutes(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def attendance_delete(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def attendance_list(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def attendance_qr(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def calendar_feed(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def calendar_settings(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def check_in(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def minutes_edit(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def minutes_finalise_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def minutes_pdf(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def py(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
