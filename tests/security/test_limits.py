"""Query limits: refused before execution with a GraphQL error and HTTP 400; the contract's
own operations stay well inside them."""

import json

import pytest
from graphene.validation import depth_limit_validator
from graphql import parse, validate
from graphql.validation import specified_rules
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from api import contract
from api.core import limits
from api.schema import schema
from snippets.models import Author

ARTICLE_FIELDS = "id title slug"


def send(client, query, variables=None):
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )


def refused(response, *words):
    assert response.status_code == 400, response.content
    body = response.json()
    assert "data" not in body
    message = " ".join(error["message"] for error in body["errors"])
    for word in words:
        assert word in message, message
    return body["errors"]


def passes_depth(document, max_depth: int) -> bool:
    rule = depth_limit_validator(max_depth=max_depth)
    return not validate(schema.graphql_schema, document, [rule])


def test_the_depth_limit_is_a_little_above_the_deepest_contract_operation(settings):
    documents = [parse(operation.text) for operation in contract.load_operations()]
    needed = next(
        depth for depth in range(1, 30) if all(passes_depth(doc, depth) for doc in documents)
    )
    assert needed + 1 <= settings.GRAPHQL_MAX_DEPTH <= needed + 3, needed


def test_every_contract_operation_passes_the_limits():
    rules = [*specified_rules, *limits.validation_rules()]
    for operation in contract.load_operations():
        document = limits.parse_document(operation.text)
        assert validate(schema.graphql_schema, document, rules) == [], operation.name
        variables = {"perPage": 100, "limit": 100}
        assert limits.argument_errors(schema.graphql_schema, document, None, variables) == []


@pytest.mark.django_db
def test_too_deep(client, settings):
    settings.GRAPHQL_MAX_DEPTH = 3
    query = """{ article(slug: "x") { body {
        ... on OrganisationDirectoryBlock { organisations { services { name } } } } } }"""
    refused(send(client, query), "exceeds maximum operation depth")


@pytest.mark.django_db
def test_deep_through_fragments_counts_too(client, settings):
    settings.GRAPHQL_MAX_DEPTH = 3
    fragment = "fragment F on OrganisationDirectoryBlock { organisations { services { name } } }"
    refused(send(client, f'{{ article(slug: "x") {{ body {{ ...F }} }} }} {fragment}'), "depth")


@pytest.mark.django_db
def test_too_many_tokens(client, settings):
    settings.GRAPHQL_MAX_QUERY_LENGTH = 1_000_000
    fields = " ".join("__typename" for _ in range(settings.GRAPHQL_MAX_TOKENS))
    errors = refused(send(client, f"{{ {fields} }}"), "tokens")
    assert errors[0]["extensions"]["code"] == "QUERY_LIMIT_EXCEEDED"


@pytest.mark.django_db
def test_too_long(client, settings):
    padding = "#" + "x" * settings.GRAPHQL_MAX_QUERY_LENGTH + "\n"
    refused(send(client, padding + "{ __typename }"), "longer than")


@pytest.mark.django_db
def test_too_many_fields(client, settings):
    settings.GRAPHQL_MAX_TOKENS = 100_000
    fields = " ".join(["id"] * (settings.GRAPHQL_MAX_FIELDS + 1))
    refused(send(client, f'{{ route(path: "/") {{ {fields} }} }}'), "more than", "fields")


@pytest.mark.django_db
def test_fields_in_fragments_are_counted_where_spread(client, settings):
    settings.GRAPHQL_MAX_FIELDS = 20
    fragment = "fragment F on PageInterface { " + " ".join(["id"] * 8) + " }"
    spreads = " ".join(f'a{n}: route(path: "/") {{ ...F }}' for n in range(3))
    refused(send(client, f"{{ {spreads} }} {fragment}"), "fields")


@pytest.mark.django_db
def test_too_many_aliases(client, settings):
    aliases = " ".join(
        f'a{n}: article(slug: "x{n}") {{ id }}' for n in range(settings.GRAPHQL_MAX_ALIASES + 1)
    )
    refused(send(client, f"{{ {aliases} }}"), "aliases")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ articles(perPage: 101) { items { id } } }", {}),
        ("query ($n: Int) { articles(perPage: $n) { items { id } } }", {"n": 5000}),
        ("query ($n: Int = 1000) { organisations(perPage: $n) { items { id } } }", {}),
        ('{ search(query: "x", limit: 500) { __typename } }', {}),
        ("{ organisations { items { services(limit: 1000) { id } } } }", {}),
    ],
    ids=["literal", "variable", "variable-default", "search", "grapple-services"],
)
def test_page_sizes_over_100_are_refused_before_execution(client, query, variables):
    errors = refused(send(client, query, variables), "must be at most 100")
    assert errors[0]["extensions"]["code"] == "QUERY_LIMIT_EXCEEDED"


@pytest.mark.django_db
def test_a_page_size_of_100_is_fine(client):
    assert send(client, "{ articles(perPage: 100) { items { id } } }").status_code == 200


@pytest.mark.django_db
def test_batched_requests_are_refused(client):
    batch = [{"query": "{ __typename }"}, {"query": "{ __typename }"}]
    response = client.post("/graphql/", json.dumps(batch), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BATCH_NOT_SUPPORTED"


@pytest.mark.django_db
def test_image_renditions_only_from_the_allow_list(client, settings):
    image = Image.objects.create(title="Kit", file=get_test_image_file())
    Author.objects.create(name="Author", image=image)
    allowed = settings.GRAPPLE["ALLOWED_IMAGE_FILTERS"][0]
    name, _, value = allowed.partition("-")
    query = f"{{ authors {{ image {{ rendition({name}: {value}) {{ url width }} }} }} }}"
    rendition = send(client, query).json()["data"]["authors"][0]["image"]["rendition"]
    assert rendition["width"] > 0

    for arguments in ("width: 4321", 'fill: "4000x4000"', 'width: 640, format: "gif"'):
        query = f"{{ authors {{ image {{ rendition({arguments}) {{ url }} }} }} }}"
        errors = refused(send(client, query), "is not allowed", allowed)
        assert errors[0]["extensions"]["code"] == "IMAGE_FILTER_NOT_ALLOWED"
    variable = "query ($w: Int) { authors { image { rendition(width: $w) { url } } } }"
    refused(send(client, variable, {"w": 3333}), "width-3333")
    assert image.renditions.count() == 1
