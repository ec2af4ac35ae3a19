"""Forms used during and after a meeting: attendance, check-in, minutes, planned action items."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from tuntas.issues.models import Issue, Level
from tuntas.lib.concurrency import VersionedModelForm
from tuntas.lib.dates import format_date
from tuntas.lib.forms import StyledForm, StyledFormMixin
from tuntas.meetings.models import AgendaItem, DraftActionItem, Meeting
from tuntas.org.forms import DateInput, NipField
from tuntas.org.models import Person, RoleAssignment, Unit, nip_validator

Outcome = AgendaItem.Outcome


class CheckInForm(StyledForm):
    """A person signs the attendance list for one of their own units, maybe representing someone."""

    unit = forms.TypedChoiceField(label=_("I attend for"), coerce=int)
    representing = forms.CharField(
        label=_("Representing (optional)"),
        required=False,
        max_length=200,
        help_text=_("e.g. Kepala Dinas PUPR, when you attend in their place."),
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        if len(units) == 1:
            self.initial.setdefault("unit", units[0].pk)

    def clean_unit(self) -> Unit:
        return self.units[self.cleaned_data["unit"]]


class AttendancePersonForm(StyledForm):
    """The secretariat adds a person found in the directory, for one of that person's units."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.filter(is_active=True), widget=forms.HiddenInput
    )
    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), widget=forms.HiddenInput)
    representing = forms.CharField(label=_("Representing"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, unit = data.get("person"), data.get("unit")
        if person and unit:
            holds = RoleAssignment.objects.active().filter(person=person, unit=unit).exists()
            if not holds:
                raise ValidationError(
                    _("%(person)s does not work for %(unit)s.")
                    % {"person": person.full_name, "unit": unit.short_name}
                )
        return data


class AttendanceGuestForm(StyledForm):
    """The secretariat writes a guest onto the list by hand (someone without a Tuntas account)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    nip = NipField(
        label="NIP",
        required=False,
        max_length=40,  # typed with spaces; 18 digits once they are removed
        validators=[nip_validator],
    )
    position = forms.CharField(label=_("Position (jabatan)"), required=False, max_length=200)
    unit = forms.ModelChoiceField(label=_("Agency (instansi)"), queryset=Unit.objects.none())
    representing = forms.CharField(label=_("Representing"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(is_active=True)
            .exclude(kind=Unit.Kind.SUBDISTRICT)
            .order_by("sort_order", "name")
        )


class MinutesForm(VersionedModelForm):
    """The minutes as a whole: who took them and the overall summary."""

    class Meta:
        model = Meeting
        fields = ["notulis", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notulis"].queryset = people  # type: ignore[attr-defined]
        self.fields["notulis"].required = True


class RadioList(forms.RadioSelect):
    """Radio buttons one per line, each with its label (a large target on a phone)."""

    template_name = "meetings/after_radio_select.html"


OUTCOME_CHOICES = [
    ("", _("No decision on the issue")),
    (Outcome.SETTLED, Outcome.SETTLED.label),
    (Outcome.CONTINUED, Outcome.CONTINUED.label),
    (Outcome.ESCALATED, Outcome.ESCALATED.label),
]


class AgendaMinutesForm(StyledFormMixin, forms.ModelForm):
    """What was discussed and decided on one agenda item, and what it means for its issue."""

    class Meta:
        model = AgendaItem
        fields = ["discussion", "decisions", "outcome"]
        widgets = {
            "discussion": forms.Textarea(attrs={"rows": 5}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
            "outcome": RadioList,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.issue_id is None:
            del self.fields["outcome"]
        else:
            self.fields["outcome"].choices = OUTCOME_CHOICES  # type: ignore[attr-defined]
            self.fields["outcome"].required = False

    def clean_outcome(self) -> str:
        """Refuse an outcome the issue's state cannot take (finalising would silently skip it)."""
        outcome: str = self.cleaned_data.get("outcome") or ""
        issue: Issue | None = self.instance.issue
        if not outcome or issue is None:
            return outcome
        if not issue.is_open:
            raise ValidationError(
                _("The issue is already %(status)s: the meeting can no longer decide on it.")
                % {"status": issue.get_status_display().lower()}
            )
        if outcome == Outcome.ESCALATED:
            if issue.status != Issue.Status.IN_PROGRESS:
                raise ValidationError(
                    _("Only an issue being handled can be escalated: accept it first.")
                )
            if issue.level not in (Level.ASSISTANT, Level.SECRETARY):
                raise ValidationError(_("The issue is already at the highest level."))
        return outcome


class DraftActionForm(StyledFormMixin, forms.ModelForm):
    """One planned action item: what, which unit, by when (not before the meeting)."""

    class Meta:
        model = DraftActionItem
        fields = ["description", "unit", "due_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due_on": DateInput(),
        }

    def __init__(
        self, *args: Any, meeting_day: dt.date, unit_choices: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting_day = meeting_day
        unit = self.fields["unit"]
        unit.queryset = Unit.objects.filter(is_active=True)  # type: ignore[attr-defined]
        # Computed once for the whole formset: each form would otherwise query the units again.
        unit.choices = unit_choices  # type: ignore[attr-defined]

    def clean_due_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["due_on"]
        if day < self.meeting_day:
            raise ValidationError(
                _("The due date cannot be before the meeting (%(date)s).")
                % {"date": format_date(self.meeting_day)}
            )
        return day


DraftActionFormSet: type[BaseInlineFormSet[Any, Any, Any]] = inlineformset_factory(
    AgendaItem,
    DraftActionItem,
    form=DraftActionForm,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=30,
    validate_max=True,
)
