"""Which pages the public may see: the one definition of the rule, for queries and objects.

A page is visible to a site's readers when it is live, not expired, within its dates (its
``go_live_at``, if set, has come and its ``expire_at``, if set, has not: whatever the ``live``
and ``expired`` flags say, which only ``manage.py publish_scheduled`` updates), not under a view
restriction (a private page or a descendant of one), and belongs to that site: the most
specific site root (or translation of a root) above it is one of the site's. The rule is
written once, as a ``Q`` (:attr:`Audience.condition`); a build server's audience (a request
with an API token, ``Audience.drafts``) keeps only its site part. Querysets filter on it in the
database (:meth:`VisiblePageQuerySet.visible_to`, or :func:`visible_to` for any Page
queryset), and a page already loaded is checked against the same ``Q`` in Python
(:meth:`Audience.allows`), so the two cannot drift apart.

The lookups the rule needs cost no query per use: the restricted paths and the site list are
cached until they change, and Wagtail caches the site root paths itself. Each of those is kept
at most ``VISIBILITY_CACHE_TIMEOUT`` seconds (default 60), besides being dropped when what it
reads changes: with Redis the drop reaches every process at once; with per-process caches
(a single process only, see cms/settings/production.py) the bound is the backstop.

Within a request, the lookups are read from the shared cache together, in one round trip
(:func:`_read`), the first time any of them is needed, and each is read once: a request
judges every page by one snapshot of them.

A live page's own ``go_live_at`` is not moved by scheduling its next revision (Wagtail keeps
that date on the revision, ``approved_go_live_at``, and leaves the live row alone), so a live
page with a revision scheduled for later stays visible with its current content.

:func:`next_scheduled_change` says when the rule's answer next changes by the clock alone (the
earliest future ``go_live_at`` or ``expire_at`` of a live page): the response cache and the
public ``max-age`` keep nothing past it.
"""

from __future__ import annotations

import datetime
import operator
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import Page, PageManager, PageQuerySet, PageViewRestriction, Site
from wagtail.signals import post_page_move

RESTRICTED_PATHS_KEY = "pages:restricted-page-paths"
SITES_KEY = "pages:sites"
SITE_ROOT_PATHS_FRESH_KEY = "pages:site-root-paths-fresh"
SCHEDULE_KEY = "pages:next-scheduled-change"
DEFAULT_LOOKUP_TIMEOUT = 60
#: Read together, once per request (:func:`_read`).
LOOKUP_KEYS = (SITES_KEY, SITE_ROOT_PATHS_FRESH_KEY, RESTRICTED_PATHS_KEY, SCHEDULE_KEY)
_LOADED = object()
# The lookups the current request read (None outside a request: every read goes to the cache).
_request_reads: ContextVar[dict | None] = ContextVar("visibility_lookups", default=None)


def _start_request(**_kwargs) -> None:
    _request_reads.set({})


def _finish_request(**_kwargs) -> None:
    _request_reads.set(None)


request_started.connect(_start_request, weak=False, dispatch_uid="pages.visibility.start")
request_finished.connect(_finish_request, weak=False, dispatch_uid="pages.visibility.finish")


def _read(key: str):
    """The shared cache's value under ``key`` (one of :data:`LOOKUP_KEYS`). In a request, the
    first read fetches all of them in one round trip (``get_many``) and the request reuses
    them: an uncached article needs every one, and they used to cost a round trip each (one of
    them twice)."""
    reads = _request_reads.get()
    if reads is None:
        return cache.get(key)
    if _LOADED not in reads:
        reads.update(cache.get_many(LOOKUP_KEYS))
        reads[_LOADED] = True
    return reads.get(key)


def _write(key: str, value, timeout: int) -> None:
    cache.set(key, value, timeout)
    reads = _request_reads.get()
    if reads is not None and _LOADED in reads:
        reads[key] = value


def _drop(key: str) -> None:
    cache.delete(key)
    reads = _request_reads.get()
    if reads is not None:
        reads.pop(key, None)


def lookup_timeout() -> int:
    """How long, at most, a cached lookup of this module is trusted (seconds)."""
    return int(getattr(settings, "VISIBILITY_CACHE_TIMEOUT", DEFAULT_LOOKUP_TIMEOUT))


def _forget_now_and_on_commit(key: str) -> None:
    # At once (no process serves the old value from now on), and again when the change
    # commits (a value another process computed from the old rows meanwhile is dropped too).
    _drop(key)
    transaction.on_commit(lambda: _drop(key))


