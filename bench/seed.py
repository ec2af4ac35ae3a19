#!/usr/bin/env python3
"""Fill a separate benchmark database: the Payakumbuh demo plus many generated issues.

    .venv/bin/python bench/seed.py --issues 100000
        SQLite file var/bench/tuntas-bench-100000.sqlite3
    .venv/bin/python bench/seed.py --issues 1000 --database-url postgres://postgres@127.0.0.1:5432/
        PostgreSQL database tuntas_bench_1000 on that server, created when missing

The developer's var/tuntas.sqlite3 is never touched. A database that already holds generated
issues is left as it is, unless --fresh (which deletes and recreates it first). The work is
done by `manage.py migrate` and `manage.py bench_seed` in a child process that sees only the
benchmark database.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DEVELOPER_DB = ROOT / "var" / "tuntas.sqlite3"


@dataclass(frozen=True)
class Target:
    """One benchmark database and the environment that points Django at it."""

    backend: str  # "SQLite" or "PostgreSQL"
    issues: int
    env: dict[str, str]
    name: str  # file path or database name
    url: str = ""  # PostgreSQL only

    def environ(self) -> dict[str, str]:
        """The environment of a child process working on this database only."""
        env = dict(os.environ)
        env.update(self.env)
        # Test-like settings: no real SECRET_KEY needed, static files served from static/, and
        # DEBUG off so that Django keeps no log of every query (and pages run as in production).
        env.update(
            {
                "DEBUG": "0",
                "TUNTAS_TESTING": "1",
                "DJANGO_SETTINGS_MODULE": "tuntas.settings",
                "PYTHONPATH": str(ROOT),
            }
        )
        return env


def target(issues: int, database_url: str = "") -> Target:
    """The database for `issues` generated issues: a SQLite file, or one on a PostgreSQL server."""
    if not database_url:
        path = BENCH_DIR / f"tuntas-bench-{issues}.sqlite3"
        if path.resolve() == DEVELOPER_DB.resolve():
            raise SystemExit("refusing to use the developer database")
        return Target("SQLite", issues, {"DATABASE_URL": "", "SQLITE_PATH": str(path)}, str(path))
    parts = urlsplit(database_url)
    name = unquote(parts.path.lstrip("/")) or f"tuntas_bench_{issues}"
    if "bench" not in name:
        raise SystemExit(f"the database name must contain 'bench': {name!r}")
    url = urlunsplit(parts._replace(path="/" + name))
    return Target("PostgreSQL", issues, {"DATABASE_URL": url}, name, url)


def postgres_create(tgt: Target, *, fresh: bool) -> None:
    """Create the PostgreSQL database when missing (dropping it first with `fresh`)."""
    import psycopg
    from psycopg import sql

    server = urlunsplit(urlsplit(tgt.url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        name = sql.Identifier(tgt.name)
        if fresh:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [tgt.name])
        if found.fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def sqlite_remove(tgt: Target) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(tgt.name + suffix).unlink(missing_ok=True)


def manage(tgt: Target, *args: str) -> None:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    # Progress goes to stderr: the standard output of bench/run.py is the table.
    subprocess.run(command, env=tgt.environ(), cwd=ROOT, check=True, stdout=sys.stderr)  # noqa: S603


def seed(tgt: Target, *, fresh: bool = False, years: int = 3, seed: int = 2026) -> float:
    """Make sure the database holds the demo and the generated issues; return seconds spent."""
    began = time.perf_counter()
    if tgt.backend == "SQLite":
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        if fresh:
            sqlite_remove(tgt)
    else:
        postgres_create(tgt, fresh=fresh)
    manage(tgt, "migrate", "--noinput", "-v", "0")
    manage(
        tgt,
        "bench_seed",
        "--issues",
        str(tgt.issues),
        "--years",
        str(years),
        "--seed",
        str(seed),
        "--if-empty",
    )
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=100_000, help="generated issues")
    parser.add_argument("--years", type=int, default=3, help="spread over this many years")
    parser.add_argument("--seed", type=int, default=2026, help="random seed")
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL server (postgres://user@host:port/[name]); default: a SQLite file",
    )
    parser.add_argument("--fresh", action="store_true", help="recreate the database first")
    args = parser.parse_args()
    tgt = target(args.issues, args.database_url)
    print(f"{tgt.backend} {tgt.name}: seeding {args.issues} issues …", flush=True)
    took = seed(tgt, fresh=args.fresh, years=args.years, seed=args.seed)
    print(f"done in {took:.0f} s", flush=True)


if __name__ == "__main__":
    main()
