"""A meeting's documents: models turned into the documents' data, then into PDF and iCalendar.

The letters are naskah dinas: their wording is fixed Indonesian text, whatever language the
person who prints them uses, so the text below is not translated and every date, status and
label is formatted in Indonesian.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import parseaddr
from typing import Literal, cast

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import formats, timezone, translation

from tuntas.documents import render
from tuntas.documents.render import (
    AttendanceRow,
    AttendanceSheet,
    BriefingItem,
    BriefingPack,
    BriefingPlan,
    Invitation,
    Letterhead,
    Minutes,
    MinutesItem,
    Signatory,
    time_span,
)
from tuntas.issues.models import Event, IssueRequest, Policy, Response
from tuntas.issues.queries import deadline
from tuntas.lib.dates import format_date
from tuntas.lib.ical import CalendarEvent, invitation_ics
from tuntas.lib.money import format_rupiah
from tuntas.lib.workdays import calendar
from tuntas.meetings import services
from tuntas.meetings.models import ActionItem, AgendaItem, DraftActionItem, Meeting
from tuntas.org.models import Government, Person, RoleAssignment, Unit
from tuntas.plans import services as plan_services
from tuntas.plans.charts import s_curve_svg
from tuntas.plans.models import Progress, SubActivity

Role = RoleAssignment.Role
LANGUAGE = "id"
DEFAULT_KLASIFIKASI = "000.1.6"
BLANK_ROWS = 5
# Timeline events worth a line in the briefing pack (edits and attachments are left out).
KEY_EVENTS = {
    Event.Kind.SUBMITTED,
    Event.Kind.RETURNED,
    Event.Kind.ACCEPTED,
    Event.Kind.REQUEST_ADDED,
    Event.Kind.REQUEST_DECLINED,
    Event.Kind.REQUEST_DONE,
    Event.Kind.ESCALATION_PROPOSED,
    Event.Kind.ESCALATED,
    Event.Kind.DEESCALATED,
    Event.Kind.SETTLED,
    Event.Kind.REOPENED,
}
HEAD_TITLES = {
    Government.Level.CITY: "Wali Kota",
    Government.Level.REGENCY: "Bupati",
    Government.Level.PROVINCE: "Gubernur",
}
REGION_KINDS = {
    Government.Level.CITY: "Kota",
    Government.Level.REGENCY: "Kabupaten",
    Government.Level.PROVINCE: "Provinsi",
}
OPENING = (
    "Dalam rangka koordinasi penyelesaian permasalahan pelaksanaan program dan kegiatan di "
    "lingkungan {government}, bersama ini kami mengundang Bapak/Ibu/Saudara untuk menghadiri "
    "{title} yang akan dilaksanakan pada:"
)
CLOSING = (
    "Mengingat pentingnya acara dimaksud, diharapkan kehadiran Bapak/Ibu/Saudara tepat pada "
    "waktunya. Demikian disampaikan, atas perhatian dan kehadirannya diucapkan terima kasih."
)


@contextmanager
def _indonesian() -> Iterator[None]:
    with translation.override(LANGUAGE):
        yield


def _long_date(day: dt.date | dt.datetime) -> str:
    """Return "8 Desember 2026" (a letter's date, without the weekday)."""
    if isinstance(day, dt.datetime):
        day = timezone.localdate(day)
    return formats.date_format(day, "j F Y")


def format_nip(nip: str | None) -> str | None:
    """Return an NIP grouped as printed: "19700515 200003 1 002"."""
    if not nip:
        return None
    digits = "".join(nip.split())
    if len(digits) != 18 or not digits.isdigit():
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


# --- letterhead and signatures ---------------------------------------------------------------


def _government() -> Government:
    return Government.current() or Government(name="", region_name="", address="")


def head_title(government: Government) -> str:
    """Return "Wali Kota Payakumbuh", "Bupati Lima Puluh Kota" or "Gubernur Sumatera Barat"."""
    level = Government.Level(government.level) if government.level else Government.Level.CITY
    return f"{HEAD_TITLES[level]} {government.region_name}".strip()


def region_title(government: Government) -> str:
    """Return "Kota Payakumbuh"."""
    level = Government.Level(government.level) if government.level else Government.Level.CITY
    return f"{REGION_KINDS[level]} {government.region_name}".strip()


def _logo_png(government: Government) -> bytes | None:
    if not government.logo:
        return None
    try:
        with government.logo.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError, ValueError):
        return None
    # The renderer takes PNG only; another image type is left out rather than failing a letter.
    return content if content.startswith(render.PNG_SIGNATURE) else None


