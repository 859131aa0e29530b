"""What the domain modules of the API share: argument types, locale chains, pagination,
previews, and the content languages.

List fields are paginated the way grapple paginates (``items`` and ``pagination``), by page
number or, at any depth for the same cost, by cursor (``after``/``before`` and ``pageInfo``).

Page numbers are read with ``OFFSET``, whose cost grows with the depth: past
``MAX_PAGE_OFFSET`` items (default 1,000) a page number answers ``PAGE_TOO_DEEP``, and the
client continues with the cursor of the last item it has (``pageInfo.endCursor``). A cursor holds
the values the list is ordered by (a keyset): the next page starts from an index entry, not by
counting past every item before it.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from typing import Any

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from graphql import GraphQLError
from grapple.registry import registry

from snippets.localisation import (
    LocaleChain,
    UnknownLocale,
    all_locales,
    default_language_code,
    locale_chain,
)

from .core.state import state_of

MAX_PER_PAGE = 100
DEFAULT_MAX_PAGE_OFFSET = 1000
PAGE_TOO_DEEP = "PAGE_TOO_DEEP"
INVALID_CURSOR = "INVALID_CURSOR"
DEFAULT_SEARCH_LIMIT = 20
DEFAULT_PER_PAGE = 10


def _type(model: type) -> Any:
    return lambda: registry.models[model]


def chain_for(code: str | None) -> LocaleChain:
    """The locale chain for a ``locale`` argument, or a clear GraphQL error."""
    try:
        return locale_chain(code)
    except UnknownLocale as error:
        raise GraphQLError(str(error)) from None


def max_page_offset() -> int:
    return int(getattr(settings, "MAX_PAGE_OFFSET", DEFAULT_MAX_PAGE_OFFSET))


def page_bounds(page: int | None, per_page: int | None) -> tuple[int, int]:
    """``page`` and ``per_page`` with their defaults, or a clear GraphQL error (with the code
    ``PAGE_TOO_DEEP`` past ``MAX_PAGE_OFFSET`` items: cursors go further)."""
    page = 1 if page is None else page
    per_page = DEFAULT_PER_PAGE if per_page is None else per_page
    if page < 1:
        raise GraphQLError("page must be 1 or more.")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise GraphQLError(f"perPage must be between 1 and {MAX_PER_PAGE}.")
    if (page - 1) * per_page >= max_page_offset():
        raise GraphQLError(
            f"Page numbers reach the first {max_page_offset()} items; to go further, pass the "
            "last item's cursor (`pageInfo.endCursor`) as `after`.",
            extensions={"code": PAGE_TOO_DEEP},
        )
    return page, per_page


class PageInfo(graphene.ObjectType):
    """Cursors of a page, to ask for the next (``after: endCursor``) or the previous
    (``before: startCursor``) one: the cost is the same at any depth."""

    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(required=True)
    start_cursor = graphene.String(description="The first item's cursor; null when empty.")
    end_cursor = graphene.String(description="The last item's cursor; null when empty.")


AFTER_ARG = graphene.String(
    description="A cursor (`pageInfo.endCursor`): the page of items that follow it. Replaces "
    "`page`; the cost does not grow with the depth."
)
BEFORE_ARG = graphene.String(
    description="A cursor (`pageInfo.startCursor`): the page of items that precede it."
)


class Keyset:
    """The order of a list (``("-publication_date", "-pk")``) and its cursors: opaque strings
    holding an item's values of those fields and the list's name, so that a cursor from one
    list is refused by another."""

    def __init__(
        self, name: str, model: type, ordering: tuple[str, ...], annotations: dict | None = None
    ):
        self.name = name
        self.model = model
        self.ordering = ordering
        self.fields = [field.lstrip("-") for field in ordering]
        # Ordering fields that are annotations of the list's queryset: name → model field
        # (which reads the cursor's value back).
        self.annotations = annotations or {}

    def cursor(self, item) -> str:
        values = [_dump(getattr(item, field)) for field in self.fields]
        raw = json.dumps([self.name, values], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def values(self, cursor: str) -> list:
        """The cursor's values, or ``INVALID_CURSOR``."""
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            name, raw = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if name != self.name or len(raw) != len(self.fields):
                raise ValueError(name)
            values = [
                self._field(field).to_python(value)
                for field, value in zip(self.fields, raw, strict=True)
            ]
            if None in values:
                raise ValueError(values)
            return values
        except (ValueError, TypeError, UnicodeError, binascii.Error, ValidationError):
            raise GraphQLError(
                "This cursor is not one of this list's: pass a `startCursor` or `endCursor` "
                "this list returned.",
                extensions={"code": INVALID_CURSOR},
            ) from None

    def _field(self, name: str):
        if name in self.annotations:
            return self.annotations[name]
        return self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)

    def beyond(self, cursor: str, *, forward: bool = True) -> Q:
        """Items after the cursor's item in the list's order (before it if not ``forward``),
        with a bound on the first field so that the database starts its index scan there."""
        values = self.values(cursor)
        condition = Q()
        equal: dict = {}
        for ordering, field, value in zip(self.ordering, self.fields, values, strict=True):
            lower = ordering.startswith("-") == forward
            condition |= Q(**equal, **{f"{field}__{'lt' if lower else 'gt'}": value})
            equal[field] = value
        lower = self.ordering[0].startswith("-") == forward
        return Q(**{f"{self.fields[0]}__{'lte' if lower else 'gte'}": values[0]}) & condition

    def reversed(self) -> tuple[str, ...]:
        return tuple(f[1:] if f.startswith("-") else f"-{f}" for f in self.ordering)


