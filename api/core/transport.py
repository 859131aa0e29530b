"""Step 1 of the pipeline: read the HTTP request once into the request state.

Where the parameters come from depends on the method only, never on headers:

* ``GET`` and ``HEAD``: ``query``, ``variables``, ``operationName``, ``extensions`` and ``id``
  (a persisted operation's SHA-256) from the URL; the body and ``Content-Type`` are ignored
  (Apollo Client sends ``Content-Type: application/json`` on its GETs, which graphene-django's
  view answered with 400: https://github.com/graphql-python/graphene-django/issues/1226).
* ``POST``: the same names from a JSON object body only. A POST whose URL carries any of them is
  refused: what runs and what the response cache keys on must come from one place.

Everything a client can get wrong is answered here with a :class:`RequestError` (a status and a
code), before any GraphQL work: a body too large (413), not JSON (415), invalid JSON or text,
a batch (an array), parameters of the wrong type, variables nested too deeply.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

from .state import RequestState

PARAMETERS = ("query", "variables", "operationName", "extensions", "id")
JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
# Variables deeper than this are refused: no contract operation needs more than 3 levels, and
# graphql-core's input coercion recurses once per level.
MAX_VARIABLES_DEPTH = 32
# In a Python string, a code point in this range is always a lone surrogate (a valid pair is
# one astral character).
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class RequestError(Exception):
    """A request the pipeline refuses, answered ``{"errors": [{message, extensions.code}]}``
    with ``status`` (and ``allow`` for a 405, any other ``headers`` the refusal needs)."""

    def __init__(
        self,
        message: str,
        code: str,
        status: int = 400,
        allow: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.message, self.code, self.status, self.allow = message, code, status, allow
        self.headers = headers or {}


def bad_request(message: str) -> RequestError:
    return RequestError(message, "BAD_REQUEST")


def read_request(request: HttpRequest, state: RequestState) -> None:
    """Fill ``state`` from ``request`` (see the module docstring); raises RequestError."""
    state.method = request.method or "GET"
    state.media_type = response_media_type(request.META.get("HTTP_ACCEPT", ""))
    if state.method in ("GET", "HEAD"):
        params = _from_url(request)
    elif state.method == "POST":
        params = _from_body(request)
    else:
        raise RequestError(
            "GraphQL requests are GET (queries) or POST (queries and mutations).",
            "METHOD_NOT_ALLOWED",
            status=405,
            allow="GET, HEAD, POST",
        )
    query = params.get("query")
    if query is not None and not isinstance(query, str):
        raise bad_request("`query` must be a string.")
    if isinstance(query, str):
        _check_text(query, "query")
    state.query = query or None
    variables = _object(params.get("variables"), "variables")
    _check_depth(variables)
    state.variables = _without_lone_surrogates(variables)
    state.extensions = _object(params.get("extensions"), "extensions") or None
    name = params.get("operationName")
    if name is not None and not isinstance(name, str):
        raise bad_request("`operationName` must be a string.")
    if name:
        _check_text(name, "operationName")
    state.operation_name = name or None
    state.persisted_id = _persisted_id(params.get("id"), state.extensions)


def response_media_type(accept: str) -> str:
    """``application/graphql-response+json`` when the client prefers it (or it alone is
    acceptable), otherwise ``application/json``: the default for no ``Accept``, ``*/*``
    and legacy clients (GraphQL over HTTP, "Accept")."""
    best, best_q = JSON, -1.0
    json_q = None
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media == JSON:
            json_q = q
        elif media == GRAPHQL_RESPONSE and q > best_q:
            best, best_q = GRAPHQL_RESPONSE, q
    if best == GRAPHQL_RESPONSE and best_q > 0 and (json_q is None or best_q >= json_q):
        return GRAPHQL_RESPONSE
    return JSON


def _from_url(request: HttpRequest) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name in PARAMETERS:
        values = request.GET.getlist(name)
        if len(values) > 1:
            raise bad_request(f"`{name}` is given more than once.")
        if values:
            params[name] = values[0]
    for name in ("variables", "extensions"):
        if params.get(name):
            params[name] = _json(params[name], name)
        else:
            params.pop(name, None)
    return params


def _from_body(request: HttpRequest) -> dict[str, Any]:
    if any(name in request.GET for name in PARAMETERS):
        raise RequestError(
            "A POST takes its GraphQL parameters from its JSON body only, not from the URL.",
            "PARAMETERS_IN_URL",
        )
    if request.content_type != JSON:
        raise RequestError(
            "Send GraphQL requests as application/json.", "UNSUPPORTED_MEDIA_TYPE", 415
        )
    charset = (request.content_params or {}).get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise RequestError("Send the JSON body as UTF-8.", "UNSUPPORTED_MEDIA_TYPE", 415)
    data = _json(_body(request), "body")
    if isinstance(data, list):
        raise RequestError(
            "Batched requests are not accepted: send one operation per request.",
            "BATCH_NOT_SUPPORTED",
        )
    if not isinstance(data, dict):
        raise bad_request('The JSON body must be an object: {"query": ..., "variables": ...}.')
    return data


def _body(request: HttpRequest) -> bytes:
    """The body, refused with 413 past GRAPHQL_MAX_BODY_BYTES, told by Content-Length before
    it is read (or by Django refusing to read past DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    limit = settings.GRAPHQL_MAX_BODY_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= limit:
        try:
            body = request.body
        except RequestDataTooBig:
            pass
        else:
            if len(body) <= limit:
                return body
    raise RequestError(
        f"The request body is larger than {limit} bytes.", "PAYLOAD_TOO_LARGE", status=413
    )


def _json(text: str | bytes, name: str) -> Any:
    try:
        # Strictly UTF-8: json.loads would let encoded lone surrogates through from bytes.
        value = json.loads(text.decode("utf-8") if isinstance(text, bytes) else text)
    except RecursionError:
        raise bad_request(f"The JSON of `{name}` is nested too deeply.") from None
    except (ValueError, UnicodeDecodeError):
        raise bad_request(f"`{name}` is not valid JSON (UTF-8).") from None
    return value


def _object(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise bad_request(f"`{name}` must be a JSON object.")
    return value


def _check_text(text: str, name: str) -> None:
    """Text that cannot be encoded (lone surrogates from ``\\ud800`` escapes) is refused here,
    rather than failing wherever it is first encoded."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_request(f"`{name}` contains invalid text (a lone surrogate).") from None


def _check_depth(value: Any) -> None:
    """Refuse variables nested deeper than MAX_VARIABLES_DEPTH (iteratively: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_VARIABLES_DEPTH:
            raise bad_request(f"`variables` are nested more than {MAX_VARIABLES_DEPTH} deep.")
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def _without_lone_surrogates(value: Any) -> Any:
    """``value`` with lone surrogates (``\\ud800`` escapes: no character) removed from every
    string: no database or encoder can take them, and dropping them keeps the rest of a
    reader's comment with a broken emoji (the mutations clean text the same way). Called
    after _check_depth, so the recursion is bounded."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("", value)
    if isinstance(value, dict):
        return {
            _without_lone_surrogates(key): _without_lone_surrogates(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    return value


def _persisted_id(given: Any, extensions: dict[str, Any] | None) -> str | None:
    """The SHA-256 the request names: ``id`` or Apollo's ``extensions.persistedQuery``."""
    if given is not None:
        if not isinstance(given, str) or not given:
            raise bad_request("`id` must be the SHA-256 of a persisted operation.")
        return given.lower()
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    if not isinstance(digest, str) or not digest:
        raise RequestError("persistedQuery needs a sha256Hash.", "PERSISTED_QUERY_NOT_FOUND")
    return digest.lower()
