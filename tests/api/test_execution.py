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


# --- Plans: fields that only read a value ------------------------------------------------------


class _Broken:
    """An object whose attributes fail in every way an attribute can."""

    name = "broken"
    number = "not a number"
    required = None
    colour = "BLUE"

    @property
    def fails(self):
        raise ValueError("property failed")

    @property
    def returns_error(self):
        return ValueError("returned, not raised")


class _Plain:
    name = "plain"
    number = 7
    required = "here"
    colour = "RED"
    fails = "fine"
    returns_error = "fine"


def _graphene_schema():
    import graphene

    class Colour(graphene.Enum):
        RED = "RED"

    class Thing(graphene.ObjectType):
        name = graphene.String()
        number = graphene.Int()
        required = graphene.String(required=True)
        colour = Colour()
        fails = graphene.String()
        returns_error = graphene.String()
        missing = graphene.String()

    class Query(graphene.ObjectType):
        things = graphene.List(Thing)
        strict = graphene.List(graphene.NonNull(Thing))

        def resolve_things(root, info):
            return [_Plain(), {"name": "from a dict", "number": 3}, _Broken(), None]

        def resolve_strict(root, info):
            return [_Plain(), _Broken()]

    return graphene.Schema(query=Query).graphql_schema


@pytest.mark.parametrize(
    "query",
    [
        "{ things { __typename name number missing } }",
        "{ things { name number required colour fails returnsError } }",
        "{ things { required } }",
        "{ strict { name required } }",
        "{ things { a: name b: name number } }",
        "{ things { colour } }",
    ],
)
def test_plans_answer_as_graphql_core_answers(query):
    """graphene's default resolvers take the plan; every failure, read the general way again,
    is reported with the same message and path."""
    schema_ = _graphene_schema()
    expected = execute(schema_, parse(query))
    found = execute(schema_, parse(query), execution_context_class=SyncExecutionContext)
    assert found.data == expected.data
    assert [error.formatted for error in found.errors or ()] == [
        error.formatted for error in expected.errors or ()
    ]


def test_which_fields_get_a_plan():
    from api.core.execution import plan_for

    article = schema.graphql_schema.type_map["ArticlePage"]
    planned = {name for name, field in article.fields.items() if plan_for(field)}
    # graphene's default resolver (title, slug, url: a property), grapple's resolver of a model
    # field (intro, a RichTextField), each a scalar with no arguments.
    assert {"title", "slug", "url", "intro", "publicationDate"} <= planned
    # Objects, lists, resolvers of our own and fields with arguments keep their resolvers.
    assert not planned & {"author", "tags", "body", "comments", "commentCount", "translations"}


def test_a_grapple_field_that_is_a_method_is_executed_the_general_way():
    from types import MethodType

    from grapple import actions
    from grapple.models import GraphQLString as GrappleString

    class Owner:
        pass

    def field(name):
        return GraphQLField(
            GraphQLString,
            resolve=MethodType(actions.model_resolver(GrappleString(name)()), Owner),
        )

    class Source:
        class _meta:  # as a model's
            fields = {}

            @staticmethod
            def get_field(name):
                from django.core.exceptions import FieldDoesNotExist

                raise FieldDoesNotExist(name)

        plain = "plain"

        def computed(self, info):
            return f"computed for {info.field_name}"

    query = GraphQLObjectType(
        "Query",
        {
            "source": GraphQLField(
                GraphQLObjectType(
                    "Source", {"plain": field("plain"), "computed": field("computed")}
                ),
                resolve=lambda *_: Source(),
            )
        },
    )
    schema_ = GraphQLSchema(query)
    document = parse("{ source { plain computed again: computed } }")
    expected = execute(schema_, document)
    found = execute(schema_, document, execution_context_class=SyncExecutionContext)
    assert expected.errors is None
    assert (
        found.data
        == expected.data
        == {
            "source": {
                "plain": "plain",
                "computed": "computed for computed",
                "again": "computed for computed",
            }
        }
    )


def test_middleware_sees_every_field():
    seen = []

    def middleware(next_, root, info, **args):
        seen.append(info.field_name)
        return next_(root, info, **args)

    schema_ = _graphene_schema()
    found = execute(
        schema_,
        parse("{ things { __typename name } }"),
        middleware=[middleware],
        execution_context_class=SyncExecutionContext,
    )
    assert found.data["things"][0] == {"__typename": "Thing", "name": "plain"}
    assert seen.count("name") == 3 and seen.count("__typename") == 3  # the 4th is null
