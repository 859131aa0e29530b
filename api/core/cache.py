"""A shared cache of GraphQL read responses (Django's cache: Redis in production), invalidated
by cache tags: a change makes stale only the responses built from what it changed.

What is cached, under which key, and what never is: api/core/policy.py decides (one function
for this cache, browsers and the edge); this module keeps and checks the entries.

Tags (pages/cache_tags.py names them): while a response executes, every object it serves is
recorded as a tag (``page:12``, ``organisation:7``, ``image:3``: api/tagging.py, on every field
of the schema that returns one), every list it pages through as a list tag per language
(``list:page:es``), and each article whose comments or reactions it shows as
``participation:<pk>``. Every response also depends on ``all``.

Each tag has a version key (``rc:v:<tag>``). An entry records the versions of its tags when it
was stored and is served only while they are all unchanged: a worker's own copy is checked by
reading the change counter alone while nothing has changed (:class:`LocalEntries`), a shared
entry with one ``get_many`` of its versions. A change
bumps the versions of the tags it touches (api/core/invalidation.py maps signals to tags with
``pages.cache_tags.changed_by``): publishing one article drops that article's responses and
the lists of its language, not every other article's; a site, locale, privacy setting or
redirect bumps ``all``.

Versions are bumped twice: at once (this process, and every worker, stops serving the old
response, even before the change commits) and again when the transaction commits (a response
another worker built from the old rows under the first bump's version is dropped too). A
response's tags are known only once it has executed, so a global change counter
(``rc:generation``, bumped with every tag) is read before executing and again when storing:
if anything changed in between, the response may mix old and new rows and is not stored.
Version keys never expire; an evicted one is recreated with a random value, so entries built
on the lost value can never match again.

Dates: a page's go-live or expiry changes what is visible without any save (pages/visibility.py
judges the dates at read time), so no entry outlives the next scheduled go-live or expiry
(``pages.visibility.next_scheduled_change``): each entry carries the moment it expires, no
later than that, checked on every hit, and the public ``max-age`` ends then too (view.py).

Persisted GETs are also tagged for the edge cache (``api.core.edge``: ``Cache-Tag`` and
``Surrogate-Key`` headers for Varnish/CDNs, a URL registry per tag for nginx), which purges
the same tags when their versions are bumped.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from pages.cache_tags import ALL, header_value, participation_tag
from pages.visibility import next_scheduled_change

from . import edge
from .policy import CachePolicy
from .recent import Recent

GENERATION = "rc:generation"
VERSION_PREFIX = "rc:v:"
DEFAULT_TIMEOUT = 300
DEFAULT_LOCAL_ENTRIES = 256


def version_key(tag: str) -> str:
    return VERSION_PREFIX + tag


ALL_KEY = version_key(ALL)


class LocalEntries:
    """This worker's copy of the entries it served last (a bounded LRU), so that a hit costs
    one round trip for one small key instead of fetching the body again.

    Each copy remembers the change counter (``GENERATION``) under which its tags' versions were
    last found unchanged. A hit reads only the counter: while it is the same, no tag has been
    bumped anywhere since (every bump of tag versions is followed by a bump of the counter), so
    the copy is fresh. When it has moved, the copy's versions are checked again, exactly like a
    shared entry's, in one ``get_many`` with the counter (an atomic snapshot), and the copy
    remembers the new counter. Copies expire with the same timeout as shared entries."""

    def __init__(self, size: int):
        self.entries = Recent(size)

    def get(self, key: str) -> tuple[Entry, int | None] | None:
        """The copy under ``key`` and the counter it was last checked under."""
        item = self.entries.get(key)
        if item is None:
            return None
        entry, expires, checked = item
        if expires < time.monotonic():
            self.entries.discard(key)
            return None
        return entry, checked

    def put(self, key: str, entry: Entry, checked: int | None) -> None:
        timeout = min(
            getattr(settings, "RESPONSE_CACHE_TIMEOUT", DEFAULT_TIMEOUT),
            entry.expires - time.time(),
        )
        self.entries.put(key, (entry, time.monotonic() + timeout, checked))

    def discard(self, key: str) -> None:
        self.entries.discard(key)

    def clear(self) -> None:
        self.entries.clear()


local_entries = LocalEntries(DEFAULT_LOCAL_ENTRIES)


# --- Reading and storing ----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A stored response: its bytes, their strong ETag, the versions of the tags it was built
    from (by version key), when
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

    @property
    def tags(self) -> list[str]:
        """The cache tags the response was built from (``Cache-Tag`` on a hit)."""
        return sorted(key.removeprefix(VERSION_PREFIX) for key in self.deps)

    @functools.cached_property
    def tag_header(self) -> str:
        """:attr:`tags` as a header value, worked out once per copy (a worker's copy serves
        many hits)."""
        return header_value(self.tags)


def next_change(since: float | None = None) -> float:
    """When (epoch seconds) the next scheduled go-live or expiry of a page after ``since``
    (default: now) is due: what is visible changes then without any save (``math.inf``:
    nothing is scheduled)."""
    moment = None if since is None else datetime.datetime.fromtimestamp(since, datetime.UTC)
    change = next_scheduled_change(moment)
    return change.timestamp() if change is not None else math.inf


def lookup(policy: CachePolicy) -> tuple[Entry | None, int | None]:
    """The fresh entry under ``policy.key`` (or None), and the change counter read with it
    (compared when a response built now is stored). When this worker holds a copy: one small
    read (the counter), or two when something changed since the copy was last checked;
    otherwise the entry, the counter and ``all`` together, then the entry's other versions."""
    key = policy.key
    local = local_entries.get(key)
    if local is not None and local[0].seconds_left() <= 0:
        local_entries.discard(key)
        local = None
    if local is not None:
        entry, checked = local
        generation = cache.get(GENERATION)
        if generation is not None and generation == checked:
            return entry, generation
        current = cache.get_many([*entry.deps, GENERATION])
        if all(current.get(dep) == version for dep, version in entry.deps.items()):
            generation = current.get(GENERATION)
            local_entries.put(key, entry, generation)
            return entry, generation
        local_entries.discard(key)
    found = cache.get_many([key, GENERATION, ALL_KEY])
    generation = found.get(GENERATION)
    if generation is None:
        # No change counted yet (a fresh cache): create the counter, so that copies of what is
        # stored now are checked by reading it alone.
        generation = current_version(GENERATION)
    entry = found.get(key)
    if not isinstance(entry, Entry) or entry.deps.get(ALL_KEY) != found.get(ALL_KEY):
        return None, generation
    if entry.seconds_left() <= 0:
        return None, generation
    others = [dep for dep in entry.deps if dep != ALL_KEY]
    if others:
        current = cache.get_many(others)
        if any(current.get(dep) != entry.deps[dep] for dep in others):
            return None, generation
    # Checked under the counter read first: any bump since then moved it.
    local_entries.put(key, entry, generation)
    return entry, generation


