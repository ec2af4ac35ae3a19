import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tuntas.issues.access import visible_issues
from tuntas.issues.demo import ISSUES, issues_demo_load
from tuntas.issues.models import Attachment, Event, Issue, IssueRequest, Level, Policy, Response
from tuntas.issues.queries import overdue_q
from tuntas.lib.workdays import calendar
from tuntas.notifications.models import Delivery, Notification
from tuntas.org.access import Viewer
from tuntas.org.demo import demo_load
from tuntas.org.models import Person

Kind = Event.Kind
MODELS = [Issue, IssueRequest, Response, Event, Attachment, Notification, Delivery]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load both demos once for this module, in a transaction rolled back at its end.

    Each test still runs in its own savepoint (the `db` fixture), so one test's changes never
    reach the next; the load itself takes a few seconds, hence not once per test.
    """
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        demo_load()
        yield issues_demo_load()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def overdue() -> list[Issue]:
    q = overdue_q(today=timezone.localdate(), policy=Policy.current(), cal=calendar())
    return list(Issue.objects.filter(q))


def test_it_loads_a_few_dozen_issues_with_their_history(loaded):
    assert loaded["issues"] == len(ISSUES) == Issue.objects.count()
    assert 30 <= len(ISSUES) <= 40
    assert loaded["skipped"] == 0
    assert loaded["requests"] == IssueRequest.objects.count() > 30
    assert loaded["responses"] == Response.objects.count() > 20
    assert loaded["events"] == Event.objects.count()
    assert loaded["notifications"] == Notification.objects.count() > 0


def test_every_state_appears(loaded):
    statuses = set(Issue.objects.values_list("status", flat=True))
    assert statuses == set(Issue.Status.values)
    assert set(IssueRequest.objects.values_list("status", flat=True)) == set(
        IssueRequest.Status.values
    )
    assert set(Issue.objects.values_list("closure", flat=True)) - {""} == set(Issue.Closure.values)
    open_levels = set(Issue.objects.open().values_list("level", flat=True))
    assert {Level.ASSISTANT, Level.SECRETARY, Level.HEAD} <= open_levels
    settled_levels = set(
        Issue.objects.filter(status=Issue.Status.SETTLED).values_list("settled_level", flat=True)
    )
    assert {Level.UNIT, Level.ASSISTANT, Level.SECRETARY} <= settled_levels
    settled = Issue.objects.filter(status=Issue.Status.SETTLED)
    assert settled.filter(confirmed_at__isnull=False).exists()
    assert settled.filter(confirmed_at__isnull=True).exists()
    reopened = Issue.objects.filter(events__kind=Kind.REOPENED)
    assert reopened.filter(status=Issue.Status.IN_PROGRESS).exists()
    assert Issue.objects.filter(events__kind=Kind.DEESCALATED).exists()
    assert Issue.objects.filter(escalation_proposed_at__isnull=False).exists()
    assert IssueRequest.objects.filter(status=IssueRequest.Status.DECLINED).exclude(
        decline_reason=""
    )
    assert not IssueRequest.objects.filter(status=IssueRequest.Status.DONE, done_note="").exists()


def test_the_three_asisten_and_several_units_are_involved(loaded):
    coordinators = set(Issue.objects.values_list("coordinator__short_name", flat=True))
    assert {"ASISTEN1", "ASISTEN2", "ASISTEN3"} <= coordinators
    assert Issue.objects.values("reporting_unit").distinct().count() >= 10
    assert {"PDAM", "BPN", "DPMPTSP", "BKD", "PLN"} <= set(
        IssueRequest.objects.values_list("unit__short_name", flat=True)
    )


def test_some_issues_are_overdue_and_some_not(loaded):
    late = overdue()

    assert late
    assert len(late) < Issue.objects.open().count()


def test_history_spreads_over_months_and_is_consistent(loaded):
    now = timezone.now()
    oldest = Event.objects.order_by("at").first()
    assert oldest is not None
    assert dt.timedelta(days=90) < now - oldest.at < dt.timedelta(days=150)
    assert not Event.objects.filter(at__gt=now).exists()
    policy = Policy.current()
    cal = calendar()
    for issue in Issue.objects.all():
        events = list(issue.events.all())
        assert events[0].kind == Kind.CREATED
        assert events[0].at == issue.created_at
        assert issue.first_met_on <= timezone.localdate(issue.created_at)
        latest = {}
        for event in events:
            assert event.at >= issue.created_at
            latest[event.kind] = event.at
        if issue.submitted_at:
            assert issue.submitted_at == latest[Kind.SUBMITTED]
        if issue.accepted_at:
            assert issue.accepted_at == latest[Kind.ACCEPTED]
        if issue.settled_at:
            assert issue.settled_at == latest[Kind.SETTLED]
        if issue.confirmed_at:
            assert issue.confirmed_at == latest[Kind.CONFIRMED]
        if issue.closed_at:
            assert issue.closed_at == latest.get(Kind.CLOSED, latest.get(Kind.MERGED))
        if issue.escalation_proposed_at:
            assert issue.escalation_proposed_at == latest[Kind.ESCALATION_PROPOSED]
        if issue.level_since:
            moves = [Kind.SUBMITTED, Kind.ACCEPTED, Kind.ESCALATED, Kind.DEESCALATED]
            assert issue.level_since == max(
                latest[k] for k in [*moves, Kind.REOPENED] if k in latest
            )
    for request in IssueRequest.objects.all():
        day = timezone.localdate(request.created_at)
        assert request.respond_by == cal.add_working_days(day, policy.response_days)
        assert request.due_on >= day
        if request.answered_at:
            assert request.created_at < request.answered_at
        if request.done_at:
            assert request.answered_at is not None
            assert request.answered_at <= request.done_at
    for response in Response.objects.select_related("request"):
        assert response.created_at > response.request.created_at


def test_a_second_run_changes_nothing(loaded):
    before = {m.__name__: list(m._default_manager.order_by("pk").values()) for m in MODELS}

    again = issues_demo_load()

    after = {m.__name__: list(m._default_manager.order_by("pk").values()) for m in MODELS}
    assert after == before
    assert again["issues"] == 0
    assert again["skipped"] == len(ISSUES)
    assert {again[k] for k in ("requests", "responses", "events", "notifications")} == {0}


def test_pdam_sees_only_the_issues_it_is_asked_about(loaded):
    pdam = Viewer.of(Person.objects.get(username="pdam"))

    seen = set(visible_issues(pdam).values_list("pk", flat=True))

    asked = set(
        IssueRequest.objects.filter(unit__short_name="PDAM").values_list("issue_id", flat=True)
    )
    assert seen == asked
    assert 2 <= len(seen) < Issue.objects.exclude(status=Issue.Status.DRAFT).count()


def test_titles_are_unique(loaded):
    titles = Counter(Issue.objects.values_list("title", flat=True))

    assert max(titles.values()) == 1
    assert len({spec.title for spec in ISSUES}) == len(ISSUES)


def test_photos_are_small_pngs(loaded):
    photos = list(Attachment.objects.all())

    assert photos
    for photo in photos:
        assert photo.content_type == "image/png"
        assert photo.size < 20_000
        with photo.file.open("rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"


def test_notifications_older_than_a_week_are_read_and_newer_ones_not(loaded):
    week_ago = timezone.now() - dt.timedelta(days=7)

    assert not Notification.objects.filter(created_at__lt=week_ago, read_at=None).exists()
    assert not Notification.objects.filter(created_at__gte=week_ago, read_at__isnull=False).exists()
    assert Notification.objects.filter(read_at__isnull=False).exists()


def test_the_command_loads_the_issues_and_reports_a_rerun(loaded, settings):
    settings.DEBUG = True
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert f"Permasalahan contoh dimuat: 0 baru, {len(ISSUES)} sudah ada" in out.getvalue()
    assert Issue.objects.count() == len(ISSUES)
