"""A webhook receiver on loopback, as a frontend runs one: verifies every request with PyPI's
``standardwebhooks`` (the reference implementation of the specification) and records it.
``answers`` is the list of statuses to answer in turn (200 once it runs out); a 3xx answer
carries a ``Location`` to the receiver itself, which a sender must not follow."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

from standardwebhooks.webhooks import Webhook


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    payload: dict | None  # the verified payload, None when the signature did not verify
    error: str = ""


@dataclass
class Receiver:
    url: str = ""
    secret: str = ""
    answers: list = field(default_factory=list)
    received: list = field(default_factory=list)

    @property
    def payloads(self) -> list[dict]:
        return [r.payload for r in self.received]


@contextlib.contextmanager
def receiver():
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = {key.lower(): value for key, value in self.headers.items()}
            try:
                payload = Webhook(state.secret).verify(body, headers)
                record = Received(self.path, headers, body, payload)
            except Exception as error:
                record = Received(self.path, headers, body, None, repr(error))
            state.received.append(record)
            status = state.answers.pop(0) if state.answers else 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", f"{state.url}elsewhere")
            reply = json.dumps({"ok": status < 300, "got": len(state.received)}).encode()
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_port}/hooks/"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
