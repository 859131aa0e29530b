"""No path of the API reaches a draft, a scheduled page, a private page, a page of another site,
an unpublished snippet, or a page's editorial fields. One test per path; each has a positive
control, so it fails if the path stops returning anything at all."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

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
    return pages


HIDDEN = ["draft-article", "scheduled-article", "private-article", "other-site-article"]


def post(client, query, variables=None, **headers):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )
    return response.json()


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


def test_grapple_page_by_slug_id_and_url_path(hidden, client):
    query = "query ($slug: String, $id: ID) { page(slug: $slug, id: $id) { slug } }"
    assert post(client, query, {"slug": "visible-article"})["data"]["page"]
    for name, page in hidden.items():
        if name == "visible":
            continue
        assert post(client, query, {"slug": page.slug})["data"]["page"] is None, name
        assert post(client, query, {"id": str(page.pk)})["data"]["page"] is None, name
    by_path = '{ page(urlPath: "/news/other-site-article/") { slug } }'
    assert post(client, by_path)["data"]["page"] is None


def test_grapple_pages(hidden, client):
    listed = slugs_in(post(client, "{ pages(limit: 100) { slug } }"))
    assert "visible-article" in listed
    assert listed.isdisjoint([*HIDDEN, "other-home", "news", "root"])


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


def test_children_siblings_and_descendants(hidden, client):
    index = hidden["visible"].get_parent()
    query = """query ($id: ID) { page(id: $id) {
        children { slug } descendants { slug } siblings { slug }
        nextSiblings { slug } previousSiblings { slug } } }"""
    data = post(client, query, {"id": str(index.pk)})["data"]["page"]
    assert "visible-article" in slugs_in(data["children"])
    assert slugs_in(data).isdisjoint(HIDDEN)
    home = index.get_parent()
    # The home page's siblings are the other sites' homes (and the Spanish home, not live).
    siblings = post(client, query, {"id": str(home.pk)})["data"]["page"]["siblings"]
    assert "other-home" not in slugs_in(siblings)


def test_parent_and_ancestors(hidden, client, demo):
    query = "query ($id: ID) { page(id: $id) { parent { slug } ancestors { slug depth } } }"
    article = post(client, query, {"id": str(hidden["visible"].pk)})["data"]["page"]
    assert article["parent"]["slug"] == hidden["visible"].get_parent().slug
    # The tree's root (depth 1) is above every site: never served.
    assert all(ancestor["depth"] > 1 for ancestor in article["ancestors"])
    home = hidden["visible"].get_parent().get_parent()
    assert post(client, query, {"id": str(home.pk)})["data"]["page"]["parent"] is None
    # A live page under an unpublished parent: the parent is not served.
    draft_index = factories.article_index().add_child(
        instance=ArticleIndexPage(title="Hidden section", slug="hidden-section", live=False)
    )
    child = ArticlePage(slug="orphan", title="Orphan", intro="<p>x</p>", body=[])
    draft_index.add_child(instance=child)
    child.save_revision().publish()
    orphan = post(client, query, {"id": str(child.pk)})["data"]["page"]
    assert orphan["parent"] is None
    assert "hidden-section" not in slugs_in(orphan["ancestors"])


def test_redirects_to_hidden_pages_lose_the_page(hidden, client):
    # Page references outside the tree: grapple's redirects (the article body has no page
    # chooser blocks; every page-typed field is guarded, see the last test).
    Redirect.objects.create(old_path="/old-visible", redirect_page=hidden["visible"])
    Redirect.objects.create(old_path="/old-draft", redirect_page=hidden["draft"])
    redirects = post(client, "{ redirects { oldPath page { slug } } }")["data"]["redirects"]
    pages = {redirect["oldPath"]: redirect["page"] for redirect in redirects}
    assert pages["/old-visible"] == {"slug": "visible-article"}
    assert pages["/old-draft"] is None


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
        "{ snippets { ... on Organisation { name } } }",
    ):
        assert "Hidden Org" not in json.dumps(post(client, query)), query
    single = post(client, f'{{ organisation(id: "{hidden_org.pk}") {{ name }} }}')
    assert single["data"]["organisation"] is None


def test_documents_in_private_collections(db, client):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Staff only")
    below = private.add_child(name="Minutes")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    for title, collection in (("Public leaflet", root), ("Rota", private), ("Minutes", below)):
        Document.objects.create(
            title=title, collection=collection, file=ContentFile(b"x", name=f"{title}.txt")
        )
    listed = post(client, "{ documents(limit: 100) { title } }")["data"]["documents"]
    assert [document["title"] for document in listed] == ["Public leaflet"]
    for document in Document.objects.exclude(title="Public leaflet"):
        single = post(client, f'{{ document(id: "{document.pk}") {{ title }} }}')
        assert single["data"]["document"] is None


def test_editorial_page_fields_are_not_in_the_schema(demo, client):
    for field in ("draftTitle", "latestRevisionCreatedAt", "hasUnpublishedChanges", "aliases"):
        body = post(client, f"{{ pages {{ ... on ArticlePage {{ {field} }} }} }}")
        assert "Cannot query field" in body["errors"][0]["message"], field
    assert "locked" not in schema.graphql_schema.type_map[PAGE_INTERFACE].fields


def test_every_field_returning_pages_is_guarded():
    from graphql import GraphQLObjectType, GraphQLUnionType, get_named_type

    type_map = schema.graphql_schema.type_map
    interface = type_map[PAGE_INTERFACE]
    page_types = {type_map["DocumentObjectType"]} | {
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
    assert "Query.page" not in unguarded and type_map["Query"].fields["page"].resolve
