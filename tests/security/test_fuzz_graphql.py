"""Fuzzing every root field of ``/graphql/`` with schemathesis: zero server errors.

schemathesis loads the schema by introspecting the endpoint, and generates queries and
mutations for one root field at a time (through hypothesis-graphql). Each generated document is
posted to ``/graphql/`` through Django's test client, against the demo content. Random ids and
slugs would almost never name a real object, so some string arguments are swapped for real
values (the article's id, slug, quiz, question and choice ids, a valid form token, ...) before
sending: the resolvers then run on real data as well as on junk.

The run is derandomised with a fixed number of examples per field, so CI is reproducible.
"""

from __future__ import annotations

import json
import time

import graphql
import pytest
import schemathesis
from django.core.cache import cache
from django.test import Client
from graphene_django.settings import graphene_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes
from schemathesis.graphql.loaders import get_introspection_query

from community.models import Comment
from community.quiz import QUIZ_BLOCK
from community.services import make_form_token
from snippets.models import Organisation, Service

from .oracle import assert_no_server_error, observe_server

EXAMPLES_PER_FIELD = 25
ENDPOINT = "/graphql/"

# A scalar of grapple's that hypothesis-graphql cannot generate by itself. Any integer, not only
# positive ones: refusing the others is part of what is tested.
schemathesis.graphql.scalar("PositiveInt", st.integers().map(nodes.Int))


def live_root_fields() -> list[str]:
    """``Query.<field>`` and ``Mutation.<field>`` for every root field of the live schema."""
    schema = graphene_settings.SCHEMA.graphql_schema
    return [
        f"{root.name}.{name}"
        for root in (schema.query_type, schema.mutation_type)
        if root is not None
        for name in root.fields
    ]


ROOT_FIELDS = live_root_fields()


@pytest.fixture(scope="module")
def api_schema():
    """The schema as schemathesis sees it: introspected through ``/graphql/``.

    Through Django's test client rather than ``from_wsgi``: a bare WSGI call closes the
    database connection at the start of each request, the test transaction with it.
    """
    response = Client().post(
        ENDPOINT,
        json.dumps({"query": get_introspection_query()}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content[:500]
    return schemathesis.graphql.from_dict(response.json())


def test_every_root_field_is_fuzzed(api_schema):
    """The fuzzed fields are the live schema's root fields, all of them: a new field is fuzzed
    without anyone remembering to add it, and none is filtered out by schemathesis."""
    operations = {result.ok().label for result in api_schema.get_all_operations()}
    assert operations == set(ROOT_FIELDS)
    assert {"Mutation.postComment", "Mutation.react", "Mutation.submitQuiz"} <= operations


def real_values(article) -> dict[str, list]:
    """Values that name real objects, by argument or input field name."""
    quiz = next(iter(article.body.blocks_by_name(QUIZ_BLOCK)))
    questions = quiz.value["questions"].bound_blocks
    choices = [choice.id for q in questions for choice in q.value["choices"].bound_blocks]
    organisation = Organisation.objects.filter(live=True).first()
    comment = Comment.objects.create(
        article=article, author_name="Kim", author_email="kim@example.org", body="Thank you."
    )
    comment.set_status("approved")
    article_ids = [str(article.pk), str(article.get_parent().pk)]
    answers = ", ".join(
        f'{{questionId: "{q.id}", choiceIds: ["{q.value["choices"].bound_blocks[0].id}"]}}'
        for q in questions
    )
    return {
        "id": [*article_ids, str(organisation.pk), "1"],
        "articleId": [str(article.pk)],
        "parentId": [str(comment.pk)],
        "slug": [article.slug, "home"],
        "path": [article.get_url_parts()[2], "/", "/es/"],
        "quizId": [quiz.id],
        "questionId": [q.id for q in questions],
        "choiceIds": choices,
        "formToken": [make_form_token(article.pk, issued_at=time.time() - 60)],
        "authorEmail": ["sam@example.org"],
        "authorName": ["Sam"],
        "body": ["Naloxone saved my brother's life."],
        # A whole valid list of answers, so that submissions get scored and counted too.
        "answers": [graphql.parse_value(f"[{answers}]")],
        "locale": ["en", "es"],
        "service": list(Service.objects.values_list("slug", flat=True)[:3]),
        "tag": ["naloxone"],
    }


class RealValues(graphql.language.Visitor):
    """Swaps literals of known argument and input field names for real values, three times in
    four, as drawn by hypothesis (so shrinking and derandomisation still work). Mutations store
    only when every field is valid at once: a coin flip per field would rarely get there."""

    def __init__(self, values: dict[str, list], draw):
        super().__init__()
        self.values, self.draw = values, draw

    def swap(self, node):
        candidates = self.values.get(node.name.value)
        if not candidates or self.draw(st.integers(0, 3)) == 0:
            return None
        if isinstance(candidates[0], graphql.language.ValueNode):
            value = self.draw(st.sampled_from(candidates))
        elif isinstance(node.value, graphql.language.ListValueNode):
            chosen = self.draw(st.lists(st.sampled_from(candidates), max_size=3))
            value = graphql.language.ListValueNode(
                values=tuple(nodes.String(choice) for choice in chosen)
            )
        elif isinstance(node.value, graphql.language.StringValueNode):
            value = nodes.String(self.draw(st.sampled_from(candidates)))
        else:
            return None
        return node.__class__(name=node.name, value=value)

    # On leaving: a swapped-in list of answers is not visited (and changed) again.
    def leave_argument(self, node, *_):
        return self.swap(node)

    def leave_object_field(self, node, *_):
        return self.swap(node)


@pytest.fixture(scope="module")
def fuzz_values(module_demo):
    return real_values(module_demo)


@pytest.mark.parametrize("root_field", ROOT_FIELDS)
def test_no_server_error(root_field, api_schema, fuzz_values, db, client):
    root, field = root_field.split(".")
    operation = api_schema[root][field]
    cases = operation.as_strategy()
    values = fuzz_values
    sent = []

    @settings(
        max_examples=EXAMPLES_PER_FIELD,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],  # shrinking a failure can take many minutes: report it as found
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def fuzz(data):
        case = data.draw(cases, label="case")
        document = graphql.parse(case.body)
        query = graphql.print_ast(graphql.visit(document, RealValues(values, data.draw)))
        # The rate limiter would answer every mutation after the first few with RATE_LIMITED.
        cache.clear()
        with observe_server() as observed:
            response = client.post(
                ENDPOINT, json.dumps({"query": query}), content_type="application/json"
            )
        assert_no_server_error(response, observed, query)
        sent.append(query)

    fuzz()
    # Fields without arguments have only a few distinct documents: hypothesis stops early.
    assert sent, f"no example sent for {root_field}"
