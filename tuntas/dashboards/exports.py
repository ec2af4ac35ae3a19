"""XLSX exports of every list, honouring the list's filters and the reader's access.

Each list is an `ExportKind`: how to select its rows from the query string (the very function
the list page uses), its columns and one row's cells. A list short enough is written at once;
a longer one becomes an `ExportJob` made by the worker (see `tasks.py`).

To export a new list, add an `ExportKind` to `EXPORTS` and link to
`{% url 'dashboards:export' kind %}?<the page's query string>`
(`templates/dashboards/export_button.html` does it). A dashboard's tables, a workbook with a
sheet per table, are written by `table_exports.py`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.dashboards.models import ExportJob
from tuntas.issues import views as issue_views
from tuntas.issues.exports import issue_columns, issue_values
from tuntas.lib.xlsx import Column, Kind, XlsxTable
from tuntas.meetings.access import visible_meetings
from tuntas.meetings.models import ActionItem, Meeting
from tuntas.meetings.views_after import SHOWS, filtered_action_items
from tuntas.notifications.models import Delivery
from tuntas.notifications.views import filtered_deliveries
from tuntas.org.access import Access, Viewer, require
from tuntas.org.models import Person, Unit
from tuntas.org.views import filtered_people, filtered_units
from tuntas.plans.views import STATUS_FILTERS, SubRow, filtered_sub_rows, sub_list_state

CHUNK = 1000
DEVIATION_FORMAT = "+0.00;-0.00;0.00"


def _anyone(viewer: Viewer) -> None:
    """Every list already shows each viewer only what they may see."""


def _admin_only(viewer: Viewer) -> None:
    """404 for outsiders, 403 for government staff who are not the administrator."""
    if not viewer.is_admin:
        require(Access.READ if viewer.is_internal else Access.NONE, Access.WRITE)


@dataclass(frozen=True)
class ExportKind:
    """One exportable list: how to select its rows, its columns and a row's cells."""

    slug: str
    title: str | Promise
    filename: str  # the file's stem, in Indonesian like the other downloads
    columns: Callable[[], list[Column]]
    rows: Callable[[Viewer, QueryDict], QuerySet[Any] | Sequence[Any]]
    values: Callable[[Any], list[Any]]
    check: Callable[[Viewer], None] = _anyone
    # Annotations too heavy to count with, added only to the rows that are written.
    fetch: Callable[[Any, Viewer], Iterable[Any]] | None = None
    # Per chunk of written rows: what is computed in Python rather than in the query.
    prepare: Callable[[list[Any], Viewer], None] | None = None
    # The active filters as "Label: value" for the line above the table.
    describe: Callable[[Viewer, QueryDict], list[str]] = lambda viewer, params: []
    title_lines: bool = True


@dataclass
class Selection:
    """The rows of one export for one viewer, counted."""

    kind: ExportKind
    viewer: Viewer
    params: QueryDict
    rows: Any
    total: int
    filename: str = field(init=False)

    def __post_init__(self) -> None:
        self.filename = f"{self.kind.filename}-{self.viewer.today:%Y%m%d}.xlsx"


def export_kind(slug: str) -> ExportKind:
    """Return the export of that name; 404 for any other."""
    try:
        return EXPORTS[slug]
    except KeyError:
        raise Http404 from None


def select(kind: ExportKind, viewer: Viewer, params: QueryDict) -> Selection:
    """Check the viewer may export the list, then select and count its rows."""
    kind.check(viewer)
    rows = kind.rows(viewer, params)
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    return Selection(kind=kind, viewer=viewer, params=params, rows=rows, total=total)


def _chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def exported_text(viewer: Viewer) -> str:
    """Say when and by whom a workbook was made, for the line above its table."""
    now = timezone.localtime()
    return _("Exported on %(when)s by %(name)s") % {
        "when": f"{now:%d/%m/%Y %H:%M}",
        "name": viewer.person.full_name or viewer.person.username,
    }


def write_xlsx(
    selection: Selection, *, on_progress: Callable[[int, int], None] | None = None
) -> tuple[bytes, int]:
    """Return the workbook and its row count, calling `on_progress(done, total)` per chunk."""
    kind, viewer = selection.kind, selection.viewer
    title_lines: list[str] = []
    if kind.title_lines:
        title_lines = [
            str(kind.title),
            "; ".join([exported_text(viewer), *kind.describe(viewer, selection.params)]),
        ]
    table = XlsxTable(kind.columns(), sheet_title=kind.title, title_lines=title_lines)
    rows = kind.fetch(selection.rows, viewer) if kind.fetch else selection.rows
    if isinstance(rows, QuerySet):
        rows = rows.iterator(chunk_size=CHUNK)
    done = 0
    for chunk in _chunks(rows, CHUNK):
        if kind.prepare:
            kind.prepare(chunk, viewer)
        for row in chunk:
            table.append(kind.values(row))
        done += len(chunk)
        if on_progress:
            on_progress(done, selection.total)
    return table.to_bytes(), done


