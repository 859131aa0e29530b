"""No path of the API reaches a draft, a scheduled or expired page, a private page, a page of
another site, an unpublished snippet, a document, or a page's editorial fields. One test per
path; each has a positive control, so it fails if the path stops returning anything at all.
grapple's generic root fields (``pages``, ``redirects``, ``documents``...) are not in the schema
at all: the last tests hold the root fields to exactly ours."""

import datetime
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, PageViewRestriction, Site

from api.schema import schema
from api.visibility import PAGE_INTERFACE
from pages.models import ArticleIndexPage, ArticlePage, HomePage
from tests import factories

OTHER_HOST = "other.example"
CHILD_FIELDS = "{ slug }"


@pytest.fixture
def hidden(demo, settings):
    """The demo article's index with, beside the seed article, one article of each hidden
    kind, and a second site with an article of its own."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    pages = {"visible": factories.article("visible-article")}
    pages["draft"] = factories.article("draft-article", publish=False)
    scheduled = factories.article("scheduled-article", publish=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision().publish()  # with go_live_at ahead: scheduled, not live
    scheduled.refresh_from_db()
    assert not scheduled.live
    pages["scheduled"] = scheduled
    private = factories.article("private-article")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    pages["private"] = private
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=HomePage(title="Other home", slug="other-home"))
    Site.objects.create(hostname=OTHER_HOST, port=80, root_page=other_home)
    other_index = other_home.add_child(instance=ArticleIndexPage(title="News", slug="news"))
    other = ArticlePage(
        slug="other-site-article", title="Other site article", intro="<p>Other.</p>", body=[]
    )
    other_index.add_child(instance=other)
    other.save_revision().publish()
    pages["other-site"] = other
    expired = factories.article("expired-article")
    expired.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save_revision().publish()
    call_command("publish_scheduled")  # what the scheduler runs: unpublishes what expired
    expired.refresh_from_db()
    assert expired.expired and not expired.live
    pages["expired"] = expired
    return pages


HIDDEN = [
    "draft-article",
    "scheduled-article",
    "private-article",
    "other-site-article",
    "expired-article",
]
# grapple's generic root fields, none of them in the schema: a query naming one is invalid.
REMOVED_ROOT_FIELDS = [
    "pages",
    "page",
    "images",
    "image",
    "imageType",
    "documents",
    "document",
    "documentType",
    "collections",
    "tags",
    "tag",
    "sites",
    "site",
    "redirects",
    "snippets",
]
ROOT_QUERY_FIELDS = {
    "article",
    "articles",
    "authors",
    "crisisLines",
    "directoryReportFormToken",
    "locales",
    "organisation",
    "organisations",
    "route",
    "search",
    "services",
    "sitemap",
}
ROOT_MUTATION_FIELDS = {"postComment", "react", "submitQuiz", "reportDirectoryProblem"}


def post(client, query, variables=None, **headers):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )
    return response.json()


def path_of(page: Page) -> str:
    """The page's ``url`` on its own site, as a frontend routes it (relative: with two sites
    ``url`` itself is absolute)."""
    return page.get_url_parts()[2]


def route(client, page_or_path, **headers) -> dict | None:
    path = page_or_path if isinstance(page_or_path, str) else path_of(page_or_path)
    query = "query ($path: String!) { route(path: $path) { slug } }"
    return post(client, query, {"path": path}, **headers)["data"]["route"]


def slugs_in(data) -> set[str]:
    """Every "slug" value anywhere in a response."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "slug" and isinstance(item, str):
                    found.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return found


def test_article(hidden, client):
    query = "query ($slug: String!) { article(slug: $slug) { slug } }"
    assert post(client, query, {"slug": "visible-article"})["data"]["article"]
    for slug in HIDDEN:
        assert post(client, query, {"slug": slug})["data"]["article"] is None, slug
    # The other site's article is served on its own host.
    other = post(client, query, {"slug": "other-site-article"}, HTTP_HOST=OTHER_HOST)
    assert other["data"]["article"]["slug"] == "other-site-article"


def test_articles(hidden, client):
    listed = slugs_in(post(client, "{ articles(perPage: 100) { items { slug } } }"))
    assert "visible-article" in listed
    assert listed.isdisjoint(HIDDEN)


def test_route(hidden, client):
    assert route(client, hidden["visible"]) == {"slug": "visible-article"}
    for name, page in hidden.items():
        if name != "visible":
            assert route(client, page) is None, name
    # The other site's pages are routed on its own host only.
    assert route(client, hidden["other-site"], HTTP_HOST=OTHER_HOST) == {
        "slug": "other-site-article"
    }
    assert route(client, hidden["visible"], HTTP_HOST=OTHER_HOST) is None
    # The tree's root and the other site's home, by their tree paths, are no URL of this site.
    assert route(client, "/other-home/") is None
    assert route(client, "/") == {"slug": hidden["visible"].get_parent().get_parent().slug}


def test_removed_root_fields_are_not_in_the_schema(demo, client):
    for field in REMOVED_ROOT_FIELDS:
        body = post(client, f"{{ {field} {{ __typename }} }}")
        assert "data" not in body or body["data"] is None, field
        message = body["errors"][0]["message"]
        assert message.startswith(f"Cannot query field '{field}' on type 'Query'."), message
    # Positive control: the same request shape works for a field that remains.
    assert post(client, "{ locales { __typename } }")["data"]["locales"]


def test_root_fields_are_exactly_ours(client):
    """A grapple upgrade that adds a root field must fail here rather than publish it."""
    query = "{ __schema { queryType { fields { name } } mutationType { fields { name } } } }"
    types = post(client, query)["data"]["__schema"]
    assert {field["name"] for field in types["queryType"]["fields"]} == ROOT_QUERY_FIELDS
    assert {field["name"] for field in types["mutationType"]["fields"]} == ROOT_MUTATION_FIELDS


