"""Purging persisted GraphQL responses from an edge cache by cache tag, when the response
cache's tag versions are bumped (api/core/cache.py).

Two kinds of edge, both through Wagtail's frontend-cache backends (``WAGTAILFRONTENDCACHE``):

* **Varnish with the xkey module** (deploy/varnish.vcl, :class:`VarnishPurgeBackend`): every
  read carries its tags in ``Surrogate-Key`` (and ``Cache-Tag``, the same list, for CDNs that
  read that one); Varnish indexes cached objects by them, and one ``PURGE`` with an
  ``xkey-purge`` header listing the changed tags drops exactly the objects built from them.
* **nginx** (deploy/nginx.conf, :class:`NginxPurgeBackend`), which purges by URL only: its keys
  cannot be computed from a page (clients encode variables as they like), so every persisted GET
  the API answers from a fresh execution is registered here under each of its tags, and a change
  purges the URLs registered under the tags it touched.

Responses holding safety-critical content carry the ``safety`` tag: an edge purged by URL gets
their URLs first (Varnish drops every tagged object in one request).

A purge is attempted once as soon as the change commits (so that no reader gets the old
response from the edge after the editor's publish returns), with a short timeout; what fails
(an edge down, an error status) is left to a background task (:data:`purge_edge`) that retries
it with backoff (cms/tasks.py).

Without ``WAGTAILFRONTENDCACHE`` nothing is registered or purged (no edge in front).

The URL registry is a Redis set per tag when the cache is Redis (shared by every worker), an
in-process set otherwise (development and tests: one process). It is bounded by
``EDGE_CACHE_MAX_URLS`` per tag (default 10,000); past that a URL is not registered, and the
edge serves it until its ``max-age`` (``PERSISTED_QUERY_MAX_AGE``) ends.
"""

from __future__ import annotations

import logging
from threading import Lock
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.cache import caches
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

from cms.metrics import EDGE_PURGES
from cms.tasks import RetryWith, retrying_task
from pages.cache_tags import ALL, SAFETY

logger = logging.getLogger(__name__)

DEFAULT_MAX_URLS = 10_000
PURGE_TIMEOUT = 3
# deploy/nginx.conf's purge location: PURGE /purge/graphql/?id=... purges /graphql/?id=...
PURGE_PREFIX = "/purge"


def configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def max_urls() -> int:
    return getattr(settings, "EDGE_CACHE_MAX_URLS", DEFAULT_MAX_URLS)


class LocalRegistry:
    """Sets of URLs by scope, in this process."""

    def __init__(self):
        self.sets: dict[str, set[str]] = {}
        self.lock = Lock()

    def add(self, scopes, url: str) -> None:
        with self.lock:
            for scope in scopes:
                urls = self.sets.setdefault(scope, set())
                if len(urls) < max_urls():
                    urls.add(url)

    def pop(self, scope: str) -> set[str]:
        with self.lock:
            return self.sets.pop(scope, set())

    def take(self, scope: str, urls: set[str]) -> set[str]:
        """Those of ``urls`` registered under ``scope``, no longer registered there."""
        with self.lock:
            members = self.sets.get(scope, set())
            found = members & urls
            members -= found
            return found

    def clear(self) -> None:
        with self.lock:
            self.sets.clear()


class RedisRegistry:
    """Sets of URLs by scope, in the Redis behind Django's cache (prefixed like its keys)."""

    def __init__(self, django_cache):
        self.cache = django_cache

    def client(self):
        return self.cache._cache.get_client(write=True)

    def key(self, scope: str) -> str:
        return self.cache.make_key(f"edge-urls:{scope}")

    def add(self, scopes, url: str) -> None:
        client = self.client()
        keys = [self.key(scope) for scope in scopes]
        pipe = client.pipeline(transaction=False)
        for key in keys:
            pipe.scard(key)
        sizes = pipe.execute()
        for key, size in zip(keys, sizes, strict=True):
            if size < max_urls():
                pipe.sadd(key, url)
        pipe.execute()

    def pop(self, scope: str) -> set[str]:
        client, key = self.client(), self.key(scope)
        pipe = client.pipeline()
        pipe.smembers(key)
        pipe.delete(key)
        members, _deleted = pipe.execute()
        return {member.decode() for member in members}

    def take(self, scope: str, urls: set[str]) -> set[str]:
        """Those of ``urls`` registered under ``scope``, no longer registered there."""
        if not urls:
            return set()
        client, key = self.client(), self.key(scope)
        ordered = sorted(urls)
        pipe = client.pipeline()
        pipe.smismember(key, ordered)
        pipe.srem(key, *ordered)
        found, _removed = pipe.execute()
        return {url for url, member in zip(ordered, found, strict=True) if member}

    def clear(self) -> None:
        client = self.client()
        for key in client.scan_iter(match=self.key("*")):
            client.delete(key)


_local = LocalRegistry()


