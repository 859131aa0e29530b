"""Query fields beyond grapple's: locale-aware articles and the organisation directory.

Everything here returns live, public content only. List fields are paginated the way grapple
paginates (``items`` and ``pagination``), and look related rows up in bulk so that a page of
results costs the same number of SQL queries whatever its size.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from graphql import GraphQLError
from grapple.registry import registry
from grapple.types.interfaces import get_snippet_interface
from grapple.types.structures import PaginationType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.snippets.models import get_snippet_models

from community.models import Comment
from pages.models import ArticlePage
from snippets.models import Author, CoverageEnum, Organisation, Service

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10


def _type(model: type) -> Any:
    return lambda: registry.models[model]


def language_code(code: str | None) -> str:
    """The language code to filter content on: ``code``, or the default locale's.

    Content is filtered with a join on the locale's code rather than by first fetching the
    Locale row, which saves a query on every request; :func:`check_locale` explains an empty
    result caused by an unknown code.
    """
    return code or get_supported_content_language_variant(settings.LANGUAGE_CODE)


def check_locale(code: str | None) -> None:
    """Raise a clear error if ``code`` names no locale (called only when a result is empty)."""
    if code and not Locale.objects.filter(language_code=code).exists():
        available = ", ".join(
            Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        )
        raise GraphQLError(f"Unknown locale {code!r}. Available locales: {available}.")


def paginate(
    queryset: QuerySet, page: int | None, per_page: int | None, locale: str | None
) -> dict:
    """Slice ``queryset`` into one page, grapple-style. A page past the end is empty."""
    page = 1 if page is None else page
    per_page = DEFAULT_PER_PAGE if per_page is None else per_page
    if page < 1:
        raise GraphQLError("page must be 1 or more.")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise GraphQLError(f"perPage must be between 1 and {MAX_PER_PAGE}.")
    paginator = Paginator(queryset, per_page)
    total = paginator.count
    if not total:
        check_locale(locale)
    items = list(queryset[(page - 1) * per_page : page * per_page]) if total else []
    total_pages = paginator.num_pages if total else 0
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


def live_articles() -> QuerySet:
    """Live, public articles with what a listing or the article page shows, fetched in bulk
    (including the approved comment count, so a listing costs no query per article for it)."""
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
        .public()
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


class PaginatedArticles(graphene.ObjectType):
    """One page of articles, newest first."""

    items = graphene.List(graphene.NonNull(_type(ArticlePage)), required=True)
    pagination = graphene.Field(PaginationType, required=True)


class PaginatedOrganisations(graphene.ObjectType):
    """One page of the organisation directory, by name."""

    items = graphene.List(graphene.NonNull(_type(Organisation)), required=True)
    pagination = graphene.Field(PaginationType, required=True)


LOCALE_ARG = graphene.String(description="Language code, e.g. “es”. Default: the default locale.")
PAGE_ARG = graphene.Int(description="1-based page number. Default 1.")
PER_PAGE_ARG = graphene.Int(description=f"Items per page, 1–{MAX_PER_PAGE}. Default 10.")


class Query:
    article = graphene.Field(
        _type(ArticlePage),
        slug=graphene.String(required=True),
        locale=LOCALE_ARG,
        description="The live article with this slug in this locale, or null.",
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
        id=graphene.ID(required=True),
        description="One live organisation, or null.",
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
    # Replaces grapple's `snippets`, which returns drafts and unpublished snippets too.
    snippets = graphene.List(
        graphene.NonNull(get_snippet_interface),
        required=True,
        description="Every live snippet of every type. Prefer the typed fields above.",
    )

    def resolve_article(self, info, slug: str, locale: str | None = None):
        article = live_articles().filter(slug=slug, locale__language_code=language_code(locale))
        article = article.first()
        if article is None:
            check_locale(locale)
        return article

    def resolve_articles(
        self,
        info,
        tag: str | None = None,
        locale: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
    ):
        articles = live_articles().filter(locale__language_code=language_code(locale))
        if tag:
            articles = articles.filter(tags__slug=tag) | articles.filter(tags__name=tag)
            articles = articles.distinct()
        return paginate(articles.order_by("-publication_date", "-pk"), page, per_page, locale)

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
        code = language_code(locale)
        organisations = live_organisations().filter(locale__language_code=code)
        if service:
            organisations = organisations.filter(services__slug=service)
        if region:
            organisations = organisations.filter(region=region.strip().upper())
        if coverage:
            # graphene hands enum arguments to resolvers as enum members.
            organisations = organisations.filter(coverage=coverage.value)
        if search and search.strip():
            organisations = organisations.filter(pk__in=search_organisation_ids(search))
        return paginate(organisations.distinct().order_by("name", "pk"), page, per_page, locale)

    def resolve_organisation(self, info, id: str):
        try:
            return live_organisations().get(pk=int(id))
        except (ValueError, Organisation.DoesNotExist):
            return None

    def resolve_services(self, info, locale: str | None = None):
        services = list(
            Service.objects.filter(locale__language_code=language_code(locale)).order_by("name")
        )
        if not services:
            check_locale(locale)
        return services

    def resolve_authors(self, info, locale: str | None = None):
        authors = list(
            Author.objects.filter(locale__language_code=language_code(locale))
            .select_related("image")
            .order_by("name")
        )
        if not authors:
            check_locale(locale)
        return authors

    def resolve_snippets(self, info):
        snippets = []
        for model in get_snippet_models():
            if model not in registry.snippets:
                continue
            queryset = model.objects.all()
            if hasattr(model, "live"):
                queryset = queryset.filter(live=True)
            snippets.extend(queryset)
        return snippets
