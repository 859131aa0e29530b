"""The mutations refuse what the API would not show: no comment on, reaction to or quiz answer
for a draft, expired, private or other site's article (pages/visibility.py's rule)."""

import json

import pytest

from community.models import Comment, ReactionCount
from tests import factories
from tests.community.helpers import POST_COMMENT, REACT, comment_input

pytestmark = pytest.mark.django_db

SUBMIT_QUIZ = """
mutation Submit($input: SubmitQuizInput!) {
  submitQuiz(input: $input) { errors { field code } }
}
"""


@pytest.fixture
def hidden(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, factories.OTHER_HOST, factories.NESTED_HOST]
    return factories.hidden_articles()


def mutate(client, query, variables, host="localhost") -> dict:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_HOST=host,
        HTTP_USER_AGENT="test-browser",
    )
    body = response.json()
    assert "errors" not in body, body
    [payload] = body["data"].values()
    return {error["field"]: error["code"] for error in payload["errors"]}


def attempts(article):
    """Each mutation on ``article``, with the errors it answers."""
    return {
        "postComment": (POST_COMMENT, {"input": comment_input(article)}),
        "react": (REACT, {"articleId": str(article.pk), "kind": "HELPFUL"}),
        "submitQuiz": (
            SUBMIT_QUIZ,
            {"input": {"articleId": str(article.pk), "quizId": "q", "answers": []}},
        ),
    }


@pytest.mark.parametrize("kind", ["draft", "expired", "private", "other-site", "nested-site"])
def test_hidden_articles_are_not_found(hidden, client, kind):
    for name, (query, variables) in attempts(hidden[kind]).items():
        assert mutate(client, query, variables) == {"articleId": "NOT_FOUND"}, name
    assert not Comment.objects.exists()
    assert not ReactionCount.objects.filter(article=hidden[kind]).exists()


@pytest.mark.parametrize(
    ("kind", "host"),
    [
        ("visible", "localhost"),
        ("other-site", factories.OTHER_HOST),
        ("nested-site", factories.NESTED_HOST),
    ],
)
def test_an_article_takes_part_on_its_own_site(hidden, client, kind, host):
    query, variables = attempts(hidden[kind])["react"]
    assert mutate(client, query, variables, host=host) == {}
    assert ReactionCount.objects.filter(article=hidden[kind]).exists()
