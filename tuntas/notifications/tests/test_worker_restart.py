"""A request due in two working days reminds its unit once, in-app and by WhatsApp, even when
the sweep runs twice and the worker is killed mid-send and restarted.

Real processes against a file database: the sweep, a `db_worker` killed with SIGKILL while the
gateway holds its request open, the scheduler's reconciliation, and a restarted worker.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tuntas.notifications.services import UNKNOWN_OUTCOME
from tuntas.notifications.tests.gateway import FakeGateway

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an empty, migrated SQLite database to copy (migrating once per module)."""
    path = tmp_path_factory.mktemp("worker") / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=base_env(path),
        check=True,
        timeout=120,
    )
    return path


def base_env(database: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="tuntas.settings",
        TUNTAS_TESTING="1",
        DEBUG="0",
        SQLITE_PATH=str(database),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **extra,
    )
    return env


class City:
    """The processes of one deployment sharing a database and the fake gateway."""

    def __init__(self, database: Path, gateway: FakeGateway, **extra: str) -> None:
        self.env = base_env(
            database, WHATSAPP_GATEWAY_URL=gateway.url, NOTIFY_SENDING_TIMEOUT="0", **extra
        )

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def step(self, name: str) -> str:
        return self.run("-m", "tuntas.notifications.tests.worker_scenario", name)

    def worker(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "manage.py", *WORKER],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def report(self) -> dict:
        return json.loads(self.step("report"))


WORKER = ["db_worker", "--queue-name", "*", "--no-reload", "--no-startup-delay", "--batch"]


def kill_mid_send(city: City, gateway: FakeGateway) -> None:
    """Start a worker, wait until the gateway holds its message, and kill it with SIGKILL."""
    gateway.hang = True
    worker = city.worker()
    try:
        assert gateway.arrived.wait(timeout=90), "the worker never reached the gateway"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    # The gateway never answered the dead worker; from now on it answers at once.
    gateway.hang = False
    gateway.release.set()


@pytest.fixture
def database(migrated: Path, tmp_path: Path) -> Path:
    path = tmp_path / "tuntas.sqlite3"
    shutil.copy(migrated, path)
    return path


def test_a_worker_killed_mid_send_never_sends_the_reminder_twice(database, gateway):
    city = City(database, gateway)
    city.step("setup")
    assert city.step("sweep").strip() == "1"
    assert city.step("sweep").strip() == "0"

    kill_mid_send(city, gateway)
    assert city.report()["deliveries"][1]["status"] == "sending"

    # The scheduler finds the orphan; the restarted worker and a third sweep add nothing.
    assert "1 failed" in city.run("manage.py", "scheduler", "--once")
    city.run("manage.py", *WORKER)
    assert city.step("sweep").strip() == "0"

    report = city.report()
    assert report["notifications"] == ["pdam"]  # in-app: the PDAM's one person, once
    email, whatsapp = report["deliveries"]
    assert (email["channel"], email["status"]) == ("email", "sent")
    assert (whatsapp["channel"], whatsapp["address"]) == ("whatsapp", "6281266001234")
    # Nobody knows whether the killed send reached the phone: the admin is told, not the phone
    # a second time.
    assert (whatsapp["status"], whatsapp["last_error"]) == ("failed", UNKNOWN_OUTCOME)
    assert len(gateway.received) == 1
    assert "Pemindahan pipa transmisi" in gateway.received[0].json()["message"]


def test_with_a_deduplicating_gateway_the_restarted_worker_completes_the_send(database, gateway):
    city = City(database, gateway, WHATSAPP_GATEWAY_DEDUPES="1")
    city.step("setup")
    city.step("sweep")
    city.step("sweep")

    kill_mid_send(city, gateway)
    assert "1 requeued" in city.run("manage.py", "scheduler", "--once")
    city.run("manage.py", *WORKER)

    [_, whatsapp] = city.report()["deliveries"]
    assert (whatsapp["status"], whatsapp["attempts"]) == ("sent", 2)
    # Sent twice with the same key; the gateway put one message on the phone.
    assert len(gateway.received) == 2
    keys = {r.headers["idempotency-key"] for r in gateway.received}
    assert len(keys) == 1
    assert len(gateway.messages()) == 1
