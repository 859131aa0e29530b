"""Mutations return the objects whose fields they change, so that a normalised client cache
(Apollo, urql) updates the article it holds without a refetch: the contract's React and
PostComment operations, as frontends send them."""

import pytest

from api import contract
from community.models import Comment, CommentStatus
from tests import factories
from tests.community.helpers import comment_input, send

pytestmark = pytest.mark.django_db

OPERATIONS = {operation.name: operation.text for operation in contract.load_operations()}


@pytest.fixture
def article(db):
    return factories.article("naloxone-basics")


def test_react_returns_the_article_with_its_new_counts(client, article):
    variables = {"articleId": str(article.pk), "kind": "SUPPORT"}
    send(client, OPERATIONS["React"], variables)
    payload = send(client, OPERATIONS["React"], variables, address="192.0.2.8")["react"]
    assert payload["errors"] == []
    assert payload["article"]["id"] == str(article.pk)
    counts = {r["kind"]: r["count"] for r in payload["article"]["reactions"]}
    assert counts == {"HELPFUL": 0, "LEARNED": 0, "SUPPORT": 2, "HOPEFUL": 0}
    assert payload["article"]["reactions"] == payload["reactions"]


def test_react_on_an_unknown_article_returns_no_article(client, article):
    payload = send(client, OPERATIONS["React"], {"articleId": "999999", "kind": "SUPPORT"})
    assert payload["react"]["article"] is None


def test_post_comment_returns_the_article_with_its_comment_count(client, article):
    approved = Comment.objects.create(
        article=article, author_name="A", body="first", status=CommentStatus.APPROVED
    )
    payload = send(client, OPERATIONS["PostComment"], {"input": comment_input(article)})
    payload = payload["postComment"]
    assert payload["errors"] == [] and payload["status"] == "PENDING"
    # Pending: the count is what readers see, the approved comment only.
    assert payload["article"] == {
        "__typename": "ArticlePage",
        "id": str(article.pk),
        "commentCount": 1,
    }
    assert approved.pk


def test_post_comment_with_errors_returns_no_article(client, article):
    variables = {"input": comment_input(article, body="")}
    payload = send(client, OPERATIONS["PostComment"], variables)["postComment"]
    assert [error["code"] for error in payload["errors"]] == ["REQUIRED"]
    assert payload["article"] is None