def letterhead(unit: Unit | None = None) -> Letterhead:
    """Return the kop surat of the government, optionally naming one of its units."""
    government = _government()
    place = " ".join(p for p in (government.region_name, government.postal_code) if p)
    address = ", ".join(p for p in (government.address, place) if p)
    return Letterhead(
        government_name=government.name,
        region_name=government.region_name,
        address=address,
        phone=government.phone,
        email=government.email,
        website=government.website,
        logo_png=_logo_png(government),
        unit_name=unit.name if unit is not None else None,
    )


def _meeting_letterhead(meeting: Meeting) -> Letterhead:
    # Letters of the Asisten go out under the Setda's kop.
    setda = meeting.coordinator.parent if meeting.coordinator.parent_id else None
    return letterhead(setda)


def _title_line(assignment: RoleAssignment) -> str:
    title = (assignment.position_title or assignment.person.position or "").upper()
    return f"{assignment.capacity_prefix}{title},".strip()


def _chair_assignment(meeting: Meeting) -> RoleAssignment | None:
    """Return the role the chair signs in: Asisten (of this meeting first), Sekda or head."""
    on = meeting.letter_date or timezone.localdate()
    rows = list(
        RoleAssignment.objects.active(on)
        .filter(
            person=meeting.chair_id,
            role__in=[Role.COORDINATOR, Role.SECRETARY_GENERAL, Role.HEAD],
        )
        .select_related("person", "unit")
        .order_by("-valid_from")
    )
    rank = {Role.COORDINATOR: 0, Role.SECRETARY_GENERAL: 1, Role.HEAD: 2}
    rows.sort(key=lambda r: (rank[Role(r.role)], r.unit_id != meeting.coordinator_id))
    return rows[0] if rows else None


def signatory_for(meeting: Meeting) -> Signatory:
    """Return the chair's signature block with the a.n./u.b./Plt. lines that apply."""
    person = meeting.chair
    head = head_title(_government()).upper()
    role = _chair_assignment(meeting)
    if role is None:
        lines = [f"{person.position.upper()},"] if person.position else []
    elif role.role == Role.COORDINATOR:
        lines = [f"a.n. {head}", "SEKRETARIS DAERAH,", "u.b.", _title_line(role)]
    elif role.role == Role.SECRETARY_GENERAL:
        lines = [f"a.n. {head}", f"{role.capacity_prefix}SEKRETARIS DAERAH,"]
    else:
        lines = [_title_line(role)]
    return _signatory(person, lines)


def chair_title(meeting: Meeting) -> str:
    """Return who chairs as the notula names it: "Plt. Asisten Perekonomian dan Pembangunan"."""
    role = _chair_assignment(meeting)
    title = role.signature_title if role is not None else meeting.chair.position
    return title or meeting.chair.full_name


def _signatory(person: Person, lines: list[str]) -> Signatory:
    return Signatory(
        title_lines=lines, name=person.full_name, rank=person.rank, nip=format_nip(person.nip)
    )


def invitee_title(unit: Unit, region: str = "") -> str:
    """Return who a letter addresses in a unit: "Kepala Dinas … Kota Payakumbuh", "Camat …"."""
    name = unit.name
    if region and unit.kind in (Unit.Kind.AGENCY, Unit.Kind.ENTERPRISE) and region not in name:
        name = f"{name} {region}"
    if unit.kind == Unit.Kind.ENTERPRISE:
        return f"Direktur {name}"
    if unit.kind == Unit.Kind.DISTRICT:
        return f"Camat {name.removeprefix('Kecamatan ').strip()}"
    if unit.kind == Unit.Kind.SUBDISTRICT:
        return f"Lurah {name.removeprefix('Kelurahan ').strip()}"
    if unit.kind in (Unit.Kind.ASSISTANT, Unit.Kind.HEAD):
        return name
    return f"Kepala {name}"


def _numbered_lines(lines: list[str]) -> list[str]:
    """End each line of a list with ";" and the last with "."."""
    return [
        f"{line.rstrip(';.')}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines)
    ]


def _place(meeting: Meeting) -> str:
    if meeting.place and meeting.online_link:
        return f"{meeting.place} (daring: {meeting.online_link})"
    return meeting.place or meeting.online_link or "-"


