"""Forms of the meeting screens, with Indonesian messages next to each field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.rrule import rrulestr
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tuntas.issues.models import Issue
from tuntas.lib.concurrency import VersionedModelForm
from tuntas.lib.forms import StyledForm, StyledFormMixin
from tuntas.meetings.models import AgendaItem, Invitation, Meeting, MeetingSeries
from tuntas.org.forms import DateInput
from tuntas.org.models import Person, RoleAssignment, Unit

Role = RoleAssignment.Role
CUSTOM = "custom"
ALLOWED_FREQ = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
CHAIR_ROLES = (Role.COORDINATOR, Role.SECRETARY_GENERAL, Role.HEAD)

# RFC 5545 day codes in Monday-first order, as django.utils.dates.WEEKDAYS numbers them.
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = (
    (1, pgettext_lazy("weekday of the month", "first")),
    (2, pgettext_lazy("weekday of the month", "second")),
    (3, pgettext_lazy("weekday of the month", "third")),
    (4, pgettext_lazy("weekday of the month", "fourth")),
    (-1, pgettext_lazy("weekday of the month", "last")),
)


class Preset:
    """A friendly recurrence ("second Tuesday of every month") and its RFC 5545 rule."""

    def __init__(self, rule: str, label: Any) -> None:
        self.rule, self.label = rule, label


def recurrence_presets() -> list[Preset]:
    """Return the recurrences offered in the series form, working days only."""
    presets: list[Preset] = []
    for number, ordinal in ORDINALS:
        for day in range(5):
            presets.append(
                Preset(
                    f"FREQ=MONTHLY;BYDAY={number}{DAY_CODES[day]}",
                    _("%(weekday)s, the %(ordinal)s of every month")
                    % {"weekday": WEEKDAYS[day], "ordinal": ordinal},
                )
            )
    for day in range(5):
        presets.append(
            Preset(
                f"FREQ=WEEKLY;BYDAY={DAY_CODES[day]}",
                _("Every %(weekday)s") % {"weekday": WEEKDAYS[day]},
            )
        )
    return presets


def check_rrule(value: str) -> str:
    """Return the rule in canonical upper case, or raise ValidationError when unusable."""
    rule = "".join(value.split()).upper().removeprefix("RRULE:")
    if not rule:
        raise ValidationError(_("Write a recurrence rule, e.g. FREQ=MONTHLY;BYDAY=2TU."))
    parts = dict(part.partition("=")[::2] for part in rule.split(";"))
    if parts.get("FREQ") not in ALLOWED_FREQ:
        raise ValidationError(_("The rule must start with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."))
    if "DTSTART" in rule or "COUNT" in parts:
        raise ValidationError(_("Leave out DTSTART and COUNT; end a series with UNTIL if needed."))
    if parts.get("INTERVAL", "1") != "1":
        # The rule is evaluated from the day it is looked at (a series has no start date), so
        # "every other week" would change weeks depending on when someone looks.
        raise ValidationError(_("INTERVAL is not supported yet; leave it out."))
    if parts.get("UNTIL", "").endswith("Z"):
        raise ValidationError(_("Write UNTIL as a local date, e.g. UNTIL=20271231."))
    start = dt.datetime.combine(timezone.localdate(), dt.time(0, 0))
    try:
        following = rrulestr(rule, dtstart=start).after(start)
    except (ValueError, TypeError, KeyError):
        raise ValidationError(
            _("This is not a valid RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=2TU.")
        ) from None
    if following is None or following - start > dt.timedelta(days=366 * 2):
        raise ValidationError(_("The rule gives no date within the next two years."))
    return rule


def chair_choices(coordinators: list[int], current: Person | None = None) -> QuerySet[Person]:
    """People who may chair: the Asisten (also Plt.), the Sekda and the regional head."""
    holders = RoleAssignment.objects.active().filter(
        Q(role=Role.COORDINATOR, unit__in=coordinators)
        | Q(role__in=[Role.SECRETARY_GENERAL, Role.HEAD])
    )
    ids = Q(pk__in=holders.values("person_id"))
    if current is not None:
        ids |= Q(pk=current.pk)
    return Person.objects.filter(ids, is_active=True).order_by("full_name")


def default_chair(coordinator_id: int) -> Person | None:
    row = (
        RoleAssignment.objects.active()
        .filter(role=Role.COORDINATOR, unit=coordinator_id, person__is_active=True)
        .select_related("person")
        .order_by("capacity", "-valid_from")
        .first()
    )
    return row.person if row else None


def secretariat_choices(coordinators: list[int]) -> QuerySet[Unit]:
    """The Bagian serving the Asisten (or the Asisten's own office when it has none)."""
    sections = Unit.objects.filter(parent__in=coordinators, kind=Unit.Kind.SECTION, is_active=True)
    if sections.exists():
        return sections.order_by("sort_order", "name")
    return Unit.objects.filter(pk__in=coordinators)


def invitable_units() -> QuerySet[Unit]:
    """Units a meeting may invite: OPDs, Bagian, kecamatan, BUMD and partners."""
    return (
        Unit.objects.filter(is_active=True)
        .exclude(kind__in=[Unit.Kind.SUBDISTRICT, Unit.Kind.HEAD])
        .order_by("sort_order", "name")
    )


class CheckboxList(forms.CheckboxSelectMultiple):
    """Tick boxes in a scrolling box, each with its label beside it (Tabler markup)."""

    template_name = "meetings/_checkbox_select.html"
    option_template_name = "meetings/_checkbox_option.html"


class RadioList(forms.RadioSelect):
    template_name = "meetings/_radio_select.html"
    option_template_name = "meetings/_checkbox_option.html"


class UnitsField(forms.ModelMultipleChoiceField):
    """Tick boxes of units, labelled "PUPR — Dinas Pekerjaan Umum …"."""

    widget = CheckboxList

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.short_name} — {obj.name}"


