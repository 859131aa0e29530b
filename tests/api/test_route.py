"""``route(path:)``: the page a frontend shows at a URL path, in the language the path names,
found by the very ``url`` every page type returns."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

ROUTE = """
query ($path: String!) {
  route(path: $path) {
    __typename slug url
    ... on ArticlePage { locale title }
  }
}
"""
ARTICLES = "{ articles(locale: %s, perPage: 100) { items { slug url locale } } }"


def route(gql, path: str) -> dict | None:
    return gql(ROUTE, {"path": path})["data"]["route"]


def test_every_article_is_found_by_its_url_in_both_languages(demo_es, gql):
    for locale in ('"en"', '"es"'):
        items = gql(ARTICLES % locale)["data"]["articles"]["items"]
        assert items
        for article in items:
            found = route(gql, article["url"])
            assert found["__typename"] == "ArticlePage"
            assert (found["slug"], found["locale"]) == (article["slug"], article["locale"])
            assert found["url"] == article["url"]


def test_homes_and_indexes_by_their_urls(demo_es, gql):
    assert route(gql, "/")["__typename"] == "HomePage"
    spanish_home = route(gql, "/es/")
    assert spanish_home["__typename"] == "HomePage"
    assert spanish_home["url"] == "/es/"
    index = route(gql, "/articles/")
    assert index["__typename"] == "ArticleIndexPage"
    assert route(gql, index["url"]) == index


def test_a_tree_path_is_not_a_url(demo, gql):
    index = demo.get_parent()
    assert route(gql, index.url)["slug"] == index.slug  # positive control
    assert route(gql, index.url_path) is None  # e.g. /home/articles/: the tree, not the site


def test_a_path_is_read_as_a_browser_sends_it(demo, gql):
    url = route(gql, "/articles/")["url"]
    assert route(gql, url.rstrip("/"))["url"] == url  # no trailing slash
    assert route(gql, f"{url}?utm_source=x#top")["url"] == url  # query and fragment ignored
    page = factories.article("café-con-leche")
    found = route(gql, "/articles/caf%C3%A9-con-leche/")  # percent-encoded, as `url` gives it
    assert found["slug"] == page.slug


@pytest.mark.parametrize(
    "path",
    [
        "",
        "articles/",  # not a path: no leading slash
        "/no-such-page/",
        "/articles/no-such-article/",
        "/es/articles/",  # the English index under the Spanish prefix
        "/articles/%00/",  # NUL, which PostgreSQL refuses in a query
        "/" + "a/" * 500,
    ],
)
def test_anything_else_is_null(demo, gql, path):
    assert route(gql, path) is None