def cached_until_changed(key: str, compute, *, models=(), signals=()):
    """A function returning ``compute()``, kept in the cache under ``key`` until one of
    ``models`` is saved or deleted, or one of ``signals`` is sent, and at most
    :func:`lookup_timeout` seconds."""

    def forget(**_kwargs) -> None:
        _forget_now_and_on_commit(key)

    for model in models:
        post_save.connect(forget, sender=model, weak=False, dispatch_uid=f"{key}.save")
        post_delete.connect(forget, sender=model, weak=False, dispatch_uid=f"{key}.delete")
    for signal in signals:
        signal.connect(forget, weak=False, dispatch_uid=key)

    def get():
        # The bound is checked on the stored time as well as left to the cache's own expiry,
        # so that it holds by the clock the process reads whatever the cache backend.
        stored = _read(key)
        timeout = lookup_timeout()
        if stored is not None and time.time() - stored[0] <= timeout:
            return stored[1]
        value = compute()
        _write(key, (time.time(), value), timeout)
        return value

    return get


#: Tree paths of the pages with a view restriction (their descendants are private too).
restricted_paths = cached_until_changed(
    RESTRICTED_PATHS_KEY,
    lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    models=[PageViewRestriction],
    signals=[post_page_move],
)
#: (id, hostname, port, is default) of every site.
_sites = cached_until_changed(
    SITES_KEY,
    lambda: list(Site.objects.values_list("pk", "hostname", "port", "is_default_site")),
    models=[Site],
)


def site_root_paths():
    """Wagtail's ``Site.get_site_root_paths()``, which Wagtail caches for an hour and drops
    only in the process that changes a site: here its entry is dropped (for Wagtail's own
    callers too) once it is :func:`lookup_timeout` seconds old."""
    timeout = lookup_timeout()
    cleared = _read(SITE_ROOT_PATHS_FRESH_KEY)
    if cleared is None or time.time() - cleared > timeout:
        Site.clear_site_root_paths_cache()
        _write(SITE_ROOT_PATHS_FRESH_KEY, time.time(), timeout)
    return Site.get_site_root_paths()


def site_id_for(request) -> int | None:
    """The id of the site ``request`` is for, chosen exactly as ``Site.find_for_request``
    chooses (hostname and port, then hostname on the default site, then the default site, then
    a unique hostname), from the cached site list instead of a query per request."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    ranked = []
    for pk, host, site_port, default in _sites():
        if host == hostname and str(site_port) == str(port):
            ranked.append((0, pk))
        elif host == hostname and default:
            ranked.append((1, pk))
        elif default:
            ranked.append((2, pk))
        elif host == hostname:
            ranked.append((3, pk))
    ranked.sort()
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][1]
    if ranked[0][0] == 2:
        return ranked[len(ranked) == 2][1]
    return None


def dated_condition(now: datetime.datetime) -> Q:
    """Live and not expired, by the flags and by the dates at ``now``: a page whose go-live is
    still ahead or whose expiry has passed is hidden even before ``publish_scheduled`` runs.
    (No negated date lookup: SQL's NOT on a NULL comparison is not Python's.)"""
    return (
        Q(live=True, expired=False)
        & (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def published_condition(restricted: tuple[str, ...], now: datetime.datetime | None = None) -> Q:
    """Live, not expired (flags and dates at ``now``), and under none of the ``restricted`` tree
    paths (what ``PageQuerySet.live().public()`` does, plus expiry, without querying the
    restrictions)."""
    condition = dated_condition(now or timezone.now())
    for path in restricted:
        condition &= ~Q(path__startswith=path)
    return condition


def site_condition(site_id: int | None, roots: tuple[tuple[str, int], ...]) -> Q:
    """Pages of site ``site_id``, given every ``(root path, site id)`` in Wagtail's order: a
    page belongs to the site of the longest root above it (the first listed on a tie)."""
    condition = Q(pk__in=[])
    for position, (root, site) in enumerate(roots):
        if site != site_id:
            continue
        mine = Q(url_path__startswith=root)
        for other_position, (other, other_site) in enumerate(roots):
            more_specific = len(other) > len(root) or other_position < position
            if other_site != site_id and other.startswith(root) and more_specific:
                mine &= ~Q(url_path__startswith=other)
        condition |= mine
    return condition


@dataclass(frozen=True)
class Audience:
    """The readers of one site, with what the rule needs to know about them: compute it once
    (per request, say), then filtering or checking a page costs no further lookup."""

    site_id: int | None
    roots: tuple[tuple[str, int], ...]
    restricted: tuple[str, ...]
    #: The moment the dates are judged at: one per audience, so a request sees one answer.
    now: datetime.datetime = field(default_factory=timezone.now)
    #: A build server's read (a valid API token): every page of the site, published or not,
    #: view-restricted or not. Only the site part of the rule applies.
    drafts: bool = False

    @classmethod
    def of_site(cls, site: Site | int | None, *, drafts: bool = False) -> Audience:
        roots = tuple((root.root_path, root.site_id) for root in site_root_paths())
        restricted = () if drafts else tuple(restricted_paths())
        return cls(getattr(site, "pk", site), roots, restricted, drafts=drafts)

    @classmethod
    def of_request(cls, request, *, drafts: bool = False) -> Audience:
        return cls.of_site(site_id_for(request), drafts=drafts)

    @cached_property
    def condition(self) -> Q:
        """The rule. Everything else in this module reads it; nothing restates it."""
        of_site = site_condition(self.site_id, self.roots)
        if self.drafts:
            return of_site
        return published_condition(self.restricted, self.now) & of_site

    def filter(self, queryset):
        return queryset.filter(self.condition)

    def allows(self, page) -> bool:
        """Whether a loaded page meets :attr:`condition`."""
        return _matches(self.condition, page)


# The lookups a rule above may use, evaluated on a loaded object. Anything else is refused, so
# that a change to the rule cannot silently mean one thing in SQL and another in Python.
_LOOKUPS = {
    "exact": operator.eq,
    "startswith": lambda actual, prefix: actual is not None and actual.startswith(prefix),
    "in": lambda actual, values: actual in values,
    # A comparison with NULL is not true in SQL: neither here.
    "isnull": lambda actual, expected: (actual is None) == expected,
    "lte": lambda actual, bound: actual is not None and actual <= bound,
    "gt": lambda actual, bound: actual is not None and actual > bound,
}


def _matches(condition: Q, obj) -> bool:
    """Whether ``obj`` meets ``condition``, evaluated in Python as the database would."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_matches(child, obj))
            continue
        lookup, expected = child
        field, _, name = lookup.partition("__")
        name = name or "exact"
        if name not in _LOOKUPS:
            raise ValueError(f"The visibility rule cannot evaluate the lookup {lookup!r}.")
        results.append(_LOOKUPS[name](getattr(obj, field), expected))
    met = all(results) if condition.connector == Q.AND else any(results)
    return met != condition.negated


