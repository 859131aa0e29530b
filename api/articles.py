"""Article query fields: one article (or its preview), the article list, and any page by URL.

Everything here returns live pages readers may see on the request's site (pages/visibility.py),
and looks related rows up in bulk, so a page of results costs the same SQL whatever its size.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import graphene
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
from graphql import GraphQLError
from grapple.types.interfaces import get_page_interface
from grapple.types.structures import PaginationType
from taggit.models import Tag
from wagtail.models import Page, Site

from cms.batch import share
from community.models import Comment
from pages.cache_tags import every_list_tag, list_tag
from pages.models import ArticlePage, ArticlePageTag
from pages.visibility import visible_to

from .core.state import state_of
from .fields import (
    AFTER_ARG,
    BEFORE_ARG,
    LOCALE_ARG,
    PAGE_ARG,
    PER_PAGE_ARG,
    Keyset,
    PageInfo,
    _type,
    chain_for,
    paginate,
    preview_draft,
)
from .visibility import Visibility


def live_articles() -> QuerySet:
    """Articles with what a listing or the article page shows, fetched in bulk (including the
    approved comment count, so a listing costs no query per article for it). Narrow it with
    ``.visible_to(...)`` before serving: live, public pages of the site for readers (the rule
    of pages/visibility.py), every article of the site for a token's read of drafts."""
    approved_comments = (
        Comment.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        ArticlePage.objects.select_related("author", "author__image", "hero_image", "locale")
        .prefetch_related("tags")
        .annotate(approved_comment_count=Coalesce(Subquery(approved_comments), 0))
    )


def tagged_with(tag: str) -> QuerySet | list[int]:
    """The ids of the articles carrying ``tag`` (its slug or name): the tag's ids are looked up
    first, so the article query filters on constants the planner has statistics for. Joined
    inside the article query, a rare tag made PostgreSQL walk the whole newest-first index
    checking each article's tags until it had a page (2.69× slower at 10,000 articles)."""
    tag_ids = list(Tag.objects.filter(Q(slug=tag) | Q(name=tag)).values_list("pk", flat=True))
    if not tag_ids:
        return []
    return ArticlePageTag.objects.filter(tag_id__in=tag_ids).values("content_object_id")


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


# Newest first: the order of the index on (publication date, id).
ARTICLE_ORDER = Keyset("articles", ArticlePage, ("-publication_date", "-pk"))


class PaginatedArticles(graphene.ObjectType):
    """One page of articles, newest first."""

    items = graphene.List(graphene.NonNull(_type(ArticlePage)), required=True)
    pagination = graphene.Field(PaginationType, required=True)
    page_info = graphene.Field(PageInfo, required=True)


class ArticleQueries:
    """Articles and pages."""

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
        after=AFTER_ARG,
        before=BEFORE_ARG,
        description="Live articles, newest first.",
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
        visibility = Visibility.of(info.context)
        articles = live_articles().visible_to(visibility.pages)
        found = articles.filter(slug=slug, locale_id=chain.primary_id).first()
        if found is None:
            # Not found yet: any article published in this language could be it.
            state_of(info.context).depends_on(list_tag("page", chain.codes[0]))
            return None
        return visibility.latest([found], info.context)[0]

    def resolve_articles(
        self,
        info,
        tag: str | None = None,
        locale: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        after: str | None = None,
        before: str | None = None,
    ):
        chain = chain_for(locale)
        state_of(info.context).depends_on(list_tag("page", chain.codes[0]))
        visibility = Visibility.of(info.context)
        articles = live_articles().visible_to(visibility.pages)
        articles = articles.filter(locale_id=chain.primary_id)
        if tag:
            articles = articles.filter(pk__in=tagged_with(tag))
        result = paginate(
            articles, page, per_page, keyset=ARTICLE_ORDER, after=after, before=before
        )
        result["items"] = share(visibility.latest(result["items"], info.context))
        return result

    def resolve_route(self, info, path: str):
        candidates = route_candidates(path, info.context)
        visibility = Visibility.of(info.context)
        pages = visible_to(Page.objects.filter(url_path__in=candidates), visibility.pages)
        by_url_path = {page.url_path: page for page in pages.specific()}
        found = next((by_url_path[c] for c in candidates if c in by_url_path), None)
        if found is None:
            # Nothing there yet: any page published on the site could be served there.
            state_of(info.context).depends_on(*every_list_tag("page"))
            return None
        return visibility.latest([found], info.context)[0]
