import datetime as dt, time, random
import pytest
from tuntas.dashboards.measures import MeasureFilter, measures_compute
from tuntas.dashboards.tests.measures_kit import at
from tuntas.issues.models import Issue, IssueRequest, Category
from tuntas.org.access import Viewer

@pytest.mark.parametrize("count", [20000, 100000])
@pytest.mark.django_db
def test_bench(org, count):
    rnd = random.Random(1)
    cats = list(Category.objects.all())
    rows = []
    for n in range(count):
        s = dt.date(2025, 1, 1) + dt.timedelta(days=rnd.randrange(500))
        settled = rnd.random() < 0.7
        e = s + dt.timedelta(days=rnd.randrange(60))
        rows.append(Issue(title="x", chronology="x", category=rnd.choice(cats), first_met_on=s - dt.timedelta(days=rnd.randrange(30)),
            reporting_unit=rnd.choice([org.pupr, org.dinsos]), reported_by=org.pupr_operator, coordinator=org.asisten2_unit,
            status="settled" if settled else "in_progress", level=2, submitted_at=at(s.isoformat(), rnd.randrange(24)), created_at=at(s.isoformat()),
            settled_at=at(e.isoformat(), rnd.randrange(24)) if settled else None, settled_level=rnd.choice([1,2,3,4]) if settled else None))
    Issue.objects.bulk_create(rows, batch_size=2000)
    ids = list(Issue.objects.values_list("pk", flat=True))
    reqs = [IssueRequest(issue_id=rnd.choice(ids), unit=rnd.choice([org.pdam, org.bpn]), need="x", due_on=dt.date(2026,3,1)+dt.timedelta(days=rnd.randrange(200)),
        respond_by=dt.date(2026,1,1)+dt.timedelta(days=rnd.randrange(200)), created_by=org.pupr_operator, created_at=at("2025-12-01")) for _ in range(count)]
    IssueRequest.objects.bulk_create(reqs, batch_size=2000)
    measures_compute(viewer=Viewer.of(org.sekda, dt.date(2026, 6, 2)), flt=MeasureFilter(start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 2)))
    for who in (org.sekda, org.asisten2):
        v = Viewer.of(who, dt.date(2026, 6, 2))
        t = time.perf_counter()
        m = measures_compute(viewer=v, flt=MeasureFilter(start=dt.date(2025, 6, 1), end=dt.date(2026, 5, 31)))
        print(count, who.username, round(time.perf_counter() - t, 2), "s", m.settle.overall)
