"""Stub views: being written; each answers 404 until then."""

from django.http import Http404, HttpRequest, HttpResponse


def agenda_draft_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def agenda_item_create(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def agenda_item_delete(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def agenda_item_edit(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def agenda_item_move(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def attendance_pdf(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def briefing_pdf(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def invitation_delete(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def invitation_ics(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def invitation_list(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def invitation_pdf(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def invitation_reply_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def invitations_send_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def meeting_cancel_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def meeting_create(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def meeting_detail(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def meeting_list(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def meeting_plan_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def meeting_reschedule_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def py(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def series_create(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def series_detail(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def series_edit(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
