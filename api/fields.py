"""What the domain modules of the API share: argument types, locale chains, pagination,
previews, and the content languages.

List fields are paginated the way grapple paginates (``items`` and ``pagination``).
"""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.db.models import QuerySet
from graphql import GraphQLError
from grapple.registry import registry
from grapple.types.structures import PaginationType

from snippets.localisation import (
    LocaleChain,
    UnknownLocale,
    all_locales,
    default_language_code,
    locale_chain,
)

from .core.state import state_of

MAX_PER_PAGE = 100
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


def page_bounds(page: int | None, per_page: int | None) -> tuple[int, int]:
    """``page`` and ``per_page`` with their defaults, or a clear GraphQL error."""
    page = 1 if page is None else page
    per_page = DEFAULT_PER_PAGE if per_page is None else per_page
    if page < 1:
        raise GraphQLError("page must be 1 or more.")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise GraphQLError(f"perPage must be between 1 and {MAX_PER_PAGE}.")
    return page, per_page


def paginated(items: list, total: int, page: int, per_page: int) -> dict:
    """One page of ``total`` results, grapple-style (``items`` and ``pagination``)."""
    total_pages = -(-total // per_page) if total else 0
    return {
        "items": items,
        "pagination": PaginationType(
            total=total,
            count=len(items),
            per_page=per_page,
            current_page=page,
            prev_page=page - 1 if page > 1 else None,
            next_page=page + 1 if page < total_pages else None,
            total_pages=total_pages,
        ),
    }


def paginate(queryset: QuerySet, page: int | None, per_page: int | None) -> dict:
    """Slice ``queryset`` into one page, grapple-style. A page past the end is empty."""
    page, per_page = page_bounds(page, per_page)
    total = queryset.count()
    items = list(queryset[(page - 1) * per_page : page * per_page]) if total else []
    return paginated(items, total, page, per_page)


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
