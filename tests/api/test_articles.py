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


def test_tag_filter_by_name_or_slug(three_articles, gql):
    """A tag is matched by its slug or its name; an article with two matching tags (one by
    name, one by slug) is listed once."""
    older, newer, _newest = three_articles
    newer.tags.add("Safer Use")
    newer.save_revision().publish()
    older.tags.add("safer-use")  # a tag whose name is the other's slug
    older.save_revision().publish()
    by_name = gql(ARTICLES, {"tag": "Safer Use"})["data"]["articles"]
    assert [item["slug"] for item in by_name["items"]] == ["newer"]
    by_slug = gql(ARTICLES, {"tag": "safer-use"})["data"]["articles"]
    assert [item["slug"] for item in by_slug["items"]] == ["newer", "older"]
    assert by_slug["pagination"]["total"] == 2


def test_tag_filter_only_live_visible_articles(three_articles, gql):
    draft = factories.article("tagged-draft", publish=False)
    draft.tags.add("naloxone")
    draft.save_revision()  # saved, not published
    data = gql(ARTICLES, {"tag": "naloxone"})["data"]["articles"]
    assert [item["slug"] for item in data["items"]] == ["newer"]
