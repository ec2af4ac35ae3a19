"""The in-app inbox: list, open, mark all read, and the unread badge."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from tuntas.lib.http import HtmxHttpRequest
from tuntas.notifications.models import Notification


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """List the person's notifications, newest first, unread ones marked."""
    only_unread = request.GET.get("filter") == "unread"
    notifications = Notification.objects.for_person(request.user)
    if only_unread:
        notifications = notifications.unread()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "only_unread": only_unread},
    )


@login_required
@require_POST
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link."""
    notification = Notification.objects.for_person(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    notification.mark_read()
    target = notification.url
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not target or not safe:
        return redirect("notifications:inbox")
    return redirect(target)


@login_required
@require_POST
def mark_all_read(request: HtmxHttpRequest) -> HttpResponse:
    """Mark every unread notification of the person read."""
    Notification.objects.for_person(request.user).unread().update(read_at=timezone.now())
    if request.htmx:
        response = render(request, "notifications/notification_badge.html", {"unread_count": 0})
    else:
        response = redirect("notifications:inbox")
    response["Vary"] = "HX-Request"
    return response


@login_required
@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    """Return the bell with the unread count (htmx refreshes it in the navigation)."""
    count = Notification.objects.for_person(request.user).unread().count()
    response = render(request, "notifications/notification_badge.html", {"unread_count": count})
    response["Cache-Control"] = "no-store"
    return response
