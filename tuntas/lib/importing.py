"""The upload → preview → confirm screen flow shared by every CSV/XLSX import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def import_screen(
    request: HttpRequest,
    *,
    session_key: str,
    form: Any,
    parse: Callable[[str, bytes], Any],
    load: Callable[[dict[str, Any]], Any],
    apply: Callable[[Any], Any],
    conflict: type[Exception],
    again_url: str,
    done_url: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Run one import screen: a valid preview waits in the session until it is confirmed.

    Nothing is written before the confirmation; if the data changed in between, the new preview
    is shown instead (the `conflict` exception carries it as `.preview`).
    """
    preview = None
    if request.method == "POST" and request.POST.get("step") == "confirm":
        data = request.session.get(session_key)
        if not data or data.get("sha256") != request.POST.get("sha256"):
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect(again_url)
        preview = load(data)
        try:
            result = apply(preview)
        except conflict as error:
            preview = error.preview  # type: ignore[attr-defined]
            request.session[session_key] = preview.to_data()
            messages.error(request, _("The data changed since the preview; check the new preview."))
        else:
            del request.session[session_key]
            messages.success(
                request,
                _(
                    "Import finished: %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect(done_url)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        preview = parse(upload.name or "", upload.read())
        if preview.is_valid:
            request.session[session_key] = preview.to_data()
    return render(request, "org/import_form.html", {**context, "form": form, "preview": preview})
