"""Posting as a reader frontend would: the form token from the article, JSON over HTTP."""

import json
import time

from community.services import make_form_token

POST_COMMENT = """
mutation Post($input: PostCommentInput!) {
  postComment(input: $input) {
    status
    commenterKey
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


def send(
    client,
    query: str,
    variables: dict,
    *,
    address: str = "127.0.0.1",
    agent: str = "test-browser",
    **headers,
) -> dict:
    """Post as the client at ``address`` (rate limits count per address, whatever the
    user agent or other ``headers``, e.g. ``HTTP_X_FORWARDED_FOR``)."""
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
        **headers,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def post(
    client, article, *, address: str = "127.0.0.1", agent: str = "test-browser", **overrides
) -> dict:
    variables = {"input": comment_input(article, **overrides)}
    return send(client, POST_COMMENT, variables, address=address, agent=agent)["postComment"]


def codes(payload: dict) -> dict:
    return {error["field"]: error["code"] for error in payload["errors"]}
