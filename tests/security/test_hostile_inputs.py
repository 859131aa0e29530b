"""Hostile input to each mutation, and to the endpoint's transport, from a table.

Every row is refused with a clear client error (HTTP 4xx, a GraphQL error, or errors as data
naming the field and a code), never a server error (see tests/security/oracle.py), and
nothing is stored: no comment, no reaction, no quiz tally. What is stored from valid input
carries no control characters.
"""

from __future__ import annotations

import json
import time
import unicodedata
from dataclasses import dataclass

import pytest
from django.db.models import Sum

from api.core.transport import GRAPHQL_RESPONSE
from community.models import Comment, CommentStatus, QuizTally, ReactionCount
from community.quiz import QUIZ_BLOCK
from community.services import make_form_token
from tests import factories
from tests.community.helpers import POST_COMMENT, REACT, comment_input

from .oracle import assert_no_server_error, observe_server

SUBMIT_QUIZ = """
mutation SubmitQuiz($input: SubmitQuizInput!) {
  submitQuiz(input: $input) {
    score
    questions { questionId correct }
    errors { field message code }
  }
}
"""

HUGE_ID = "9" * 30


@dataclass(frozen=True)
class Nested:
    """``depth`` JSON lists (or objects), one inside the other, around ``leaf``. Spliced into
    the request text: Python's json module cannot encode (or decode) that depth."""

    depth: int
    leaf: str = "null"
    objects: bool = False

    def json(self) -> str:
        if self.objects:
            return '{"a": ' * self.depth + self.leaf + "}" * self.depth
        return "[" * self.depth + self.leaf + "]" * self.depth


def nested(depth: int, leaf=None) -> Nested:
    return Nested(depth, json.dumps(leaf))


def nested_objects(depth: int) -> Nested:
    return Nested(depth, "{}", objects=True)


def encode(document: dict) -> bytes:
    """``document`` as JSON, with every Nested value spliced in as text."""
    splices: dict[str, Nested] = {}

    def placeholder(value):
        if isinstance(value, Nested):
            key = f"__nested_{len(splices)}__"
            splices[key] = value
            return key
        raise TypeError(type(value))

    text = json.dumps(document, default=placeholder)
    for key, value in splices.items():
        text = text.replace(json.dumps(key), value.json())
    return text.encode()


@dataclass
class Context:
    """What the rows need to name real objects."""

    article: object
    draft: object
    other: object
    quiz_id: str
    question_ids: list[str]
    choice_ids: list[list[str]]
    approved_comment: Comment
    pending_comment: Comment
    other_article_comment: Comment
    reply: Comment


@pytest.fixture(scope="module")
def module_context(module_demo):
    demo = module_demo
    quiz = next(iter(demo.body.blocks_by_name(QUIZ_BLOCK)))
    questions = quiz.value["questions"].bound_blocks
    draft = factories.article("a-draft", publish=False)
    other = factories.article("another-article")

    def comment(article, status=CommentStatus.APPROVED, parent=None):
        return Comment.objects.create(
            article=article,
            parent=parent,
            author_name="Kim",
            author_email="kim@example.org",
            body="Thank you.",
            status=status,
        )

    approved = comment(demo)
    return Context(
        article=demo,
        draft=draft,
        other=other,
        quiz_id=quiz.id,
        question_ids=[q.id for q in questions],
        choice_ids=[[c.id for c in q.value["choices"].bound_blocks] for q in questions],
        approved_comment=approved,
        pending_comment=comment(demo, CommentStatus.PENDING),
        other_article_comment=comment(other),
        reply=comment(demo, parent=approved),
    )


@pytest.fixture
def context(module_context, db):
    return module_context


def stored_state() -> tuple:
    """Everything a mutation could have stored."""
    return (
        Comment.objects.count(),
        ReactionCount.objects.aggregate(total=Sum("count"))["total"] or 0,
        QuizTally.objects.aggregate(total=Sum("submissions"))["total"] or 0,
    )


def send_raw(client, body: bytes, content_type: str = "application/json", **headers):
    with observe_server() as observed:
        response = client.post("/graphql/", body, content_type=content_type, **headers)
    assert_no_server_error(response, observed, repr(body[:300]))
    return response


