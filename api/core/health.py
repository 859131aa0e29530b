"""Liveness and readiness checks, for process managers and load balancers."""

from __future__ import annotations

import logging
import uuid

from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, JsonResponse

logger = logging.getLogger(__name__)


def health(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches neither the database nor the cache, so a
    database outage does not get healthy workers restarted."""
    return JsonResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})


def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: the database and the cache answer (503 if either fails; details go to the
    log, not the response), for load balancers deciding where to send traffic."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("readiness: database unreachable")
        checks["database"] = "unreachable"
    try:
        # The ratelimit alias, not the default: the default cache hides an outage (it treats
        # it as a miss), and rate limits are what stop working without it.
        store = caches["ratelimit"]
        probe = uuid.uuid4().hex
        store.set("readyz", probe, 10)
        if store.get("readyz") != probe:
            raise RuntimeError("cache did not return the value just written")
    except Exception:
        logger.exception("readiness: cache unreachable")
        checks["cache"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
        headers={"Cache-Control": "no-store"},
    )