def _agenda_titles(meeting: Meeting) -> list[str]:
    return [item.title for item in meeting.agenda_items.all()]


# --- invitation ------------------------------------------------------------------------------


def invitation_data(meeting: Meeting) -> Invitation:
    """Return the Undangan letter of a meeting (a preview without number before sending)."""
    with _indonesian():
        government = _government()
        invitations = list(meeting.invitations.select_related("unit"))
        invitees = [invitee_title(i.unit, region_title(government)) for i in invitations]
        letter_date = meeting.letter_date or timezone.localdate()
        return Invitation(
            letterhead=_meeting_letterhead(meeting),
            place_and_date=f"{government.region_name}, {_long_date(letter_date)}",
            number=meeting.letter_number,
            nature="Penting",
            attachment="1 (satu) lembar" if invitees else "-",
            subject=f"Undangan {meeting.title}" if meeting.title else "Undangan Rapat",
            addressee="Yth. Daftar Terlampir" if invitees else "Yth. Peserta Rapat",
            addressee_place="di Tempat",
            opening=OPENING.format(government=government.name, title=meeting.title),
            day_date=format_date(meeting.starts_at, LANGUAGE),
            time=time_span(meeting.starts_at),
            place=_place(meeting),
            agenda=_agenda_titles(meeting),
            closing=CLOSING,
            signatory=signatory_for(meeting),
            copies=[
                f"Yth. {head_title(government)} (sebagai laporan);",
                f"Yth. Sekretaris Daerah {region_title(government)}.",
            ],
            invitees=_numbered_lines(invitees),
        )


def invitation_pdf_bytes(meeting: Meeting) -> bytes:
    return render.invitation_pdf(invitation_data(meeting))


# --- briefing pack ---------------------------------------------------------------------------


def _answer(request: IssueRequest) -> str:
    responses = list(request.responses.all())
    if responses:
        return responses[-1].body
    return request.done_note or request.decline_reason or ""


def _briefing_plan(sub: SubActivity | None) -> BriefingPlan | None:
    """The sub kegiatan's latest month against target and its S-curve, for the briefing pack."""
    if sub is None:
        return None
    # Imported here: the realisation report itself renders through this module.
    from tuntas.plans.reports import STATUS_WORDS, percent_text

    limits = plan_services.thresholds()
    month = plan_services.latest_month(sub, timezone.localdate())
    now = Progress(sub, month, limits)
    return BriefingPlan(
        name=sub.name,
        code=sub.code,
        unit=sub.unit.name,
        pagu=format_rupiah(sub.pagu),
        month=f"{plan_services.MONTH_NAMES[month]} {sub.year}",
        target_physical=percent_text(now.target_physical),
        real_physical=percent_text(now.real_physical),
        target_financial=percent_text(now.target_financial_pct),
        real_financial=percent_text(now.real_financial_pct),
        deviation_physical=percent_text(now.dev_physical),
        deviation_financial=percent_text(now.dev_financial),
        status=STATUS_WORDS.get(now.status or "", "Belum dilaporkan"),
        chart_svg=s_curve_svg(
            [Progress(sub, m, limits) for m in range(1, 13)],
            title=sub.name,
            chart_id=f"s-curve-{sub.pk}",
        ),
    )


def _briefing_item(number: int, item: AgendaItem, policy: Policy) -> BriefingItem:
    issue = item.issue
    plan = _briefing_plan(item.sub_activity or (issue.sub_activity if issue else None))
    units = ", ".join(u.name for u in item.units.all())
    if issue is None:
        action = item.action_item
        if action is not None:
            summary = (
                f"{action.description}\nPenanggung jawab: {action.unit.name}; batas waktu "
                f"{format_date(action.due_on, LANGUAGE)}."
            )
            if action.progress:
                summary += f"\nProgres: {action.progress}"
            status, owner = action.get_status_display(), action.unit.name
            due = format_date(action.due_on, LANGUAGE)
        else:
            summary, status, owner, due = item.reason or "-", "-", units or "-", None
        return BriefingItem(
            number=number,
            title=item.title,
            reporting_unit=owner,
            status=str(status),
            level="-",
            summary=summary,
            parties=[],
            key_events=[],
            deadline=due,
            plan=plan,
        )
    summary = issue.chronology
    if item.action_item is not None:
        summary = f"Tindak lanjut: {item.action_item.description}\n\n{summary}"
    day = deadline(issue, policy=policy, cal=calendar())
    return BriefingItem(
        number=number,
        title=item.title,
        reporting_unit=issue.reporting_unit.name,
        status=str(issue.get_status_display()),
        level=str(issue.get_level_display()),
        summary=summary,
        parties=[
            (r.unit.name, str(r.get_status_display()), _answer(r)) for r in issue.requests.all()
        ],
        key_events=[
            (
                _long_date(e.at),
                f"{e.get_kind_display()}"
                + (f" ({e.actor.full_name})" if e.actor else "")
                + (f": {e.note[:300]}" if e.note else ""),
            )
            for e in issue.events.all()
            if e.kind in KEY_EVENTS
        ],
        deadline=format_date(day, LANGUAGE) if day else None,
        plan=plan,
    )


