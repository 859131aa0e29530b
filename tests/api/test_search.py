"""`search`: articles by relevance among the newest matches, then snippets; the cost of a word
every article has does not grow with the number of articles."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

SEARCH = """query($query: String!, $limit: Int) {
  search(query: $query, limit: $limit) { __typename ... on ArticlePage { slug } }
}"""


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.RESPONSE_CACHE_ENABLED = False


def article(slug: str, title: str, days_ago: int, **fields):
    date = datetime.date(2026, 6, 1) - datetime.timedelta(days=days_ago)
    return factories.article(slug, title=title, publication_date=date, **fields)


def slugs(gql, query: str, **variables) -> list[str]:
    data = gql(SEARCH, {"query": query, **variables})["data"]["search"]
    return [item["slug"] for item in data if item["__typename"] == "ArticlePage"]


def test_articles_by_relevance_among_the_newest_matches(gql, settings):
    article("old-naloxone", "Naloxone naloxone naloxone", days_ago=30)
    article("middle", "Carrying naloxone", days_ago=20)
    article("new", "Wound care, and naloxone", days_ago=10)
    article("unrelated", "Wound care", days_ago=1)
    article("draft-naloxone", "Naloxone", days_ago=0, publish=False)

    everything = slugs(gql, "naloxone")
    assert set(everything) == {"old-naloxone", "middle", "new"}
    assert everything[0] == "old-naloxone"  # the title says it three times

    # Only the two newest matches are ranked: the oldest is left out, whatever its relevance.
    settings.SEARCH_CANDIDATES = 2
    assert set(slugs(gql, "naloxone")) == {"middle", "new"}
    assert slugs(gql, "naloxone", limit=1) in (["middle"], ["new"])


def test_the_search_statement_does_not_grow_with_the_matches(gql, settings):
    settings.SEARCH_CANDIDATES = 3
    for i in range(3):
        article(f"first-{i}", f"Naloxone {i}", days_ago=i + 10)

    def article_search_sql() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            gql(SEARCH, {"query": "naloxone"})
        return [q["sql"] for q in queries if "pages_articlepage" in q["sql"]]

    few = article_search_sql()
    for i in range(5):
        article(f"more-{i}", f"Naloxone more {i}", days_ago=i)
    many = article_search_sql()
    assert len(many) == len(few)
    # The ranking statement holds no id list (the candidates are a subquery); the others list
    # the ids of the page of results only.
    assert len(many[0]) == len(few[0]) and "IN (SELECT" in many[0]
    assert len(slugs(gql, "naloxone")) == 3
