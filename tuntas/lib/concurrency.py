"""Optimistic locking for edit forms: a stale form never overwrites someone else's change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from tuntas.lib.forms import StyledFormMixin

STALE_MESSAGE = _(
    "Someone else changed this record after you opened the form. Your input is kept below; "
    "compare it with the current data (open the page again in a new tab), then save again."
)


class VersionedModelForm(StyledFormMixin, forms.ModelForm):
    """A model form that carries the row's version and refuses to save over a newer one.

    The model needs a positive integer field named ``version``.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def save_versioned(self) -> models.Model | None:
        """Save inside a transaction if the row is unchanged since the form was opened.

        Returns the saved instance, or None after adding a form error when it was stale.
        """
        instance = self.instance
        with transaction.atomic():
            if instance.pk:
                current = (
                    self._meta.model._default_manager.select_for_update()
                    .filter(pk=instance.pk)
                    .values_list("version", flat=True)
                    .first()
                )
                if current is None or current != self.cleaned_data.get("version"):
                    self.add_error(None, STALE_MESSAGE)
                    # The user must see the new version number to save again deliberately.
                    data = self.data.copy()  # type: ignore[attr-defined]
                    data["version"] = str(current or "")
                    self.data = data
                    return None
                instance.version = F("version") + 1
            saved = self.save()
            saved.refresh_from_db(fields=["version"])
            return saved
