#!/usr/bin/env python3
"""Time the dashboard pages on a small and a large benchmark database; print a Markdown table.

    .venv/bin/python bench/run.py                       # SQLite, 1 000 and 100 000 issues
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/
    .venv/bin/python bench/run.py --issues 20000 --runs 3
    .venv/bin/python bench/run.py --pages measures,home     # only these pages (keys below)

Each database is seeded first when it is empty (bench/seed.py). Every page is requested through
Django's test Client, logged in as the Sekda (city-wide) and as the Asisten II: one warm-up
request counts the SQL queries, then `--runs` requests are timed (wall clock, whole request:
middleware, queries, template). Timings on a shared 2-core machine are noisy: compare the
ratio of the large to the small database, not the seconds. Pages whose URL name does not exist
(yet) are listed as skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from seed import BENCH_DIR, ROOT, Target, seed, target

PERSONAS = (("sekda", "Sekda"), ("asisten2", "Asisten II"))


@dataclass(frozen=True)
class Page:
    """One page to time: a URL name and a query string built from the database's data."""

    key: str
    title: str
    url_name: str
    query: str = ""


@dataclass
class Timing:
    page: str
    title: str
    persona: str
    status: str  # "ok", "skipped: …", "error: …", or what the page answered instead
    queries: int = 0
    median_ms: float = 0.0
    max_ms: float = 0.0
    kbytes: float = 0.0
    runs: list[float] = field(default_factory=list)


def pages(today: dt.date, assistant_id: int) -> list[Page]:
    """The pages of the benchmark; the filtered ones use the Asisten II and the last 3 years."""
    three_years = today.replace(year=today.year - 3) + dt.timedelta(days=1)
    return [
        Page("home", "Home (org:home)", "org:home"),
        Page("measures", "Measures, default (this year)", "dashboards:measures"),
        Page(
            "measures_3y",
            "Measures, 3 years, Asisten II",
            "dashboards:measures",
            f"start={three_years.isoformat()}&end={today.isoformat()}&coordinator={assistant_id}",
        ),
        Page("dependency", "Dependency map (this year)", "dashboards:dependency"),
        Page("recap", "Monthly recap", "dashboards:recap"),
        Page("issues", "Issue list, page 1", "issues:list"),
        Page("issues_overdue", "Issue list, overdue view", "issues:list", "view=overdue"),
        Page(
            "export",
            "Issue list XLSX, open of Asisten II",
            "issues:export",
            f"status=open&coordinator={assistant_id}",
        ),
    ]


# --- in the child process: one database ------------------------------------------------------


