"""The benchmark seeder (bench_seed) writes what it says it wrote, and only where allowed."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from tuntas.dashboards.management.commands.bench_seed import MARK, bench_seed
from tuntas.issues.models import Event, Issue, IssueRequest
from tuntas.issues.queries import overdue_requests_q
from tuntas.meetings.models import ActionItem, Meeting
from tuntas.org.demo import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    demo_load()


def test_it_writes_the_counts_it_claims(demo_org):
    meetings_before = Meeting.objects.count()

    counts = bench_seed(issues=50, seed=7)

    made = Issue.objects.filter(chronology__startswith=MARK)
    assert counts["issues"] == made.count() == 50
    assert counts["statuses"] == dict(Counter(made.values_list("status", flat=True)))
    assert counts["levels"] == dict(Counter(made.values_list("level", flat=True)))
    settled = made.filter(status=Issue.Status.SETTLED)
    assert counts["settled_levels"] == dict(
        Counter(settled.values_list("settled_level", flat=True))
    )
    assert counts["requests"] == IssueRequest.objects.filter(issue__in=made).count()
    assert counts["overdue_requests"] == (
        IssueRequest.objects.filter(issue__in=made.open())
        .filter(overdue_requests_q(timezone.localdate()))
        .count()
    )
    assert counts["events"] == Event.objects.filter(issue__in=made).count()
    assert counts["escalations"] == (
        Event.objects.filter(issue__in=made, kind=Event.Kind.ESCALATED).count()
    )
    assert counts["meetings"] == Meeting.objects.count() - meetings_before > 0
    assert counts["action_items"] == ActionItem.objects.filter(issue__in=made).count()


def test_every_issue_has_a_consistent_history(demo_org):
    bench_seed(issues=50, seed=11)

    made = Issue.objects.filter(chronology__startswith=MARK)
    now = timezone.now()
    for issue in made:
        assert issue.created_at < now
        if issue.submitted_at:
            assert issue.created_at <= issue.submitted_at < now
        if issue.settled_at:
            assert issue.submitted_at is not None and issue.settled_at > issue.submitted_at
    assert not Event.objects.filter(issue__in=made, at__gte=now).exists()


def test_the_command_does_nothing_when_already_seeded(demo_org):
    call_command("bench_seed", issues=5, no_demo=True, stdout=io.StringIO())
    call_command("bench_seed", issues=5, no_demo=True, if_empty=True, stdout=io.StringIO())

    assert Issue.objects.filter(chronology__startswith=MARK).count() == 5


def test_it_refuses_the_developer_database(monkeypatch, settings):
    developer = settings.BASE_DIR / "var" / "tuntas.sqlite3"
    monkeypatch.setitem(connection.settings_dict, "NAME", str(developer))

    with pytest.raises(CommandError):
        bench_seed(issues=1)


def test_it_refuses_a_database_not_named_for_benchmarks(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "tuntas")

    with pytest.raises(CommandError):
        bench_seed(issues=1)
