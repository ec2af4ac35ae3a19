"""The settings refuse to start a production server that is not configured safely."""

import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    clean.pop("TUNTAS_TESTING", None)
    clean.update(env)
    code = "import tuntas.settings as s; print(s.DATABASES['default']['ENGINE'], s.TIME_ZONE)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = _load_settings(DEBUG="0", ALLOWED_HOSTS="tuntas.payakumbuhkota.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = _load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_with_both_starts_on_sqlite_in_jakarta_time():
    result = _load_settings(
        DEBUG="0", SECRET_KEY="k" * 50, ALLOWED_HOSTS="tuntas.payakumbuhkota.go.id", DATABASE_URL=""
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "Asia/Jakarta"]


def test_database_url_selects_postgresql():
    result = _load_settings(DEBUG="1", DATABASE_URL="postgres://tuntas@db.local:5432/tuntas")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_a_misspelt_boolean_is_an_error():
    result = _load_settings(DEBUG="ya")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_sqlite_runs_in_wal_mode(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": "",
        "SQLITE_PATH": str(tmp_path / "t.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "tuntas.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wal"


def test_manage_py_runs_in_development_mode_in_an_unconfigured_checkout():
    env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE"}
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "diffsettings", "--output", "unified"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "+ DEBUG = True" in result.stdout


def test_manage_py_on_a_server_keeps_debug_off_and_checks_the_host_list():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "ALLOWED_HOSTS"}}
    env["SECRET_KEY"] = "s" * 50
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