def store(
    key: str,
    body: bytes,
    generation: int | None,
    tags: set[str],
    changes: float | None = None,
) -> Entry | None:
    """Keep ``body`` under ``key``, valid while the versions of ``tags`` (and ``all``) are
    unchanged, and not past ``changes`` (:func:`next_change` since the request started) nor
    the timeout. Nothing is kept (None) if the change counter moved since ``generation`` was
    read, before the response executed: it may have been built from rows of both sides of a
    change."""
    keys = [version_key(tag) for tag in sorted({*tags, ALL})]
    found = cache.get_many([*keys, GENERATION])
    if found.get(GENERATION) != generation:
        return None
    deps = {dep: found[dep] if dep in found else current_version(dep) for dep in keys}
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
    local_entries.put(key, entry, generation)
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


def tags_changed(tags: set[str]) -> None:
    """Every cached response built from what ``tags`` name is stale, now and once the current
    transaction commits (when the edge is purged of them too)."""
    if not tags:
        return
    _bump(tags)
    transaction.on_commit(functools.partial(_tags_changed_now, frozenset(tags)))


def _bump(tags) -> None:
    for tag in sorted(tags):
        bump_now(version_key(tag))
    bump_now(GENERATION)


def _tags_changed_now(tags: frozenset[str]) -> None:
    _bump(tags)
    edge.purge_tags(tags)


def content_changed() -> None:
    """Every cached response is stale (sites, locales, privacy, redirects: ``all``)."""
    tags_changed({ALL})


def article_participation_changed(pk: int) -> None:
    """Responses showing article ``pk``'s comments or reactions are stale."""
    tags_changed({participation_tag(pk)})
