"""Query fields beyond grapple's: locale-aware articles and the organisation directory.

Everything here returns live, public content only. List fields are paginated the way grapple
paginates (``items`` and ``pagination``), and look related rows up in bulk so that a page of
results costs the same number of SQL queries whatever its size.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import unquote, urlsplit

import graphene
from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
from graphql import GraphQLError
from grapple.registry import registry
from grapple.types.interfaces import get_page_interface
from grapple.types.structures import PaginationType
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from cms.batch import share
from community.models import Comment
from pages.models import ArticlePage, ArticlePageTag
from pages.visibility import visible_to
from snippets.localisation import (
    LocaleChain,
    UnknownLocale,
    all_locales,
    best_translations,
    default_language_code,
    locale_chain,
    mark,
)
from snippets.models import Author, CoverageEnum, Organisation, Service

from .core.state import state_of
from .visibility import Visibility

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


def best_pks(queryset: QuerySet, chain: LocaleChain) -> list[int]:
    """Primary keys of the best translation of each object of ``queryset`` for ``chain``."""
    best: dict = {}
    rows = queryset.filter(locale_id__in=chain.ids).values_list(
        "pk", "translation_key", "locale_id"
    )
    for pk, key, locale_id in rows:
        current = best.get(key)
        if current is None or chain.rank(locale_id) < chain.rank(current[1]):
            best[key] = (pk, locale_id)
    return [pk for pk, _locale in best.values()]


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


def live_articles() -> QuerySet:
    """Live articles with what a listing or the article page shows, fetched in bulk
    (including the approved comment count, so a listing costs no query per article for it).
    Narrow it with ``.visible_to(...)`` (private pages, other sites) before serving."""
    approved_comments = (
        Comment.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        ArticlePage.objects.live()
        .select_related("author", "author__image", "hero_image", "locale")
        .prefetch_related("tags")
        .annotate(approved_comment_count=Coalesce(Subquery(approved_comments), 0))
    )


def live_organisations() -> QuerySet:
    return Organisation.objects.filter(live=True).prefetch_related("services")


def search_organisation_ids(terms: str) -> list[int]:
    """Ids of live organisations matching every word of ``terms``.

    Wagtail's search backend (database full-text; PostgreSQL in production) finds the matches;
    the other directory filters (locale, services: joins) are applied by the ORM afterwards,
    since the search backend only filters on the model's own indexed fields.
    """
    results = get_search_backend().search(
        terms.strip(),
        Organisation.objects.filter(live=True),
        operator="and",
        order_by_relevance=False,
    )
    return [organisation.pk for organisation in results]


def preview_draft(info, model, token: str):
    """The draft an editor is previewing. The response must not be cached anywhere."""
    state_of(info.context).serves_draft()
    draft = model.get_page_from_preview_token(token)
    if draft is None:
        raise GraphQLError(
            "This preview link is invalid or has expired. Preview again from the admin."
        )
    return draft


def route_candidates(path: str, request) -> list[str]:
    """The tree paths (``url_path``) a page served at ``path`` on the request's site may have,
    the longest language prefix first, so that “/es/x/” is the Spanish tree's “x” before it is
    a default-language page with the slug “es”. Prefixes are reversed the way Wagtail builds a
    page's ``url`` (Page.get_url_parts), so ``route(path: page.url)`` finds every page."""
    path = unquote(urlsplit(path).path)
    # PostgreSQL refuses NUL in text: no page has one in its path.
    if not path.startswith("/") or "\x00" in path:
        return []
    if not path.endswith("/"):
        path += "/"
    site_id = Visibility.of(request).site_id
    candidates = []
    for root in Site.get_site_root_paths():
        if root.site_id != site_id:
            continue
        with translation.override(root.language_code):
            prefix = reverse("wagtail_serve", args=("",))
        if path.startswith(prefix):
            candidates.append((len(prefix), root.root_path + path[len(prefix) :]))
    return [url_path for _length, url_path in sorted(candidates, reverse=True)]


class PaginatedArticles(graphene.ObjectType):
    """One page of articles, newest first."""

    items = graphene.List(graphene.NonNull(_type(ArticlePage)), required=True)
    pagination = graphene.Field(PaginationType, required=True)


class PaginatedOrganisations(graphene.ObjectType):
    """One page of the organisation directory, by name."""

    items = graphene.List(graphene.NonNull(_type(Organisation)), required=True)
    pagination = graphene.Field(PaginationType, required=True)


LOCALE_ARG = graphene.String(
    description="Language code, e.g. “es” or “pt-BR”. Default: the default locale. Snippets "
    "missing in that language fall back to its base language, then the default locale "
    "(flagged with `isFallback`); pages do not fall back."
)


