"""The cache policy: one function decides, for the app's response cache and for browsers and
the edge, whether a response may be kept, under which key, and with which headers.

The key is derived from exactly what will execute, as the earlier steps settled it: the
document (a persisted operation's file, or the SHA-256 of the query text), the operation that
runs, the variables (canonical JSON), the language (LocaleMiddleware's outcome), the site
(scheme and host: page URLs depend on it) and the response's media type. Nothing is read from
the request again here, so what is cached and what runs cannot disagree.

Never stored, anywhere:

* anything but a query (mutations);
* an operation that can return unpublished content or a one-time value, whether it arrives
  persisted or as plain text: a ``token`` argument (a preview) or ``commentFormToken`` or
  ``directoryReportFormToken`` (they record when the form was loaded: a cached one defeats the
  spam check) anywhere in it;
* a request carrying a session cookie or credentials (an editor may see more than the public);
  a request with a valid API token (``state.token``: it reads drafts) is ``private, no-store``;
* at store time: a response with errors, and one whose resolvers served a draft.

Persisted reads over GET (and HEAD) are also public for browsers and the edge (``Cache-Control:
public, max-age=PERSISTED_QUERY_MAX_AGE`` with a strong ``ETag``); every other response is
``no-store``.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from graphql import ArgumentNode, FieldNode, visit
from graphql.language import Visitor

from .documents import parse_only
from .state import RequestState

DEFAULT_MAX_AGE = 60
# Fields whose value must be fresh on every request.
FRESH_FIELDS = frozenset({"commentFormToken", "directoryReportFormToken"})
# An argument that makes a field return a draft (preview tokens).
PREVIEW_ARGUMENT = "token"


@dataclass(frozen=True)
class CachePolicy:
    """``key``: where the app's response cache keeps the response (None: not kept);
    ``public``: browsers and the edge may keep it for ``max_age`` seconds."""

    key: str | None = None
    public: bool = False
    max_age: int = 0
    # For this client only (a token's read of drafts): no shared cache may keep it either.
    private: bool = False

    @property
    def cache_control(self) -> str:
        if self.public:
            return f"public, max-age={self.max_age}"
        return "private, no-store" if self.private else "no-store"


NEVER = CachePolicy()
PRIVATE = CachePolicy(private=True)


class _PrivateFinder(Visitor):
    def __init__(self):
        super().__init__()
        self.private = False

    def enter_field(self, node: FieldNode, *_args):
        if node.name.value in FRESH_FIELDS:
            self.private = True
            return self.BREAK
        return None

    def enter_argument(self, node: ArgumentNode, *_args):
        if node.name.value == PREVIEW_ARGUMENT:
            self.private = True
            return self.BREAK
        return None


@functools.lru_cache(maxsize=1024)
def never_stored(query: str) -> bool:
    """Whether the document ``query`` (already parsed, so the parse is a cache hit) selects a
    fresh-only field or passes a preview token anywhere, fragments included: such an
    operation's responses are never stored."""
    finder = _PrivateFinder()
    visit(parse_only(query), finder)
    return finder.private


def cache_policy(request: HttpRequest, state: RequestState) -> CachePolicy:
    """The one decision (see the module docstring)."""
    if state.token is not None:
        return PRIVATE
    if not state.is_read or not state.query or never_stored(state.query):
        return NEVER
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return NEVER
    public = state.persisted is not None and state.method in ("GET", "HEAD")
    max_age = int(getattr(settings, "PERSISTED_QUERY_MAX_AGE", DEFAULT_MAX_AGE))
    key = None
    if getattr(settings, "RESPONSE_CACHE_ENABLED", True):
        key = response_key(request, state)
    return CachePolicy(key=key, public=public, max_age=max_age if public else 0)


def response_key(request: HttpRequest, state: RequestState) -> str:
    if state.persisted is not None:
        document = "persisted:" + state.persisted.file
    else:
        document = "query:" + hashlib.sha256((state.query or "").encode()).hexdigest()
    operation = state.operation.name.value if state.operation and state.operation.name else ""
    material = "\n".join(
        (
            document,
            operation,
            json.dumps(state.variables, sort_keys=True, separators=(",", ":")),
            get_language() or "",
            request.scheme,
            request.get_host(),
            state.media_type,
        )
    )
    return "rc:e:" + hashlib.sha256(material.encode()).hexdigest()