def briefing_data(meeting: Meeting) -> BriefingPack:
    """Return the briefing pack: per agenda item the issue, its parties and its key events."""
    subs = SubActivity.objects.all()
    with _indonesian():
        items = meeting.agenda_items.select_related(
            "issue__reporting_unit", "action_item__unit"
        ).prefetch_related(
            "units",
            Prefetch(
                "issue__requests",
                queryset=IssueRequest.objects.select_related("unit").prefetch_related(
                    Prefetch("responses", queryset=Response.objects.order_by("created_at", "pk"))
                ),
            ),
            Prefetch("issue__events", queryset=Event.objects.select_related("actor")),
            Prefetch("sub_activity", queryset=plan_services.with_progress_data(subs)),
            Prefetch("issue__sub_activity", queryset=plan_services.with_progress_data(subs)),
        )
        policy = Policy.current()
        return BriefingPack(
            letterhead=_meeting_letterhead(meeting),
            meeting_title=meeting.title,
            day_date=format_date(meeting.starts_at, LANGUAGE),
            time=time_span(meeting.starts_at),
            place=_place(meeting),
            items=[_briefing_item(n, item, policy) for n, item in enumerate(items, start=1)],
        )


def briefing_pdf_bytes(meeting: Meeting) -> bytes:
    return render.briefing_pdf(briefing_data(meeting))


# --- attendance ------------------------------------------------------------------------------


def attendance_data(meeting: Meeting) -> AttendanceSheet:
    """Return the daftar hadir: who checked in, then who is expected from each invited unit."""
    with _indonesian():
        rows = [
            AttendanceRow(
                name=a.name,
                nip=format_nip(a.nip),
                position=a.position,
                agency=a.unit.name,
                representing=a.representing or None,
            )
            for a in meeting.attendances.select_related("unit")
        ]
        present = {a.unit_id for a in meeting.attendances.all()}
        expected = [
            i
            for i in meeting.invitations.select_related("unit")
            if i.unit_id not in present and i.reply != i.Reply.ABSENT
        ]
        heads = {
            r.unit_id: r
            for r in RoleAssignment.objects.active(timezone.localdate(meeting.starts_at))
            .filter(
                unit__in=[i.unit_id for i in expected],
                role__in=[Role.UNIT_HEAD, Role.PARTNER, Role.COORDINATOR],
                person__is_active=True,
            )
            .select_related("person")
            .order_by("valid_from")
        }
        for invitation in expected:
            head = heads.get(invitation.unit_id)
            head_title = (head.signature_title if head else "") or invitee_title(invitation.unit)
            if invitation.reply == invitation.Reply.REPRESENTED:
                rows.append(
                    AttendanceRow(
                        name=invitation.representative_name,
                        nip=None,
                        position=invitation.representative_position,
                        agency=invitation.unit.name,
                        representing=head_title,
                    )
                )
            elif head is not None:
                rows.append(
                    AttendanceRow(
                        name=head.person.full_name,
                        nip=format_nip(head.person.nip),
                        position=head_title,
                        agency=invitation.unit.name,
                    )
                )
            else:
                rows.append(
                    AttendanceRow(name="", nip=None, position="", agency=invitation.unit.name)
                )
        return AttendanceSheet(
            letterhead=_meeting_letterhead(meeting),
            meeting_title=meeting.title,
            day_date=format_date(meeting.starts_at, LANGUAGE),
            time=time_span(meeting.starts_at),
            place=_place(meeting),
            rows=rows,
            blank_rows=BLANK_ROWS,
        )


