"""The cost bound: what a document can fan out to is estimated and bounded before it runs."""

import json
import time

import pytest
from django.conf import settings as django_settings
from graphql import NonNullTypeNode, parse

from api import contract
from api.core.cost import estimate
from api.core.view import schema

pytestmark = pytest.mark.django_db

# Every page-size variable of the contract at the largest value the limits allow.
LARGEST_PAGES = {"perPage": 100, "commentsPerPage": 100, "limit": 100}

# A value for each required variable, by type: the cost is checked whatever they are.
PLACEHOLDERS = {"String": "x", "ID": "1", "Int": 1}

FAN_OUT = """
query FanOut {
  articles(perPage: 100) {
    items {
      body {
        ... on OrganisationDirectoryBlock { organisations { name services { name } } }
      }
    }
  }
}
"""


def cost(text: str, variables: dict | None = None) -> int:
    document = parse(text)
    return estimate(schema(), document, document.definitions[0], variables or {})


def test_the_default_bound_is_over_twice_the_largest_contract_operation():
    largest = max(cost(operation.text, LARGEST_PAGES) for operation in contract.load_operations())
    assert largest > 0
    assert 2 * largest <= django_settings.GRAPHQL_MAX_COST, largest


@pytest.mark.parametrize(
    "operation", contract.load_operations(), ids=lambda operation: operation.name
)
def test_every_contract_operation_passes_with_its_largest_pages(client, operation):
    if operation.type != "query":
        pytest.skip("mutations are checked by their own tests")
    variables = {}
    for definition in parse(operation.text).definitions[0].variable_definitions:
        name = definition.variable.name.value
        if name in LARGEST_PAGES:
            variables[name] = LARGEST_PAGES[name]
        elif isinstance(definition.type, NonNullTypeNode):
            variables[name] = PLACEHOLDERS[definition.type.type.name.value]
    response = client.post(
        "/graphql/",
        json.dumps({"query": operation.text, "variables": variables}),
        content_type="application/json",
    )
    codes = {error.get("extensions", {}).get("code") for error in response.json().get("errors", [])}
    assert "QUERY_TOO_COSTLY" not in codes, response.content


def test_a_fan_out_within_every_other_limit_is_refused_before_the_database(
    client, django_assert_num_queries
):
    started = time.perf_counter()
    with django_assert_num_queries(0):
        response = client.post(
            "/graphql/", json.dumps({"query": FAN_OUT}), content_type="application/json"
        )
    elapsed = time.perf_counter() - started
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > error["extensions"]["maxCost"]
    assert "data" not in response.json()
    # Refused in milliseconds, not seconds (a loose bound: this is a 2-core CI machine).
    assert elapsed < 1.0, elapsed


def test_page_sizes_given_as_variables_count(client):
    query = """query Q($n: Int) { articles(perPage: $n) { items { body {
      ... on OrganisationDirectoryBlock { organisations { services { name } } } } } } }"""
    assert cost(query, {"n": 1}) < cost(query, {"n": 100})
    small = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"n": 1}}),
        content_type="application/json",
    )
    assert small.status_code == 200 and "errors" not in small.json(), small.content
    large = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"n": 100}}),
        content_type="application/json",
    )
    assert large.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


def test_aliases_and_fragments_are_counted_where_they_are_spread():
    one = "{ a: articles(perPage: 50) { items { tags { name } } } }"
    two = (
        "{ a: articles(perPage: 50) { items { ...T } } "
        "b: articles(perPage: 50) { items { ...T } } }"
        " fragment T on ArticlePage { tags { name } }"
    )
    assert cost(two) == 2 * cost(one)


def test_the_bound_is_a_setting(client, settings):
    settings.GRAPHQL_MAX_COST = 5
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ articles(perPage: 10) { items { title } } }"}),
        content_type="application/json",
    )
    assert response.json()["errors"][0]["extensions"]["maxCost"] == 5
