"""The in-app inbox (list, open, mark all read, unread badge) and the admin's delivery log."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tuntas.lib.forms import StyledForm
from tuntas.lib.http import HtmxHttpRequest
from tuntas.notifications.models import Delivery, Notification
from tuntas.notifications.tasks import TASK_FOR_CHANNEL
from tuntas.org.access import Access, require, viewer_for


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


# --- Delivery log (administrator) -------------------------------------------------------------


def _require_admin(request: HttpRequest) -> None:
    """Let only the administrator in: 403 for government staff, 404 for everyone else."""
    viewer = viewer_for(request)
    if viewer.is_admin:
        return
    require(Access.READ if viewer.is_internal else Access.NONE, Access.WRITE)


class DeliveryFilterForm(StyledForm):
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=[("", gettext_lazy("All channels")), *Delivery.Channel.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("All statuses")), *Delivery.Status.choices],
        required=False,
    )
    person = forms.CharField(label=gettext_lazy("Person"), max_length=100, required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def filtered_deliveries(params: QueryDict) -> tuple[QuerySet[Delivery], DeliveryFilterForm]:
    """Return the deliveries the log's filters select, newest first, and the filter form."""
    form = DeliveryFilterForm(params or None)
    rows = Delivery.objects.select_related("notification__recipient")
    if form.is_valid():
        data = form.cleaned_data
        if data["channel"]:
            rows = rows.filter(channel=data["channel"])
        if data["status"]:
            rows = rows.filter(status=data["status"])
        if data["person"]:
            rows = rows.filter(
                Q(notification__recipient__full_name__icontains=data["person"])
                | Q(notification__recipient__username__icontains=data["person"])
            )
        if data["date_from"]:
            rows = rows.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            rows = rows.filter(created_at__date__lte=data["date_to"])
    return rows.order_by("-created_at", "-pk"), form


@login_required
@require_GET
def deliveries(request: HttpRequest) -> HttpResponse:
    """List every delivery, newest first, filtered by channel, status, person and period."""
    _require_admin(request)
    rows, form = filtered_deliveries(request.GET)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/delivery_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed delivery again with fresh attempts; refuse any other status."""
    _require_admin(request)
    delivery = get_object_or_404(Delivery, pk=pk)
    with transaction.atomic():
        if delivery.requeue():
            transaction.on_commit(partial(TASK_FOR_CHANNEL[delivery.channel].enqueue, delivery.pk))
            messages.success(request, _("The delivery has been queued again."))
        else:
            messages.error(request, _("Only a failed delivery can be sent again."))
    return redirect("notifications:deliveries")
