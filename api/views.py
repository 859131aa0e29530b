"""The GraphQL endpoint (with persisted queries) and the health check."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control
from graphene_django.views import GraphQLView

from . import response_cache
from .contract import Operation, read_manifest
from .document_cache import CachedDocumentMixin

logger = logging.getLogger(__name__)

DEFAULT_PERSISTED_QUERY_MAX_AGE = 60

# Persisted read operations whose responses must never be stored: an editor's draft, and the
# comment form's token (it records when the form was loaded: a cached one defeats the spam check).
PRIVATE_OPERATIONS = frozenset({"PreviewArticle", "CommentForm"})


@functools.cache
def persisted_operations() -> dict[str, Operation]:
    """The operations of frontend_contract/, by SHA-256: read once per process."""
    return read_manifest()


class PersistedQueryError(Exception):
    """A request for a persisted operation that cannot be served: answered with Apollo's
    error format, ``{"errors": [{"message", "extensions": {"code"}}]}``."""

    def __init__(self, message: str, code: str, status: int = 400):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status

    def response(self) -> JsonResponse:
        body = {"errors": [{"message": self.message, "extensions": {"code": self.code}}]}
        response = JsonResponse(body, status=self.status)
        response["Cache-Control"] = "no-store"
        return response


NOT_FOUND = ("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")

# graphene's dispatch without its ensure_csrf_cookie decorator: this endpoint never needs a CSRF
# cookie, and a Set-Cookie (with Vary: Cookie) would keep shared caches from storing responses.
graphene_dispatch = getattr(GraphQLView.dispatch, "__wrapped__", GraphQLView.dispatch)


class CMSGraphQLView(CachedDocumentMixin, GraphQLView):
    """``/graphql/``: grapple's schema, taking POST bodies as JSON only, and the persisted
    operations of ``frontend_contract/`` by their SHA-256.

    CSRF: the endpoint is exempt from Django's CSRF check (frontends on other origins have no
    CSRF cookie, and no request here gains authority from cookies). What CSRF would otherwise
    stop, a page on another site making visitors' browsers post comments or reactions, is
    stopped by refusing every POST body but ``application/json``: an HTML form can only send
    form-encoded, multipart or plain-text bodies, and a cross-site script sending JSON needs a
    CORS preflight that only allowed origins pass. GET, which any page can make a browser send,
    never executes a mutation (persisted or not): graphene refuses with 405. The view sets no
    CSRF cookie either (it would be useless here, and would keep shared caches from storing
    the responses).

    Persisted queries: ``GET /graphql/?id=<sha256>&variables=<json>``, Apollo's
    ``extensions={"persistedQuery": {"version": 1, "sha256Hash": ...}}`` (as a GET parameter
    or in a POST body, with or without ``query``) run the operation file with that hash; the
    document sent along, if any, is ignored. An unknown hash is ``PERSISTED_QUERY_NOT_FOUND``
    (400), unless the POST body carries a ``query`` and non-persisted operations are allowed:
    it then runs as an ordinary request.

    Caching: a successful persisted read operation over GET is ``Cache-Control: public,
    max-age=PERSISTED_QUERY_MAX_AGE`` with a strong ``ETag`` (the SHA-256 of the body), and an
    ``If-None-Match`` naming it gets 304. Everything else (POSTs, mutations, ordinary
    requests, errors, previews) is ``Cache-Control: no-store``.

    ``GRAPHQL_PERSISTED_ONLY`` (allow-list mode) refuses every operation that is not persisted
    with ``PERSISTED_QUERY_REQUIRED`` (400).
    """

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if request.method == "POST" and request.content_type != "application/json":
            return JsonResponse(
                {"errors": [{"message": "Send GraphQL requests as application/json."}]},
                status=415,
            )
        try:
            operation = self.persisted_operation(request)
        except PersistedQueryError as error:
            return error.response()
        if operation is None and getattr(settings, "GRAPHQL_PERSISTED_ONLY", False):
            return PersistedQueryError(
                "Only persisted operations are accepted here: send the SHA-256 of an operation "
                "of the frontend contract (GET ?id=... or extensions.persistedQuery).",
                "PERSISTED_QUERY_REQUIRED",
            ).response()
        request.persisted_operation = operation
        cached = response_cache.lookup(request, operation)
        if cached is not None:
            return self.cache_headers(request, cached, operation)
        response = graphene_dispatch(self, request, *args, **kwargs)
        response_cache.store(request, operation, response)
        return self.cache_headers(request, response, operation)

    # --- Persisted operations -------------------------------------------------------------

    def persisted_operation(self, request: HttpRequest) -> Operation | None:
        """The persisted operation the request names, None if it names none; raises
        PersistedQueryError for an unknown hash."""
        data = self.request_data(request)
        digest = self.requested_hash(request, data)
        if digest is None:
            return None
        operation = persisted_operations().get(digest.lower())
        if operation is not None:
            return operation
        if request.method == "POST" and data.get("query"):
            if getattr(settings, "GRAPHQL_PERSISTED_ONLY", False):
                raise PersistedQueryError(*NOT_FOUND)
            return None  # Apollo's second try: the query itself, run as an ordinary request.
        raise PersistedQueryError(*NOT_FOUND)

    @staticmethod
    def request_data(request: HttpRequest) -> dict:
        if request.method != "POST":
            return {}
        try:
            data = json.loads(request.body)
        except ValueError:
            return {}  # graphene answers invalid JSON
        return data if isinstance(data, dict) else {}

    @staticmethod
    def requested_hash(request: HttpRequest, data: dict) -> str | None:
        if request.method == "GET" and request.GET.get("id"):
            return request.GET["id"]
        extensions = request.GET.get("extensions") if request.method == "GET" else None
        if extensions is not None:
            try:
                extensions = json.loads(extensions)
            except ValueError:
                raise PersistedQueryError("extensions is not valid JSON.", "BAD_REQUEST") from None
        else:
            extensions = data.get("extensions")
        if not isinstance(extensions, dict):
            return None
        persisted = extensions.get("persistedQuery")
        if not isinstance(persisted, dict):
            return None
        digest = persisted.get("sha256Hash")
        if not isinstance(digest, str) or not digest:
            raise PersistedQueryError(
                "persistedQuery needs a sha256Hash.", "PERSISTED_QUERY_NOT_FOUND"
            )
        return digest

    def get_graphql_params(self, request, data):
        query, variables, operation_name, id = super().get_graphql_params(request, data)
        operation = getattr(request, "persisted_operation", None)
        if operation is not None:
            query, operation_name = operation.text, operation.name
        return query, variables, operation_name, id

    def execute_graphql_request(self, request, *args, **kwargs):
        result = super().execute_graphql_request(request, *args, **kwargs)
        request.graphql_errors = bool(result is not None and result.errors)
        return result

    # --- Caching --------------------------------------------------------------------------

    def cache_headers(
        self, request: HttpRequest, response: HttpResponse, operation: Operation | None
    ) -> HttpResponse:
        cacheable = (
            operation is not None
            and operation.is_read
            and operation.name not in PRIVATE_OPERATIONS
            and request.method == "GET"
            and response.status_code == 200
            and not getattr(request, "graphql_errors", True)
            # Set by resolvers serving drafts (preview tokens): never stored anywhere.
            and not getattr(request, "cms_no_store", False)
        )
        if not cacheable:
            response["Cache-Control"] = "no-store"
            return response
        max_age = getattr(settings, "PERSISTED_QUERY_MAX_AGE", DEFAULT_PERSISTED_QUERY_MAX_AGE)
        etag = response.get("ETag") or f'"{hashlib.sha256(response.content).hexdigest()}"'
        if etag_matches(request.headers.get("If-None-Match", ""), etag):
            response = HttpResponseNotModified()
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=max_age)
        return response


def etag_matches(header: str, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, as RFC 9110 asks for
    If-None-Match), or is ``*``."""
    candidates = [candidate.strip() for candidate in header.split(",") if candidate.strip()]
    return any(candidate == "*" or candidate.removeprefix("W/") == etag for candidate in candidates)


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
