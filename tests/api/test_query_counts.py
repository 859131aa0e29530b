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


def count_queries(gql, query, variables) -> int:
    gql(query, variables)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        gql(query, variables)
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


def test_article_list_query_count_does_not_grow_with_the_page(gql):
    author = Author.objects.create(name="Author")
    for i in range(20):
        page = factories.article(f"article-{i}", author=author)
        page.tags.add("naloxone", f"tag-{i}")
        page.save_revision().publish()

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
