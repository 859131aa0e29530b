"""Cursor pagination (api/fields.py): the same items as page numbers, at any depth for the same
SQL, and clear codes for deep page numbers and foreign or forged cursors."""

import base64
import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import Comment, CommentStatus
from tests import factories

ARTICLES = """
query ($page: Int, $after: String, $before: String) {
  articles(perPage: 2, page: $page, after: $after, before: $before) {
    items { slug }
    pagination { total count currentPage prevPage nextPage totalPages }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
ORGANISATIONS = """
query ($after: String, $before: String) {
  organisations(perPage: 2, after: $after, before: $before) {
    items { name }
    pagination { currentPage }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
COMMENTS = """
query ($after: String, $before: String) {
  article(slug: "talk") {
    comments(perPage: 2, after: $after, before: $before) {
      items { body }
      pagination { total currentPage }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""


@pytest.fixture
def five_articles(db, settings):
    settings.RESPONSE_CACHE_ENABLED = False
    day = datetime.date(2026, 1, 1)
    # Two share a date: the id breaks the tie, in the database and in the cursor.
    dates = [day, day, day + datetime.timedelta(1), day + datetime.timedelta(2), day]
    return [factories.article(f"a{n}", publication_date=date) for n, date in enumerate(dates)]


def articles(gql, **variables):
    return gql(ARTICLES, variables)["data"]["articles"]


def slugs(result):
    return [item["slug"] for item in result["items"]]


def test_cursors_walk_the_list_page_numbers_show(gql, five_articles):
    by_number = [slugs(articles(gql, page=n)) for n in (1, 2, 3)]
    assert by_number == [["a3", "a2"], ["a4", "a1"], ["a0"]]

    walked, result = [], articles(gql)
    walked.append(slugs(result))
    while result["pageInfo"]["hasNextPage"]:
        result = articles(gql, after=result["pageInfo"]["endCursor"])
        walked.append(slugs(result))
    assert walked == by_number
    assert result["pagination"] == {
        "total": 5,
        "count": 1,
        "currentPage": 3,
        "prevPage": 2,
        "nextPage": None,
        "totalPages": 3,
    }
    assert result["pageInfo"]["hasPreviousPage"] is True

    back = articles(gql, before=result["pageInfo"]["startCursor"])
    assert slugs(back) == ["a4", "a1"]
    assert back["pagination"]["currentPage"] == 2
    first = articles(gql, before=back["pageInfo"]["startCursor"])
    assert slugs(first) == ["a3", "a2"]
    assert first["pageInfo"]["hasPreviousPage"] is False
    assert first["pagination"]["currentPage"] == 1


def test_page_numbers_give_cursors_too(gql, five_articles):
    page_two = articles(gql, page=2)
    assert page_two["pageInfo"]["hasNextPage"] and page_two["pageInfo"]["hasPreviousPage"]
    assert slugs(articles(gql, after=page_two["pageInfo"]["endCursor"])) == ["a0"]


def test_a_cursor_costs_the_same_sql_at_any_depth(gql, five_articles):
    def statements(**variables):
        with CaptureQueriesContext(connection) as captured:
            articles(gql, **variables)
        return len(captured.captured_queries)

    shallow = articles(gql, page=1)["pageInfo"]["endCursor"]
    deep = articles(gql, page=2)["pageInfo"]["endCursor"]
    assert statements(after=shallow) == statements(after=deep)


def test_deep_page_numbers_point_to_cursors(gql, five_articles, settings):
    settings.MAX_PAGE_OFFSET = 4
    last_by_number = articles(gql, page=2)
    assert slugs(last_by_number) == ["a4", "a1"]
    # No link to a page that would be refused; the cursor goes on.
    assert last_by_number["pagination"]["nextPage"] is None
    assert last_by_number["pageInfo"]["hasNextPage"] is True
    body = gql(ARTICLES, {"page": 3}, errors=True)
    assert body["errors"][0]["extensions"]["code"] == "PAGE_TOO_DEEP"
    assert "after" in body["errors"][0]["message"]
    # The cursor goes past the bound.
    cursor = articles(gql, page=2)["pageInfo"]["endCursor"]
    assert slugs(articles(gql, after=cursor)) == ["a0"]


def forged(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        "////",
        forged(["articles", ["not a date", 1]]),
        forged(["articles", [None, 1]]),
        forged(["articles", ["2026-01-01"]]),
        forged(["articles", ["2026-01-01", "x"]]),
        forged(["organisations", ["2026-01-01", 1]]),
        forged({"a": 1}),
        forged("articles"),
    ],
)
def test_a_cursor_this_list_did_not_give_is_refused_with_a_code(gql, five_articles, cursor):
    body = gql(ARTICLES, {"after": cursor}, errors=True)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
    assert body["data"] is None


def test_page_and_cursor_together_are_refused(gql, five_articles):
    cursor = articles(gql)["pageInfo"]["endCursor"]
    body = gql(ARTICLES, {"page": 2, "after": cursor}, errors=True)
    assert "one of `page`, `after` or `before`" in body["errors"][0]["message"]
    body = gql(ARTICLES, {"before": cursor, "after": cursor}, errors=True)
    assert "one of `page`, `after` or `before`" in body["errors"][0]["message"]


def test_organisations_by_cursor(gql, db, settings):
    settings.RESPONSE_CACHE_ENABLED = False
    for name in ("Delta", "Alpha", "Charlie", "Bravo", "Alpha"):
        factories.organisation(name)
    first = gql(ORGANISATIONS)["data"]["organisations"]
    second = gql(ORGANISATIONS, {"after": first["pageInfo"]["endCursor"]})["data"]
    third = gql(ORGANISATIONS, {"after": second["organisations"]["pageInfo"]["endCursor"]})
    names = [
        [item["name"] for item in page["items"]]
        for page in (first, second["organisations"], third["data"]["organisations"])
    ]
    assert names == [["Alpha", "Alpha"], ["Bravo", "Charlie"], ["Delta"]]
    assert third["data"]["organisations"]["pageInfo"]["hasNextPage"] is False
    assert third["data"]["organisations"]["pagination"]["currentPage"] == 3
    # An article list's cursor is not an organisation list's.
    article_cursor = forged(["articles", ["2026-01-01", 1]])
    body = gql(ORGANISATIONS, {"after": article_cursor}, errors=True)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"


def test_comments_by_cursor(gql, db, settings):
    settings.RESPONSE_CACHE_ENABLED = False
    article = factories.article("talk")
    start = timezone.now() - datetime.timedelta(days=1)
    for n in range(5):
        Comment.objects.create(
            article=article,
            author_name=f"Reader {n}",
            author_email="r@example.org",
            body=f"c{n}",
            status=CommentStatus.APPROVED,
            created_at=start + datetime.timedelta(minutes=n if n != 4 else 1),
        )

    def page(**variables):
        return gql(COMMENTS, variables)["data"]["article"]["comments"]

    def bodies(result):
        return [item["body"] for item in result["items"]]

    first = page()
    assert bodies(first) == ["c0", "c1"]
    second = page(after=first["pageInfo"]["endCursor"])
    assert bodies(second) == ["c4", "c2"]
    assert second["pagination"] == {"total": 5, "currentPage": 2}
    third = page(after=second["pageInfo"]["endCursor"])
    assert bodies(third) == ["c3"]
    assert third["pageInfo"]["hasNextPage"] is False
    back = page(before=third["pageInfo"]["startCursor"])
    assert bodies(back) == ["c4", "c2"]
    assert back["pageInfo"]["hasPreviousPage"] is True
    assert back["pagination"]["currentPage"] == 2
    assert page(before=first["pageInfo"]["startCursor"])["items"] == []


def test_the_whole_list_is_counted_only_when_pagination_is_asked_for(gql, five_articles):
    selection = "items { slug } pageInfo { hasNextPage endCursor }"
    by_cursor = f"query ($a: String) {{ articles(perPage: 2, after: $a) {{ {selection} }} }}"
    by_number = f"query ($p: Int) {{ articles(perPage: 2, page: $p) {{ {selection} }} }}"

    def counts(query, variables):
        with CaptureQueriesContext(connection) as captured:
            gql(query, variables)
        return sum(q["sql"].upper().startswith("SELECT COUNT(") for q in captured.captured_queries)

    cursor = articles(gql)["pageInfo"]["endCursor"]
    assert counts(by_cursor, {"a": cursor}) == 0
    assert counts(by_number, {"p": 2}) == 0
    assert counts(ARTICLES, {"after": cursor}) >= 1
