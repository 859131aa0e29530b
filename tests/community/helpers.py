"""Posting as a reader frontend would: the form token from the article, JSON over HTTP."""

import json
import time

from community.services import make_form_token

POST_COMMENT = """
mutation Post($input: PostCommentInput!) {
  postComment(input: $input) {
    status
    comment { id authorName body createdAt replies { id } }
    errors { field message code }
  }
}
"""

REACT = """
mutation React($articleId: ID!, $kind: ReactionKind!) {
  react(articleId: $articleId, kind: $kind) {
    reactions { kind label count }
    errors { field message code }
  }
}
"""

ARTICLE_COMMENTS = """
query Comments($slug: String!, $page: Int, $perPage: Int) {
  article(slug: $slug) {
    commentCount
    commentFormToken
    reactions { kind count }
    comments(page: $page, perPage: $perPage) {
      items { id authorName body createdAt replies { id authorName body } }
      pagination { total count currentPage totalPages }
    }
  }
}
"""


def comment_input(article, **overrides) -> dict:
    """A valid postComment input, with a form token loaded a minute ago."""
    data = {
        "articleId": str(article.pk),
        "authorName": "Sam",
        "authorEmail": "sam@example.org",
        "body": "Naloxone saved my brother's life. Thank you for this.",
        "formToken": make_form_token(article.pk, issued_at=time.time() - 60),
    }
    data.update(overrides)
    return data


def send(client, query: str, variables: dict, *, agent: str = "test-browser") -> dict:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_USER_AGENT=agent,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def post(client, article, *, agent: str = "test-browser", **overrides) -> dict:
    return send(client, POST_COMMENT, {"input": comment_input(article, **overrides)}, agent=agent)[
        "postComment"
    ]


def codes(payload: dict) -> dict:
    return {error["field"]: error["code"] for error in payload["errors"]}
