"""Page types: HomePage → ArticleIndexPage → ArticlePage, one tree per locale."""

import graphene
from django.db import models
from django.utils import timezone
from grapple.models import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLImage,
    GraphQLRichText,
    GraphQLSnippet,
    GraphQLStreamfield,
    GraphQLString,
    GraphQLTag,
)
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.batch import load_for
from cms.preview import FrontendPreviewMixin
from snippets.localisation import best_translations, locale_chain, locale_code_for

from . import graphql_types as types
from .blocks import RICH_TEXT_FEATURES, ArticleBodyBlock, publishable_children
from .directory import prime_bodies
from .safety import apply_current_blocks
from .translation import translation_statuses
from .visibility import VisiblePageManager


class IntroPage(Page):
    """A page that is a heading and an introduction above its children."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    objects = VisiblePageManager()

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    graphql_fields = [GraphQLRichText("intro", required=True)]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True


class HomePage(IntroPage):
    """The root of a locale's site: what a frontend shows at ``/``."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ArticleIndexPage"]


class ArticleIndexPage(IntroPage):
    """The section that holds articles (``/articles/``)."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ArticlePage"]


class ArticlePageTag(TaggedItemBase):
    """Links tags (e.g. “naloxone”) to articles."""

    content_object = ParentalKey(
        "pages.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(FrontendPreviewMixin, Page):
    """A harm-reduction article: greeting, intro, and a body of blocks (sections, quiz,
    programmes, organisation directory, ...), with reader comments and reactions.
    """

    author = models.ForeignKey(
        "snippets.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    greeting = models.CharField(
        max_length=255, blank=True, help_text="e.g. “Hello, Mindful Recovery Hub community!”"
    )
    intro = RichTextField(features=RICH_TEXT_FEATURES, help_text="The opening paragraph.")
    publication_date = models.DateField(
        default=timezone.localdate, help_text="The date readers see on the article."
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), use_json_field=True)
    comments_enabled = models.BooleanField(
        default=True, help_text="Let readers post comments (moderated before they appear)."
    )
    reactions_enabled = models.BooleanField(
        default=True, help_text="Let readers react (“What do you think?”)."
    )

    objects = VisiblePageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("publication_date"), FieldPanel("tags")],
            heading="Byline",
        ),
        FieldPanel("greeting"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("comments_enabled"), FieldPanel("reactions_enabled")],
            heading="Reader participation",
        ),
    ]

    graphql_fields = [
        GraphQLSnippet(
            "author",
            "snippets.Author",
            source="localised_author",
            description="In the article's language, or a fallback (see `isFallback`).",
        ),
        GraphQLString("locale", required=True, source="graphql_locale", description="e.g. “es”."),
        GraphQLField(
            "translations",
            graphene.List(graphene.NonNull(types.TranslationLink)),
            required=True,
            source="graphql_translations",
            description="The live versions of this article in other languages (for hreflang "
            "links and language switchers).",
        ),
        GraphQLField(
            "translation_status",
            types.TranslationStatus,
            required=True,
            source="graphql_translation_status",
        ),
        GraphQLString("greeting", required=True),
        GraphQLRichText("intro", required=True),
        GraphQLField("publication_date", graphene.Date, required=True),
        GraphQLTag("tags", required=True),
        GraphQLImage("hero_image"),
        GraphQLStreamfield("body", source="graphql_body", required=True),
        GraphQLBoolean("comments_enabled", required=True),
        GraphQLBoolean("reactions_enabled", required=True),
    ]

    parent_page_types = ["pages.ArticleIndexPage"]
    subpage_types = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("greeting"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("author", [index.SearchField("name"), index.AutocompleteField("name")]),
        index.RelatedFields("tags", [index.SearchField("name"), index.AutocompleteField("name")]),
        # The admin's page search matches autocomplete fields only (Page indexes its title):
        # editors look for an article by what it says and who wrote it, not its title alone.
        index.AutocompleteField("intro"),
        index.AutocompleteField("body"),
        index.FilterField("publication_date"),
        # What the visibility rule (pages/visibility.py) filters on beyond Page's own fields.
        index.FilterField("expired"),
        index.FilterField("go_live_at"),
        index.FilterField("expire_at"),
        index.FilterField("url_path"),
    ]

    class Meta:
        verbose_name = "article"
        indexes = [
            # The article list's order: with it, a page of 20 reads 20 rows in order instead
            # of sorting every article of the locale (EXPLAIN in docs/performance.md).
            models.Index(
                fields=["-publication_date", "-page_ptr"], name="article_publication_order"
            ),
        ]

    def save(self, *args, **kwargs):
        # Quiz question and choice ids are ListBlock item ids, which Wagtail assigns only to
        # blocks it has converted from raw JSON. Content saved as raw JSON (imports, scripts)
        # would otherwise get new ids on every load, and submitted answers would match nothing.
        for _block in self.body:
            pass
        return super().save(*args, **kwargs)

    def graphql_locale(self, info, **kwargs) -> str:
        return locale_code_for(self.locale_id)

    def localised_author(self, info, **kwargs):
        if self.author is None:
            return None
        return load_for(self, "author", _localised_authors, self.author)

    def graphql_translations(self, info, **kwargs) -> list:
        return [
            types.TranslationLink(
                locale=locale_code_for(page.locale_id),
                url=page.get_url(request=info.context),
                slug=page.slug,
                title=page.title,
            )
            for page in load_for(self, "translations", _live_translations, [])
        ]

    def graphql_translation_status(self, info, **kwargs):
        return load_for(self, "translation_status", translation_statuses)

    def graphql_body(self, info, **kwargs):
        """The body for GraphQL, with the bodies of every article of the list resolved
        together (chosen images and organisations, directory blocks), and outdated
        safety-critical blocks of a translation replaced by its source's (pages/safety.py).

        A previewed draft may hold blocks still being filled in (drafts defer required
        checks); the API's types promise their required fields, so a preview serves the
        blocks that are complete enough to publish and leaves the others out."""
        body = load_for(self, "body", _primed_bodies)
        return publishable_children(body) if self.is_preview_draft else body


# Loaders for cms.batch.load_for: each takes the articles of one list and returns a dict by
# primary key, with a fixed number of queries whatever the number of articles.


def _localised_authors(pages: list) -> dict:
    """Each page's author in the page's language, or the best fallback along its chain."""
    found = {}
    wanted = {}  # locale chain → pages whose author is in another locale
    for page in pages:
        if page.author is None:
            continue
        chain = locale_chain(locale_code_for(page.locale_id))
        if page.author.locale_id == chain.primary_id:
            found[page.pk] = page.author
        else:
            wanted.setdefault(chain, []).append(page)
    for chain, chain_pages in wanted.items():
        model = type(chain_pages[0].author)
        candidates = model.objects.filter(
            translation_key__in={page.author.translation_key for page in chain_pages},
            locale_id__in=chain.ids,
        ).select_related("image")
        best = {author.translation_key: author for author in best_translations(candidates, chain)}
        for page in chain_pages:
            found[page.pk] = best.get(page.author.translation_key, page.author)
    return found


def _live_translations(pages: list) -> dict:
    """The visible versions of each page in other languages, by language code: any site's (a
    translation may live on another site, a language's own domain, and hreflang links cross
    sites)."""
    others = (
        ArticlePage.objects.visible()
        .filter(translation_key__in={page.translation_key for page in pages})
        .order_by("locale__language_code")
    )
    by_key = {}
    for other in others:
        by_key.setdefault(other.translation_key, []).append(other)
    return {
        page.pk: [other for other in by_key.get(page.translation_key, []) if other.pk != page.pk]
        for page in pages
    }


def _primed_bodies(pages: list) -> dict:
    prime_bodies([(page.body, page.locale_id) for page in pages])
    bodies = apply_current_blocks({page.pk: page.body for page in pages}, pages, prime_bodies)
    for page in pages:
        types.mark_body(bodies[page.pk], page.pk)
    return bodies