class MeetingPlaceMixin:
    """What the series and one-off forms share: coordinator, chair and secretariat choices."""

    def _setup(self, coordinators: list[Unit], secretariat: int | None) -> None:
        # A mixin of model forms: the form's attributes are known only to the final class.
        form: Any = self
        ids = [u.pk for u in coordinators]
        if len(ids) == 1:
            # Nothing to choose: the viewer's own Asisten.
            del form.fields["coordinator"]
            form.instance.coordinator_id = ids[0]
        else:
            field = form.fields["coordinator"]
            field.queryset = Unit.objects.filter(pk__in=ids)
            field.empty_label = None
        current = form.instance.chair if form.instance.pk else None
        form.fields["chair"].queryset = chair_choices(ids, current)
        form.fields["chair"].label_from_instance = lambda p: (
            f"{p.full_name} — {p.position}" if p.position else p.full_name
        )
        sections = secretariat_choices(ids)
        form.fields["secretariat"].queryset = sections
        form.fields["secretariat"].empty_label = None
        if not form.instance.pk:
            chair = default_chair(ids[0])
            if chair is not None:
                form.initial.setdefault("chair", chair.pk)
            if secretariat is not None and sections.filter(pk=secretariat).exists():
                form.initial.setdefault("secretariat", secretariat)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        form: Any = self
        coordinator_id = (
            data["coordinator"].pk if data.get("coordinator") else form.instance.coordinator_id
        )
        secretariat = data.get("secretariat")
        if secretariat and coordinator_id not in (secretariat.pk, secretariat.parent_id):
            self.add_error(  # type: ignore[attr-defined]
                "secretariat", _("Choose a Bagian serving this Asisten.")
            )
        return data


