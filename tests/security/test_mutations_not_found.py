"""Issue 14, point 5: postComment, react and submitQuiz apply the queries' visibility rule, and
answer an article the reader may not see exactly as they answer an id that names nothing: the
whole response is the same, so it tells nothing about what exists."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from pages.models import ArticlePage
from tests import factories
from tests.community.helpers import POST_COMMENT, REACT, comment_input

pytestmark = pytest.mark.django_db

SUBMIT_QUIZ = """
mutation Submit($input: SubmitQuizInput!) {
  submitQuiz(input: $input) {
    score maxScore percent message
    questions { questionId correct correctChoiceIds explanation }
    errors { field message code }
  }
}
"""

HIDDEN_KINDS = [
    "draft",
    "expired",
    "expired-by-date",
    "future-go-live",
    "private",
    "other-site",
    "nested-site",
]


@pytest.fixture(scope="module")
def module_articles(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back at its end (each test runs in a
    savepoint inside it: see tests/security/conftest.py)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_articles()
        transaction.set_rollback(True)


@pytest.fixture
def articles(module_articles, db):
    return module_articles


def build_articles() -> dict:
    pages = factories.hidden_articles()
    hour = datetime.timedelta(hours=1)
    # Past its expiry, or before its go-live, with the flags still saying live: nothing has
    # run `publish_scheduled` yet.
    for kind, dates in (
        ("expired-by-date", {"expire_at": timezone.now() - hour}),
        ("future-go-live", {"go_live_at": timezone.now() + hour}),
    ):
        page = factories.article(f"{kind}-article")
        ArticlePage.objects.filter(pk=page.pk).update(**dates)
        page.refresh_from_db()
        assert page.live and not page.expired
        pages[kind] = page
    return pages


def attempt(client, name, article) -> tuple[int, dict]:
    query, variables = {
        "postComment": (POST_COMMENT, {"input": comment_input(article)}),
        "react": (REACT, {"articleId": str(article.pk), "kind": "HELPFUL"}),
        "submitQuiz": (
            SUBMIT_QUIZ,
            {"input": {"articleId": str(article.pk), "quizId": "q", "answers": []}},
        ),
    }[name]
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_USER_AGENT="test-browser",
    )
    return response.status_code, response.json()


def missing():
    """An id that names no page at all."""
    return SimpleNamespace(pk=ArticlePage.objects.order_by("-pk").first().pk + 1000)


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_a_hidden_article_is_answered_like_a_missing_one(articles, client, kind):
    for name in ("postComment", "react", "submitQuiz"):
        expected = attempt(client, name, missing())
        assert expected[1]["data"][name]["errors"][0]["code"] == "NOT_FOUND", name
        assert attempt(client, name, articles[kind]) == expected, name


def test_the_visible_article_is_found(articles, client):
    """The control: the comparison above can tell a found article from a missing one."""
    for name in ("postComment", "react"):
        status, body = attempt(client, name, articles["visible"])
        assert status == 200
        assert body["data"][name]["errors"] == [], name