def send(client, query: str, variables) -> tuple[int, dict | None]:
    response = send_raw(client, encode({"query": query, "variables": variables}))
    if response.status_code == 413:
        return response.status_code, None  # refused before the body was read
    if 400 <= response.status_code < 500 and not response["Content-Type"].startswith(
        "application/json"
    ):
        return response.status_code, None  # refused by Django before the view
    return response.status_code, response.json()


def refused(status: int, body: dict | None, mutation: str) -> list[tuple[str | None, str]]:
    """How the request was refused: ``[("http", status)]`` when refused before GraphQL ran,
    ``[("graphql", message)]`` for a GraphQL-level refusal (no data), else the payload's
    ``(field, code)`` pairs. Fails if it was not refused."""
    if body is None:
        return [("http", str(status))]
    if body.get("errors"):
        assert 400 <= status < 500 or status == 200, status
        assert not (body.get("data") or {}).get(mutation), body
        for error in body["errors"]:
            assert error.get("message"), error
        return [("graphql", body["errors"][0]["message"])]
    payload = body["data"][mutation]
    errors = [(error["field"], error["code"]) for error in payload["errors"]]
    assert errors, f"accepted: {payload}"
    for error in payload["errors"]:
        assert error["message"], error
    return errors


def table(rows):
    return [
        pytest.param(
            make,
            expected,
            id=name,
        )
        for name, make, expected in rows
    ]


# --- postComment ------------------------------------------------------------------------------

# (id, function of the context returning input overrides or a whole input, expected: a
# (field, code) pair the errors must contain, "graphql" for a GraphQL-level refusal, or "http"
# for a 4xx before GraphQL runs)
POST_COMMENT_ROWS = [
    ("body-1MB", lambda c: {"body": "a" * 1_000_000}, ("body", "TOO_LONG")),
    ("name-100KB", lambda c: {"authorName": "n" * 100_000}, ("authorName", "TOO_LONG")),
    (
        "email-100KB",
        lambda c: {"authorEmail": "e" * 100_000 + "@x.org"},
        ("authorEmail", "TOO_LONG"),
    ),
    (
        "body-only-controls",
        lambda c: {"body": "\x00\x01\x07\x1b\x7f\u202e\u200b"},
        ("body", "REQUIRED"),
    ),
    ("name-only-nuls", lambda c: {"authorName": "\x00" * 50}, ("authorName", "REQUIRED")),
    ("name-only-whitespace", lambda c: {"authorName": " \t\n\u00a0 "}, ("authorName", "REQUIRED")),
    ("body-lone-surrogates", lambda c: {"body": "\udfff\ud800 \ud83d"}, ("body", "REQUIRED")),
    (
        "body-only-markup",
        lambda c: {"body": "<script>alert(1)</script><img src=x onerror=alert(1)>"},
        ("body", "REQUIRED"),
    ),
    (
        "email-with-nul",
        lambda c: {"authorEmail": "sam\x00@example.org"},
        ("authorEmail", "INVALID"),
    ),
    (
        "email-with-newline",
        lambda c: {"authorEmail": "sam@example.org\nBcc: x@y.z"},
        ("authorEmail", "INVALID"),
    ),
    ("article-id-text", lambda c: {"articleId": "abc"}, ("articleId", "NOT_FOUND")),
    ("article-id-negative", lambda c: {"articleId": "-1"}, ("articleId", "NOT_FOUND")),
    ("article-id-zero", lambda c: {"articleId": "0"}, ("articleId", "NOT_FOUND")),
    ("article-id-huge", lambda c: {"articleId": HUGE_ID}, ("articleId", "NOT_FOUND")),
    ("article-id-sql", lambda c: {"articleId": "1 OR 1=1"}, ("articleId", "NOT_FOUND")),
    (
        "article-id-draft",
        lambda c: {
            "articleId": str(c.draft.pk),
            "formToken": make_form_token(c.draft.pk, time.time() - 60),
        },
        ("articleId", "NOT_FOUND"),
    ),
    (
        "article-id-not-an-article",
        lambda c: {"articleId": str(c.article.get_parent().pk)},
        ("articleId", "NOT_FOUND"),
    ),
    ("article-id-number", lambda c: {"articleId": 10**30}, ("articleId", "NOT_FOUND")),
    ("article-id-object", lambda c: {"articleId": {"id": str(c.article.pk)}}, "graphql"),
    ("article-id-list", lambda c: {"articleId": [str(c.article.pk)]}, "graphql"),
    (
        "parent-pending",
        lambda c: {"parentId": str(c.pending_comment.pk)},
        ("parentId", "NOT_FOUND"),
    ),
    (
        "parent-other-article",
        lambda c: {"parentId": str(c.other_article_comment.pk)},
        ("parentId", "NOT_FOUND"),
    ),
    ("parent-is-a-reply", lambda c: {"parentId": str(c.reply.pk)}, ("parentId", "NOT_FOUND")),
    ("parent-huge", lambda c: {"parentId": HUGE_ID}, ("parentId", "NOT_FOUND")),
    ("parent-negative", lambda c: {"parentId": "-5"}, ("parentId", "NOT_FOUND")),
    ("token-garbage", lambda c: {"formToken": "x" * 10_000}, ("formToken", "INVALID")),
    (
        "token-other-article",
        lambda c: {"formToken": make_form_token(c.other.pk, time.time() - 60)},
        ("formToken", "INVALID"),
    ),
    ("name-number", lambda c: {"authorName": 12345}, "graphql"),
    ("body-object", lambda c: {"body": {"text": "hi"}}, "graphql"),
    ("body-null", lambda c: {"body": None}, "graphql"),
    ("body-bool", lambda c: {"body": True}, "graphql"),
    ("body-nested-100", lambda c: {"body": nested(100, "x")}, "graphql"),
    ("body-nested-1000", lambda c: {"body": nested(1000, "x")}, "graphql"),
    ("body-nested-objects-1000", lambda c: {"body": nested_objects(1000)}, "graphql"),
    ("unknown-input-field", lambda c: {"isAdmin": True, "status": "APPROVED"}, "graphql"),
    ("input-is-a-list", lambda c: {"__whole__": [comment_input(c.article)]}, "graphql"),
    ("input-missing", lambda c: {"__whole__": None}, "graphql"),
]


