"""A fake WhatsApp gateway: a real HTTP server on 127.0.0.1 that records what it received."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict[str, str]:
        return json.loads(self.body)


@dataclass
class FakeGateway:
    """Answer each POST with the next scripted status (200 once the script runs out)."""

    url: str = ""
    answers: list[int] = field(default_factory=list)
    # When set, the gateway never answers until the test ends: the client must time out.
    hang: bool = False
    release: threading.Event = field(default_factory=threading.Event)
    # Set as soon as a request has arrived: a test can wait for it instead of sleeping.
    arrived: threading.Event = field(default_factory=threading.Event)
    received: list[Received] = field(default_factory=list)

    def answer(self, *statuses: int) -> None:
        self.answers.extend(statuses)

    def delivered(self) -> list[Received]:
        """Return the requests the gateway accepted (answered 2xx)."""
        return [r for r in self.received if r.headers.get("x-answered") == "200"]

    def messages(self) -> list[Received]:
        """Return what reached phones: accepted requests, a repeated Idempotency-Key dropped."""
        seen: set[str] = set()
        out = []
        for request in self.delivered():
            key = request.headers.get("idempotency-key", "")
            if key and key in seen:
                continue
            seen.add(key)
            out.append(request)
        return out


def _handler(gateway: FakeGateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = gateway.answers.pop(0) if gateway.answers else 200
            headers = {k.lower(): v for k, v in self.headers.items()}
            headers["x-answered"] = str(status)
            gateway.received.append(Received(self.path, headers, body))
            gateway.arrived.set()
            if gateway.hang:
                gateway.release.wait()
            payload = b'{"status": true}' if status < 400 else b'{"reason": "invalid target"}'
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                pass  # the client gave up waiting

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output free of one access-log line per request."""

    return Handler


@pytest.fixture
def gateway() -> Iterator[FakeGateway]:
    """Run a fake gateway on a random port and point WHATSAPP_GATEWAY_URL at it."""
    fake = FakeGateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/send"
    try:
        with override_settings(WHATSAPP_GATEWAY_URL=fake.url, WHATSAPP_TOKEN="rahasia-token"):
            yield fake
    finally:
        fake.release.set()
        server.shutdown()
        server.server_close()
