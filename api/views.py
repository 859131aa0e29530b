"""The GraphQL endpoint and the health check."""

import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from graphene_django.views import GraphQLView

logger = logging.getLogger(__name__)


class CMSGraphQLView(GraphQLView):
    """``/graphql/``: grapple's schema behind our own view, where limits and policies attach."""


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
