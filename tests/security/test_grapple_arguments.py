"""What the fuzzer found in grapple's fields, kept as plain regression tests: arguments that
grapple hands to the ORM unchecked are refused with a GraphQLError saying what is wrong.

grapple's root fields are gone; its fields with such arguments remain on the page types
(``children``, ``siblings``, ``descendants``, ``ancestors``...) and on ``Organisation.services``.
"""

import pytest

from .oracle import observe_server, server_failures

ARTICLE = '{ article(slug: "practical-ways-harm-reduction-techniques-make-a-difference") { %s } }'
SERVICES = "{ organisations(perPage: 1) { items { %s } } }"


def ask(client, query: str):
    with observe_server() as observed:
        response = client.post("/graphql/", {"query": query}, content_type="application/json")
    assert not server_failures(response, observed), server_failures(response, observed)
    return response.json()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (ARTICLE % 'ancestors(id: "x") { id }', "`id` must be an id"),
        (ARTICLE % 'children(id: "99999999999999999999999") { id }', "`id` must be an id"),
        (SERVICES % 'services(id: "-1") { name }', "`id` must be an id"),
        (ARTICLE % 'siblings(order: "") { id }', "`order` takes field names"),
        (ARTICLE % 'descendants(order: "?") { id }', "`order` takes field names"),
        # Sorting by a related model's fields would reveal them one comparison at a time.
        (ARTICLE % 'ancestors(order: "owner__password") { id }', "`order` takes field names"),
        (ARTICLE % 'ancestors(order: "no_such_field") { id }', "`order` names a field that cannot"),
    ],
)
def test_refused_with_a_clear_error(client, module_demo, db, query, message):
    body = ask(client, query)
    assert body["errors"][0]["message"].startswith(message), body


@pytest.mark.parametrize(
    "query",
    [
        ARTICLE % 'ancestors(searchQuery: "harm", searchOperator: OR) { id }',
        ARTICLE % 'ancestors(searchQuery: "harm", searchOperator: AND) { id }',
        ARTICLE % 'ancestors(searchQuery: "harm", searchOperator: null) { id }',
        ARTICLE % 'siblings(searchQuery: "harm", id: "3", inMenu: true) { id }',
        ARTICLE % 'ancestors(order: "-first_published_at, title", limit: 5) { id }',
        ARTICLE % 'ancestors(id: "3") { id }',
        SERVICES % 'services(order: "-name", id: "1") { name }',
        '{ __type(name: "Query") { name } }',
        '{ organisation(id: "not-a-number") { name } }',
    ],
)
def test_valid_arguments_still_work(client, module_demo, db, query):
    body = ask(client, query)
    assert "errors" not in body, body