def _dump(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class Pagination:
    """``pagination`` of one page of a list (grapple's ``PaginationType`` fields), counted only
    when a client selects it: a page read by cursor for ``pageInfo`` alone costs no ``COUNT``
    over the whole list. ``total`` and ``page`` may be numbers or functions computing them."""

    def __init__(self, count: int, per_page: int, total, page):
        self.count = count
        self.per_page = per_page
        self._total = total
        self._page = page

    @functools.cached_property
    def total(self) -> int:
        return self._total() if callable(self._total) else self._total

    @functools.cached_property
    def current_page(self) -> int:
        return self._page() if callable(self._page) else self._page

    @property
    def total_pages(self) -> int:
        return -(-self.total // self.per_page) if self.total else 0

    @property
    def prev_page(self) -> int | None:
        return self.current_page - 1 if self.current_page > 1 else None

    @property
    def next_page(self) -> int | None:
        """The next page's number; null at the end, and past ``MAX_PAGE_OFFSET`` (a link to it
        would answer ``PAGE_TOO_DEEP``: ``pageInfo.endCursor`` goes on)."""
        if self.current_page >= self.total_pages:
            return None
        if self.current_page * self.per_page >= max_page_offset():
            return None
        return self.current_page + 1


def paginated(items: list, per_page: int, page_info: PageInfo, total, page) -> dict:
    """One page of results, grapple-style (``items`` and ``pagination``), with its ``pageInfo``.
    ``total`` and ``page``: see :class:`Pagination`."""
    return {
        "items": items,
        "pagination": Pagination(len(items), per_page, total, page),
        "page_info": page_info,
    }


def paginate(
    queryset: QuerySet,
    page: int | None,
    per_page: int | None,
    *,
    keyset: Keyset | None = None,
    after: str | None = None,
    before: str | None = None,
) -> dict:
    """Slice ``queryset`` (in ``keyset``'s order, when given) into one page, grapple-style: by
    page number, or the items after (before) a cursor. A page past the end is empty."""
    if keyset is not None:
        queryset = queryset.order_by(*keyset.ordering)
    if after is None and before is None:
        page, per_page = page_bounds(page, per_page)
        # One more row than the page holds tells whether a next page exists, without a count.
        rows = list(_page_of(queryset, (page - 1) * per_page, per_page + 1))
        page_info = PageInfo(has_next_page=len(rows) > per_page, has_previous_page=page > 1)
        result = paginated(rows[:per_page], per_page, page_info, queryset.count, page)
    else:
        result = _paginate_by_cursor(queryset, keyset, page, per_page, after, before)
    return with_cursors(result, keyset) if keyset is not None else result


def with_cursors(result: dict, keyset: Keyset) -> dict:
    """``result`` (from :func:`paginated`) with its first and last items' cursors."""
    if result["items"]:
        result["page_info"].start_cursor = keyset.cursor(result["items"][0])
        result["page_info"].end_cursor = keyset.cursor(result["items"][-1])
    return result


def _page_of(queryset: QuerySet, offset: int, limit: int) -> QuerySet:
    """``queryset[offset:offset + limit]``. Past the first page, the rows to skip are found by
    their ids alone (a subquery) and only the page's rows are then read whole: the database
    does not compute every skipped row's columns and subqueries (comment counts) to throw
    them away."""
    if offset == 0:
        return queryset[:limit]
    skipped = queryset.values("pk")[offset : offset + limit]
    return queryset.filter(pk__in=skipped)


def _paginate_by_cursor(queryset, keyset, page, per_page, after, before) -> dict:
    if keyset is None or page is not None or (after is not None and before is not None):
        raise GraphQLError("Give one of `page`, `after` or `before`.")
    _first, per_page = page_bounds(1, per_page)
    if after is not None:
        rows = list(queryset.filter(keyset.beyond(after))[: per_page + 1])
        items, more = rows[:per_page], len(rows) > per_page
        page_info = PageInfo(has_next_page=more, has_previous_page=True)
    else:
        preceding = queryset.filter(keyset.beyond(before, forward=False))
        rows = list(preceding.order_by(*keyset.reversed())[: per_page + 1])
        items, more = rows[:per_page][::-1], len(rows) > per_page
        page_info = PageInfo(has_next_page=True, has_previous_page=more)

    def page_number() -> int:
        # The page these items would have by number: those before the first one, counted.
        if not items:
            return queryset.count() // per_page + 1
        earlier = queryset.filter(keyset.beyond(keyset.cursor(items[0]), forward=False))
        return earlier.count() // per_page + 1

    return paginated(items, per_page, page_info, queryset.count, page_number)


def preview_draft(info, model, token: str):
    """The draft an editor is previewing. The response must not be cached anywhere."""
    state_of(info.context).serves_draft()
    draft = model.get_page_from_preview_token(token)
    if draft is None:
        raise GraphQLError(
            "This preview link is invalid or has expired. Preview again from the admin."
        )
    return draft


LOCALE_ARG = graphene.String(
    description="Language code, e.g. “es” or “pt-BR”. Default: the default locale. Snippets "
    "missing in that language fall back to its base language, then the default locale "
    "(flagged with `isFallback`); pages do not fall back."
)

PAGE_ARG = graphene.Int(description="1-based page number. Default 1.")
PER_PAGE_ARG = graphene.Int(description=f"Items per page, 1–{MAX_PER_PAGE}. Default 10.")


class LocaleInfo(graphene.ObjectType):
    """A content language."""

    code = graphene.String(required=True, description="e.g. “es”; pass it as `locale`.")
    name = graphene.String(required=True, description="The language's name, e.g. “Español”.")
    is_default = graphene.Boolean(required=True)


class LocaleQueries:
    """The content languages."""

    locales = graphene.List(
        graphene.NonNull(lambda: LocaleInfo),
        required=True,
        description="The content languages, the default first.",
    )

    def resolve_locales(self, info):
        default = default_language_code()
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        return [
            LocaleInfo(code=code, name=names.get(code, code), is_default=code == default)
            for code in sorted(all_locales(), key=lambda code: (code != default, code))
        ]