# --- background exports -----------------------------------------------------------------------


def query_params(params: QueryDict) -> dict[str, list[str]]:
    """Return the query string as JSON keeps it, without the page number, keys sorted."""
    return {key: params.getlist(key) for key in sorted(params) if key != "page"}


def query_dict(data: dict[str, list[str]]) -> QueryDict:
    """Return the query string kept by `query_params` as the list functions read it."""
    return QueryDict(urlencode(data, doseq=True))


def job_selection(job: ExportJob) -> Selection:
    """Select the rows of a queued job again, as its requester sees them on the day asked."""
    viewer = Viewer.of(job.requested_by, on=dt.date.fromisoformat(job.params["today"]))
    return select(export_kind(job.kind), viewer, query_dict(job.params.get("query", {})))


# --- the lists --------------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _label(name: str | Promise, value: object) -> str:
    return f"{name}: {value}"


# Issues: the same workbook as before, without title lines (people sort and pivot on it).


def _issue_rows(viewer: Viewer, params: QueryDict) -> QuerySet[Any]:
    return issue_views.filtered_issues(params, viewer)[0]


def _issue_fetch(rows: QuerySet[Any], viewer: Viewer) -> QuerySet[Any]:
    return issue_views._with_late_requests(rows, viewer.today)


def _issue_prepare(chunk: list[Any], viewer: Viewer) -> None:
    issue_views._mark_deadlines(chunk, viewer.today)


# Action items (rencana tindak lanjut).


def _action_columns() -> list[Column]:
    return [
        Column(_("What"), width=60),
        Column(_("Unit"), width=30),
        Column(_("Due on"), Kind.DATE),
        Column(_("Status"), width=22),
        Column(_("Overdue")),
        Column(_("Meeting"), width=40),
        Column(_("Meeting date"), Kind.DATE, width=14),
        Column(_("Issue"), width=12),
        Column(_("Progress"), width=40),
        Column(_("Done at"), Kind.DATETIME),
        Column(_("Verified at"), Kind.DATETIME),
    ]


def _action_values(item: ActionItem) -> list[Any]:
    return [
        item.description,
        item.unit.name,
        item.due_on,
        item.get_status_display(),
        _yes_no(getattr(item, "late", False)),
        item.meeting.title,
        timezone.localdate(item.meeting.starts_at),
        item.issue.reference if item.issue else "",
        item.progress,
        item.done_at,
        item.verified_at,
    ]


def _action_rows(viewer: Viewer, params: QueryDict) -> QuerySet[ActionItem]:
    return filtered_action_items(params, viewer)[0]


def _action_describe(viewer: Viewer, params: QueryDict) -> list[str]:
    show = params.get("show", "open")
    return [_label(_("Show"), SHOWS.get(show, SHOWS["open"]))]


# Meetings (rapat koordinasi): every meeting the viewer may see, newest first.


def _meeting_columns() -> list[Column]:
    return [
        Column(_("Starts at"), Kind.DATETIME),
        Column(_("Title"), width=50),
        Column(_("Coordinating assistant"), width=36),
        Column(_("Secretariat (Bagian)"), width=36),
        Column(_("Place"), width=30),
        Column(_("Status")),
        Column(_("Series"), width=30),
        Column(_("Agenda items"), Kind.INTEGER),
        Column(_("Action items"), Kind.INTEGER),
        Column(_("Open action items"), Kind.INTEGER),
        Column(_("Letter number"), width=24),
        Column(_("Minutes finalised at"), Kind.DATETIME),
    ]


def _meeting_values(meeting: Meeting) -> list[Any]:
    return [
        meeting.starts_at,
        meeting.title,
        meeting.coordinator.name,
        meeting.secretariat.name,
        meeting.place,
        meeting.get_status_display(),
        meeting.series.title if meeting.series else "",
        getattr(meeting, "item_count", 0),
        getattr(meeting, "action_count", 0),
        getattr(meeting, "open_action_count", 0),
        meeting.letter_number,
        meeting.finalised_at,
    ]


