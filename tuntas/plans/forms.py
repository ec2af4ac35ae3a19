"""Forms of the work-plan screens: Indonesian numbers in, messages next to each field."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from tuntas.issues.forms import AttachmentsField
from tuntas.lib.concurrency import VersionedModelForm
from tuntas.lib.forms import StyledForm, style_widgets
from tuntas.lib.money import format_rupiah, parse_rupiah
from tuntas.org.models import Person, RoleAssignment
from tuntas.plans.charts import month_label
from tuntas.plans.models import MONTHS, PlanPolicy, SubActivity
from tuntas.plans.services import MONTH_NAMES

CENT = Decimal("0.01")


class PercentField(forms.Field):
    """A percentage typed the Indonesian way ("12,5") or the English way ("12.5")."""

    default_error_messages = {"invalid": _("Enter a percentage, such as 12,5.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": 12})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            text = format(value.quantize(CENT), "f")
            return number_format(Decimal(text.rstrip("0").rstrip(".") if "." in text else text))
        return value

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip().removesuffix("%").strip()
        if not text:
            return None
        if len(text) > 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if "," in text:
            # Indonesian: dots group thousands, the comma marks the decimals.
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number.quantize(CENT, rounding=ROUND_HALF_UP)


class RupiahField(forms.Field):
    """An amount in rupiah typed as officials write it: "1.250.000" or "Rp1.250.000,00"."""

    default_error_messages = {"invalid": _("Enter an amount in rupiah, such as 1.250.000.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": 30})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int):
            # Always the Indonesian way, whatever the screen language: it is how Rp is written.
            return format_rupiah(value).removeprefix("Rp")
        return value

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 30:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        whole = text.rsplit(",", 1)[0]
        # "1250000.50" would silently read as 125 million: a dot only groups thousands.
        if "." in whole and not all(len(group) == 3 for group in whole.split(".")[1:]):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = parse_rupiah(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class TargetsForm(StyledForm):
    """The 12-month cumulative plan: physical progress (%) and finance (Rp) per month."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for month in MONTHS:
            name = str(MONTH_NAMES[month])
            self.fields[f"physical_{month}"] = PercentField(
                label=_("Physical %(month)s (%%)") % {"month": name}
            )
            self.fields[f"financial_{month}"] = RupiahField(
                label=_("Finance %(month)s (Rp)") % {"month": name}
            )
        style_widgets(self)  # the month fields came after the form styled its own

    def months(self) -> list[tuple[int, str, forms.BoundField, forms.BoundField]]:
        """Return each month's short name and its two fields, for the grid."""
        return [(m, month_label(m), self[f"physical_{m}"], self[f"financial_{m}"]) for m in MONTHS]

    def rows(self) -> dict[int, tuple[Decimal, Decimal]]:
        data = self.cleaned_data
        return {m: (data[f"physical_{m}"], data[f"financial_{m}"]) for m in MONTHS}


class RealisationForm(StyledForm):
    """One month's cumulative realisation as the unit reports it."""

    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=[])
    physical = PercentField(
        label=_("Physical progress (%)"),
        help_text=_("Cumulative from January, 0 to 100."),
    )
    financial = RupiahField(
        label=_("Finance spent (Rp)"),
        help_text=_("Cumulative spending (SP2D) from January, such as 1.250.000."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, and what holds the work up."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when you change a month already reported."),
    )
    attachments = AttachmentsField(
        label=_("Evidence (photos, PDF, DOCX, XLSX)"),
        help_text=_("Photos of the work, minutes of progress, SP2D: added to the month's files."),
    )

    def __init__(self, *args: Any, correcting: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(m, str(MONTH_NAMES[m])) for m in MONTHS]  # type: ignore[attr-defined]
        if not correcting:
            del self.fields["reason"]


class PlanPolicyForm(VersionedModelForm):
    class Meta:
        model = PlanPolicy
        fields = ["yellow_points", "red_points", "cutoff_day", "allow_corrections"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        yellow, red = data.get("yellow_points"), data.get("red_points")
        if yellow is not None and yellow < 0:
            self.add_error("yellow_points", _("Give a number of points of 0 or more."))
        if yellow is not None and red is not None and red < yellow:
            self.add_error("red_points", _("Red begins at least as far behind as yellow."))
        return data


def pptk_label(person: Person) -> str:
    """A person as the PPTK choice shows them: the name and the NIP, when there is one."""
    return f"{person.full_name} — NIP {person.nip}" if person.nip else person.full_name


class SubActivityForm(VersionedModelForm):
    """The data of a sub kegiatan the unit keeps: its PPTK, location and output."""

    class Meta:
        model = SubActivity
        fields = ["pptk", "location", "output", "output_target", "output_unit"]

    def __init__(self, *args: Any, today: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sub = self.instance
        people = RoleAssignment.objects.active(today).filter(unit_id=sub.unit_id).values("person")
        choices = Person.objects.filter(pk__in=people, is_active=True)
        if sub.pptk_id:
            # A PPTK who has since left the unit stays choosable until replaced.
            choices = Person.objects.filter(pk__in=people, is_active=True) | Person.objects.filter(
                pk=sub.pptk_id
            )
        field = self.fields["pptk"]
        field.queryset = choices.distinct().order_by("full_name")  # type: ignore[attr-defined]
        field.label_from_instance = pptk_label  # type: ignore[attr-defined]
        field.help_text = _("The unit's active people; the NIP is shown after the name.")
