"""A shared cache of GraphQL read responses (Django's cache: Redis in production), invalidated
by version keys when content or reader participation changes.

What is cached: the bytes of a successful read operation, persisted (``GET ?id=``, Apollo's
extensions) or plain (a ``query`` over GET or POST), keyed by everything that can change the
answer: the document (persisted operation, or the SHA-256 of the query text), the operation
name, the variables (canonical JSON), the active language (LocaleMiddleware's outcome of the URL,
cookie and ``Accept-Language``), and the scheme and host (page URLs depend on the site).

What is never cached: mutations, requests from a logged-in session or carrying credentials
(an editor may see more than the public), previews (a ``token`` variable; resolvers serving a
draft set ``request.cms_no_store``), the operations the view calls private (``CommentForm``),
responses with errors, and anything but a 200.

Invalidation: each entry records the versions of what it was built from, and is served only
while they are all unchanged (checked with one ``get_many`` per hit):

* ``content``: every entry depends on it. Bumped when a page is published, unpublished, moved
  or deleted, when a snippet (organisation, service, author), an image, a locale or a site is
  saved or deleted. One counter for all content, rather than per-page purges: a page appears
  in lists, searches, directories and other articles' translation links, and a snippet in every
  article whose directory block filters by service or region, so mapping a change to the exact
  responses it affects (Wagtail's reference index only knows chooser references) would miss
  some. Editors publish a few times an hour; readers read thousands of times between two
  publishes, so emptying the cache on each publish costs little.
* ``article:<pk>``: the article's reader participation (approved comments, comment count,
  reactions). Bumped when a comment is saved or deleted (posting, moderation, personal-data
  purges) and when a reaction is counted, so only responses that show that article's counts are
  rebuilt: a busy article's reactions do not empty the whole cache. Quiz tallies appear in no
  read response (the admin's report reads them directly), so submissions invalidate nothing.

Versions are bumped twice: at once (this process, and every worker, stops serving the old
response, even before the change commits) and again when the transaction commits (a response
another worker built from the old rows under the first bump's version is dropped too). A
response records the content version read *before* it executed, so a publish during its
execution leaves it already stale. Article versions are read when the
response is stored: a comment approved while a response that shows its article is being built
(a few milliseconds) can slip through; ``RESPONSE_CACHE_TIMEOUT`` (default 300 s) bounds that.
Version keys never expire; an evicted one is recreated with a random value, so entries built
on the lost value can never match again.

Persisted GETs are also registered for the edge cache (``api.edge_cache``), which purges them
from nginx when their versions are bumped.
"""

from __future__ import annotations

import functools
import hashlib
import json
import secrets
import time
from collections import OrderedDict
from threading import Lock

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from . import edge_cache
from .contract import Operation

CONTENT = "rc:v:content"
HIT_HEADER = "X-Response-Cache"
DEFAULT_TIMEOUT = 300
DEFAULT_LOCAL_ENTRIES = 256


def article_version_key(pk: int) -> str:
    return f"rc:v:article:{pk}"


def enabled() -> bool:
    return getattr(settings, "RESPONSE_CACHE_ENABLED", True)


@functools.cache
def private_operations() -> frozenset[str]:
    from .views import PRIVATE_OPERATIONS

    return PRIVATE_OPERATIONS


