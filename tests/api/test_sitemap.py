"""The sitemap query: every page readers may see on the site, with its translations, in
fixed SQL whatever the number of pages."""

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import NESTED_HOST, article, hidden_articles

pytestmark = pytest.mark.django_db

SITEMAP = """
query Sitemap($locale: String, $after: String, $perPage: Int, $page: Int) {
  sitemap(locale: $locale, after: $after, perPage: $perPage, page: $page) {
    items { url locale lastPublishedAt translations { locale url } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
WITH_TOTAL = SITEMAP.replace("pageInfo {", "pagination { total totalPages } pageInfo {")


def urls(result) -> list[str]:
    return [item["url"] for item in result["data"]["sitemap"]["items"]]


def test_the_sitemap_lists_only_what_readers_see_on_this_site(gql, settings):
    pages = hidden_articles()
    result = gql(SITEMAP, {"perPage": 100})
    # Tree order: each page after its parent. Draft, expired, private pages and other sites'
    # (the nested site's pages lie inside this site's tree) are left out.
    assert urls(result) == ["/", "/articles/", "/articles/visible-article/"]
    item = result["data"]["sitemap"]["items"][2]
    assert item["locale"] == "en"
    pages["visible"].refresh_from_db()
    published = datetime.datetime.fromisoformat(item["lastPublishedAt"])
    assert published == pages["visible"].last_published_at
    assert item["translations"] == []
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, NESTED_HOST]
    nested = Client(HTTP_HOST=NESTED_HOST).post(
        "/graphql/", {"query": SITEMAP}, content_type="application/json"
    )
    assert urls(nested.json()) == ["/", "/news/", "/news/nested-site-article/"]


def test_each_page_lists_its_translations_for_hreflang(gql, demo_es):
    english = gql(SITEMAP, {"locale": "en", "perPage": 100})["data"]["sitemap"]["items"]
    spanish = gql(SITEMAP, {"locale": "es", "perPage": 100})["data"]["sitemap"]["items"]
    assert [item["url"] for item in english][:2] == ["/", "/articles/"]
    assert [item["url"] for item in spanish][:2] == ["/es/", "/es/articulos/"]
    assert {item["locale"] for item in spanish} == {"es"}
    by_url = {item["url"]: item for item in english}
    for item in spanish:
        (alternate,) = item["translations"]
        assert alternate["locale"] == "en"
        assert by_url[alternate["url"]]["translations"] == [{"locale": "es", "url": item["url"]}]


def test_the_sitemap_is_walked_by_cursor(gql):
    for number in range(5):
        article(f"article-{number}")
    seen, after = [], None
    while True:
        page = gql(SITEMAP, {"perPage": 2, "after": after})["data"]["sitemap"]
        seen += [item["url"] for item in page["items"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == urls(gql(SITEMAP, {"perPage": 100}))
    assert len(seen) == 7  # the home page, the index and five articles
    by_number = gql(WITH_TOTAL, {"perPage": 2, "page": 4})["data"]["sitemap"]
    assert by_number["pagination"] == {"total": 7, "totalPages": 4}
    assert [item["url"] for item in by_number["items"]] == seen[6:]


def count_queries(client, query, variables) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables}),
            content_type="application/json",
        )
    assert response.status_code == 200 and "errors" not in response.json(), response.content
    return len(queries)


@pytest.mark.parametrize(("query", "expected"), [(SITEMAP, 2), (WITH_TOTAL, 3)])
def test_the_sitemap_costs_the_same_sql_for_2_pages_as_for_40(client, settings, query, expected):
    """One query for the pages, one for their translations (and the COUNT of `pagination`),
    whatever the number of pages; the visibility lookups are cached (the first request)."""
    settings.RESPONSE_CACHE_ENABLED = False
    article("first")
    client.post("/graphql/", {"query": SITEMAP}, content_type="application/json")
    few = count_queries(client, query, {"perPage": 100})
    for number in range(40):
        article(f"article-{number}")
    client.post("/graphql/", {"query": SITEMAP}, content_type="application/json")
    many = count_queries(client, query, {"perPage": 100})
    assert few == many == expected


def test_a_cached_sitemap_is_dropped_when_a_page_is_published_or_unpublished(client):
    first = article("first")
    ask = {"query": SITEMAP, "variables": {"perPage": 100}}

    def sitemap():
        response = client.post("/graphql/", ask, content_type="application/json")
        return response["X-Response-Cache"], urls(response.json())

    assert sitemap() == ("miss", ["/", "/articles/", "/articles/first/"])
    assert sitemap()[0] == "hit"
    second = article("second")
    assert sitemap() == ("miss", ["/", "/articles/", "/articles/first/", "/articles/second/"])
    first.unpublish()
    assert sitemap()[1] == ["/", "/articles/", "/articles/second/"]
    second.title = "A draft of a new title"
    second.save_revision()  # a draft changes nothing readers see
    assert sitemap()[0] == "hit"
