"""The sitemap query: every page of the site a frontend should list in its sitemap.xml.

``sitemap(locale, page, perPage, after, before)`` pages through the pages readers may see on the
request's site (pages/visibility.py: live, within their dates, under no view restriction) in
one language, in tree order, each with its URL, when it was last published, and the URLs of
its translations readers may see on the same site (for ``hreflang`` alternates). The cost is
fixed whatever the page size: one query for the pages, one for their translations (and a
``COUNT`` when ``pagination`` is asked for); URLs come from Wagtail's cached site root paths.
"""

from __future__ import annotations

import graphene
from grapple.types.structures import PaginationType
from wagtail.models import Page

from pages.cache_tags import every_list_tag

from .core.state import state_of
from .fields import (
    AFTER_ARG,
    BEFORE_ARG,
    LOCALE_ARG,
    PAGE_ARG,
    PER_PAGE_ARG,
    Keyset,
    PageInfo,
    chain_for,
    paginate,
)
from .visibility import Visibility

# Tree order (``path`` is unique and indexed): a page's parent is listed before it.
SITEMAP_ORDER = Keyset("sitemap", Page, ("path",))
# What a sitemap entry reads of a page: nothing else is loaded.
FIELDS = ("id", "path", "url_path", "translation_key", "locale", "last_published_at")


class SitemapTranslation(graphene.ObjectType):
    """Another language's version of a page, readers may see on this site."""

    locale = graphene.String(required=True, description="Its language code, e.g. “es”.")
    url = graphene.String(required=True, description="Its URL on this site, e.g. “/es/…/”.")


class SitemapEntry(graphene.ObjectType):
    """One page of the site, as a sitemap lists it."""

    url = graphene.String(
        required=True,
        description="The page's URL on this site (a path, e.g. “/articles/my-article/”): "
        "prefix it with the frontend's origin.",
    )
    locale = graphene.String(required=True, description="The page's language code.")
    last_published_at = graphene.DateTime(description="When it was last published (lastmod).")
    translations = graphene.List(
        graphene.NonNull(SitemapTranslation),
        required=True,
        description="Its other languages' versions (for hreflang alternates), by language code.",
    )


class PaginatedSitemap(graphene.ObjectType):
    """One page of the sitemap, in tree order."""

    items = graphene.List(graphene.NonNull(SitemapEntry), required=True)
    pagination = graphene.Field(PaginationType, required=True)
    page_info = graphene.Field(PageInfo, required=True)


def page_path(page: Page, request) -> str | None:
    """The page's URL path on the request's site (Wagtail's own, from the cached site roots)."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


class SitemapQueries:
    """The sitemap."""

    sitemap = graphene.Field(
        graphene.NonNull(PaginatedSitemap),
        locale=LOCALE_ARG,
        page=PAGE_ARG,
        per_page=PER_PAGE_ARG,
        after=AFTER_ARG,
        before=BEFORE_ARG,
        description="Every page readers may see on this site in one language, in tree order, "
        "with its last publication and its translations: what a frontend builds its "
        "sitemap.xml from. Ask once per language of `locales`.",
    )

    def resolve_sitemap(
        self,
        info,
        locale: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        after: str | None = None,
        before: str | None = None,
    ):
        # Its entries list translations in every language: any page published anywhere may
        # change it.
        state_of(info.context).depends_on(*every_list_tag("page"))
        audience = Visibility.of(info.context).pages
        pages = (
            audience.filter(Page.objects.all())
            .filter(locale_id=chain_for(locale).primary_id)
            .select_related("locale")
            .only(*FIELDS, "locale__language_code")
        )
        result = paginate(pages, page, per_page, keyset=SITEMAP_ORDER, after=after, before=before)
        result["items"] = entries(result["items"], audience, info.context)
        return result


def entries(pages: list[Page], audience, request) -> list[SitemapEntry]:
    translations: dict = {}
    if pages:
        others = (
            audience.filter(Page.objects.all())
            .filter(translation_key__in={page.translation_key for page in pages})
            .select_related("locale")
            .only(*FIELDS, "locale__language_code")
            .order_by("locale__language_code")
        )
        for other in others:
            translations.setdefault(other.translation_key, []).append(other)
    found = []
    for page in pages:
        url = page_path(page, request)
        if url is None:
            continue
        found.append(
            SitemapEntry(
                url=url,
                locale=page.locale.language_code,
                last_published_at=page.last_published_at,
                translations=[
                    SitemapTranslation(locale=other.locale.language_code, url=other_url)
                    for other in translations.get(page.translation_key, ())
                    if other.pk != page.pk and (other_url := page_path(other, request))
                ],
            )
        )
    return found