@pytest.mark.parametrize(
    ("make", "expected"),
    table(POST_COMMENT_ROWS),
)
def test_post_comment_refuses(client, context, make, expected):
    overrides = make(context)
    if "__whole__" in overrides:
        variables = {"input": overrides["__whole__"]}
    else:
        variables = {"input": comment_input(context.article, **overrides)}
    before = stored_state()
    status, body = send(client, POST_COMMENT, variables)
    errors = refused(status, body, "postComment")
    if expected in ("graphql", "http"):
        assert errors[0][0] == expected, errors
    else:
        assert expected in errors, errors
    assert stored_state() == before


def has_control_characters(text: str) -> bool:
    return any(
        unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co"} and char not in "\n\t"
        for char in text
    )


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("Sam\x00\x07 Lee\u202e", "Naloxone\x00 saved\x1b[31m my\u200b brother.\x7f"),
        ("S\ud800am", "Thank you \udfff for this \ud83d."),
        ("Sam\r\nLee", "Line one\r\nLine two\rLine three"),
    ],
    ids=["controls-and-nuls", "lone-surrogates", "newlines"],
)
def test_post_comment_stores_no_control_characters(client, context, name, body):
    status, payload = send(
        client, POST_COMMENT, {"input": comment_input(context.article, authorName=name, body=body)}
    )
    assert status == 200 and payload["data"]["postComment"]["errors"] == [], payload
    comment = Comment.objects.latest("pk")
    assert not has_control_characters(comment.author_name), repr(comment.author_name)
    assert not has_control_characters(comment.body), repr(comment.body)
    assert "\r" not in comment.body and "\n" not in comment.author_name


# --- react ------------------------------------------------------------------------------------

