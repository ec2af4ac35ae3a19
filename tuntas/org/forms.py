"""Forms of the organisation screens, with Indonesian messages next to each field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.lib.concurrency import VersionedModelForm
from tuntas.lib.files import sniff_image_type
from tuntas.lib.forms import StyledForm, StyledFormMixin
from tuntas.lib.letters import validate_pattern
from tuntas.org.models import (
    Government,
    Person,
    RoleAssignment,
    Unit,
    UnitCoordination,
    WorkdayOverride,
)

Role = RoleAssignment.Role
Kind = Unit.Kind

# Which unit kinds each role may be held for: a role on the wrong kind of unit is a data error.
ROLE_UNIT_KINDS: dict[str, set[str]] = {
    Role.HEAD: {Kind.HEAD},
    Role.SECRETARY_GENERAL: {Kind.SETDA},
    Role.COORDINATOR: {Kind.ASSISTANT},
    Role.SECRETARIAT: {Kind.SECTION},
    Role.UNIT_HEAD: {Kind.AGENCY, Kind.SECTION, Kind.DISTRICT, Kind.SUBDISTRICT, Kind.ENTERPRISE},
    Role.UNIT_STAFF: {Kind.AGENCY, Kind.SECTION, Kind.DISTRICT, Kind.SUBDISTRICT, Kind.ENTERPRISE},
    Role.PARTNER: {Kind.ENTERPRISE, Kind.PARTNER},
    Role.ADMIN: set(Kind.values),
}


class NipField(forms.CharField):
    """An NIP typed with or without the customary spaces: "1972 0304 199803 1 005"."""

    def to_python(self, value: Any) -> str | None:
        text = "".join(str(value or "").split())
        return text or None


class PhoneField(forms.CharField):
    """A mobile number typed with spaces, dashes or dots: "0812-6600-1234"."""

    def to_python(self, value: Any) -> str:
        return "".join(ch for ch in str(value or "") if ch.isdigit() or ch == "+")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class LoginForm(StyledFormMixin, AuthenticationForm):
    """Log in with user name or NIP."""

    username = forms.CharField(
        label=_("User name or NIP"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "The user name/NIP or password is wrong. Check them and try again "
            "(capital letters matter in the password)."
        ),
        "inactive": _("This account is not active. Contact the Tuntas administrator."),
    }


class PasswordResetRequestForm(PasswordResetForm):
    """Send the reset link through the task worker, never from inside the request."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from django.template import loader

        from tuntas.notifications.tasks import send_plain_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_plain_email.enqueue(subject, body, to_email)

    def get_users(self, email: str) -> Any:
        # Unlike Django's default, people without a usable password are included: imported
        # and newly created accounts set their first password through this very link.
        return Person.objects.filter(email__iexact=email, is_active=True).iterator()


class GovernmentForm(VersionedModelForm):
    class Meta:
        model = Government
        fields = [
            "name",
            "level",
            "region_name",
            "address",
            "postal_code",
            "phone",
            "fax",
            "email",
            "website",
            "logo",
            "letter_number_pattern",
        ]

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "read") and getattr(logo, "size", 0):
            if logo.size > 2 * 1024 * 1024:
                raise ValidationError(_("The logo may be at most 2 MB."))
            head = logo.read(512)
            logo.seek(0)
            if sniff_image_type(head) is None:
                raise ValidationError(_("The logo must be a PNG, JPEG or SVG image."))
        return logo

    def clean_letter_number_pattern(self) -> str:
        pattern = self.cleaned_data["letter_number_pattern"]
        if "{seq" not in pattern:
            raise ValidationError(_("The pattern must contain {seq}, the running number."))
        try:
            validate_pattern(pattern)
        except ValueError as exc:
            raise ValidationError(
                _("Unknown placeholder or broken braces in the pattern: %(error)s"),
                params={"error": exc},
            ) from exc
        return pattern


class UnitForm(VersionedModelForm):
    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "kind",
            "parent",
            "sipd_code",
            "letter_code",
            "address",
            "phone",
            "email",
            "sort_order",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Unit.objects.order_by("sort_order", "name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def clean_short_name(self) -> str:
        short = self.cleaned_data["short_name"].strip()
        clash = Unit.objects.filter(short_name__iexact=short).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(
                _("The short name %(name)s is already used by %(unit)s."),
                params={"name": short, "unit": clash.first()},
            )
        return short

    def clean_parent(self) -> Unit | None:
        parent: Unit | None = self.cleaned_data.get("parent")
        node = parent
        while node is not None and self.instance.pk:
            if node.pk == self.instance.pk:
                raise ValidationError(
                    _("A unit cannot be placed under itself or its own sub-unit.")
                )
            node = node.parent
        return parent


class UnitCoordinationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = UnitCoordination
        fields = ["coordinator", "valid_from", "legal_basis"]
        widgets = {"valid_from": DateInput()}

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.instance.unit = unit
        self.fields["coordinator"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            kind=Kind.ASSISTANT
        ).exclude(pk=unit.pk)

    def clean_valid_from(self) -> dt.date:
        day: dt.date = self.cleaned_data["valid_from"]
        if UnitCoordination.objects.filter(unit=self.unit, valid_from=day).exists():
            raise ValidationError(
                _("A coordinating assistant from this date is already recorded for this unit.")
            )
        return day


class PersonForm(VersionedModelForm):
    """The administrator's form for a person's identity and contact data."""

    class Meta:
        model = Person
        fields = [
            "username",
            "full_name",
            "nip",
            "position",
            "rank",
            "phone",
            "email",
            "language",
            "is_active",
        ]
        field_classes = {"nip": NipField, "phone": PhoneField}

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if Person.objects.filter(username__iexact=username).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another person already uses this user name."))
        if username.isdigit():
            # A number could be mistaken for someone's NIP at login.
            raise ValidationError(_("A user name cannot consist of digits only."))
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data.get("email", "").strip()
        if (
            email
            and Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists()
        ):
            raise ValidationError(_("This email address is already used by another person."))
        return email


class ProfileForm(VersionedModelForm):
    """What a person may change about themselves."""

    class Meta:
        model = Person
        fields = ["phone", "email", "language"]
        field_classes = {"phone": PhoneField}

    clean_email = PersonForm.clean_email


class RoleAssignmentForm(VersionedModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["unit", "role", "capacity", "position_title", "valid_from", "valid_until", "note"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.person = person
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)  # type: ignore[attr-defined]
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit: Unit | None = data.get("unit")
        role = data.get("role")
        if unit and role and unit.kind not in ROLE_UNIT_KINDS.get(role, set()):
            self.add_error(
                "role",
                _("The role %(role)s cannot be held for a unit of kind %(kind)s.")
                % {"role": Role(role).label, "kind": Kind(unit.kind).label},
            )
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end date cannot be before the start date."))
        if unit and role and start:
            same = RoleAssignment.objects.filter(
                person=self.instance.person, unit=unit, role=role, valid_from=start
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("valid_from", _("This role from this date is already recorded."))
        return data


class LanguageForm(StyledForm):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


class ImportUploadForm(StyledForm):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 5 MB. The first row holds the column names."),
    )


class WorkdayOverrideForm(StyledFormMixin, forms.ModelForm):
    """A local day off (e.g. Hari Jadi Kota) or a working day on a weekend."""

    class Meta:
        model = WorkdayOverride
        fields = ["date", "kind", "name"]
        widgets = {"date": DateInput()}