def registry():
    from django.core.cache.backends.redis import RedisCache

    # ``django.core.cache.cache`` is a proxy: ask the backend itself what it is.
    backend = caches["default"]
    return RedisRegistry(backend) if isinstance(backend, RedisCache) else _local


def register(url: str, tags) -> None:
    """Remember that the edge may hold ``url``, built from what ``tags`` name (for the edges
    that purge by URL)."""
    if not configured() or not any(purges_urls(backend) for backend in get_backends().values()):
        return
    registry().add(sorted({*tags, ALL}), url)


def purges_urls(backend) -> bool:
    return not hasattr(backend, "purge_tags")


def purge_tags(tags) -> None:
    """Purge what the edge holds that was built from ``tags``: by tag where the edge can, by
    the registered URLs elsewhere. Tried at once; what fails is queued for retries."""
    if not configured():
        return
    tags = sorted(set(tags))
    urls = []
    if any(purges_urls(backend) for backend in get_backends().values()):
        store = registry()
        found = set()
        for tag in tags:
            found |= store.pop(tag)
        # Safety-critical responses (crisis lines) first: an edge purged URL by URL serves
        # the others' old copies a little longer, never those.
        first = store.take(SAFETY, found)
        urls = sorted(first) + sorted(found - first)
    try:
        _purge(urls, tags, first_attempt=True)
    except RetryWith as failed:
        purge_edge.enqueue(*failed.args_for_retry)


class PurgeFailed(Exception):
    pass


def _purge(urls: list[str], tags: list[str], first_attempt: bool = False) -> int:
    """Purge ``urls`` (from the edges that purge by URL) and ``tags`` (from those that purge
    by tag); raise :class:`RetryWith` naming what failed. On the first attempt (in the request
    that made the change) an edge that fails once is not asked again: the rest of its batch
    is left to the retries, so an edge that is down delays a publish by one timeout at most."""
    failed_urls, failed_tags = set(), set()
    for backend_name, backend in get_backends().items():
        if purges_urls(backend):
            batches = [([url], []) for url in urls]
        else:
            batches = [([], tags)] if tags else []
        for index, (batch_urls, batch_tags) in enumerate(batches):
            if first_attempt and index and (failed_urls or failed_tags):
                failed_urls.update(batch_urls)
                failed_tags.update(batch_tags)
                continue
            try:
                if batch_tags:
                    backend.purge_tags(batch_tags)
                else:
                    backend.purge(batch_urls[0])
            except PurgeFailed as error:
                logger.warning(
                    "[%s] could not purge %s: %s", backend_name, batch_urls or batch_tags, error
                )
                EDGE_PURGES.labels("failed").inc()
                failed_urls.update(batch_urls)
                failed_tags.update(batch_tags)
            else:
                EDGE_PURGES.labels("sent").inc()
    if failed_urls or failed_tags:
        raise RetryWith(
            f"{len(failed_urls)} URL(s) and {len(failed_tags)} tag(s) not purged",
            sorted(failed_urls),
            sorted(failed_tags),
        )
    return len(urls) + len(tags)


# Ahead of other queued work (emails, Wagtail's reference index): until it runs, the edge
# serves what it holds.
@retrying_task(priority=50)
def purge_edge(urls: list[str], tags: list[str]) -> int:
    """Purge ``urls`` and ``tags`` from every configured edge; retry what failed."""
    return _purge(urls, tags)


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge backend for nginx's cache-purge module: sends
    ``PURGE /purge<path>`` to ``LOCATION`` with the URL's host; a 404 (nothing cached under
    that key) is not an error, and a purge never waits more than a few seconds. A purge that
    fails raises :class:`PurgeFailed`, so :data:`purge_edge` retries it."""

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit(
                (self.cache_scheme, self.cache_netloc, PURGE_PREFIX + parts.path, parts.query, "")
            ),
            headers={"Host": parts.netloc, "User-Agent": "cms-edge-purge"},
        )
        send_purge(request)


class VarnishPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge backend for Varnish with the xkey module (deploy/varnish.vcl):
    :meth:`purge_tags` sends one ``PURGE`` with the tags in ``xkey-purge``, which drops every
    object tagged with any of them; :meth:`purge` purges one URL. A purge never waits more than
    a few seconds, and one that fails raises :class:`PurgeFailed`, so it is retried."""

    def purge_tags(self, tags: list[str]) -> None:
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, "/", "", "")),
            headers={"xkey-purge": " ".join(tags), "User-Agent": "cms-edge-purge"},
        )
        send_purge(request)

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={"Host": parts.netloc, "User-Agent": "cms-edge-purge"},
        )
        send_purge(request)


def send_purge(request) -> None:
    """Send a purge request (at most ``PURGE_TIMEOUT`` seconds); a 404 (nothing cached
    there) is not an error."""
    try:
        urlopen(request, timeout=PURGE_TIMEOUT)
    except HTTPError as error:
        if error.code != 404:
            raise PurgeFailed(f"HTTP {error.code}") from error
    except (URLError, OSError) as error:
        raise PurgeFailed(str(error)) from error