def measure(runs: int, only: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Time every page on the database the environment points at; return plain data."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from tuntas.issues.models import Event, Issue, IssueRequest
    from tuntas.meetings.models import ActionItem
    from tuntas.org.models import Person, Unit

    setup_test_environment()
    today = timezone.localdate()
    assistant = Unit.objects.get(short_name="ASISTEN2")
    results: list[Timing] = []
    for username, persona in PERSONAS:
        client = Client()
        client.force_login(Person.objects.get(username=username))
        for page in pages(today, assistant.pk):
            if only and page.key not in only:
                continue
            timing = Timing(page.key, page.title, persona, "ok")
            results.append(timing)
            try:
                url = reverse(page.url_name)
            except NoReverseMatch:
                timing.status = f"skipped: no URL named {page.url_name}"
                continue
            if page.query:
                url = f"{url}?{page.query}"
            try:
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                timing.queries = len(queries)
                if response.status_code == 302 and page.url_name.endswith("export"):
                    timing.status = "queued (background export)"
                elif response.status_code != 200:
                    timing.status = f"HTTP {response.status_code}"
                    continue
                timing.kbytes = len(response.content) / 1024
                for _ in range(runs):
                    began = time.perf_counter()
                    client.get(url)
                    timing.runs.append((time.perf_counter() - began) * 1000)
            except Exception as error:  # report the page, go on with the others
                timing.status = f"error: {type(error).__name__}: {error}"[:200]
                continue
            timing.median_ms = statistics.median(timing.runs)
            timing.max_ms = max(timing.runs)
    return {
        "vendor": connection.vendor,
        "today": today.isoformat(),
        "counts": {
            "issues": Issue.objects.count(),
            "requests": IssueRequest.objects.count(),
            "events": Event.objects.count(),
            "action_items": ActionItem.objects.count(),
        },
        "timings": [asdict(t) for t in results],
    }


# --- in the parent: seed, measure each database in its own process, compare -----------------


def run_child(tgt: Target, runs: int, database_url: str, only: str = "") -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", "--runs", str(runs)]
    if only:
        command += ["--pages", only]
    command += ["--issues", str(tgt.issues), "--database-url", database_url]
    # Only the standard output is read (one JSON line); errors go straight to the terminal.
    done = subprocess.run(  # noqa: S603
        command, env=tgt.environ(), cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def table(small: dict[str, Any], large: dict[str, Any], backend: str) -> str:
    """The Markdown table: queries, medians and the ratio of the large to the small database."""
    n_small, n_large = small["counts"]["issues"], large["counts"]["issues"]
    lines = [
        f"**{backend}**: {n_small:,} vs {n_large:,} issues "
        f"({large['counts']['requests']:,} requests, {large['counts']['events']:,} timeline "
        f"events, {large['counts']['action_items']:,} action items in the large one)",
        "",
        f"| Page | As | Queries ({n_small:,} / {n_large:,}) | Median ms, {n_small:,} | "
        f"Median ms, {n_large:,} | Max ms, {n_large:,} | Ratio |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    small_by = {(t["page"], t["persona"]): t for t in small["timings"]}
    skipped: list[str] = []
    for t in large["timings"]:
        s = small_by.get((t["page"], t["persona"]))
        if t["status"].startswith("skipped"):
            if t["title"] not in skipped:
                skipped.append(t["title"])
            continue
        if not t["runs"] or s is None or not s["runs"]:
            status = t["status"] if t["status"] != "ok" else (s or {}).get("status", "?")
            lines.append(f"| {t['title']} | {t['persona']} | — | — | — | — | {status} |")
            continue
        ratio = t["median_ms"] / s["median_ms"] if s["median_ms"] else float("nan")
        note = "" if t["status"] == "ok" else f" ({t['status']})"
        lines.append(
            f"| {t['title']}{note} | {t['persona']} | {s['queries']} / {t['queries']} | "
            f"{_ms(s['median_ms'])} | {_ms(t['median_ms'])} | {_ms(t['max_ms'])} | "
            f"{ratio:.1f}x |"
        )
    if skipped:
        lines += ["", "Skipped (no such URL yet): " + ", ".join(skipped) + "."]
    return "\n".join(lines)


def _size(issues: str) -> str:
    n = int(issues)
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}"


def combined(files: list[str]) -> str:
    """One table of medians for several backends (the README's), from saved results files."""
    saved = [json.loads((ROOT / name).read_text())["results"] for name in files]
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    backends = [names.get(v, v) for v in (r[max(r, key=int)]["vendor"] for r in saved)]
    head = "| Page | As | Queries |"
    rule = "|---|---|---:|"
    for backend, r in zip(backends, saved, strict=True):
        small, large = sorted(r, key=int)
        head += f" {backend} {_size(small)} | {backend} {_size(large)} | Ratio |"
        rule += "---:|---:|---:|"
    lines = [head, rule]
    first = saved[0]
    small0, large0 = sorted(first, key=int)
    for t in first[large0]["timings"]:
        if not t["runs"]:
            continue
        s = next(
            x
            for x in first[small0]["timings"]
            if x["page"] == t["page"] and x["persona"] == t["persona"]
        )
        queries = (
            str(t["queries"])
            if s["queries"] == t["queries"]
            else f"{s['queries']} / {t['queries']}"
        )
        line = f"| {t['title']} | {t['persona']} | {queries} |"
        for r in saved:
            small, large = sorted(r, key=int)
            key = (t["page"], t["persona"])
            a = next(x for x in r[small]["timings"] if (x["page"], x["persona"]) == key)
            b = next(x for x in r[large]["timings"] if (x["page"], x["persona"]) == key)
            if not a["runs"] or not b["runs"]:
                line += " — | — | — |"
                continue
            line += f" {_ms(a['median_ms'])} | {_ms(b['median_ms'])} | "
            line += f"{b['median_ms'] / a['median_ms']:.0f}x |"
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=100_000, help="issues of the large database")
    parser.add_argument("--baseline", type=int, default=1000, help="issues of the small one")
    parser.add_argument("--runs", type=int, default=5, help="timed requests per page")
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL server (postgres://user@host:port/); default: SQLite files in var/bench",
    )
    parser.add_argument(
        "--pages",
        default="",
        help="comma-separated page keys to time (home, measures, measures_3y, dependency, recap, "
        "issues, issues_overdue, export); default: all",
    )
    parser.add_argument("--no-seed", action="store_true", help="do not seed empty databases")
    parser.add_argument(
        "--combine",
        nargs="+",
        metavar="JSON",
        help="only print one table from saved results, e.g. "
        "var/bench/results-sqlite-1000-100000.json var/bench/results-postgresql-1000-100000.json",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    known = {p.key for p in pages(dt.date(2000, 1, 1), 0)}
    unknown = {k for k in args.pages.split(",") if k} - known
    if unknown:
        parser.error(f"unknown pages {sorted(unknown)}; known: {sorted(known)}")
    if args.combine:
        print(combined(args.combine))
        return
    if args.measure:  # the child: the environment already points at one database
        only = frozenset(k for k in args.pages.split(",") if k)
        print(json.dumps(measure(args.runs, only)))
        return
    results: dict[int, dict[str, Any]] = {}
    backend = ""
    for issues in (args.baseline, args.issues):
        tgt = target(issues, args.database_url)
        backend = tgt.backend
        if not args.no_seed:
            print(f"{tgt.backend} {tgt.name}: seeding when empty …", file=sys.stderr, flush=True)
            seed(tgt)
        print(f"{tgt.backend} {tgt.name}: timing pages …", file=sys.stderr, flush=True)
        results[issues] = run_child(tgt, args.runs, args.database_url, args.pages)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    vendor = results[args.issues]["vendor"]
    # A subset of the pages gets its own file: the full results stay as they were.
    subset = "-" + args.pages.replace(",", "-") if args.pages else ""
    out = BENCH_DIR / f"results-{vendor}-{args.baseline}-{args.issues}{subset}.json"
    out.write_text(json.dumps({"cpus": os.cpu_count(), "results": results}, indent=1))
    print(f"(raw figures in {out.relative_to(ROOT)}; {os.cpu_count()} CPUs)", file=sys.stderr)
    print(table(results[args.baseline], results[args.issues], backend))


if __name__ == "__main__":
    main()