REACT_ROWS = [
    (
        "article-id-text",
        lambda c: {"articleId": "abc", "kind": "HELPFUL"},
        ("articleId", "NOT_FOUND"),
    ),
    (
        "article-id-huge",
        lambda c: {"articleId": HUGE_ID, "kind": "HELPFUL"},
        ("articleId", "NOT_FOUND"),
    ),
    (
        "article-id-negative",
        lambda c: {"articleId": "-3", "kind": "HELPFUL"},
        ("articleId", "NOT_FOUND"),
    ),
    (
        "article-id-draft",
        lambda c: {"articleId": str(c.draft.pk), "kind": "HELPFUL"},
        ("articleId", "NOT_FOUND"),
    ),
    (
        "article-id-index",
        lambda c: {"articleId": str(c.article.get_parent().pk), "kind": "HELPFUL"},
        ("articleId", "NOT_FOUND"),
    ),
    (
        "article-id-1MB",
        lambda c: {"articleId": "1" * 1_000_000, "kind": "HELPFUL"},
        ("articleId", "NOT_FOUND"),
    ),
    ("article-id-object", lambda c: {"articleId": {"$gt": ""}, "kind": "HELPFUL"}, "graphql"),
    ("article-id-null", lambda c: {"articleId": None, "kind": "HELPFUL"}, "graphql"),
    ("kind-unknown", lambda c: {"articleId": str(c.article.pk), "kind": "ANGRY"}, "graphql"),
    (
        "kind-lowercase-value",
        lambda c: {"articleId": str(c.article.pk), "kind": "helpful"},
        "graphql",
    ),
    ("kind-number", lambda c: {"articleId": str(c.article.pk), "kind": 1}, "graphql"),
    ("kind-nested-100", lambda c: {"articleId": str(c.article.pk), "kind": nested(100)}, "graphql"),
    (
        "kind-nested-1000",
        lambda c: {"articleId": str(c.article.pk), "kind": nested(1000)},
        "graphql",
    ),
    (
        "kind-control-characters",
        lambda c: {"articleId": str(c.article.pk), "kind": "HELP\x00FUL"},
        "graphql",
    ),
]


@pytest.mark.parametrize(
    ("make", "expected"),
    table(REACT_ROWS),
)
def test_react_refuses(client, context, make, expected):
    before = stored_state()
    status, body = send(client, REACT, make(context))
    errors = refused(status, body, "react")
    if expected in ("graphql", "http"):
        assert errors[0][0] == expected, errors
    else:
        assert expected in errors, errors
    assert stored_state() == before


# --- submitQuiz -------------------------------------------------------------------------------


def quiz_input(c: Context, answers=None, **overrides) -> dict:
    data = {
        "articleId": str(c.article.pk),
        "quizId": c.quiz_id,
        "answers": answers
        if answers is not None
        else [
            {"questionId": question, "choiceIds": choices[:1]}
            for question, choices in zip(c.question_ids, c.choice_ids, strict=True)
        ],
    }
    data.update(overrides)
    return data