def _meeting_rows(viewer: Viewer, params: QueryDict) -> QuerySet[Meeting]:
    return visible_meetings(viewer).order_by("-starts_at", "-pk")


def _meeting_fetch(rows: QuerySet[Meeting], viewer: Viewer) -> QuerySet[Meeting]:
    return rows.select_related("coordinator", "secretariat", "series").annotate(
        item_count=Count("agenda_items", distinct=True),
        action_count=Count("action_items", distinct=True),
        open_action_count=Count(
            "action_items",
            filter=Q(action_items__status=ActionItem.Status.OPEN),
            distinct=True,
        ),
    )


# Sub kegiatan, judged by their latest month as the list shows them.


def _sub_columns() -> list[Column]:
    return [
        Column(_("Fiscal year"), Kind.INTEGER),
        Column(_("Unit"), width=36),
        Column(_("Code"), width=20),
        Column(_("Sub kegiatan"), width=50),
        Column(_("Program"), width=36),
        Column(_("Kegiatan"), width=36),
        Column(_("Pagu (Rp)"), Kind.MONEY),
        Column(_("PPTK"), width=28),
        Column(_("Month")),
        Column(_("Physical target (%)"), Kind.PERCENT),
        Column(_("Physical realisation (%)"), Kind.PERCENT),
        Column(_("Physical deviation"), Kind.DECIMAL, number_format=DEVIATION_FORMAT),
        Column(_("Financial target (%)"), Kind.PERCENT),
        Column(_("Financial realisation (Rp)"), Kind.MONEY),
        Column(_("Financial realisation (%)"), Kind.PERCENT),
        Column(_("Financial deviation"), Kind.DECIMAL, number_format=DEVIATION_FORMAT),
        Column(_("Status")),
        Column(_("Kontrak kritis")),
    ]


def _sub_values(row: SubRow) -> list[Any]:
    sub, progress = row.sub, row.progress
    status = STATUS_FILTERS.get(row.status or "")
    return [
        sub.year,
        sub.unit.name,
        sub.code,
        sub.name,
        sub.program_name,
        sub.activity_name,
        sub.pagu,
        sub.pptk.full_name if sub.pptk else "",
        row.month_name if progress.reported else "",
        progress.target_physical,
        progress.real_physical,
        progress.dev_physical,
        progress.target_financial_pct,
        progress.real_financial,
        progress.real_financial_pct,
        progress.dev_financial,
        str(status) if status else "",
        _yes_no(progress.kritis),
    ]


def _sub_rows(viewer: Viewer, params: QueryDict) -> list[SubRow]:
    return filtered_sub_rows(params, viewer)[0]


def _sub_describe(viewer: Viewer, params: QueryDict) -> list[str]:
    state = sub_list_state(params, viewer.today)
    labels = [_label(_("Fiscal year"), state["year"])]
    unit = Unit.objects.filter(pk=state["unit"]).first() if state["unit"] else None
    if unit is not None:
        labels.append(_label(_("Unit"), unit.name))
    if state["status"] in STATUS_FILTERS:
        labels.append(_label(_("Status"), STATUS_FILTERS[state["status"]]))
    return labels


# The organisation: units and people.


def _unit_columns() -> list[Column]:
    return [
        Column(_("Unit"), width=45),
        Column(_("Short name"), width=16),
        Column(_("Kind"), width=22),
        Column(_("Part of"), width=36),
        Column(_("Coordinating assistant"), width=36),
        Column(_("SIPD code"), width=16),
        Column(_("Telephone"), width=18),
        Column(_("Email"), width=28),
        Column(_("Active")),
    ]


def _unit_values(unit: Unit) -> list[Any]:
    coordinator = getattr(unit, "coordinator_now", None)
    return [
        unit.name,
        unit.short_name,
        unit.get_kind_display(),
        unit.parent.name if unit.parent else "",
        coordinator.name if coordinator else "",
        unit.sipd_code,
        unit.phone,
        unit.email,
        _yes_no(unit.is_active),
    ]


def _unit_rows(viewer: Viewer, params: QueryDict) -> list[Unit]:
    return filtered_units(params, viewer)


def _unit_describe(viewer: Viewer, params: QueryDict) -> list[str]:
    labels = []
    if text := params.get("q", "").strip():
        labels.append(_label(_("Search"), text))
    if (kind := params.get("kind", "")) in Unit.Kind.values:
        labels.append(_label(_("Kind"), Unit.Kind(kind).label))
    return labels


