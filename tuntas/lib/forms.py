"""Tabler styling for every Django form: classes on widgets, errors next to their field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

_OURS = {"form-check-input", "form-select", "form-control", "is-invalid"}


class TablerFormRenderer(TemplatesSetting):
    """Render `{{ form }}` and `{{ field.as_field_group }}` with Tabler markup."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def style_widgets(form: forms.BaseForm) -> None:
    """Give each widget the Bootstrap class it needs, and mark invalid ones once cleaned."""
    errors = getattr(form, "_errors", None) or {}  # never trigger cleaning from here
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(
            widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if name in errors:
            css += " is-invalid"
        kept = [c for c in widget.attrs.get("class", "").split() if c not in _OURS]
        widget.attrs["class"] = " ".join([*kept, css])


class StyledFormMixin:
    """Mix into any form class so that its widgets carry Tabler classes and error marks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)  # type: ignore[arg-type]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        style_widgets(self)  # type: ignore[arg-type]


class StyledForm(StyledFormMixin, forms.Form):
    """A plain form with Tabler styling."""