SUBMIT_QUIZ_ROWS = [
    # 100,000 answers make a body over GRAPHQL_MAX_BODY_BYTES: refused (413) before GraphQL.
    (
        "answers-100000",
        lambda c: quiz_input(c, [{"questionId": c.question_ids[0], "choiceIds": []}] * 100_000),
        "http",
    ),
    (
        "answers-100000-unknown",
        lambda c: quiz_input(c, [{"questionId": f"q{i}", "choiceIds": []} for i in range(100_000)]),
        "http",
    ),
    (
        "answers-10000",
        lambda c: quiz_input(c, [{"questionId": c.question_ids[0], "choiceIds": []}] * 10_000),
        ("answers", "TOO_LONG"),
    ),
    (
        "answers-one-too-many",
        lambda c: quiz_input(
            c, [{"questionId": q, "choiceIds": []} for q in [*c.question_ids, c.question_ids[0]]]
        ),
        ("answers", "TOO_LONG"),
    ),
    (
        "choice-ids-10000",
        lambda c: quiz_input(
            c, [{"questionId": c.question_ids[0], "choiceIds": [c.choice_ids[0][0]] * 10_000}]
        ),
        ("answers.0.choiceIds", "INVALID"),
    ),
    (
        "choice-ids-10000-distinct",
        lambda c: quiz_input(
            c, [{"questionId": c.question_ids[0], "choiceIds": [f"c{i}" for i in range(10_000)]}]
        ),
        ("answers.0.choiceIds", "INVALID"),
    ),
    (
        "choice-of-another-question",
        lambda c: quiz_input(
            c, [{"questionId": c.question_ids[0], "choiceIds": c.choice_ids[1][:1]}]
        ),
        ("answers.0.choiceIds", "INVALID"),
    ),
    (
        "two-choices-single-answer",
        lambda c: quiz_input(
            c, [{"questionId": c.question_ids[0], "choiceIds": c.choice_ids[0][:2]}]
        ),
        ("answers.0.choiceIds", "INVALID"),
    ),
    (
        "question-twice",
        lambda c: quiz_input(c, [{"questionId": c.question_ids[0], "choiceIds": []}] * 2),
        ("answers.1.questionId", "DUPLICATE"),
    ),
    (
        "question-unknown",
        lambda c: quiz_input(c, [{"questionId": "nope", "choiceIds": []}]),
        ("answers.0.questionId", "NOT_FOUND"),
    ),
    (
        "question-id-100KB",
        lambda c: quiz_input(c, [{"questionId": "q" * 100_000, "choiceIds": []}]),
        ("answers.0.questionId", "NOT_FOUND"),
    ),
    (
        "question-id-controls",
        lambda c: quiz_input(c, [{"questionId": c.question_ids[0] + "\x00", "choiceIds": []}]),
        ("answers.0.questionId", "NOT_FOUND"),
    ),
    ("quiz-unknown", lambda c: quiz_input(c, quizId="nope"), ("quizId", "NOT_FOUND")),
    ("quiz-id-1MB", lambda c: quiz_input(c, quizId="q" * 1_000_000), ("quizId", "NOT_FOUND")),
    (
        "quiz-of-another-article",
        lambda c: quiz_input(c, articleId=str(c.other.pk)),
        ("quizId", "NOT_FOUND"),
    ),
    (
        "article-draft",
        lambda c: quiz_input(c, articleId=str(c.draft.pk)),
        ("articleId", "NOT_FOUND"),
    ),
    ("article-huge", lambda c: quiz_input(c, articleId=HUGE_ID), ("articleId", "NOT_FOUND")),
    ("article-negative", lambda c: quiz_input(c, articleId="-1"), ("articleId", "NOT_FOUND")),
    ("answers-null", lambda c: quiz_input(c, answers=None) | {"answers": None}, "graphql"),
    ("answers-object", lambda c: quiz_input(c) | {"answers": {"questionId": "x"}}, "graphql"),
    (
        "answers-nested-1000",
        lambda c: quiz_input(c) | {"answers": nested(1000, {"questionId": "x", "choiceIds": []})},
        "graphql",
    ),
    (
        "choice-ids-nested-100",
        lambda c: quiz_input(c, [{"questionId": c.question_ids[0], "choiceIds": nested(100, "x")}]),
        "graphql",
    ),
    (
        "choice-ids-nested-1000",
        lambda c: quiz_input(
            c, [{"questionId": c.question_ids[0], "choiceIds": nested(1000, "x")}]
        ),
        "graphql",
    ),
    (
        "choice-ids-numbers-huge",
        lambda c: quiz_input(c, [{"questionId": c.question_ids[0], "choiceIds": [10**100]}]),
        ("answers.0.choiceIds", "INVALID"),
    ),
    (
        "choice-ids-null-item",
        lambda c: quiz_input(c, [{"questionId": c.question_ids[0], "choiceIds": [None]}]),
        "graphql",
    ),
    (
        "question-id-object",
        lambda c: quiz_input(c, [{"questionId": {"a": 1}, "choiceIds": []}]),
        "graphql",
    ),
]


@pytest.mark.parametrize(
    ("make", "expected"),
    table(SUBMIT_QUIZ_ROWS),
)
def test_submit_quiz_refuses(client, context, make, expected):
    before = stored_state()
    status, body = send(client, SUBMIT_QUIZ, {"input": make(context)})
    errors = refused(status, body, "submitQuiz")
    if expected in ("graphql", "http"):
        assert errors[0][0] == expected, errors
    else:
        assert expected in errors, errors
    assert stored_state() == before


def test_submit_quiz_answers_cost_little(client, context):
    """20,000 answers (as many as fit in a request) are refused quickly, with one error rather
    than 20,000."""
    answers = [{"questionId": f"q{i}", "choiceIds": []} for i in range(20_000)]
    started = time.monotonic()
    _status, body = send(client, SUBMIT_QUIZ, {"input": quiz_input(context, answers)})
    elapsed = time.monotonic() - started
    assert len(body["data"]["submitQuiz"]["errors"]) == 1, len(body["data"]["submitQuiz"]["errors"])
    assert elapsed < 10, elapsed


