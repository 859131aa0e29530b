"""The GraphQL endpoint and the health check."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from graphene_django.views import GraphQLView

logger = logging.getLogger(__name__)


class CMSGraphQLView(GraphQLView):
    """``/graphql/``: grapple's schema, taking POST bodies as JSON only.

    The endpoint is exempt from Django's CSRF check (frontends on other origins have no CSRF
    cookie, and no request here gains authority from cookies). What CSRF would otherwise stop,
    a page on another site making visitors' browsers post comments or reactions, is stopped by
    refusing every body but ``application/json``: an HTML form can only send form-encoded,
    multipart or plain-text bodies, and a cross-site script sending JSON needs a CORS preflight
    that only allowed origins pass.
    """

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if request.method == "POST" and request.content_type != "application/json":
            return JsonResponse(
                {"errors": [{"message": "Send GraphQL requests as application/json."}]},
                status=415,
            )
        return super().dispatch(request, *args, **kwargs)


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
    status = 200 if healthy else 503
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=status)
