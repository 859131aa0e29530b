"""A shared cache of GraphQL read responses (Django's cache: Redis in production), invalidated
by version keys when content or reader participation changes.

What is cached, under which key, and what never is: api/core/policy.py decides (one function
for this cache, browsers and the edge); this module keeps and checks the entries.

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

Dates: a page's go-live or expiry changes what is visible without any save (pages/visibility.py
judges the dates at read time), so no entry outlives the next scheduled go-live or expiry
(``pages.visibility.next_scheduled_change``): each entry carries the moment it expires, no
later than that, checked on every hit, and the public ``max-age`` ends then too (view.py).

Persisted GETs are also registered for the edge cache (``api.core.edge``), which purges them
from nginx when their versions are bumped.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from pages.visibility import next_scheduled_change

from . import edge
from .policy import CachePolicy

CONTENT = "rc:v:content"
DEFAULT_TIMEOUT = 300
DEFAULT_LOCAL_ENTRIES = 256


def article_version_key(pk: int) -> str:
    return f"rc:v:article:{pk}"


class LocalEntries:
    """This worker's copy of the entries it served last (a bounded LRU), so that a hit costs
    one round trip for the small version keys instead of fetching the body again. Entries are
    checked against the shared versions on every use, exactly like shared ones, and expire
    with the same timeout."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = Lock()

    def get(self, key: str) -> Entry | None:
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

    def put(self, key: str, entry: Entry) -> None:
        timeout = min(
            getattr(settings, "RESPONSE_CACHE_TIMEOUT", DEFAULT_TIMEOUT),
            entry.expires - time.time(),
        )
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


# --- Reading and storing ----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A stored response: its bytes, their strong ETag, the versions it was built from, when
    the next scheduled go-live or expiry of a page was due as it was built (``changes``), and
    the moment it stops being served (``expires``: at the latest ``changes``). Moments are
    epoch seconds."""

    body: bytes
    etag: str
    deps: dict[str, int]
    expires: float = math.inf
    changes: float = math.inf

    def seconds_left(self) -> float:
        return self.expires - time.time()


def next_change(since: float | None = None) -> float:
    """When (epoch seconds) the next scheduled go-live or expiry of a page after ``since``
    (default: now) is due: what is visible changes then without any save (``math.inf``:
    nothing is scheduled)."""
    moment = None if since is None else datetime.datetime.fromtimestamp(since, datetime.UTC)
    change = next_scheduled_change(moment)
    return change.timestamp() if change is not None else math.inf


def lookup(policy: CachePolicy) -> tuple[Entry | None, int | None]:
    """The fresh entry under ``policy.key`` (or None), and the content version read with it
    (what a response built now depends on). One round trip when this worker holds the entry
    (the version keys only); otherwise the entry and the content version together, plus the
    entry's article versions if it has any."""
    key = policy.key
    entry = local_entries.get(key)
    if entry is not None and entry.seconds_left() <= 0:
        local_entries.discard(key)
        entry = None
    if entry is not None:
        current = cache.get_many(list(entry.deps))
        if all(current.get(dep) == version for dep, version in entry.deps.items()):
            return entry, current.get(CONTENT)
        local_entries.discard(key)
    found = cache.get_many([key, CONTENT])
    content_version = found.get(CONTENT)
    entry = found.get(key)
    if not isinstance(entry, Entry) or entry.deps.get(CONTENT) != content_version:
        return None, content_version
    if entry.seconds_left() <= 0:
        return None, content_version
    others = [dep for dep in entry.deps if dep != CONTENT]
    if others:
        current = cache.get_many(others)
        if any(current.get(dep) != entry.deps[dep] for dep in others):
            return None, content_version
    local_entries.put(key, entry)
    return entry, content_version


def store(
    key: str,
    body: bytes,
    content_version: int | None,
    articles: set[int],
    changes: float | None = None,
) -> Entry:
    """Keep ``body`` under ``key``, valid while the content version read before it was built
    and the versions of the ``articles`` whose participation it shows are unchanged, and not
    past ``changes`` (:func:`next_change` since the request started) nor the timeout."""
    deps = {CONTENT: content_version if content_version is not None else current_version(CONTENT)}
    if articles:
        keys = [article_version_key(pk) for pk in sorted(articles)]
        found = cache.get_many(keys)
        for dep in keys:
            deps[dep] = found[dep] if dep in found else current_version(dep)
    if changes is None:
        changes = next_change()
    timeout = getattr(settings, "RESPONSE_CACHE_TIMEOUT", DEFAULT_TIMEOUT)
    expires = min(time.time() + timeout, changes)
    entry = Entry(
        body=body,
        etag=f'"{hashlib.sha256(body).hexdigest()}"',
        deps=deps,
        expires=expires,
        changes=changes,
    )
    # Whole seconds, rounded down (Redis counts in seconds); 0 stores nothing.
    cache.set(key, entry, max(0, math.floor(entry.seconds_left())))
    local_entries.put(key, entry)
    return entry


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
    edge.purge_all()


def article_participation_changed(pk: int) -> None:
    """Responses showing article ``pk``'s comments or reactions are stale, now and once the
    current transaction commits."""
    bump_now(article_version_key(pk))
    transaction.on_commit(functools.partial(_article_changed_now, pk))


def _article_changed_now(pk: int) -> None:
    bump_now(article_version_key(pk))
    edge.purge_article(pk)
