"""The health check (the GraphQL endpoint is graphene-django's view; see api/urls.py)."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse

logger = logging.getLogger(__name__)


def health(request: HttpRequest) -> JsonResponse:
    """Database and cache reachability, for load balancers and uptime checks (503 if either
    fails; details go to the log, not the response)."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        checks["database"] = "unreachable"
    try:
        probe = uuid.uuid4().hex
        cache.set("healthz", probe, 10)
        if cache.get("healthz") != probe:
            raise RuntimeError("cache did not return the value just written")
    except Exception:
        logger.exception("health check: cache unreachable")
        checks["cache"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
