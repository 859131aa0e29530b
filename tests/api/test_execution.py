"""The execution context without awaitable checks (api/core/execution.py): it is only correct
because no resolver is asynchronous, and it must answer exactly what graphql-core answers."""

import functools
import inspect

import pytest
from django.test import RequestFactory
from graphql import (
    ExecutionContext,
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInt,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLString,
    execute,
    parse,
)

from api import contract
from api.core.execution import SyncExecutionContext
from api.schema import schema


def _unwrapped(function):
    while True:
        if isinstance(function, functools.partial):
            function = function.func
        elif hasattr(function, "__wrapped__"):
            function = function.__wrapped__
        else:
            return function


def _is_async(function) -> bool:
    function = _unwrapped(function)
    return inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


def test_no_resolver_of_the_schema_is_asynchronous():
    found = []
    for type_ in schema.graphql_schema.type_map.values():
        for attribute in ("resolve_type", "is_type_of"):
            if _is_async(getattr(type_, attribute, None)):
                found.append(f"{type_.name}.{attribute}")
        for name, field in getattr(type_, "fields", {}).items():
            if isinstance(field, GraphQLField) and field.resolve and _is_async(field.resolve):
                found.append(f"{type_.name}.{name}")
    assert not found, f"async resolvers need graphql-core's own ExecutionContext: {found}"


@pytest.mark.django_db
def test_every_contract_operation_answers_the_same_as_with_graphql_core(demo):
    operations = contract.example_operations(contract.load_operations())
    assert len(operations) >= 10
    for operation in operations:
        variables = contract.example_variables(operation)
        document = parse(operation.text)
        results = []
        for context_class in (ExecutionContext, SyncExecutionContext):
            request = RequestFactory().get("/graphql/", HTTP_HOST="localhost")
            results.append(
                execute(
                    schema.graphql_schema,
                    document,
                    context_value=request,
                    variable_values=variables,
                    execution_context_class=context_class,
                )
            )
        expected, found = results
        assert found.errors == expected.errors, operation.name
        assert found.data == expected.data, operation.name
        assert found.data, operation.name


def _failing_schema() -> GraphQLSchema:
    """Every way a field can fail, and interfaces and enums, on a schema of its own."""

    def boom(*_args):
        raise ValueError("resolver failed")

    colour = GraphQLEnumType("Colour", {"RED": "red"})
    named = GraphQLInterfaceType("Named", {"name": GraphQLField(GraphQLString)})
    item = GraphQLObjectType(
        "Item",
        {
            "name": GraphQLField(GraphQLString),
            "number": GraphQLField(GraphQLInt),
            "required": GraphQLField(GraphQLNonNull(GraphQLString)),
            "colour": GraphQLField(colour),
            "fails": GraphQLField(GraphQLString, resolve=boom),
            "returnsError": GraphQLField(
                GraphQLString, resolve=lambda *_: ValueError("returned, not raised")
            ),
            "echo": GraphQLField(
                GraphQLString,
                args={"text": GraphQLArgument(GraphQLString, default_value="default")},
                resolve=lambda _root, _info, text: text,
            ),
        },
        interfaces=[named],
        is_type_of=lambda value, _info: isinstance(value, dict),
    )
    query = GraphQLObjectType(
        "Query",
        {
            "items": GraphQLField(GraphQLList(item)),
            "strictItems": GraphQLField(GraphQLList(GraphQLNonNull(item))),
            "named": GraphQLField(GraphQLList(named)),
            "notAList": GraphQLField(GraphQLList(GraphQLInt)),
            "requiredNull": GraphQLField(GraphQLNonNull(GraphQLString)),
        },
    )
    return GraphQLSchema(query, types=[item])


ROOT = {
    "items": [
        {"name": "a", "number": 1, "required": "x", "colour": "red"},
        {"name": "b", "number": "not a number", "required": None, "colour": "blue"},
        None,
    ],
    "strictItems": [{"name": "a", "required": "x"}, None],
    "named": [{"name": "n"}],
    "notAList": 7,
    "requiredNull": None,
}


@pytest.mark.parametrize(
    "query",
    [
        '{ items { name number colour fails returnsError echo echo2: echo(text: "t") } }',
        "{ items { required } }",
        "{ strictItems { name } }",
        "{ named { name ... on Item { number } } }",
        "{ notAList }",
        "{ requiredNull }",
        "{ items { name } requiredNull }",
        "{ __typename items { __typename } }",
    ],
)
def test_failures_are_answered_as_graphql_core_answers_them(query):
    schema_ = _failing_schema()
    expected = execute(schema_, parse(query), root_value=ROOT)
    found = execute(
        schema_, parse(query), root_value=ROOT, execution_context_class=SyncExecutionContext
    )
    assert found.data == expected.data
    assert [error.formatted for error in found.errors or ()] == [
        error.formatted for error in expected.errors or ()
    ]
