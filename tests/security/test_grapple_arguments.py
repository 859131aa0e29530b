"""What the fuzzer found in grapple's fields, kept as plain regression tests: arguments that
grapple handed to the ORM unchecked are refused with a GraphQLError saying what is wrong."""

import pytest

from .oracle import observe_server, server_failures


def ask(client, query: str):
    with observe_server() as observed:
        response = client.post("/graphql/", {"query": query}, content_type="application/json")
    assert not server_failures(response, observed), server_failures(response, observed)
    return response.json()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('{ image(id: "x") { id } }', "`id` must be an id"),
        ('{ page(id: "99999999999999999999999") { id } }', "`id` must be an id"),
        ('{ pages(ancestor: "-1") { id } }', "`ancestor` must be an id"),
        ('{ images(collection: "one") { id } }', "`collection` must be an id"),
        ('{ tags(id: "") { id } }', "`id` must be an id"),
        ('{ pages(order: "") { id } }', "`order` takes field names"),
        ('{ pages(order: "?") { id } }', "`order` takes field names"),
        # Sorting by a related model's fields would reveal them one comparison at a time.
        ('{ pages(order: "owner__password") { id } }', "`order` takes field names"),
        ('{ pages(order: "no_such_field") { id } }', "`order` names a field that cannot"),
        ('{ collections(order: "-nope") { id } }', "`order` names a field that cannot"),
        ('{ documents(searchQuery: "naloxone") { id } }', "`searchQuery` is not supported"),
        ('{ sites(searchQuery: "0") { id } }', "`searchQuery` is not supported"),
    ],
)
def test_refused_with_a_clear_error(client, module_demo, db, query, message):
    body = ask(client, query)
    assert body["errors"][0]["message"].startswith(message), body


@pytest.mark.parametrize(
    "query",
    [
        '{ pages(searchQuery: "harm", searchOperator: OR) { id } }',
        '{ pages(searchQuery: "harm", searchOperator: AND) { id } }',
        '{ pages(searchQuery: "harm", searchOperator: null) { id } }',
        '{ pages(order: "-first_published_at, title", limit: 5) { id } }',
        '{ page(id: "3") { id } }',
        '{ __type(name: "Query") { name } }',
        '{ organisation(id: "not-a-number") { name } }',
    ],
)
def test_valid_arguments_still_work(client, module_demo, db, query):
    body = ask(client, query)
    assert "errors" not in body, body
