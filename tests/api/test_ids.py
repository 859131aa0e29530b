"""Ids a normalised client cache can trust (cms.ids): across every contract read operation in
English, Spanish and a fallback language, one ``__typename`` and ``id`` never names two
different objects, which is how Apollo's InMemoryCache and urql's graphcache key them."""

import json

import pytest

from api import contract
from cms.ids import unscoped

SLUGS = {
    "en": "practical-ways-harm-reduction-techniques-make-a-difference",
}
QUIZ = """
mutation ($input: SubmitQuizInput!) {
  submitQuiz(input: $input) {
    score maxScore questions { questionId correctChoiceIds } errors { field code }
  }
}
"""


def _run(client, operation, variables):
    response = client.post(
        "/graphql/",
        json.dumps({"query": operation.text, "variables": variables}),
        content_type="application/json",
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def _objects(value, found):
    """Every object with a ``__typename`` and an ``id`` in ``value``, recursively."""
    if isinstance(value, list):
        for item in value:
            _objects(item, found)
    elif isinstance(value, dict):
        if value.get("id") is not None and "__typename" in value:
            found.append(value)
        for item in value.values():
            _objects(item, found)
    return found


def _scalars(obj: dict) -> set[str]:
    """The fields a normalised cache stores on the object itself: nested objects are stored
    apart and compared under their own key."""
    return {name for name, value in obj.items() if "{" not in json.dumps(value)}


def _with_typenames(text: str) -> str:
    """The operation with ``__typename`` selected in every selection set, as Apollo sends it."""
    from graphql import parse, print_ast
    from graphql.language import FieldNode, NameNode, SelectionSetNode, visit
    from graphql.language.visitor import Visitor

    class AddTypename(Visitor):
        def enter_selection_set(self, node, key, parent, *args):
            if isinstance(parent, FieldNode) and not any(
                isinstance(s, FieldNode) and s.name.value == "__typename" for s in node.selections
            ):
                typename = FieldNode(name=NameNode(value="__typename"))
                return SelectionSetNode(selections=(*node.selections, typename))
            return None

    return print_ast(visit(parse(text), AddTypename()))


@pytest.fixture
def article_pages(demo_es):
    from pages.models import ArticlePage

    return {page.locale.language_code: page for page in ArticlePage.objects.live()}


def test_no_typename_and_id_names_two_different_objects(client, article_pages):
    operations = {operation.name: operation for operation in contract.load_operations()}
    seen: dict[tuple[str, str], dict] = {}
    conflicts = []
    # English, then Spanish, then English again: what a reader switching languages loads.
    for language in ("en", "es", "en"):
        variables = {
            "ArticleBySlug": {"slug": article_pages[language].slug, "locale": language},
            "ArticleList": {"locale": language},
            "Authors": {"locale": language},
            "OrganisationDirectory": {"locale": language, "perPage": 50},
            "Search": {"query": "harm reduction", "locale": language},
            "Services": {"locale": language},
        }
        for name, values in variables.items():
            typed = contract.Operation(name, "query", "", _with_typenames(operations[name].text))
            for obj in _objects(_run(client, typed, values), []):
                key = (obj["__typename"], obj["id"])
                previous = seen.setdefault(key, obj)
                if any(previous[f] != obj[f] for f in _scalars(previous) & _scalars(obj)):
                    conflicts.append((key, language, name))
    assert not conflicts, conflicts[:5]
    # The check saw what it is about: translated blocks, and a fallback organisation.
    typenames = {typename for typename, _id in seen}
    assert {"QuizBlock", "QuizQuestion", "QuizChoice", "Organisation"} <= typenames
    assert any(id_.endswith("@es") for typename, id_ in seen if typename == "Organisation")


def _quiz(client, page):
    operation = {op.name: op for op in contract.load_operations()}["ArticleBySlug"]
    data = _run(client, operation, {"slug": page.slug, "locale": page.locale.language_code})
    return next(b for b in data["article"]["body"] if b["__typename"] == "QuizBlock")


def _submit(client, article_id, quiz, *, ids=lambda value: value):
    answers = [
        {"questionId": ids(q["id"]), "choiceIds": [ids(q["choices"][0]["id"])]}
        for q in quiz["questions"]
    ]
    response = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": QUIZ,
                "variables": {
                    "input": {
                        "articleId": article_id,
                        "quizId": ids(quiz["id"]),
                        "answers": answers,
                    }
                },
            }
        ),
        content_type="application/json",
    )
    return response.json()["data"]["submitQuiz"]


def test_submit_quiz_takes_the_ids_as_served_and_answers_with_them(client, article_pages):
    spanish = article_pages["es"]
    quiz = _quiz(client, spanish)
    result = _submit(client, spanish.pk, quiz)
    assert result["errors"] == []
    served = {q["id"] for q in quiz["questions"]}
    assert {q["questionId"] for q in result["questions"]} == served
    choices = {c["id"] for q in quiz["questions"] for c in q["choices"]}
    assert {c for q in result["questions"] for c in q["correctChoiceIds"]} <= choices
    # The bare block ids of contract 2 still work.
    bare = _submit(client, spanish.pk, quiz, ids=lambda value: unscoped(value, spanish.pk))
    assert bare["errors"] == [] and bare["score"] == result["score"]


def test_ids_of_another_articles_quiz_are_refused(client, article_pages):
    english, spanish = article_pages["en"], article_pages["es"]
    result = _submit(client, spanish.pk, _quiz(client, english))
    assert result["score"] is None
    assert [error["code"] for error in result["errors"]] == ["NOT_FOUND"]