def _person_columns() -> list[Column]:
    return [
        Column(_("Name"), width=36),
        Column(_("NIP"), width=21),
        Column(_("Position"), width=40),
        Column(_("Rank"), width=24),
        Column(_("Roles"), width=50),
        Column(_("Mobile (WhatsApp)"), width=18),
        Column(_("Email"), width=30),
    ]


def _person_values(person: Person) -> list[Any]:
    roles = []
    for a in getattr(person, "current", []):
        text = f"{a.get_role_display()} · {a.unit.short_name}"
        if a.capacity != a.Capacity.DEFINITIVE:
            text += f" ({a.get_capacity_display()})"
        roles.append(text)
    return [
        person.full_name,
        person.nip or "",  # text: an 18-digit NIP would lose digits as a number
        person.position,
        person.rank,
        "; ".join(roles),
        person.phone,
        person.email,
    ]


def _person_rows(viewer: Viewer, params: QueryDict) -> QuerySet[Person]:
    return filtered_people(params, viewer)


def _search_describe(viewer: Viewer, params: QueryDict) -> list[str]:
    text = params.get("q", "").strip()
    return [_label(_("Search"), text)] if text else []


# The administrator's delivery log.


def _delivery_columns() -> list[Column]:
    return [
        Column(_("Created at"), Kind.DATETIME),
        Column(_("Channel")),
        Column(_("Recipient"), width=30),
        Column(_("Address"), width=30),
        Column(_("Notification"), width=50),
        Column(_("Status")),
        Column(_("Attempts"), Kind.INTEGER),
        Column(_("Sent at"), Kind.DATETIME),
        Column(_("Last error"), width=50),
    ]


def _delivery_values(delivery: Delivery) -> list[Any]:
    notification = delivery.notification
    return [
        delivery.created_at,
        delivery.get_channel_display(),
        notification.recipient.full_name,
        delivery.address,
        notification.title,
        delivery.get_status_display(),
        delivery.attempts,
        delivery.sent_at,
        delivery.last_error,
    ]


def _delivery_rows(viewer: Viewer, params: QueryDict) -> QuerySet[Delivery]:
    return filtered_deliveries(params)[0]


def _delivery_describe(viewer: Viewer, params: QueryDict) -> list[str]:
    form = filtered_deliveries(params)[1]
    if not form.is_valid():
        return []
    labels = []
    for name, bound in form.cleaned_data.items():
        if not bound:
            continue
        value = bound
        if isinstance(bound, dt.date):
            value = f"{bound:%d/%m/%Y}"
        elif name in ("channel", "status"):
            value = dict(form.fields[name].choices).get(bound, bound)  # type: ignore[attr-defined]
        labels.append(_label(form.fields[name].label or name, value))
    return labels


EXPORTS: dict[str, ExportKind] = {
    kind.slug: kind
    for kind in (
        ExportKind(
            slug="issues",
            title=gettext_lazy("Issues"),
            filename="permasalahan",
            columns=issue_columns,
            rows=_issue_rows,
            values=issue_values,
            fetch=_issue_fetch,
            prepare=_issue_prepare,
            title_lines=False,
        ),
        ExportKind(
            slug="action-items",
            title=gettext_lazy("Action items"),
            filename="rencana-tindak-lanjut",
            columns=_action_columns,
            rows=_action_rows,
            values=_action_values,
            describe=_action_describe,
        ),
        ExportKind(
            slug="meetings",
            title=gettext_lazy("Coordination meetings"),
            filename="rapat-koordinasi",
            columns=_meeting_columns,
            rows=_meeting_rows,
            values=_meeting_values,
            fetch=_meeting_fetch,
        ),
        ExportKind(
            slug="sub-activities",
            title=gettext_lazy("Sub kegiatan"),
            filename="sub-kegiatan",
            columns=_sub_columns,
            rows=_sub_rows,
            values=_sub_values,
            describe=_sub_describe,
        ),
        ExportKind(
            slug="units",
            title=gettext_lazy("Units"),
            filename="unit-kerja",
            columns=_unit_columns,
            rows=_unit_rows,
            values=_unit_values,
            describe=_unit_describe,
        ),
        ExportKind(
            slug="people",
            title=gettext_lazy("People"),
            filename="daftar-pegawai",
            columns=_person_columns,
            rows=_person_rows,
            values=_person_values,
            describe=_search_describe,
        ),
        ExportKind(
            slug="deliveries",
            title=gettext_lazy("Delivery log"),
            filename="log-pengiriman",
            columns=_delivery_columns,
            rows=_delivery_rows,
            values=_delivery_values,
            check=_admin_only,
            describe=_delivery_describe,
        ),
    )
}
