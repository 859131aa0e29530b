"""The GraphQL endpoint (with persisted queries) and the health checks."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseNotModified,
    JsonResponse,
)
from django.utils.cache import patch_cache_control
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast
from graphql.validation import specified_rules

from . import errors as api_errors
from . import limits, response_cache
from .contract import Operation, read_manifest
from .document_cache import documents, parse_only

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


class CMSGraphQLView(GraphQLView):
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
        api_errors.request_id(request)
        try:
            response = self.dispatch_graphql(request, *args, **kwargs)
        except Exception as error:
            # Raised outside a resolver (a database gone while the view or middleware ran):
            # a 503 for an unreachable database; anything else is Django's 500, logged.
            if not api_errors.is_database_unavailable(error):
                raise
            api_errors.logger.warning("database unavailable: %s", error)
            response = api_errors.database_unavailable_response(request)
        response["X-Request-ID"] = request.cms_request_id
        # JSON only: nothing here may be rendered as a page, framed or sniffed.
        response.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        return response

    def dispatch_graphql(self, request: HttpRequest, *args, **kwargs):
        if request.method == "POST" and request.content_type != "application/json":
            return JsonResponse(
                {"errors": [{"message": "Send GraphQL requests as application/json."}]},
                status=415,
            )
        if request.method == "POST":
            too_large = body_too_large(request)
            if too_large is not None:
                return too_large
        # A look at the first bytes only: stripping the whole body would copy up to 2 MB.
        if request.method == "POST" and request.body[:64].lstrip()[:1] == b"[":
            return PersistedQueryError(
                "Batched requests are not accepted: send one operation per request.",
                "BATCH_NOT_SUPPORTED",
            ).response()
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
        except RecursionError:
            raise PersistedQueryError(
                "The JSON body is nested too deeply.", "BAD_REQUEST"
            ) from None
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

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        result = self.run_operation(request, query, variables, operation_name, show_graphiql)
        if result is not None and result.errors:
            if any(api_errors.is_database_unavailable(e.original_error) for e in result.errors):
                raise result.errors[0].original_error  # answered 503 by dispatch()
            result.errors = api_errors.mask_errors(
                request,
                result.errors,
                suggestions=getattr(settings, "GRAPHQL_SUGGESTIONS", True),
            )
        request.graphql_errors = bool(result is not None and result.errors)
        return result

    def run_operation(self, request, query, variables, operation_name, show_graphiql):
        """graphene-django's execution, with the document parsed within the size limits,
        validated with the query limits, and the arguments checked before anything runs.
        (graphene's own version parses with no limit.)"""
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest(), "Must provide query string.")
        if not isinstance(query, str):
            return ExecutionResult(errors=[GraphQLError("`query` must be a string.")])
        if variables is not None and not isinstance(variables, dict):
            return ExecutionResult(errors=[GraphQLError("`variables` must be a JSON object.")])
        if operation_name is not None and not isinstance(operation_name, str):
            return ExecutionResult(errors=[GraphQLError("`operationName` must be a string.")])
        schema = self.schema.graphql_schema
        try:
            document = parse_only(query)
        except GraphQLError as error:
            return ExecutionResult(errors=[error])
        operation_ast = get_operation_ast(document, operation_name)
        # For the response cache: only queries are stored.
        request.graphql_operation_type = (
            operation_ast.operation.value if operation_ast is not None else None
        )
        if (
            request.method == "GET"
            and operation_ast is not None
            and operation_ast.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(HttpResponseNotAllowed(["POST"]), "Send mutations as POST.")
        # Parsed and validated once per distinct document (document_cache.py); the argument
        # checks depend on the variables, so they run on every request.
        rules = (*specified_rules, *limits.validation_rules())
        document, errors = documents.get(schema, query, rules, 20)
        if not errors:
            errors = limits.argument_errors(schema, document, operation_name, variables)
        if errors:
            return ExecutionResult(errors=errors)
        return execute(
            schema,
            document,
            root_value=self.get_root_value(request),
            context_value=self.get_context(request),
            variable_values=variables,
            operation_name=operation_name,
            middleware=self.get_middleware(request),
        )

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


def body_too_large(request: HttpRequest) -> JsonResponse | None:
    """A JSON 413 for a body over GRAPHQL_MAX_BODY_BYTES, told by Content-Length before the
    body is read (or by Django refusing to read past DATA_UPLOAD_MAX_MEMORY_SIZE), instead of
    Django's HTML 400 page."""
    limit = settings.GRAPHQL_MAX_BODY_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= limit:
        try:
            request.body  # noqa: B018 - reads it, within Django's own limit
            return None
        except RequestDataTooBig:
            pass
    error = PersistedQueryError(
        f"The request body is larger than {limit} bytes.", "PAYLOAD_TOO_LARGE", status=413
    )
    return error.response()


def etag_matches(header: str, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, as RFC 9110 asks for
    If-None-Match), or is ``*``."""
    candidates = [candidate.strip() for candidate in header.split(",") if candidate.strip()]
    return any(candidate == "*" or candidate.removeprefix("W/") == etag for candidate in candidates)


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
