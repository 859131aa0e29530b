"""Concurrent readers on PostgreSQL: nothing lost, nothing stored twice."""

import json
import os
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from community.models import Comment, ReactionCount
from tests import factories
from tests.community.helpers import POST_COMMENT, REACT, comment_input

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="concurrency is checked on PostgreSQL (SQLite serialises writers)",
    ),
    pytest.mark.django_db(transaction=True),
]


def send(url: str, query: str, variables: dict, agent: str) -> dict:
    request = urllib.request.Request(
        f"{url}/graphql/",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"Content-Type": "application/json", "User-Agent": agent},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_50_concurrent_comments_from_different_clients_are_all_stored_once(live_server):
    article = factories.article("busy-article")
    inputs = [comment_input(article, body=f"Comment number {n}") for n in range(50)]

    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(
            pool.map(
                lambda n: send(live_server.url, POST_COMMENT, {"input": inputs[n]}, f"reader-{n}"),
                range(50),
            )
        )

    assert all(result["data"]["postComment"]["errors"] == [] for result in results), results
    bodies = list(Comment.objects.filter(article=article).values_list("body", flat=True))
    assert sorted(bodies) == sorted(f"Comment number {n}" for n in range(50))


def test_200_concurrent_reactions_sum_exactly(live_server):
    article = factories.article("popular-article")
    kinds = ["HELPFUL", "LEARNED", "SUPPORT", "HOPEFUL"]

    def react(n: int) -> dict:
        variables = {"articleId": str(article.pk), "kind": kinds[n % 4]}
        return send(live_server.url, REACT, variables, f"reactor-{n}")

    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(react, range(200)))

    assert all(result["data"]["react"]["errors"] == [] for result in results)
    counts = dict(ReactionCount.objects.filter(article=article).values_list("kind", "count"))
    assert counts == {"helpful": 50, "learned": 50, "support": 50, "hopeful": 50}
