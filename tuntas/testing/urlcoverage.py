"""A pytest plugin that fails a full test run when some URL pattern was never requested.

Every request made through Django (the test client or the live server used by browser tests)
is resolved to its pattern and recorded. The anonymous URL walk marks its own requests so
that they do not count: a pattern is exercised only by a test written for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

WALK_HEADER = "HTTP_X_TUNTAS_URL_WALK"
# Django's own admin is tested by Django; everything else must be exercised by our tests.
IGNORED_NAMESPACES = ("admin",)
_seen: set[str] = set()


def iter_patterns(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """Yield (qualified name, route, pattern) for every pattern, descending into includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            qualified = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from iter_patterns(entry, prefix + str(entry.pattern), qualified)
        else:
            name = entry.name or f"<unnamed {prefix}{entry.pattern}>"
            qualified = f"{namespace}:{name}" if namespace else name
            yield qualified, prefix + str(entry.pattern), entry


def pattern_key(qualified: str, route: str) -> str:
    return f"{qualified} [{route}]"


def all_pattern_keys() -> set[str]:
    return {
        pattern_key(q, route)
        for q, route, _p in iter_patterns()
        if not q.startswith(IGNORED_NAMESPACES)
    }


def _record(sender: Any, environ: dict[str, Any] | None = None, **kwargs: Any) -> None:
    if not environ or environ.get(WALK_HEADER):
        return
    try:
        match = resolve(environ.get("PATH_INFO", "/"))
    except Resolver404:
        return
    _seen.add(pattern_key(match.view_name, match.route))


def pytest_configure(config: pytest.Config) -> None:
    from django.core.signals import request_started

    request_started.connect(_record, dispatch_uid="tuntas-url-coverage")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("TUNTAS_URL_COVERAGE") != "1" or exitstatus != 0:
        return
    missing = sorted(all_pattern_keys() - _seen)
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["URL patterns never requested by any test:", *(f"  {m}" for m in missing)]
        if reporter is not None:
            reporter.write_line("\n".join(lines), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
