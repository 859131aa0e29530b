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

from .blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from .directory import prime_directories


class IntroPage(Page):
    """A page that is a heading and an introduction above its children."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

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


class ArticlePage(Page):
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
        GraphQLSnippet("author", "snippets.Author"),
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
        index.RelatedFields("author", [index.SearchField("name")]),
        index.FilterField("publication_date"),
    ]

    class Meta:
        verbose_name = "article"

    def graphql_body(self, info, **kwargs):
        """The body for GraphQL, with all directory blocks resolved in one go."""
        prime_directories(self.body, self.locale_id)
        return self.body