# --- Transport --------------------------------------------------------------------------------

VALID = {"query": "{ locales { code } }"}


def test_transport_sanity(client, db):
    """The table below is only meaningful if a valid request is answered."""
    response = send_raw(client, json.dumps(VALID).encode())
    assert response.status_code == 200 and response.json()["data"]["locales"] is not None


TRANSPORT_ROWS = [
    ("invalid-json", b'{"query": "{ locales { code } }"'),
    ("not-utf8", b'{"query": "{ locales { code \xff\xfe } }"}'),
    ("lone-surrogate-bytes", b'{"query": "{ locales { code } }", "x": "\xed\xa0\x80"}'),
    ("nul-bytes", b'{"query": "{ locales\x00 { code } }"}'),
    ("empty", b""),
    ("json-string", b'"{ locales { code } }"'),
    ("json-number", b"42"),
    ("json-null", b"null"),
    ("batch", json.dumps([VALID, VALID]).encode()),
    ("query-number", b'{"query": 42}'),
    ("query-object", b'{"query": {"a": 1}}'),
    ("query-list", b'{"query": ["{ locales { code } }"]}'),
    ("query-empty", b'{"query": ""}'),
    ("query-syntax", b'{"query": "{ locales { code "}'),
    ("variables-string", json.dumps({**VALID, "variables": "not json"}).encode()),
    ("variables-array", json.dumps({**VALID, "variables": [1, 2]}).encode()),
    ("variables-number", json.dumps({**VALID, "variables": 7}).encode()),
    ("operation-name-unknown", json.dumps({**VALID, "operationName": "Nope"}).encode()),
    ("operation-name-object", json.dumps({**VALID, "operationName": {"a": 1}}).encode()),
    (
        "deeply-nested-json",
        b'{"query": "{ locales { code } }", "variables": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ),
    ("deeply-nested-query", json.dumps({"query": "{" * 10_000 + "}" * 10_000}).encode()),
    ("body-5MB", json.dumps({**VALID, "variables": {"x": "a" * 5_000_000}}).encode()),
    ("query-5MB", json.dumps({"query": "{ locales { code } }" + " " * 5_000_000}).encode()),
]


@pytest.mark.parametrize(
    "body",
    [pytest.param(b, id=n) for n, b in TRANSPORT_ROWS],
)
def test_transport_refuses(client, db, body):
    """Refused with a 4xx and a JSON ``errors`` list saying why; nothing stored. (A client
    accepting ``application/graphql-response+json`` gets 4xx for GraphQL request errors too;
    an ``application/json`` client gets those with 200, as GraphQL over HTTP says.)"""
    before = stored_state()
    response = send_raw(client, body, HTTP_ACCEPT=GRAPHQL_RESPONSE)
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/"), response.content[:300]
    assert response["Content-Type"].split(";")[0] in (GRAPHQL_RESPONSE, "application/json")
    payload = response.json()
    assert payload.get("errors") and payload["errors"][0].get("message"), payload
    assert stored_state() == before


@pytest.mark.parametrize(
    "body",
    [
        b'{"query": "{ locales { code "}',
        json.dumps({**VALID, "operationName": "Nope"}).encode(),
        json.dumps({"query": "{ nope }"}).encode(),
    ],
    ids=["syntax", "unknown-operation", "validation"],
)
def test_graphql_request_errors_answer_200_to_json_clients(client, db, body):
    """GraphQL over HTTP: ``application/json`` is the legacy media type, whose clients read
    request errors from a 200; nothing executes (no ``data``)."""
    response = send_raw(client, body, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    payload = response.json()
    assert payload["errors"] and "data" not in payload


def test_mutation_in_variables_string_is_not_run(client, context):
    """``variables`` given as a JSON string is decoded like an object (graphene's behaviour)
    and validated like one: a wrong type in it is refused, nothing stored."""
    before = stored_state()
    variables = json.dumps({"articleId": str(context.article.pk), "kind": "NOPE"})
    response = send_raw(client, json.dumps({"query": REACT, "variables": variables}).encode())
    assert response.json().get("errors"), response.content[:300]
    assert stored_state() == before
