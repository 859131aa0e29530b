"""Purging persisted GraphQL responses from an edge cache (nginx, see deploy/nginx.conf) when
the response cache's versions are bumped.

The edge caches ``GET /graphql/?id=...&variables=...`` by host and request URI. Its keys cannot
be computed from a page (clients encode variables as they like), so every persisted GET the
API answers from a fresh execution is registered here: under ``all``, and under each article
whose comments or reactions it shows. A content change purges everything registered; a
comment or reaction purges that article's URLs. Purges go through Wagtail's frontend-cache
backends (``WAGTAILFRONTENDCACHE``): :class:`NginxPurgeBackend` sends ``PURGE`` requests.

The purge requests are sent by a background task (:data:`purge_edge_urls`), never in the
editor's or reader's request: the request takes the URLs from the registry and queues them.
URLs the edge did not purge (unreachable, an error status) are retried with backoff, and only
those (cms/tasks.py).

Without ``WAGTAILFRONTENDCACHE`` nothing is registered or purged (no edge in front).

The registry is a Redis set per scope when the cache is Redis (shared by every worker), an
in-process set otherwise (development and tests: one process). It is bounded by
``EDGE_CACHE_MAX_URLS`` per scope (default 10,000); past that a URL is not registered, and the
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

logger = logging.getLogger(__name__)

ALL = "all"
DEFAULT_MAX_URLS = 10_000
PURGE_TIMEOUT = 5
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

    def add(self, scope: str, url: str) -> None:
        with self.lock:
            urls = self.sets.setdefault(scope, set())
            if len(urls) < max_urls():
                urls.add(url)

    def pop(self, scope: str) -> set[str]:
        with self.lock:
            return self.sets.pop(scope, set())


class RedisRegistry:
    """Sets of URLs by scope, in the Redis behind Django's cache (prefixed like its keys)."""

    def __init__(self, django_cache):
        self.cache = django_cache

    def client(self):
        return self.cache._cache.get_client(write=True)

    def key(self, scope: str) -> str:
        return self.cache.make_key(f"edge-urls:{scope}")

    def add(self, scope: str, url: str) -> None:
        client, key = self.client(), self.key(scope)
        if client.scard(key) < max_urls():
            client.sadd(key, url)

    def pop(self, scope: str) -> set[str]:
        client, key = self.client(), self.key(scope)
        pipe = client.pipeline()
        pipe.smembers(key)
        pipe.delete(key)
        members, _deleted = pipe.execute()
        return {member.decode() for member in members}


_local = LocalRegistry()


def registry():
    from django.core.cache.backends.redis import RedisCache

    # ``django.core.cache.cache`` is a proxy: ask the backend itself what it is.
    backend = caches["default"]
    return RedisRegistry(backend) if isinstance(backend, RedisCache) else _local


def register(url: str, article_ids) -> None:
    """Remember that the edge may hold ``url``, which shows these articles' participation."""
    if not configured():
        return
    store = registry()
    store.add(ALL, url)
    for pk in article_ids:
        store.add(f"article:{pk}", url)


def purge_all() -> None:
    if configured():
        purge(registry().pop(ALL))


def purge_article(pk: int) -> None:
    if configured():
        purge(registry().pop(f"article:{pk}"))


def purge(urls: set[str]) -> None:
    """Queue the purge of ``urls`` (the request that changed them does not wait for the edge)."""
    if urls:
        purge_edge_urls.enqueue(sorted(urls))


class PurgeFailed(Exception):
    pass


# Ahead of other queued work (emails, Wagtail's reference index): until it runs, the edge
# serves what it holds.
@retrying_task(priority=50)
def purge_edge_urls(urls: list[str]) -> int:
    """Purge ``urls`` from every configured edge; retry the ones that failed."""
    failed = []
    for backend_name, backend in get_backends().items():
        for url in urls:
            try:
                backend.purge(url)
            except PurgeFailed as error:
                logger.warning("[%s] could not purge %s: %s", backend_name, url, error)
                EDGE_PURGES.labels("failed").inc()
                failed.append(url)
            else:
                EDGE_PURGES.labels("sent").inc()
    if failed:
        failed = sorted(set(failed))
        raise RetryWith(f"{len(failed)} of {len(urls)} URL(s) not purged", failed)
    return len(urls)


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge backend for nginx's cache-purge module: sends
    ``PURGE /purge<path>`` to ``LOCATION`` with the URL's host; a 404 (nothing cached under
    that key) is not an error, and a purge never waits more than a few seconds. A purge that
    fails raises :class:`PurgeFailed`, so :data:`purge_edge_urls` retries it."""

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit(
                (self.cache_scheme, self.cache_netloc, PURGE_PREFIX + parts.path, parts.query, "")
            ),
            headers={"Host": parts.netloc, "User-Agent": "cms-edge-purge"},
        )
        try:
            urlopen(request, timeout=PURGE_TIMEOUT)
        except HTTPError as error:
            if error.code != 404:
                raise PurgeFailed(f"HTTP {error.code}") from error
        except (URLError, OSError) as error:
            raise PurgeFailed(str(error)) from error