class SeriesForm(MeetingPlaceMixin, VersionedModelForm):
    """Set up or change a recurring coordination meeting."""

    recurrence = forms.ChoiceField(label=_("Recurrence"))
    rrule_custom = forms.CharField(
        label=_("Other rule (RFC 5545)"),
        required=False,
        max_length=200,
        help_text=_("Only when “Other rule” is chosen above, e.g. FREQ=MONTHLY;BYDAY=2TU."),
    )
    standing_invitees = UnitsField(
        label=_("Standing invitees"), queryset=Unit.objects.none(), required=False
    )
    online_link = forms.URLField(
        label=_("Online link"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "coordinator",
            "title",
            "start_time",
            "duration_minutes",
            "place",
            "online_link",
            "chair",
            "secretariat",
            "standing_invitees",
            "klasifikasi",
            "is_active",
        ]
        widgets = {
            "start_time": forms.TimeInput(format="%H.%M", attrs={"placeholder": "09.00"}),
        }

    field_order = [
        "coordinator",
        "title",
        "recurrence",
        "rrule_custom",
        "start_time",
        "duration_minutes",
        "place",
        "online_link",
        "chair",
        "secretariat",
        "standing_invitees",
        "klasifikasi",
        "is_active",
    ]

    def __init__(
        self, *args: Any, coordinators: list[Unit], secretariat: int | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._setup(coordinators, secretariat)
        presets = recurrence_presets()
        known = {p.rule for p in presets}
        self.fields["recurrence"].choices = [  # type: ignore[attr-defined]
            *((p.rule, p.label) for p in presets),
            (CUSTOM, _("Other rule (write it below)")),
        ]
        rule = self.instance.rrule if self.instance.pk else "FREQ=MONTHLY;BYDAY=2TU"
        if rule in known:
            self.initial.setdefault("recurrence", rule)
        else:
            self.initial.setdefault("recurrence", CUSTOM)
            self.initial.setdefault("rrule_custom", rule)
        self.fields["standing_invitees"].queryset = invitable_units()  # type: ignore[attr-defined]
        self.fields["start_time"].input_formats = ["%H.%M", "%H:%M"]  # type: ignore[attr-defined]

    def clean_rrule_custom(self) -> str:
        value: str = self.cleaned_data.get("rrule_custom", "")
        if self.data.get(self.add_prefix("recurrence")) != CUSTOM:
            return value
        return check_rrule(value)

    def clean_duration_minutes(self) -> int:
        minutes: int = self.cleaned_data["duration_minutes"]
        if not 15 <= minutes <= 12 * 60:
            raise ValidationError(_("A meeting lasts between 15 minutes and 12 hours."))
        return minutes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("recurrence") == CUSTOM:
            self.instance.rrule = data.get("rrule_custom", "")
        elif data.get("recurrence"):
            self.instance.rrule = data["recurrence"]
        return data


class MeetingForm(MeetingPlaceMixin, StyledFormMixin, forms.ModelForm):
    """Plan a one-off meeting (not part of a series)."""

    on = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(
        label=_("Starts at"),
        input_formats=["%H.%M", "%H:%M"],
        initial=dt.time(9, 0),
        widget=forms.TimeInput(format="%H.%M", attrs={"placeholder": "09.00"}),
    )
    end = forms.TimeField(
        label=_("Ends at (optional)"),
        required=False,
        input_formats=["%H.%M", "%H:%M"],
        widget=forms.TimeInput(format="%H.%M", attrs={"placeholder": "11.00"}),
    )
    invitees = UnitsField(label=_("Units to invite"), queryset=Unit.objects.none(), required=False)
    online_link = forms.URLField(
        label=_("Online link"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = ["coordinator", "title", "place", "online_link", "chair", "secretariat"]

    field_order = [
        "coordinator",
        "title",
        "on",
        "start",
        "end",
        "place",
        "online_link",
        "chair",
        "secretariat",
        "invitees",
    ]

    def __init__(
        self, *args: Any, coordinators: list[Unit], secretariat: int | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._setup(coordinators, secretariat)
        self.fields["invitees"].queryset = invitable_units()  # type: ignore[attr-defined]

    def clean_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["on"]
        if day < timezone.localdate():
            raise ValidationError(_("The date cannot be in the past."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("on"), data.get("start"), data.get("end")
        if day and start:
            starts = timezone.make_aware(dt.datetime.combine(day, start))
            self.instance.starts_at = starts
            if end is not None and end <= start:
                self.add_error("end", _("The meeting must end after it starts."))
            elif end is not None:
                self.instance.ends_at = timezone.make_aware(dt.datetime.combine(day, end))
            else:
                self.instance.ends_at = starts + dt.timedelta(hours=2)
        return data


class PlanForm(StyledForm):
    on = forms.DateField(label=_("Date"), widget=DateInput())

    def clean_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["on"]
        if day < timezone.localdate():
            raise ValidationError(_("The date cannot be in the past."))
        return day


def parse_issue_number(text: str) -> int | None:
    """Return the id in "PMS-000042", "pms-42" or "42", or None."""
    value = text.strip().upper().removeprefix("PMS-").removeprefix("PMS").strip("- ")
    if value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    return None


class AgendaItemForm(StyledFormMixin, forms.ModelForm):
    """Add or change one agenda item; an issue may be chosen by its number."""

    issue_number = forms.CharField(
        label=_("Issue number (optional)"),
        required=False,
        max_length=20,
        help_text=_("E.g. PMS-000042: an issue of this Asisten's portfolio."),
    )
    units = UnitsField(label=_("Units to invite"), queryset=Unit.objects.none(), required=False)

    class Meta:
        model = AgendaItem
        fields = ["title", "minutes_allotted", "reason", "units"]

    field_order = ["issue_number", "title", "minutes_allotted", "reason", "units"]

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Taken from the issue when left empty.")
        self.fields["units"].queryset = invitable_units()  # type: ignore[attr-defined]
        self.issue: Issue | None = None
        if self.instance.pk and self.instance.issue_id and not self.is_bound:
            self.initial["issue_number"] = f"PMS-{self.instance.issue_id:06d}"

    def portfolio_issues(self) -> QuerySet[Issue]:
        return Issue.objects.filter(coordinator=self.meeting.coordinator_id).exclude(
            status=Issue.Status.DRAFT
        )

    def clean_issue_number(self) -> str:
        text: str = self.cleaned_data.get("issue_number", "")
        if not text.strip():
            return ""
        number = parse_issue_number(text)
        issue = (
            self.portfolio_issues().select_related("reporting_unit").filter(pk=number).first()
            if number is not None
            else None
        )
        if issue is None:
            raise ValidationError(
                _("No issue of this Asisten has that number. Write it as PMS-000042.")
            )
        self.issue = issue
        return text

    def clean_minutes_allotted(self) -> int:
        minutes: int = self.cleaned_data["minutes_allotted"]
        if not 1 <= minutes <= 240:
            raise ValidationError(_("Give between 1 and 240 minutes."))
        return minutes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("title"):
            if self.issue is not None:
                data["title"] = self.issue.title[:300]
                self.instance.title = data["title"]
            elif "issue_number" not in self.errors:
                self.add_error("title", _("Write a title or give an issue number."))
        return data


class InviteForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Unit to invite"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = invitable_units().exclude(  # type: ignore[attr-defined]
            pk__in=meeting.invitations.values("unit_id")
        )
        field.label_from_instance = lambda u: f"{u.short_name} — {u.name}"  # type: ignore[attr-defined]


class ReplyForm(StyledForm):
    """A unit's answer to its invitation."""

    reply = forms.ChoiceField(
        label=_("Answer"),
        widget=RadioList,
        choices=[c for c in Invitation.Reply.choices if c[0] != Invitation.Reply.PENDING],
    )
    name = forms.CharField(label=_("Representative's name"), required=False, max_length=200)
    position = forms.CharField(label=_("Representative's position"), required=False, max_length=200)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reply") == Invitation.Reply.REPRESENTED:
            if not data.get("name", "").strip():
                self.add_error("name", _("Give the name of who represents the unit."))
            if not data.get("position", "").strip():
                self.add_error("position", _("Give the position of who represents the unit."))
        return data


class RescheduleForm(StyledForm):
    on = forms.DateField(label=_("New date"), widget=DateInput())
    start = forms.TimeField(
        label=_("Starts at"),
        input_formats=["%H.%M", "%H:%M"],
        widget=forms.TimeInput(format="%H.%M", attrs={"placeholder": "09.00"}),
    )
    end = forms.TimeField(
        label=_("Ends at (optional)"),
        required=False,
        input_formats=["%H.%M", "%H:%M"],
        widget=forms.TimeInput(format="%H.%M", attrs={"placeholder": "11.00"}),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Why is the meeting moved?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["on"]
        if day < timezone.localdate():
            raise ValidationError(_("The date cannot be in the past."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The meeting must end after it starts."))
        return data


class CancelForm(StyledForm):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