def _next_change_from_database(now: datetime.datetime) -> datetime.datetime | None:
    found = Page.objects.filter(live=True, expired=False).aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=now)),
        expiry=Min("expire_at", filter=Q(expire_at__gt=now)),
    )
    dates = [date for date in found.values() if date is not None]
    return min(dates) if dates else None


def next_scheduled_change(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """The next moment the rule's answer changes by the clock alone: the earliest ``go_live_at``
    or ``expire_at`` after ``now`` among live pages (None: no such date). One query, cached
    until a page is saved or deleted, the moment passes, or :func:`lookup_timeout` seconds."""
    now = now or timezone.now()
    cached = _read(SCHEDULE_KEY)
    if cached is not None:
        (when,) = cached
        if when is None or when > now:
            return when
    when = _next_change_from_database(now)
    _write(SCHEDULE_KEY, (when,), lookup_timeout())
    return when


def _page_saved_or_deleted(sender, instance, **_kwargs) -> None:
    if isinstance(instance, Page):
        _forget_now_and_on_commit(SCHEDULE_KEY)


# Any page model (post_save is sent with the specific class as sender).
post_save.connect(_page_saved_or_deleted, weak=False, dispatch_uid=f"{SCHEDULE_KEY}.save")
post_delete.connect(_page_saved_or_deleted, weak=False, dispatch_uid=f"{SCHEDULE_KEY}.delete")


def is_current(page, now: datetime.datetime | None = None) -> bool:
    """Whether a loaded page is live and within its dates at ``now`` (the rule without the
    site and the view restrictions, which Wagtail's own page serving checks itself)."""
    return _matches(dated_condition(now or timezone.now()), page)


def visible(queryset):
    """``queryset`` (of any page type) narrowed to live, unexpired, unrestricted pages of any
    site: for references that may cross sites (rich-text links, translations)."""
    return queryset.filter(published_condition(tuple(restricted_paths())))


def visible_to(queryset, site: Audience | Site | int | None):
    """``queryset`` (of any page type) narrowed to what the readers of ``site`` may see.
    ``site`` may be an :class:`Audience` already computed, which saves its cache lookups."""
    audience = site if isinstance(site, Audience) else Audience.of_site(site)
    return audience.filter(queryset)


class VisiblePageQuerySet(PageQuerySet):
    """Wagtail's page queryset with the visibility rule as methods."""

    def visible(self):
        return visible(self)

    def visible_to(self, site: Audience | Site | int | None):
        return visible_to(self, site)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
