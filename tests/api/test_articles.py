"""The article list: newest first, paginated, filtered by tag, live only."""

import datetime

import pytest

from tests import factories
from tests.api.queries import ARTICLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_articles(db):
    older = factories.article("older", publication_date=datetime.date(2026, 1, 1))
    newer = factories.article("newer", publication_date=datetime.date(2026, 3, 1))
    newest = factories.article("newest", publication_date=datetime.date(2026, 5, 1))
    newer.tags.add("naloxone")
    newer.save_revision().publish()
    factories.article("draft", publish=False, publication_date=datetime.date(2026, 6, 1))
    return older, newer, newest


def test_newest_first_and_drafts_left_out(three_articles, gql):
    data = gql(ARTICLES)["data"]["articles"]
    assert [item["slug"] for item in data["items"]] == ["newest", "newer", "older"]
    assert data["pagination"]["total"] == 3


def test_pagination(three_articles, gql):
    data = gql(ARTICLES, {"perPage": 2, "page": 2})["data"]["articles"]
    assert [item["slug"] for item in data["items"]] == ["older"]
    assert data["pagination"] == {
        "total": 3,
        "count": 1,
        "perPage": 2,
        "currentPage": 2,
        "prevPage": 1,
        "nextPage": None,
        "totalPages": 2,
    }


def test_tag_filter(three_articles, gql):
    data = gql(ARTICLES, {"tag": "naloxone"})["data"]["articles"]
    assert [item["slug"] for item in data["items"]] == ["newer"]
    assert data["items"][0]["tags"] == [{"name": "naloxone"}]
    assert gql(ARTICLES, {"tag": "nothing"})["data"]["articles"]["items"] == []


def test_other_locales_are_separate(three_articles, gql):
    assert gql(ARTICLES, {"locale": "es"})["data"]["articles"]["items"] == []