@functools.cache
def search_result_type() -> type[graphene.Union]:
    """The union of what `search` finds, made once grapple has built the member types."""

    class SearchResult(graphene.Union):
        """Something found by `search`."""

        class Meta:
            types = tuple(
                registry.models[model] for model in (ArticlePage, Organisation, Service, Author)
            )

        @classmethod
        def resolve_type(cls, instance, info):
            return registry.models[type(instance)]

    return SearchResult


class LocaleInfo(graphene.ObjectType):
    """A content language."""

    code = graphene.String(required=True, description="e.g. “es”; pass it as `locale`.")
    name = graphene.String(required=True, description="The language's name, e.g. “Español”.")
    is_default = graphene.Boolean(required=True)


PAGE_ARG = graphene.Int(description="1-based page number. Default 1.")
PER_PAGE_ARG = graphene.Int(description=f"Items per page, 1–{MAX_PER_PAGE}. Default 10.")


class Query(graphene.ObjectType):
    """Everything a frontend reads: articles, the organisation directory, search, the content
    languages, and any page by its URL."""

    article = graphene.Field(
        _type(ArticlePage),
        slug=graphene.String(description="Required unless `token` is given."),
        locale=LOCALE_ARG,
        token=graphene.String(
            description="A preview token (the `token` query parameter the admin's Frontend "
            "preview opens the frontend with): returns the editor's unsaved draft. Responses "
            "are never cached."
        ),
        description="The live article with this slug in this locale, or null; or, with "
        "`token`, the draft being previewed.",
    )
    articles = graphene.Field(
        graphene.NonNull(PaginatedArticles),
        tag=graphene.String(description="Only articles with this tag (its slug or name)."),
        locale=LOCALE_ARG,
        page=PAGE_ARG,
        per_page=PER_PAGE_ARG,
        description="Live articles, newest first.",
    )
    organisations = graphene.Field(
        graphene.NonNull(PaginatedOrganisations),
        service=graphene.String(description="Only organisations offering this service (slug)."),
        region=graphene.String(description="Postal subdivision code, e.g. PA."),
        coverage=CoverageEnum(),
        search=graphene.String(description="Words to find in name, description or location."),
        locale=LOCALE_ARG,
        page=PAGE_ARG,
        per_page=PER_PAGE_ARG,
        description="The organisation directory: live organisations by name.",
    )
    organisation = graphene.Field(
        _type(Organisation),
        id=graphene.ID(description="The id of any of its translations; required unless `token`."),
        token=graphene.String(description="A preview token: returns the draft being previewed."),
        locale=LOCALE_ARG,
        description="One live organisation in the requested language (or its fallback), or null.",
    )
    services = graphene.List(
        graphene.NonNull(_type(Service)),
        required=True,
        locale=LOCALE_ARG,
        description="Every service, by name.",
    )
    authors = graphene.List(
        graphene.NonNull(_type(Author)),
        required=True,
        locale=LOCALE_ARG,
        description="Every author, by name.",
    )
    search = graphene.List(
        graphene.NonNull(lambda: search_result_type()),
        required=True,
        query=graphene.String(required=True),
        locale=LOCALE_ARG,
        limit=graphene.Int(description="At most this many of each kind. Default 20, max 100."),
        description="Live articles in the requested language, then organisations, services and "
        "authors (in the requested language or a fallback) matching every word of `query`. "
        "Replaces grapple's search, which mixed languages and unpublished content.",
    )
    locales = graphene.List(
        graphene.NonNull(lambda: LocaleInfo),
        required=True,
        description="The content languages, the default first.",
    )
    route = graphene.Field(
        get_page_interface,
        path=graphene.String(
            required=True,
            description="A page's `url` on this site, e.g. “/articles/my-article/” or, in "
            "another language, “/es/articulos/mi-articulo/” (a query string is ignored).",
        ),
        description="The live page served at `path` on the site the request is for, or null: "
        "what a frontend routes an arbitrary URL with. Prefer `article` when the page is known "
        "to be an article.",
    )

    def resolve_article(
        self, info, slug: str | None = None, locale: str | None = None, token: str | None = None
    ):
        if token is not None:
            return preview_draft(info, ArticlePage, token)
        if not slug:
            raise GraphQLError("Give the article's `slug` (or a preview `token`).")
        # Pages do not fall back to other languages: a Spanish URL serves a Spanish page.
        chain = chain_for(locale)
        articles = live_articles().visible_to(Visibility.of(info.context).pages)
        return articles.filter(slug=slug, locale_id=chain.primary_id).first()

    def resolve_articles(
        self,
        info,
        tag: str | None = None,
        locale: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
    ):
        articles = live_articles().visible_to(Visibility.of(info.context).pages)
        articles = articles.filter(locale_id=chain_for(locale).primary_id)
        if tag:
            # A semi-join (IN), not a join on tags: no DISTINCT over every matching article.
            tagged = ArticlePageTag.objects.filter(Q(tag__slug=tag) | Q(tag__name=tag))
            articles = articles.filter(pk__in=tagged.values("content_object_id"))
        result = paginate(articles.order_by("-publication_date", "-pk"), page, per_page)
        result["items"] = share(result["items"])
        return result

    def resolve_organisations(
        self,
        info,
        service: str | None = None,
        region: str | None = None,
        coverage: str | None = None,
        search: str | None = None,
        locale: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
    ):
        chain = chain_for(locale)
        # Choose each organisation's best translation first, then filter those, so that a
        # Spanish reader never gets the English version because only it matched a filter.
        organisations = live_organisations().filter(
            pk__in=best_pks(Organisation.objects.filter(live=True), chain)
        )
        if service:
            # A semi-join (IN), not a join on services: no DISTINCT, so the name order can
            # come from the index on (name, id).
            keys = Service.objects.filter(slug=service).values("translation_key")
            offering = Organisation.services.through.objects.filter(
                service__translation_key__in=keys
            ).values("organisation_id")
            organisations = organisations.filter(pk__in=offering)
        if region:
            organisations = organisations.filter(region=region.strip().upper())
        if coverage:
            # graphene hands enum arguments to resolvers as enum members
            # (https://github.com/graphql-python/graphene/issues/1277).
            organisations = organisations.filter(coverage=coverage.value)
        if search and search.strip():
            organisations = organisations.filter(pk__in=search_organisation_ids(search))
        result = paginate(organisations.order_by("name", "pk"), page, per_page)
        result["items"] = mark(result["items"], chain)
        return result

    def resolve_organisation(
        self, info, id: str | None = None, locale: str | None = None, token: str | None = None
    ):
        if token is not None:
            return preview_draft(info, Organisation, token)
        if id is None:
            raise GraphQLError("Give the organisation's `id` (or a preview `token`).")
        chain = chain_for(locale)
        try:
            key = Organisation.objects.filter(pk=int(id)).values("translation_key")
        except ValueError:
            return None
        candidates = live_organisations().filter(translation_key__in=key, locale_id__in=chain.ids)
        found = best_translations(candidates, chain)
        return found[0] if found else None

    def resolve_services(self, info, locale: str | None = None):
        chain = chain_for(locale)
        services = best_translations(Service.objects.filter(locale_id__in=chain.ids), chain)
        return sorted(services, key=lambda service: service.name)

    def resolve_authors(self, info, locale: str | None = None):
        chain = chain_for(locale)
        authors = Author.objects.filter(locale_id__in=chain.ids).select_related("image")
        return sorted(best_translations(authors, chain), key=lambda author: author.name)

    def resolve_search(self, info, query: str, locale: str | None = None, limit: int | None = None):
        chain = chain_for(locale)
        limit = DEFAULT_SEARCH_LIMIT if limit is None else limit
        if not 1 <= limit <= MAX_PER_PAGE:
            raise GraphQLError(f"limit must be between 1 and {MAX_PER_PAGE}.")
        if not query.strip():
            return []
        backend = get_search_backend()
        articles = ArticlePage.objects.visible_to(Visibility.of(info.context).pages).filter(
            locale_id=chain.primary_id
        )
        found = [page.pk for page in backend.search(query, articles, operator="and")[:limit]]
        # Fetched again, in relevance order, with what live_articles() loads in bulk.
        loaded = live_articles().in_bulk(found)
        results = [loaded[pk] for pk in found if pk in loaded]
        snippets = (
            (Organisation.objects.filter(live=True), ("services",), ()),
            (Service.objects.all(), (), ()),
            (Author.objects.all(), (), ("image",)),
        )
        for queryset, prefetched, joined in snippets:
            matched = backend.search(query, queryset, operator="and", order_by_relevance=False)
            keys = {obj.translation_key for obj in matched}
            candidates = (
                queryset.filter(translation_key__in=keys, locale_id__in=chain.ids)
                .prefetch_related(*prefetched)
                .select_related(*joined)
            )
            best = sorted(best_translations(candidates, chain), key=lambda obj: str(obj))
            results.extend(best[:limit])
        return share(results)

    def resolve_locales(self, info):
        default = default_language_code()
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        return [
            LocaleInfo(code=code, name=names.get(code, code), is_default=code == default)
            for code in sorted(all_locales(), key=lambda code: (code != default, code))
        ]

    def resolve_route(self, info, path: str):
        candidates = route_candidates(path, info.context)
        pages = visible_to(
            Page.objects.filter(url_path__in=candidates), Visibility.of(info.context).pages
        )
        by_url_path = {page.url_path: page for page in pages.specific()}
        return next((by_url_path[c] for c in candidates if c in by_url_path), None)
