"""``/graphql/``: a plain Django view running one explicit pipeline.

Each step is a small named function below, run in this order:

1. :func:`read` — the request, once, into the declared :class:`RequestState` (transport.py);
   then :func:`~api.core.tokens.authenticate` — an ``Authorization: Bearer`` API token, if
   sent: valid, within its rate limit, recorded on the state (tokens.py);
2. :func:`find_persisted` — the persisted operation the request names, if any;
3. :func:`prepare` — the document, parsed within the size limits and validated with the query
   limits (once per distinct document, documents.py), and the operation that will run (never
   a mutation with a token: tokens are read-only);
4. :func:`decide_caching` — the cache policy (policy.py); a fresh cached response is answered
   here, before any further GraphQL work;
5. :func:`check_arguments` — the limits that depend on the variables: page sizes, image
   filters and the cost bound (cost.py), without touching the database (a worker remembers
   the requests that passed, :class:`PassedChecks`);
6. :func:`execute_operation` — graphql-core's execution with the request as context, without
   its checks for awaitable values (execution.py: every resolver here is synchronous);
7. :func:`mask` — unexpected errors hidden behind a request id (errors.py);
8. :func:`respond` — the JSON body, the status, the cache headers, storing it if the policy
   allows.

Every failure is JSON with ``X-Request-ID`` and an error code: a refused request (a
:class:`~api.core.transport.RequestError`), a database that cannot be reached (503), even a
bug in the pipeline itself (500, logged with the request id).

Statuses follow GraphQL over HTTP: a request that could not be executed (a syntax, validation
or variable-coercion error) answers 400 to clients that accept
``application/graphql-response+json``, and 200 to ``application/json`` clients (the legacy
media type, where the status says only whether the HTTP request was understood). The API's own
refusals (limits, cost, persisted-query errors, transport errors) answer 4xx to everyone.

CSRF: the view is exempt from Django's CSRF check (frontends on other origins have no CSRF
cookie, and no request here gains authority from cookies). What CSRF would otherwise stop, a
page on another site making visitors' browsers post comments or reactions, is stopped by
refusing every POST body but ``application/json``: an HTML form can only send form-encoded,
multipart or plain-text bodies, and a cross-site script sending JSON needs a CORS preflight
that only allowed origins pass. GET never executes a mutation (405). The view sets no cookie.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
import time
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from graphql import (
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    OperationType,
    execute,
    get_operation_ast,
)
from graphql.validation import specified_rules

from api.contract import Operation, read_manifest, sha256_hex
from cms.metrics import GRAPHQL_REQUESTS, GRAPHQL_SECONDS, RESPONSE_CACHE
from pages.cache_tags import ALL, header_value

from . import cache, edge, errors, limits
from .cost import cost_errors
from .documents import documents
from .execution import SyncExecutionContext
from .policy import NEVER, PRIVATE, CachePolicy, cache_policy
from .recent import Recent
from .state import RequestState, attach, new_request_id, state_of
from .tokens import authenticate, check_read_only
from .transport import GRAPHQL_RESPONSE, RequestError, read_request

HIT_HEADER = "X-Response-Cache"
SURROGATE_KEY = "Surrogate-Key"
CACHE_TAG = "Cache-Tag"
# graphql-core stops validating after this many errors: a hostile document costs no more.
MAX_VALIDATION_ERRORS = 20
# Seconds any cache may keep a response holding safety-critical content (issue #18).
DEFAULT_SAFETY_CRITICAL_MAX_AGE = 60
# The API's own refusals: 400 whatever the media type (they are not GraphQL request errors).
POLICY_CODES = frozenset(
    {
        limits.LIMIT_EXCEEDED,
        "QUERY_TOO_COSTLY",
        "IMAGE_FILTER_NOT_ALLOWED",
        "INTROSPECTION_DISABLED",
    }
)


@functools.cache
def schema() -> GraphQLSchema:
    from api.schema import schema as graphene_schema

    return graphene_schema.graphql_schema


@functools.cache
def persisted_operations() -> dict[str, Operation]:
    """The operations of frontend_contract/, by SHA-256: read once per process."""
    return read_manifest()


class Answered(Exception):
    """A step has the response already (a cache hit, a request error as GraphQL errors)."""

    def __init__(self, response: HttpResponse):
        self.response = response


@csrf_exempt
def graphql_view(request: HttpRequest) -> HttpResponse:
    started = time.perf_counter()
    # Attached already when hits.CachedReadMiddleware looked this request up and missed.
    state = state_of(request)
    try:
        response = pipeline(request, state)
    except Answered as answered:
        response = answered.response
    except RequestError as error:
        response = error_response(state, error.message, error.code, error.status)
        if error.allow:
            response["Allow"] = error.allow
        for name, value in error.headers.items():
            response[name] = value
    except Exception as error:
        response = failure_response(state, error)
    response = finish(request, state, response)
    count(state, response, time.perf_counter() - started)
    return response


def pipeline(request: HttpRequest, state: RequestState) -> HttpResponse:
    answer_known_read(request, state)
    read(request, state)
    authenticate(request, state)
    find_persisted(state)
    prepare(state)
    check_read_only(state)
    decide_caching(request, state)
    check_arguments(state)
    result = mask(state, execute_operation(request, state))
    return respond(request, state, result)


# --- The steps --------------------------------------------------------------------------------


class KnownReads:
    """What the full pipeline decided for the GETs this worker answered last (a bounded LRU):
    the raw request's fingerprint → its cache policy, media type and operation label
    (metrics). Everything those depend on is in the fingerprint of a GET or HEAD (the query
    string, Accept, the language, scheme and host, and whether credentials were sent), and
    the settings they read are fixed for a process, so a repeated read is answered from the
    cache without being read or parsed again; a miss falls through to the full pipeline, which
    decides again."""

    def __init__(self, size: int = 1024):
        self.entries = Recent(size)

    @staticmethod
    def fingerprint(request: HttpRequest) -> str | None:
        if request.method not in ("GET", "HEAD"):
            return None
        meta = request.META
        if "HTTP_AUTHORIZATION" in meta or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        return "\n".join(
            (
                meta.get("QUERY_STRING", ""),
                meta.get("HTTP_ACCEPT", ""),
                get_language() or "",
                request.scheme,
                meta.get("HTTP_HOST") or meta.get("SERVER_NAME", ""),
            )
        )

    def get(self, fingerprint: str) -> tuple[CachePolicy, str, str] | None:
        return self.entries.get(fingerprint)

    def put(self, fingerprint: str, policy: CachePolicy, media_type: str, label: str) -> None:
        self.entries.put(fingerprint, (policy, media_type, label))

    def clear(self) -> None:
        self.entries.clear()


known_reads = KnownReads()
# Settings are fixed in a process; tests that change them start afresh.
setting_changed.connect(lambda **_kwargs: known_reads.clear(), weak=False)


def answer_known_read(request: HttpRequest, state: RequestState) -> None:
    """The thin hit path: a GET the pipeline has decided before, whose response is cached and
    fresh, is answered here in one cache round trip, before any GraphQL work."""
    if state.looked_up:
        return  # by hits.CachedReadMiddleware: a miss
    fingerprint = known_reads.fingerprint(request)
    known = known_reads.get(fingerprint) if fingerprint is not None else None
    if known is None:
        return
    state.method = request.method
    state.policy, state.media_type, state.label = known
    serve_cached(request, state)


def answer_hit(request: HttpRequest) -> HttpResponse | None:
    """:func:`answer_known_read` for hits.CachedReadMiddleware, above most of the middleware:
    the finished response of a fresh hit, or None (the request goes on down the stack, its
    state remembering the miss, so the cache is not asked twice)."""
    started = time.perf_counter()
    state = attach(request, RequestState(request_id=new_request_id(request)))
    try:
        answer_known_read(request, state)
    except Answered as answered:
        response = finish(request, state, answered.response)
        count(state, response, time.perf_counter() - started)
        return response
    return None


def read(request: HttpRequest, state: RequestState) -> None:
    read_request(request, state)


def find_persisted(state: RequestState) -> None:
    """``state.persisted`` and the text that will run. An unknown hash is
    ``PERSISTED_QUERY_NOT_FOUND``, unless a POST also sends the query (Apollo's retry) and
    plain operations are allowed; ``GRAPHQL_PERSISTED_ONLY`` refuses anything else."""
    persisted_only = getattr(settings, "GRAPHQL_PERSISTED_ONLY", False)
    if state.persisted_id is not None:
        operation = persisted_operations().get(state.persisted_id)
        if operation is not None:
            state.persisted = operation
            state.query, state.operation_name = operation.text, operation.name
            return
        if not (state.method == "POST" and state.query and not persisted_only):
            raise RequestError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
    elif persisted_only:
        raise RequestError(
            "Only persisted operations are accepted here: send the SHA-256 of an operation "
            "of the frontend contract (GET ?id=... or extensions.persistedQuery).",
            "PERSISTED_QUERY_REQUIRED",
        )


def prepare(state: RequestState) -> None:
    """Parse and validate (cached per document), then choose the operation."""
    if not state.query:
        raise RequestError(
            "Send a GraphQL document as `query` (or a persisted `id`).", "BAD_REQUEST"
        )
    rules = (*specified_rules, *limits.validation_rules())
    document, found = documents.get(schema(), state.query, rules, MAX_VALIDATION_ERRORS)
    if found:
        raise Answered(request_errors(state, found))
    operation = get_operation_ast(document, state.operation_name)
    if operation is None:
        message = (
            f"Unknown operation named '{state.operation_name}'."
            if state.operation_name
            else "Must provide operation name if query contains multiple operations."
        )
        raise Answered(request_errors(state, [GraphQLError(message)]))
    if state.method != "POST" and operation.operation != OperationType.QUERY:
        raise RequestError(
            "Send mutations as POST.", "METHOD_NOT_ALLOWED", status=405, allow="POST"
        )
    state.document, state.operation = document, operation


def decide_caching(request: HttpRequest, state: RequestState) -> None:
    state.policy = policy = cache_policy(request, state)
    if policy.key is None:
        return
    fingerprint = known_reads.fingerprint(request)
    if fingerprint is not None:
        known_reads.put(fingerprint, policy, state.media_type, operation_label(state))
    serve_cached(request, state)


def serve_cached(request: HttpRequest, state: RequestState) -> None:
    """Answer from the response cache if it holds a fresh response under the policy's key
    (and remember the content version read, for storing one otherwise)."""
    if state.looked_up:
        return  # a miss under this very policy (hits.CachedReadMiddleware)
    state.looked_up = True
    entry, state.generation = cache.lookup(state.policy)
    counter("response cache", "miss" if entry is None else "hit").inc()
    if entry is not None:
        response = HttpResponse(entry.body, content_type=content_type(state))
        response[HIT_HEADER] = "hit"
        tag_headers(response, entry.tag_header)
        raise Answered(public_headers(request, state, response, entry.etag, entry.changes))


class PassedChecks:
    """The (document, operation, variables) this worker last found within every argument
    limit and the cost bound (a bounded LRU of their fingerprints): both checks depend on
    nothing else (settings are fixed in a process), so a request that repeats one, such as
    the first reader of an article after each change, skips walking the document twice.
    Only passes are remembered: a refused request is checked in full every time."""

    def __init__(self, size: int = 1024):
        self.entries = Recent(size)

    @staticmethod
    def fingerprint(state: RequestState) -> str:
        """A digest, so that an entry costs the same few bytes whatever the document's size."""
        variables = json.dumps(state.variables, sort_keys=True, separators=(",", ":"))
        text = "\n".join((state.query or "", state.operation_name or "", variables))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def __contains__(self, fingerprint: str) -> bool:
        return self.entries.get(fingerprint, False)

    def add(self, fingerprint: str) -> None:
        self.entries.put(fingerprint, True)

    def clear(self) -> None:
        self.entries.clear()


passed_checks = PassedChecks()
setting_changed.connect(lambda **_kwargs: passed_checks.clear(), weak=False)


def check_arguments(state: RequestState) -> None:
    fingerprint = passed_checks.fingerprint(state)
    if fingerprint in passed_checks:
        return
    found = limits.argument_errors(schema(), state.document, state.operation_name, state.variables)
    if not found:
        found = cost_errors(schema(), state.document, state.operation, state.variables)
    if found:
        raise Answered(request_errors(state, found))
    passed_checks.add(fingerprint)


def execute_operation(request: HttpRequest, state: RequestState) -> ExecutionResult:
    result = execute(
        schema(),
        state.document,
        context_value=request,
        variable_values=state.variables,
        operation_name=state.operation_name,
        execution_context_class=SyncExecutionContext,
    )
    for error in result.errors or ():
        if errors.is_database_unavailable(error.original_error):
            raise error.original_error  # answered 503 by failure_response
    return result


def mask(state: RequestState, result: ExecutionResult) -> ExecutionResult:
    if result.errors:
        result.errors = errors.mask_errors(
            state.request_id,
            result.errors,
            suggestions=getattr(settings, "GRAPHQL_SUGGESTIONS", True),
        )
    return result


def respond(request: HttpRequest, state: RequestState, result: ExecutionResult) -> HttpResponse:
    if result.data is None and not any(error.path for error in result.errors or ()):
        # Variable coercion failed: nothing executed.
        return request_errors(state, result.errors or [])
    body = encode(result)
    state.outcome = "error" if result.errors else "ok"
    response = HttpResponse(body, content_type=content_type(state))
    policy = state.policy or NEVER
    if result.errors or state.draft or (policy.key is None and not policy.public):
        return response
    tags = {*state.tags, ALL}
    tag_headers(response, header_value(tags))
    etag = None
    changes = keep_until(state)
    if policy.key is not None:
        response[HIT_HEADER] = "miss"
        entry = cache.store(policy.key, body, state.generation, tags, changes)
        if entry is not None:
            etag = entry.etag
            counter("response cache", "stored").inc()
    if not policy.public:
        return response
    edge.register(request.build_absolute_uri(), tags)
    return public_headers(request, state, response, etag, changes)


def keep_until(state: RequestState) -> float:
    """The moment no cache may keep the response past (epoch seconds): the next scheduled
    change (:func:`next_change`), and for safety-critical content no later than
    ``SAFETY_CRITICAL_MAX_AGE`` seconds from now (the server's copies, browsers and the edge:
    hits compute their ``max-age`` from it too)."""
    changes = next_change(state)
    if state.safety_critical:
        max_age = getattr(settings, "SAFETY_CRITICAL_MAX_AGE", DEFAULT_SAFETY_CRITICAL_MAX_AGE)
        changes = min(changes, time.time() + max_age)
    return changes


def tag_headers(response: HttpResponse, tags: str) -> None:
    """What the response was built from (a :func:`pages.cache_tags.header_value`), for edges
    that purge by tag: ``Surrogate-Key`` (Varnish's xkey, Fastly) and ``Cache-Tag``
    (Cloudflare, Akamai), the same list."""
    response[SURROGATE_KEY] = tags
    response[CACHE_TAG] = tags


def next_change(state: RequestState) -> float:
    """When the response built for ``state`` may change by the clock alone: the next scheduled
    go-live or expiry of a page after the request started, if the response judged any page's
    visibility (every page it serves does, through api/visibility.py); never otherwise."""
    if state.visibility is None:
        return math.inf
    if state.next_change is None:
        state.next_change = cache.next_change(since=state.started)
    return state.next_change


# --- Responses --------------------------------------------------------------------------------


def content_type(state: RequestState) -> str:
    return f"{state.media_type}; charset=utf-8"


def encode(result: ExecutionResult) -> bytes:
    payload: dict[str, Any] = {}
    if result.errors:
        payload["errors"] = [error.formatted for error in result.errors]
    payload["data"] = result.data
    return json.dumps(payload, separators=(",", ":")).encode()


def request_errors(state: RequestState, found: list[GraphQLError]) -> HttpResponse:
    """A request that was not executed: 400 for the API's own refusals and for
    ``application/graphql-response+json`` clients, 200 for ``application/json`` ones."""
    found = errors.mask_errors(
        state.request_id, found, suggestions=getattr(settings, "GRAPHQL_SUGGESTIONS", True)
    )
    for error in found:
        if not (error.extensions or {}).get("code"):
            error.extensions = {**(error.extensions or {}), "code": request_error_code(error)}
    state.outcome = "refused"
    refused = any((error.extensions or {}).get("code") in POLICY_CODES for error in found)
    status = 400 if refused or state.media_type == GRAPHQL_RESPONSE else 200
    body = json.dumps({"errors": [error.formatted for error in found]}, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type=content_type(state))


def request_error_code(error: GraphQLError) -> str:
    """Apollo's codes for GraphQL request errors, which clients already know."""
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if error.message.startswith("Variable '$"):
        return "BAD_USER_INPUT"
    return "GRAPHQL_VALIDATION_FAILED"


def error_response(state: RequestState, message: str, code: str, status: int) -> HttpResponse:
    extensions = {"code": code, "requestId": state.request_id}
    body = json.dumps({"errors": [{"message": message, "extensions": extensions}]})
    return HttpResponse(body, status=status, content_type=content_type(state))


def failure_response(state: RequestState, error: Exception) -> HttpResponse:
    """A database that cannot be reached: 503 with Retry-After (the next request connects
    again). Anything else is a bug: logged with the request id, answered 500 in JSON."""
    if errors.is_database_unavailable(error):
        errors.logger.warning("database unavailable: %s", error)
        response = error_response(
            state,
            "The service is temporarily unavailable. Try again shortly.",
            errors.SERVICE_UNAVAILABLE,
            503,
        )
        response["Retry-After"] = str(errors.RETRY_AFTER_SECONDS)
        return response
    errors.logger.error(
        "unexpected error in the GraphQL pipeline (request id %s)",
        state.request_id,
        exc_info=error,
        extra={"request_id": state.request_id},
    )
    return error_response(
        state,
        f"Internal server error (request id {state.request_id}).",
        errors.INTERNAL_SERVER_ERROR,
        500,
    )


def public_headers(
    request: HttpRequest,
    state: RequestState,
    response: HttpResponse,
    etag: str | None,
    changes: float,
) -> HttpResponse:
    """Public caching for what the policy allows: ``Cache-Control``, a strong ``ETag`` and
    304 for a matching ``If-None-Match``. The ``max-age`` ends no later than the next
    scheduled go-live or expiry of a page the response judged (``changes``, epoch seconds):
    browsers and the edge keep nothing past it."""
    policy = state.policy or NEVER
    if not policy.public:
        return response
    seconds_left = changes - time.time()
    if seconds_left < policy.max_age:
        policy = dataclasses.replace(policy, max_age=max(0, math.floor(seconds_left)))
    etag = etag or f'"{hashlib.sha256(response.content).hexdigest()}"'
    if etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
        hit = response.get(HIT_HEADER)
        response = HttpResponse(status=304)
        if hit:
            response[HIT_HEADER] = hit
    response["ETag"] = etag
    response["Cache-Control"] = policy.cache_control
    # The body is the same for both JSON media types, its Content-Type is not.
    response["Vary"] = "Accept"
    return response


def finish(request: HttpRequest, state: RequestState, response: HttpResponse) -> HttpResponse:
    # Whatever public_headers did not make public is kept nowhere; a token's read is private.
    kept_nowhere = PRIVATE if state.token is not None else NEVER
    response.setdefault("Cache-Control", kept_nowhere.cache_control)
    response["X-Request-ID"] = state.request_id
    # JSON only: nothing here may be rendered as a page, framed or sniffed.
    response.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
    if request.method == "HEAD":
        response.content = b""
    return response


def operation_label(state: RequestState) -> str:
    """The contract operation a request runs (persisted, or its exact text), else "other":
    what the metrics count by, from a fixed set whatever clients send."""
    if state.label is None:
        operation = state.persisted
        if operation is None and state.query is not None:
            operation = persisted_operations().get(sha256_hex(state.query))
        state.label = operation.name if operation is not None else "other"
    return state.label


def count(state: RequestState, response: HttpResponse, seconds: float) -> None:
    """The request in /metrics (cms/metrics.py): by operation, outcome and time taken."""
    if response.status_code >= 500:
        outcome = "failed"
    elif response.status_code >= 400:
        outcome = "refused"
    else:
        outcome = state.outcome or "ok"
    label = operation_label(state)
    counter("requests", label, outcome).inc()
    counter("seconds", label).observe(seconds)


_METRICS = {
    "requests": GRAPHQL_REQUESTS,
    "seconds": GRAPHQL_SECONDS,
    "response cache": RESPONSE_CACHE,
}


@functools.cache
def counter(metric: str, *labels: str):
    """A metric's child for ``labels``, looked up once per process (prometheus_client's
    ``labels()`` validates and locks on every call: a cache hit paid for it three times).
    Labels come from fixed sets (operation names, outcomes), so the memo stays small."""
    return _METRICS[metric].labels(*labels)


def etag_matches(header: str, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, as RFC 9110 asks for
    If-None-Match), or is ``*``."""
    candidates = [candidate.strip() for candidate in header.split(",") if candidate.strip()]
    return any(candidate == "*" or candidate.removeprefix("W/") == etag for candidate in candidates)
