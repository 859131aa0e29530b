"""Concurrent readers on PostgreSQL: nothing lost, nothing stored twice."""

import json
import os
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from community.models import Comment, QuizTally, ReactionCount
from tests import factories
from tests.community.helpers import POST_COMMENT, REACT, comment_input

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="concurrency is checked on PostgreSQL (SQLite serialises writers)",
    ),
    # Serialized rollback, like the browser tests (tests/browser/), which run after these:
    # a plain flush re-runs post_migrate (content languages, permissions), whose rows would
    # collide with the migrations' data those tests restore.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    """Rate limits count client addresses: the live server sees one (127.0.0.1), so each
    "reader" comes through a trusted proxy that names its own address."""
    settings.COMMUNITY = {**settings.COMMUNITY, "TRUSTED_PROXY_COUNT": 1}


def send(url: str, query: str, variables: dict, reader: int) -> dict:
    request = urllib.request.Request(
        f"{url}/graphql/",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={
            "Content-Type": "application/json",
            "X-Forwarded-For": f"10.0.{reader // 256}.{reader % 256}",
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_50_concurrent_comments_from_different_clients_are_all_stored_once(live_server):
    article = factories.article("busy-article")
    inputs = [comment_input(article, body=f"Comment number {n}") for n in range(50)]

    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(
            pool.map(
                lambda n: send(live_server.url, POST_COMMENT, {"input": inputs[n]}, n),
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
        return send(live_server.url, REACT, variables, n)

    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(react, range(200)))

    assert all(result["data"]["react"]["errors"] == [] for result in results)
    counts = dict(ReactionCount.objects.filter(article=article).values_list("kind", "count"))
    assert counts == {"helpful": 50, "learned": 50, "support": 50, "hopeful": 50}


def test_100_concurrent_quiz_submissions_sum_exactly(live_server):
    quiz_value = factories.quiz_value()
    article = factories.article("quiz-rush", body=[{"type": "quiz", "value": quiz_value}])
    quiz = article.body[0]
    question = quiz.value["questions"].bound_blocks[0]
    true_id, false_id = (choice.id for choice in question.value["choices"].bound_blocks)
    mutation = """
    mutation($input: SubmitQuizInput!) { submitQuiz(input: $input) { score errors { code } } }
    """

    def submit(n: int) -> dict:
        variables = {
            "input": {
                "articleId": str(article.pk),
                "quizId": quiz.id,
                "answers": [
                    {"questionId": question.id, "choiceIds": [(true_id, false_id)[n % 4 == 0]]}
                ],
            }
        }
        return send(live_server.url, mutation, variables, n)

    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(submit, range(100)))

    assert all(result["data"]["submitQuiz"]["errors"] == [] for result in results), results
    tally = QuizTally.objects.get(article=article)
    assert (tally.submissions, tally.score_total) == (100, 75)
    assert dict(tally.choice_counts.values_list("choice_id", "chosen")) == {
        true_id: 75,
        false_id: 25,
    }
    assert tally.question_counts.get().correct == 75
    assert dict(tally.score_counts.values_list("score", "count")) == {1: 75, 0: 25}