def test_sitemap(hidden, client):
    query = "{ sitemap(perPage: 100) { items { url translations { url } } } }"
    items = post(client, query)["data"]["sitemap"]["items"]
    found = {item["url"].rstrip("/").rsplit("/", 1)[-1] for item in items}
    assert "visible-article" in found
    assert found.isdisjoint(HIDDEN)


def test_search(hidden, client):
    for page in hidden.values():
        page.title = f"{page.title} zebrafinch"
        revision = page.save_revision()
        if page.live:
            revision.publish()
    query = '{ search(query: "zebrafinch") { ... on ArticlePage { slug } } }'
    found = slugs_in(post(client, query))
    assert "visible-article" in found
    assert found.isdisjoint(HIDDEN)


@pytest.mark.parametrize(
    "field",
    [
        "parent { slug }",
        "children { slug }",
        "siblings { slug }",
        "nextSiblings { slug }",
        "previousSiblings { slug }",
        "descendants { slug }",
        "ancestors { slug }",
    ],
)
def test_grapples_tree_fields_are_not_served(hidden, client, field):
    """Contract 2.0: the page tree is not walked through the API (each of grapple's tree fields
    cost a query per page, and could reach pages of other sites); ``route`` finds a page by
    its URL."""
    path = path_of(hidden["visible"])
    control = post(client, "query ($p: String!) { route(path: $p) { slug } }", {"p": path})
    assert control["data"]["route"] == {"slug": "visible-article"}
    response = post(client, f"query ($p: String!) {{ route(path: $p) {{ {field} }} }}", {"p": path})
    assert "data" not in response
    assert "Cannot query field" in response["errors"][0]["message"]


def test_rich_text_links_to_hidden_pages_lose_their_href(hidden, client):
    links = " ".join(
        f'<a linktype="page" id="{page.pk}">{name}</a>' for name, page in hidden.items()
    )
    factories.article("linking", body=[{"type": "paragraph", "value": f"<p>{links}</p>"}])
    query = '{ article(slug: "linking") { body { ... on ParagraphBlock { value } } } }'
    html = post(client, query)["data"]["article"]["body"][0]["value"]
    assert '/articles/visible-article/">visible</a>' in html  # absolute: two sites
    for name in ("draft", "scheduled", "private"):
        assert f"<a>{name}</a>" in html, html
        assert hidden[name].slug not in html


def test_unpublished_organisations_in_every_snippet_path(demo, client):
    hidden_org = factories.organisation("Hidden Org", live=False)
    for query in (
        "{ organisations(perPage: 100) { items { name } } }",
        '{ search(query: "Hidden") { ... on Organisation { name } } }',
    ):
        assert "Hidden Org" not in json.dumps(post(client, query)), query
    single = post(client, f'{{ organisation(id: "{hidden_org.pk}") {{ name }} }}')
    assert single["data"]["organisation"] is None


def _block_classes(block) -> set[type]:
    found = {type(block)}
    if isinstance(block, blocks.ListBlock):
        found |= _block_classes(block.child_block)
    for child in getattr(block, "child_blocks", {}).values():
        found |= _block_classes(child)
    return found


def test_no_field_serves_documents():
    """Documents sit in collections that may be private, and no field filters them (the
    visibility guard lost its document rule with grapple's ``documents`` root field). The only
    document-typed field left is grapple's generic ``DocumentChooserBlock.document``: it serves
    nothing as long as no stream block of ours is a DocumentChooserBlock."""
    from graphql import GraphQLObjectType, get_named_type

    type_map = schema.graphql_schema.type_map
    documents = type_map["DocumentObjectType"]
    returning = {
        f"{type_.name}.{name}"
        for type_ in type_map.values()
        if isinstance(type_, GraphQLObjectType)
        for name, field in type_.fields.items()
        if get_named_type(field.type) is documents
    }
    assert returning == {"DocumentChooserBlock.document"}
    stream_blocks = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                stream_blocks |= _block_classes(field.stream_block)
    # Positive control: the walk reaches chooser blocks nested in struct blocks (FigureBlock).
    assert any(issubclass(block, ImageChooserBlock) for block in stream_blocks)
    assert not any(issubclass(block, DocumentChooserBlock) for block in stream_blocks)


def test_editorial_page_fields_are_not_in_the_schema(demo, client):
    for field in ("draftTitle", "latestRevisionCreatedAt", "hasUnpublishedChanges", "aliases"):
        body = post(client, f'{{ route(path: "/") {{ ... on ArticlePage {{ {field} }} }} }}')
        assert "Cannot query field" in body["errors"][0]["message"], field
    assert "locked" not in schema.graphql_schema.type_map[PAGE_INTERFACE].fields


def test_every_field_returning_pages_is_guarded():
    from graphql import GraphQLObjectType, GraphQLUnionType, get_named_type

    type_map = schema.graphql_schema.type_map
    interface = type_map[PAGE_INTERFACE]
    page_types = {
        t
        for t in type_map.values()
        if isinstance(t, GraphQLObjectType) and interface in t.interfaces
    }
    page_types.add(interface)
    unguarded = []
    for type_ in type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            named = get_named_type(field.type)
            pages = named in page_types or (
                isinstance(named, GraphQLUnionType) and page_types & set(named.types)
            )
            if pages and not getattr(field.resolve, "cms_visibility", False):
                unguarded.append(f"{type_.name}.{name}")
    assert not unguarded
    # Positive control: the root field returning pages is among those checked, and guarded.
    assert get_named_type(type_map["Query"].fields["route"].type) is interface
    assert getattr(type_map["Query"].fields["route"].resolve, "cms_visibility", False)