class LocalEntries:
    """This worker's copy of the entries it served last (a bounded LRU), so that a hit costs
    one round trip for the small version keys instead of fetching the body again. Entries are
    checked against the shared versions on every use, exactly like shared ones, and expire
    with the same timeout."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            item = self.entries.get(key)
            if item is None:
                return None
            entry, expires = item
            if expires < time.monotonic():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        timeout = getattr(settings, "RESPONSE_CACHE_TIMEOUT", DEFAULT_TIMEOUT)
        with self.lock:
            self.entries[key] = (entry, time.monotonic() + timeout)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def discard(self, key: str) -> None:
        with self.lock:
            self.entries.pop(key, None)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


local_entries = LocalEntries(DEFAULT_LOCAL_ENTRIES)


# --- Keys -------------------------------------------------------------------------------------


def request_key(request: HttpRequest, operation: Operation | None) -> str | None:
    """The cache key of a request's response, or None if it must not be cached."""
    if not enabled() or request.method not in ("GET", "POST"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None  # an editor's session, or credentials: may see more than the public
    params = request_params(request)
    if params is None:
        return None
    query, variables, operation_name = params
    if operation is not None:
        if not operation.is_read or operation.name in private_operations():
            return None
        document = "persisted:" + operation.file
        operation_name = operation.name
    elif isinstance(query, str) and query:
        document = "query:" + hashlib.sha256(query.encode()).hexdigest()
    else:
        return None
    if isinstance(variables, str):
        try:
            variables = json.loads(variables) if variables else None
        except ValueError:
            return None
    if variables is not None and not isinstance(variables, dict):
        return None
    if variables and variables.get("token"):
        return None  # a preview
    material = "\n".join(
        (
            document,
            str(operation_name or ""),
            json.dumps(variables or {}, sort_keys=True, separators=(",", ":")),
            get_language() or "",
            request.scheme,
            request.get_host(),
        )
    )
    return "rc:e:" + hashlib.sha256(material.encode()).hexdigest()


def request_params(request: HttpRequest) -> tuple | None:
    """(query, variables, operationName) as sent, or None when the body is not a JSON object."""
    if request.method == "GET":
        get = request.GET
        return get.get("query"), get.get("variables"), get.get("operationName")
    try:
        data = json.loads(request.body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return data.get("query"), data.get("variables"), data.get("operationName")


# --- Reading and storing ----------------------------------------------------------------------


def lookup(request: HttpRequest, operation: Operation | None) -> HttpResponse | None:
    """The cached response for ``request``, or None (and the request is prepared for
    :func:`store`)."""
    key = request_key(request, operation)
    request.response_cache_key = key
    if key is None:
        return None
    entry = local_entries.get(key)
    if entry is not None:
        # Known to this worker: one round trip, for the (small) version keys only.
        current = cache.get_many(list(entry["deps"]))
        request.response_cache_content_version = current.get(CONTENT)
        if not all(current.get(dep) == version for dep, version in entry["deps"].items()):
            local_entries.discard(key)
            entry = None
    if entry is None:
        found = cache.get_many([key, CONTENT])
        request.response_cache_content_version = found.get(CONTENT)
        entry = found.get(key)
        if entry is None or entry["deps"].get(CONTENT) != found.get(CONTENT):
            return None
        others = [dep for dep in entry["deps"] if dep != CONTENT]
        if others:
            current = cache.get_many(others)
            if any(current.get(dep) != entry["deps"][dep] for dep in others):
                return None
        local_entries.put(key, entry)
    response = HttpResponse(entry["body"], content_type=entry["content_type"])
    if operation is not None and request.method == "GET":
        response["ETag"] = entry["etag"]  # saves hashing the body again for the ETag
    response[HIT_HEADER] = "hit"
    request.graphql_errors = False
    return response


def depends_on_article(request: HttpRequest, pk: int) -> None:
    """Record that the response being built shows ``pk``'s comments or reactions."""
    articles = getattr(request, "response_cache_articles", None)
    if articles is None:
        articles = request.response_cache_articles = set()
    articles.add(pk)


def store(request: HttpRequest, operation: Operation | None, response: HttpResponse) -> None:
    """Keep ``response`` if it is a successful, public read; see the module docstring."""
    key = getattr(request, "response_cache_key", None)
    if (
        key is None
        or response.status_code != 200
        or response.cookies
        or getattr(request, "graphql_errors", True)
        or getattr(request, "cms_no_store", False)
        or getattr(request, "graphql_operation_type", None) != "query"
    ):
        return
    content_version = request.response_cache_content_version
    if content_version is None:
        content_version = current_version(CONTENT)
    deps = {CONTENT: content_version}
    articles = sorted(getattr(request, "response_cache_articles", ()))
    if articles:
        keys = [article_version_key(pk) for pk in articles]
        found = cache.get_many(keys)
        for dep in keys:
            deps[dep] = found[dep] if dep in found else current_version(dep)
    body = response.content
    entry = {
        "body": body,
        "content_type": response["Content-Type"],
        "etag": f'"{hashlib.sha256(body).hexdigest()}"',
        "deps": deps,
    }
    cache.set(key, entry, getattr(settings, "RESPONSE_CACHE_TIMEOUT", DEFAULT_TIMEOUT))
    local_entries.put(key, entry)
    response[HIT_HEADER] = "miss"
    if operation is not None and request.method == "GET":
        response["ETag"] = entry["etag"]
        edge_cache.register(request.build_absolute_uri(), articles)


# --- Versions ---------------------------------------------------------------------------------


def current_version(key: str) -> int:
    """The version under ``key``, created (with a random value) if missing."""
    cache.add(key, secrets.randbelow(2**48), timeout=None)
    value = cache.get(key)
    return value if value is not None else bump_now(key)


def bump_now(key: str) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # missing (never set, or evicted): start from a fresh random value
        value = secrets.randbelow(2**48)
        cache.set(key, value, timeout=None)
        return value


def content_changed() -> None:
    """Every cached response is stale, now and once the current transaction commits."""
    bump_now(CONTENT)
    transaction.on_commit(_content_changed_now)


def _content_changed_now() -> None:
    bump_now(CONTENT)
    edge_cache.purge_all()


def article_participation_changed(pk: int) -> None:
    """Responses showing article ``pk``'s comments or reactions are stale, now and once the
    current transaction commits."""
    bump_now(article_version_key(pk))
    transaction.on_commit(functools.partial(_article_changed_now, pk))


def _article_changed_now(pk: int) -> None:
    bump_now(article_version_key(pk))
    edge_cache.purge_article(pk)
