"""What the fuzzer found in grapple's fields, kept as plain regression tests: arguments that
grapple hands to the ORM unchecked are refused with a GraphQLError saying what is wrong.

grapple's root fields and page-tree fields are gone; its arguments remain on
``Organisation.services``.
"""

import pytest

from .oracle import observe_server, server_failures

SERVICES = "{ organisations(perPage: 1) { items { %s } } }"


def ask(client, query: str):
    with observe_server() as observed:
        response = client.post("/graphql/", {"query": query}, content_type="application/json")
    assert not server_failures(response, observed), server_failures(response, observed)
    return response.json()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (SERVICES % 'services(id: "x") { name }', "`id` must be an id"),
        (SERVICES % 'services(id: "99999999999999999999999") { name }', "`id` must be an id"),
        (SERVICES % 'services(id: "-1") { name }', "`id` must be an id"),
        (SERVICES % 'services(order: "") { name }', "`order` takes field names"),
        (SERVICES % 'services(order: "?") { name }', "`order` takes field names"),
        # Sorting by a related model's fields would reveal them one comparison at a time.
        (SERVICES % 'services(order: "locale__language_code") { name }', "`order` takes field"),
    ],
)
def test_refused_with_a_clear_error(client, module_demo, db, query, message):
    body = ask(client, query)
    assert body["errors"][0]["message"].startswith(message), body


@pytest.mark.parametrize(
    "query",
    [
        SERVICES % 'services(order: "-name, slug", limit: 5) { name }',
        SERVICES % 'services(searchQuery: "naloxone", searchOperator: null) { name }',
        SERVICES % 'services(searchQuery: "naloxone", searchOperator: OR) { name }',
        SERVICES % 'services(order: "-name", id: "1") { name }',
        '{ __type(name: "Query") { name } }',
        '{ organisation(id: "not-a-number") { name } }',
    ],
)
def test_valid_arguments_still_work(client, module_demo, db, query):
    body = ask(client, query)
    assert "errors" not in body, body