def attendance_pdf_bytes(meeting: Meeting) -> bytes:
    return render.attendance_pdf(attendance_data(meeting))


# --- minutes ---------------------------------------------------------------------------------


def minutes_data(meeting: Meeting) -> Minutes:
    """Return the notula: items with decisions and action items, summary and signatures.

    Final minutes list the meeting's ActionItems; before finalising, the planned ones.
    """
    with _indonesian():
        final = meeting.status == Meeting.Status.FINAL
        items = list(
            meeting.agenda_items.prefetch_related(
                Prefetch("action_items", queryset=ActionItem.objects.select_related("unit")),
                Prefetch("draft_actions", queryset=DraftActionItem.objects.select_related("unit")),
            )
        )
        attendances = list(meeting.attendances.select_related("unit"))
        if attendances:
            participants = [
                f"{a.name} ({a.unit.short_name})"
                + (f", mewakili {a.representing}" if a.representing else "")
                for a in attendances
            ]
        else:
            participants = [
                invitee_title(i.unit)
                for i in meeting.invitations.select_related("unit")
                if i.reply != i.Reply.ABSENT
            ]
        notulis = meeting.notulis
        return Minutes(
            letterhead=_meeting_letterhead(meeting),
            meeting_title=meeting.title,
            day_date=format_date(meeting.starts_at, LANGUAGE),
            time=time_span(meeting.starts_at, meeting.ends_at),
            place=_place(meeting),
            agenda=[item.title for item in items],
            chair=chair_title(meeting),
            notulis=(
                f"{notulis.full_name} ({meeting.secretariat.name})" if notulis is not None else "-"
            ),
            participants=participants,
            items=[
                MinutesItem(
                    number=n,
                    title=item.title,
                    discussion=item.discussion,
                    decisions=item.decision_lines,
                    actions=[
                        (a.description, a.unit.name, format_date(a.due_on, LANGUAGE))
                        for a in (item.action_items.all() if final else item.draft_actions.all())
                    ],
                )
                for n, item in enumerate(items, start=1)
            ],
            summary=meeting.summary,
            signatory_chair=signatory_for(meeting),
            signatory_notulis=_signatory(notulis, ["Notulis,"]) if notulis is not None else None,
        )


def minutes_pdf_bytes(meeting: Meeting) -> bytes:
    return render.minutes_pdf(minutes_data(meeting))


def as_sent(kept: FieldFile, render_pdf: Callable[[Meeting], bytes], meeting: Meeting) -> bytes:
    """Return a document as it went out; made now only for meetings from before it was kept."""
    if kept:
        with kept.open("rb") as handle:
            return handle.read()
    return render_pdf(meeting)


# --- calendar --------------------------------------------------------------------------------


def meeting_event(meeting: Meeting) -> CalendarEvent:
    """Return the meeting as calendar apps see it (the same UID across reschedules)."""
    with _indonesian():
        name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        contacts = services.unit_contacts(meeting.invitations.values_list("unit_id", flat=True))
        agenda = _agenda_titles(meeting)
        lines = []
        if meeting.letter_number:
            lines.append(f"Undangan nomor {meeting.letter_number}")
        if agenda:
            lines.append("Acara:")
            lines += [f"{n}. {title}" for n, title in enumerate(agenda, start=1)]
        if meeting.online_link:
            lines.append(f"Tautan daring: {meeting.online_link}")
        return CalendarEvent(
            uid=str(meeting.uid),
            sequence=meeting.sequence,
            start=meeting.starts_at,
            end=meeting.end,
            summary=meeting.title,
            location=meeting.place or meeting.online_link,
            description="\n".join(lines),
            url=settings.SITE_URL + reverse("meetings:detail", args=[meeting.pk]),
            organizer_email=address or "tuntas@localhost",
            organizer_name=name or "Tuntas",
            attendees=[(p.email, p.full_name) for p in contacts if p.email],
            status="CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED",
        )


def meeting_ics(meeting: Meeting, method: str) -> bytes:
    """Return the iTIP message (REQUEST or CANCEL) of a meeting."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"method must be REQUEST or CANCEL, not {method!r}")
    return invitation_ics(
        meeting_event(meeting),
        method=cast(Literal["REQUEST", "CANCEL"], method),
        zone=settings.TIME_ZONE,
    )
