"""Small helpers shared by the issue view tests: real issues built through the services."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse

from tuntas.issues import services
from tuntas.issues.models import Category, Issue, IssueRequest, Response
from tuntas.org.access import Viewer
from tuntas.org.models import Person, Unit
from tuntas.testing.personas import Org

WIB = ZoneInfo("Asia/Jakarta")
# A Tuesday morning in Payakumbuh; tests freeze the clock here.
NOW = dt.datetime(2026, 5, 12, 10, 0, tzinfo=WIB)
TODAY = NOW.date()
LONG_AGO = NOW - dt.timedelta(days=30)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64

REQUIRED = "Bidang ini tidak boleh kosong."  # Django's own Indonesian "This field is required."


def viewer(person: Person) -> Viewer:
    return Viewer.of(person)


def login_redirect(response: HttpResponse, url: str) -> bool:
    """Whether the response sends an anonymous visitor to the login page, and back."""
    return response.status_code == 302 and response["Location"] == (
        f"{reverse(settings.LOGIN_URL)}?next={quote(url)}"
    )


# --- files ------------------------------------------------------------------------------------


def upload(name: str, content: bytes = PNG, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# --- issues in a real state -------------------------------------------------------------------

HANDLER = {"PUPR": "asisten2", "PDAM": "asisten2"}


def report(
    org: Org,
    *,
    by: Person | None = None,
    title: str = "Pipa PDAM menghalangi pelebaran Jl. Sudirman",
    chronology: str = "Saat penggalian ditemukan pipa transmisi PDAM di bawah trotoar.",
    category: str = "utilitas",
    urgency: str = Issue.Urgency.MEDIUM,
    unit: Unit | None = None,
    first_met_on: dt.date | None = None,
) -> Issue:
    """Save a draft reported by a person of the reporting unit (the PUPR operator by default)."""
    by = by or org.pupr_operator
    who = viewer(by)
    issue = Issue(
        title=title,
        chronology=chronology,
        category=Category.objects.get(code=category),
        urgency=urgency,
        first_met_on=first_met_on or TODAY - dt.timedelta(days=3),
        reporting_unit=unit or who.units[0],
    )
    return services.issue_create(issue=issue, by=who)


def advance(org: Org, issue: Issue, state: str) -> Issue:
    """Take a draft through the services to a named state.

    States: draft, submitted, needs_info, in_progress (Asisten level), secretary, head,
    settled (at the Asisten level), confirmed, closed (not relevant), withdrawn.
    """
    reporter = viewer(issue.reported_by)
    if state == "draft":
        return issue
    issue = services.issue_submit(issue=issue, by=reporter)
    if state == "submitted":
        return issue
    if state == "withdrawn":
        return services.issue_withdraw(issue=issue, by=reporter, reason="Salah input.")
    handler = viewer(getattr(org, HANDLER[issue.reporting_unit.short_name]))
    if state == "needs_info":
        return services.issue_return(issue=issue, by=handler, question="Di ruas mana persisnya?")
    if state == "closed":
        return services.issue_close(issue=issue, by=handler, reason="Bukan kewenangan daerah.")
    issue = services.issue_accept(issue=issue, by=handler)
    if state == "in_progress":
        return issue
    if state in ("settled", "confirmed"):
        issue = services.issue_settle(issue=issue, by=handler, resolution="Pipa dipindahkan.")
        if state == "confirmed":
            issue = services.issue_confirm(issue=issue, by=reporter)
        return issue
    issue = services.issue_escalate(issue=issue, by=handler, reason="Butuh keputusan Sekda.")
    if state == "secretary":
        return issue
    issue = services.issue_escalate(issue=issue, by=viewer(org.sekda), reason="Butuh Wali Kota.")
    if state == "head":
        return issue
    raise ValueError(state)


def make_issue(org: Org, state: str = "submitted", **fields: object) -> Issue:
    return advance(org, report(org, **fields), state)


def ask(
    org: Org,
    issue: Issue,
    unit: Unit | None = None,
    *,
    by: Person | None = None,
    need: str = "Mohon PDAM memindahkan pipa transmisi.",
    due_on: dt.date | None = None,
) -> IssueRequest:
    """Ask a unit (PDAM by default) for help, as the reporter."""
    return services.request_create(
        issue=issue,
        by=viewer(by or issue.reported_by),
        unit=unit or org.pdam,
        need=need,
        due_on=due_on or TODAY + dt.timedelta(days=14),
    )


def answer(
    request: IssueRequest, by: Person, body: str = "Sedang kami survei.", files=()
) -> Response:
    return services.response_add(
        request=request,
        by=viewer(by),
        body=body,
        files=list(files),
        content_types=["image/png"] * len(files),
    )


def attach(issue: Issue, by: Person, name: str = "foto.png", content: bytes = PNG):
    return services.attachments_add(
        issue=issue, files=[upload(name, content)], content_types=["image/png"], by=viewer(by)
    )[0]


def kinds(issue: Issue) -> list[str]:
    return list(issue.events.values_list("kind", flat=True))


# --- reading pages ----------------------------------------------------------------------------


class _FieldErrors(HTMLParser):
    """Collect the error texts inside the field group `<div id="field-NAME">`."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.target = f"field-{name}"
        self.depth = 0  # open divs inside the field group, 0 when outside
        self.in_error = 0
        self.errors: list[str] = []
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        values = dict(attrs)
        if self.depth:
            self.depth += 1
            if "invalid-feedback" in (values.get("class") or ""):
                self.in_error = self.depth
                self.errors.append("")
        elif values.get("id") == self.target:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or not self.depth:
            return
        if self.in_error == self.depth:
            self.in_error = 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_error:
            self.errors[-1] += data


def field_errors(response: HttpResponse, name: str) -> list[str]:
    """Return the errors shown next to one field of the page's form (fails if no such field)."""
    parser = _FieldErrors(name)
    parser.feed(response.content.decode())
    assert parser.found, f"no field group for {name!r} in the page"
    return [" ".join(e.split()) for e in parser.errors]


def messages_of(response: HttpResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def textarea(response: HttpResponse, name: str) -> str:
    """Return the text inside the textarea of a field, as the browser will show it."""
    match = re.search(
        rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', response.content.decode(), re.S
    )
    assert match, f"no textarea {name!r}"
    return unescape(match.group(1)).strip("\n")
