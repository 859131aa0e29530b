"""SQL queries per request do not grow with the size of an article or a page of results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from snippets.models import Author
from tests import factories
from tests.api.queries import ARTICLE, ARTICLES, ORGANISATIONS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    # What is counted is executing the query: a response cache hit would cost none.
    settings.RESPONSE_CACHE_ENABLED = False
    # Nor a cached visibility lookup reaching its bound in the middle of a measurement (a
    # long test crosses it: pages/visibility.py reads the lookups again then).
    settings.VISIBILITY_CACHE_TIMEOUT = 3600


def count_queries(gql, query, variables) -> int:
    gql(query, variables)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        gql(query, variables)
    assert len(queries) > 0, "served from a cache: nothing was measured"
    return len(queries)


@pytest.fixture
def body_parts(db):
    naloxone = factories.service("naloxone-distribution")
    wound = factories.service("wound-care")
    organisations = [
        factories.organisation(f"Org {i:02}", services=[naloxone, wound], region="PA")
        for i in range(10)
    ]
    image = Image.objects.create(title="Kit", file=get_test_image_file())

    def body(repeats: int) -> list:
        cycle = [
            {"type": "heading", "value": {"text": "Section", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Text</p>"},
            {"type": "quiz", "value": factories.quiz_value()},
            {
                "type": "organisation_directory",
                "value": {
                    "organisations": [org.pk for org in organisations[:5]],
                    "service": naloxone.pk,
                    "region": "PA",
                },
            },
            {"type": "image", "value": {"image": image.pk, "alt_text": "Kit"}},
        ]
        return cycle * repeats

    return body


def test_article_query_count_does_not_grow_with_the_body(gql, body_parts):
    author = Author.objects.create(name="Author")
    factories.article("small", body=body_parts(1), author=author)
    factories.article("large", body=body_parts(10), author=author)

    small = count_queries(gql, ARTICLE, {"slug": "small"})
    large = count_queries(gql, ARTICLE, {"slug": "large"})
    assert large == small, (small, large)
    assert small <= 8


def twenty_tagged_articles() -> None:
    author = Author.objects.create(name="Author")
    for i in range(20):
        page = factories.article(f"article-{i}", author=author)
        page.tags.add("naloxone", f"tag-{i}")
        page.save_revision().publish()


def test_article_list_query_count_does_not_grow_with_the_page(gql):
    twenty_tagged_articles()
    one = count_queries(gql, ARTICLES, {"perPage": 1})
    twenty = count_queries(gql, ARTICLES, {"perPage": 20})
    assert twenty == one, (one, twenty)


def test_directory_query_count_does_not_grow_with_the_page(gql):
    services = [factories.service(f"service-{i}") for i in range(3)]
    for i in range(30):
        factories.organisation(f"Org {i:02}", services=services)

    one = count_queries(gql, ORGANISATIONS, {"perPage": 1})
    thirty = count_queries(gql, ORGANISATIONS, {"perPage": 30})
    assert thirty == one, (one, thirty)
    assert thirty <= 5


# --- The cases of issue #8, on SQLite and PostgreSQL ------------------------------------------

LISTING = """
query Listing($perPage: Int) {
  articles(perPage: $perPage) {
    items {
      title publicationDate intro
      author { name image { url } }
      heroImage { rendition(width: 640) { url width height } }
      tags { name }
      commentCount
      reactions { kind count }
      translations { locale url }
      translationStatus { isTranslation upToDate sourceLocale }
    }
    pagination { total }
  }
}
"""


def directory_article(slug: str, blocks: int, organisations: list, image, author) -> None:
    directory = {
        "type": "organisation_directory",
        "value": {"organisations": [org.pk for org in organisations]},
    }
    figure = {"type": "image", "value": {"image": image.pk, "alt_text": "Kit"}}
    others = [
        {"type": "heading", "value": {"text": "Section", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Text</p>"},
        {"type": "quiz", "value": factories.quiz_value()},
    ]
    body = [directory, figure]
    while len(body) < blocks:
        body.append(others[len(body) % len(others)] if len(body) % 10 else figure)
    factories.article(slug, body=body, author=author, hero_image=image)


def test_article_queries_are_the_same_for_5_or_200_blocks_and_1_or_50_organisations(gql):
    services = [factories.service(f"service-{i}") for i in range(3)]
    organisations = [factories.organisation(f"Org {i:02}", services=services) for i in range(50)]
    image = Image.objects.create(title="Kit", file=get_test_image_file())
    author = Author.objects.create(name="Author", image=image)
    directory_article("small", 5, organisations[:1], image, author)
    directory_article("large", 200, organisations, image, author)

    small = count_queries(gql, ARTICLE, {"slug": "small"})
    large = count_queries(gql, ARTICLE, {"slug": "large"})
    assert large == small, (small, large)
    assert small <= 8


def test_a_listing_of_20_costs_what_a_listing_of_1_does(gql):
    image = Image.objects.create(title="Hero", file=get_test_image_file())
    author = Author.objects.create(name="Author", image=image)
    for i in range(20):
        page = factories.article(f"article-{i}", author=author, hero_image=image)
        page.tags.add("naloxone", f"tag-{i}")
        page.save_revision().publish()

    one = count_queries(gql, LISTING, {"perPage": 1})
    twenty = count_queries(gql, LISTING, {"perPage": 20})
    assert twenty == one, (one, twenty)
    # Reactions, translations and translation status included (4 more per article before).
    assert twenty <= 7


def test_a_directory_page_of_50_with_services_costs_at_most_5(gql):
    services = [factories.service(f"service-{i}") for i in range(3)]
    for i in range(50):
        factories.organisation(f"Org {i:02}", services=services)

    assert count_queries(gql, ORGANISATIONS, {"perPage": 50}) <= 5


def test_tag_filter_query_count_does_not_grow_with_the_page(gql):
    """The tag's ids are read first (one query), then the list as without a tag; an unknown
    tag reads no article at all."""
    twenty_tagged_articles()
    untagged = count_queries(gql, ARTICLES, {"perPage": 20})
    one = count_queries(gql, ARTICLES, {"perPage": 1, "tag": "naloxone"})
    twenty = count_queries(gql, ARTICLES, {"perPage": 20, "tag": "naloxone"})
    assert twenty == one == untagged + 1, (untagged, one, twenty)

    with CaptureQueriesContext(connection) as queries:
        data = gql(ARTICLES, {"perPage": 20, "tag": "no-such-tag"})["data"]["articles"]
    assert data["items"] == [] and data["pagination"]["total"] == 0
    assert not any("pages_articlepage" in q["sql"] for q in queries), queries.captured_queries
