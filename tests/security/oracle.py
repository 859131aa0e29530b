"""What counts as a server error, for the fuzzer and the hostile-input table.

A hostile request may be refused (HTTP 4xx, a GraphQL syntax or validation error, a deliberate
``GraphQLError``, an errors-as-data payload, the rate limiter) but must never make the server
fail. The server failed when any of these happened during the request:

- an HTTP 5xx, or a body that is not a JSON object (but for 4xx answers Django gives before
  the view runs);
- an error with ``extensions.code == "INTERNAL_SERVER_ERROR"`` (the masked form of an
  unexpected exception);
- an error whose message carries a traceback or a Python exception class name (the unmasked
  form of one);
- a resolver raised anything but a ``GraphQLError`` (graphql-core wraps it in a located error:
  the probe below sees it whether or not the view masks it afterwards);
- an ERROR record on the loggers that report failures (``api.errors`` is where masked
  exceptions are logged; ``django.request`` logs 5xx responses).
"""

from __future__ import annotations

import importlib
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from graphql import GraphQLError

# The module, not the function of the same name that graphql.execution exports.
graphql_execute = importlib.import_module("graphql.execution.execute")

WATCHED_LOGGERS = (
    "api",
    "community",
    "pages",
    "snippets",
    "django.request",
    "graphql",
    "graphene",
    "graphene_django",
    "grapple",
)

# "ValueError: ...", "invalid literal for int()", "'NoneType' object has no attribute", ...
LEAK = re.compile(
    r"Traceback \(most recent call last\)"
    r"|\b[A-Z][A-Za-z]*(Error|Exception|DoesNotExist)\b(:|\(| at )"
    r"|\bobject has no attribute\b"
    r"|\binvalid literal for\b"
    r"|\bunsupported operand\b"
    r"|\bobject is not (subscriptable|iterable|callable)\b"
    r"|\bFile \"[^\"]+\.py\""
)


@dataclass
class Observed:
    """What went wrong on the server side while a block of requests ran."""

    records: list[logging.LogRecord] = field(default_factory=list)
    resolver_exceptions: list[BaseException] = field(default_factory=list)

    def clear(self) -> None:
        self.records.clear()
        self.resolver_exceptions.clear()


class _ErrorHandler(logging.Handler):
    def __init__(self, sink: list[logging.LogRecord]):
        super().__init__(level=logging.ERROR)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record)


@contextmanager
def observe_server() -> Iterator[Observed]:
    """Record ERROR log records and unexpected resolver exceptions until the block ends."""
    observed = Observed()
    handler = _ErrorHandler(observed.records)
    loggers = [logging.getLogger(name) for name in WATCHED_LOGGERS]
    original_located_error = graphql_execute.located_error

    def located_error(raw_error, *args, **kwargs):
        if not isinstance(raw_error, GraphQLError):
            observed.resolver_exceptions.append(raw_error)
        return original_located_error(raw_error, *args, **kwargs)

    for logger in loggers:
        logger.addHandler(handler)
    graphql_execute.located_error = located_error
    try:
        yield observed
    finally:
        graphql_execute.located_error = original_located_error
        for logger in loggers:
            logger.removeHandler(handler)


def server_failures(response, observed: Observed) -> list[str]:
    """Every sign that the server failed on this response (empty when it did not)."""
    failures = []
    if response.status_code >= 500:
        failures.append(f"HTTP {response.status_code}")
    failures.extend(
        f"resolver raised {type(error).__name__}: {error}" for error in observed.resolver_exceptions
    )
    failures.extend(
        f"ERROR logged on {record.name}: {record.getMessage()}" for record in observed.records
    )
    if 400 <= response.status_code < 500 and not response["Content-Type"].startswith(
        "application/json"
    ):
        return failures  # refused by Django before the view (e.g. a body over the size limit)
    try:
        body = json.loads(response.content)
    except ValueError:
        return [*failures, f"body is not JSON: {response.content[:200]!r}"]
    if not isinstance(body, dict):
        return [*failures, f"body is not a JSON object: {body!r:.200}"]
    for error in body.get("errors") or []:
        extensions = error.get("extensions") or {}
        if extensions.get("code") == "INTERNAL_SERVER_ERROR":
            failures.append(f"INTERNAL_SERVER_ERROR: {error}")
        elif LEAK.search(str(error.get("message", ""))):
            failures.append(f"exception text in an error message: {error['message']!r:.300}")
    return failures


def assert_no_server_error(response, observed: Observed, request_description: str = "") -> None:
    failures = server_failures(response, observed)
    assert not failures, f"{request_description}\n" + "\n".join(failures)
