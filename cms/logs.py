"""Request ids and log lines an operator can search.

Every request gets an id: the ``X-Request-ID`` the client or the proxy in front sent (when it
looks like one: 8–64 letters, digits, ``.``, ``_`` or ``-``), or a new random one. It is
answered in the ``X-Request-ID`` response header, carried by every log line written while the
request runs, and quoted in the API's error messages, so a reader's "request id 3f2a..." leads
to the lines of that request.

With ``LOG_FORMAT=json`` (production's default) each log record is one JSON object per line:
``time``, ``level``, ``logger``, ``message``, ``request_id`` and, for errors, ``exception``.
Log lines never carry readers' personal data (see SECURITY.md).
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def request_id_for(request) -> str:
    """The id of ``request``: the one the middleware chose, else the client's
    ``X-Request-ID`` if it looks like one, else a new one."""
    current = _current.get()
    if current is not None:
        return current
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def current_request_id() -> str | None:
    return _current.get()


class RequestIdMiddleware:
    """First in the chain: chooses the request's id, makes it the id of every log line written
    while the request is handled (Django's own "Not Found" and error lines included, which it
    writes after the middleware returns: the id is cleared when the request finishes), and
    answers it in ``X-Request-ID``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _current.set(None)
        request_id = request_id_for(request)
        _current.set(request_id)
        response = self.get_response(request)
        if not response.has_header("X-Request-ID"):
            response["X-Request-ID"] = request_id
        return response


def _forget_request_id(**_kwargs) -> None:
    _current.set(None)


request_finished.connect(_forget_request_id, dispatch_uid="cms.logs.forget_request_id")


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request it was written in (``request_id``), when
    it is emitted: a handler that formats later (a queue, a test's capture) still has it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = _current.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line (see the module docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or _current.get(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
