"""The search field: articles, organisations, services and authors in one list."""

from __future__ import annotations

import functools

import graphene
from django.conf import settings
from django.db.models import QuerySet
from graphql import GraphQLError
from grapple.registry import registry
from wagtail.search.backends import get_search_backend

from cms.batch import share
from pages.cache_tags import list_tag
from pages.models import ArticlePage
from pages.safety import with_current_facts
from snippets.localisation import best_of, mark
from snippets.models import Author, Organisation, Service

from .articles import ARTICLE_ORDER, live_articles
from .core.state import state_of
from .fields import DEFAULT_SEARCH_LIMIT, LOCALE_ARG, MAX_PER_PAGE, chain_for
from .visibility import Visibility

DEFAULT_SEARCH_CANDIDATES = 500


def search_candidates() -> int:
    return max(1, int(getattr(settings, "SEARCH_CANDIDATES", DEFAULT_SEARCH_CANDIDATES)))


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


class SearchQueries:
    """Search across content types."""

    search = graphene.List(
        graphene.NonNull(lambda: search_result_type()),
        required=True,
        query=graphene.String(required=True),
        locale=LOCALE_ARG,
        limit=graphene.Int(description="At most this many of each kind. Default 20, max 100."),
        description="Live articles in the requested language, then organisations, services and "
        "authors (in the requested language or a fallback) matching every word of `query`. "
        "Articles come by relevance among the newest matches (500 unless the server's "
        "SEARCH_CANDIDATES says otherwise). Replaces grapple's search, which mixed languages "
        "and unpublished content.",
    )

    def resolve_search(self, info, query: str, locale: str | None = None, limit: int | None = None):
        chain = chain_for(locale)
        # What any publish in this language may add to the results.
        kinds = ("page", "organisation", "service", "author")
        state_of(info.context).depends_on(*(list_tag(kind, chain.codes[0]) for kind in kinds))
        limit = DEFAULT_SEARCH_LIMIT if limit is None else limit
        if not 1 <= limit <= MAX_PER_PAGE:
            raise GraphQLError(f"limit must be between 1 and {MAX_PER_PAGE}.")
        if not query.strip():
            return []
        backend = get_search_backend()
        articles = ArticlePage.objects.visible_to(Visibility.of(info.context).pages).filter(
            locale_id=chain.primary_id
        )
        # Relevance is computed for the newest matches only (found from the newest-first
        # index, stopping at SEARCH_CANDIDATES): ranking every match of a word most articles
        # have grew with the site (150 ms at 10,000 articles); the candidates do not.
        candidates = matching(query, articles).order_by(*ARTICLE_ORDER.ordering)
        candidates = candidates.values("pk")[: search_candidates()]
        ranked = backend.search(query, articles.filter(pk__in=candidates), operator="and")
        found = [page.pk for page in ranked[:limit]]
        # Fetched again, in relevance order, with what live_articles() loads in bulk.
        loaded = live_articles().in_bulk(found)
        results = [loaded[pk] for pk in found if pk in loaded]
        snippets = (
            (Organisation.objects.filter(live=True), ("services",), (), True),
            (Service.objects.all(), (), (), False),
            (Author.objects.all(), (), ("image",), False),
        )
        for queryset, prefetched, joined, verified in snippets:
            # Whatever language matched, each match is served in the best one for the reader:
            # one statement, the matches a subquery (however many), the page cut by the database.
            keys = matching(query, queryset).values("translation_key")
            best = (
                best_of(queryset.filter(translation_key__in=keys), chain)
                .order_by("name", "pk")
                .prefetch_related(*prefetched)
                .select_related(*joined)
            )
            # Organisations: lastVerifiedAt, isStale, hasOpenReports annotated; contact details
            # as the source has them now (pages/safety.py).
            if verified:
                best = best.with_verification()
            found = mark(best[:limit], chain)
            results.extend(with_current_facts(found) if verified else found)
        return share(results)


def matching(terms: str, queryset: QuerySet) -> QuerySet:
    """The rows of ``queryset`` matching every word of ``terms``, as a queryset to use as a
    subquery (never a list of ids): Wagtail's search backend finds them with its index
    (PostgreSQL full text with GIN indexes in production; SQLite FTS5 in development)."""
    results = get_search_backend().search(
        terms.strip(), queryset, operator="and", order_by_relevance=False
    )
    return results.get_queryset()
