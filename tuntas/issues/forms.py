"""Forms of the issue screens, with Indonesian messages next to each field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.issues.models import Category, Issue, Policy
from tuntas.lib.concurrency import VersionedModelForm
from tuntas.lib.files import sniff_document
from tuntas.lib.forms import StyledForm
from tuntas.org.forms import DateInput
from tuntas.org.models import Unit

MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several photos or documents, each checked by its content and size."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments (photos, PDF, DOCX, XLSX)"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"accept": "image/*,.pdf,.docx,.xlsx", "multiple": True})

    def clean(self, data: Any, initial: Any = None) -> list[tuple[UploadedFile, str]]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise ValidationError(_("At most %(n)s files at once.") % {"n": MAX_FILES})
        limit_mb = Policy.current().max_attachment_mb
        checked = []
        for upload in files:
            if upload.size > limit_mb * 1024 * 1024:
                raise ValidationError(
                    _("%(name)s is larger than %(mb)s MB.") % {"name": upload.name, "mb": limit_mb}
                )
            kind = sniff_document(upload)
            if kind is None:
                raise ValidationError(
                    _("%(name)s is not a photo, PDF, DOCX or XLSX file.") % {"name": upload.name}
                )
            checked.append((upload, kind[0]))
        return checked


class IssueForm(VersionedModelForm):
    """Report or edit an issue (its unit is chosen from the reporter's own units)."""

    attachments = AttachmentsField()

    class Meta:
        model = Issue
        fields = [
            "reporting_unit",
            "title",
            "category",
            "urgency",
            "first_met_on",
            "chronology",
            "impact",
            "proposed_solution",
            "location",
            "location_detail",
            "latitude",
            "longitude",
        ]
        widgets = {
            "first_met_on": DateInput(),
            "chronology": forms.Textarea(attrs={"rows": 5}),
            "impact": forms.Textarea(attrs={"rows": 3}),
            "proposed_solution": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reporting_unit"]
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]
        field.empty_label = None  # type: ignore[attr-defined]
        if len(units) == 1:
            field.widget = forms.HiddenInput()
            self.initial.setdefault("reporting_unit", units[0].pk)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["location"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            kind=Unit.Kind.SUBDISTRICT, is_active=True
        ).select_related("parent")
        self.fields["location"].label_from_instance = lambda u: (  # type: ignore[attr-defined]
            f"{u.name} ({u.parent.name})" if u.parent else u.name
        )
        if self.instance.pk:
            del self.fields["attachments"]  # files are added on the issue page

    def clean_first_met_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["first_met_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        if latitude is not None and not -11 <= latitude <= 6:
            self.add_error("latitude", _("A latitude in Indonesia lies between -11 and 6."))
        if longitude is not None and not 95 <= longitude <= 141:
            self.add_error("longitude", _("A longitude in Indonesia lies between 95 and 141."))
        return data


class NoteForm(StyledForm):
    """The text an action needs: a reason, a question, an instruction or a resolution."""

    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def __init__(self, *args: Any, label: Any, required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = label
        self.fields["note"].required = required


class MergeForm(NoteForm):
    into = forms.IntegerField(label=_("Number of the issue to merge into"), min_value=1)

    def __init__(self, *args: Any, issue: Issue, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, label=_("Why they are the same problem"), required=False, **kwargs)
        self.issue = issue
        self.candidates = candidates  # the issues the handler may see

    def clean_into(self) -> Issue:
        pk = self.cleaned_data["into"]
        target = self.candidates.filter(pk=pk).first()
        if target is None or target.pk == self.issue.pk or not target.is_open:
            raise ValidationError(_("Give the number of another open issue."))
        return target


class RequestForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Asked unit"), queryset=Unit.objects.none())
    need = forms.CharField(
        label=_("What is needed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    due_on = forms.DateField(label=_("Needed by"), widget=DateInput())

    def __init__(self, *args: Any, issue: Issue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(is_active=True)
            .exclude(pk=issue.reporting_unit_id)
            .exclude(kind__in=[Unit.Kind.SUBDISTRICT])
            .order_by("sort_order", "name")
        )

    def clean_due_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["due_on"]
        if day < timezone.localdate():
            raise ValidationError(_("The date cannot be in the past."))
        return day


class EvidenceForm(NoteForm):
    """A note with photos or documents: what was done, or a message in a request's thread."""

    attachments = AttachmentsField()


class CategoryForm(VersionedModelForm):
    """A category's name, place in the lists and whether new issues may choose it."""

    class Meta:
        model = Category
        fields = ["name", "sort_order", "is_active"]


class CategoryCreateForm(CategoryForm):
    """A new category, with the short code imports and the API know it by."""

    class Meta(CategoryForm.Meta):
        fields = ["code", "name", "sort_order", "is_active"]
        help_texts = {"code": _("Lowercase letters, digits and hyphens, e.g. air-bersih.")}


class PolicyForm(VersionedModelForm):
    class Meta:
        model = Policy
        fields = [
            "triage_days",
            "response_days",
            "settle_assistant_days",
            "settle_secretary_days",
            "staff_may_submit",
            "auto_escalate",
            "max_attachment_mb",
        ]
