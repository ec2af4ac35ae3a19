"""The upload → preview → confirm screen flow shared by every CSV/XLSX import."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from django.contrib import messages
from django.db import IntegrityError, transaction
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


# --- confirming a preview ----------------------------------------------------------------------


class _Row(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def action(self) -> Any: ...
    @property
    def changes(self) -> dict[str, tuple[str, str]]: ...


class _Preview(Protocol):
    @property
    def is_valid(self) -> bool: ...
    @property
    def rows(self) -> Sequence[_Row]: ...


P = TypeVar("P", bound=_Preview)
W = TypeVar("W")


def _outcome(preview: _Preview) -> list[tuple[int, Any, dict[str, tuple[str, str]]]]:
    return [(row.number, row.action, row.changes) for row in preview.rows]


def import_confirmed(
    preview: P,
    *,
    cells_only: Callable[[P], P],
    check: Callable[[P, bool], W],
    write: Callable[[P, W], None],
    conflict: Callable[[P], Exception],
) -> P:
    """Write what a valid preview announced, all or nothing; return the preview written.

    The file's cells are checked again against the database inside the transaction (`check`
    with lock=True returns what `write` needs); when the outcome differs from what the user
    confirmed, nothing is written and `conflict` carries the new preview.
    """
    if not preview.is_valid:
        raise ValueError("an invalid import preview cannot be applied")
    fresh = cells_only(preview)
    try:
        with transaction.atomic():
            plan = check(fresh, True)
            if not fresh.is_valid or _outcome(fresh) != _outcome(preview):
                raise conflict(fresh)
            write(fresh, plan)
    except IntegrityError as error:
        # Someone may have written the same keys between our check and our write.
        again = cells_only(preview)
        check(again, False)
        if again.is_valid and _outcome(again) == _outcome(preview):
            raise
        raise conflict(again) from error
    return fresh
