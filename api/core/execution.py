"""graphql-core's execution, specialised for a schema whose resolvers are all synchronous.

graphql-core 3.2 supports resolvers that return awaitables everywhere: every field, every list
item and every completed value is checked for one (``is_awaitable``: two ``isinstance`` and a
``hasattr``), and each check is a Python call. This API is served by sync workers (WSGI) and
none of its resolvers is a coroutine function (``tests/api/test_execution.py`` checks every
field of the schema), so those checks only cost time: about 1,500 of them on one article.
:class:`SyncExecutionContext` is graphql-core's own algorithm with them taken out, and with
leaf values (scalars and enums, most of a response) completed without walking the whole type
dispatch. Results, errors and their paths are the same as graphql-core's (the tests execute
every contract operation both ways and compare).

Fields that only read an attribute and return a scalar (graphene's default resolver, grapple's
resolver of a plain model field, ``__typename``: about three quarters of an article's fields)
are executed by a plan made once per field (:func:`plan_for`): the value is read and serialized
without building a ``GraphQLResolveInfo``, a path or the resolver's own checks, which only an
error needs (then the field is executed the general way, so errors read the same).

graphql-core's extension point for this is ``execute(execution_context_class=...)``. Upstream
discusses a sync-only execution context of its own in
https://github.com/graphql-python/graphql-core/issues/142 (and the cost of the checks in
https://github.com/graphql-python/graphql-core/issues/54); drop this module when it lands.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from graphene.types.resolver import attr_resolver, dict_or_attr_resolver
from graphql import (
    ExecutionContext,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    located_error,
)
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.language import FieldNode
from graphql.pyutils import Path, Undefined, inspect, is_iterable
from grapple import actions as grapple_actions
from grapple.types.rich_text import RichText as RichTextType
from wagtail.fields import RichTextField

LEAF_TYPES = (GraphQLScalarType, GraphQLEnumType)


def _never_awaitable(_value: Any) -> bool:
    return False


class NotPlain(Exception):
    """Raised by a plan when the value is not a plain one after all (a grapple field whose
    attribute turned out to be a manager or a method): the field is executed the general way."""


# A plan: (read the value from the parent object, serialize it, whether it is non-null).
Plan = tuple[Callable[[Any], Any], Callable[[Any], Any], bool]
# Per schema, per object type, per field name: its plan, or None for the general way.
_plans: weakref.WeakKeyDictionary[GraphQLSchema, dict[str, dict[str, Plan | None]]] = (
    weakref.WeakKeyDictionary()
)


def _attribute_reader(resolve: Any) -> Callable[[Any], Any] | None:
    """graphene's default resolver of an attribute (``partial(dict_or_attr_resolver, name,
    default)``), as a function of the parent object alone."""
    if not isinstance(resolve, functools.partial) or resolve.keywords or len(resolve.args) != 2:
        return None
    name, default = resolve.args
    if resolve.func is attr_resolver:
        return lambda source: getattr(source, name, default)
    if resolve.func is dict_or_attr_resolver:
        return lambda source: (
            source.get(name, default)
            if isinstance(source, dict)
            else getattr(source, name, default)
        )
    return None


@functools.cache
def _is_rich_text_field(model: type, name: str) -> bool:
    # As grapple's resolver decides to render a RichTextField's HTML (grapple/actions.py).
    try:
        if hasattr(model._meta, "get_field"):
            field = model._meta.get_field(name)
        else:
            field = model._meta.fields[name]
    except FieldDoesNotExist:
        return False
    return type(field) is RichTextField


def _grapple_reader(resolve: Any) -> Callable[[Any], Any] | None:
    """grapple's resolver of a model field (``model_resolver(field)``, bound to the type), as a
    function of the parent object alone, for the values it returns as they are.

    It recognises grapple's resolver by its code object and reads its ``field`` from the
    closure: grapple internals (0.31), with no upstream issue to link. If grapple changes them,
    no field gets a grapple plan (the general way still answers), and
    ``tests/api/test_execution.py::test_which_fields_get_a_plan`` fails to say so."""
    function = getattr(resolve, "__func__", None)
    code = getattr(function, "__code__", None)
    if code is None or code is not _GRAPPLE_MIXIN_CODE:
        return None
    field = function.__closure__[code.co_freevars.index("field")].cell_contents
    name, as_is = field.field_source, field.field_type is RichTextType

    def read(instance: Any) -> Any:
        value = getattr(instance, name)
        if isinstance(value, models.Manager) or callable(value):
            raise NotPlain
        if as_is or not _is_rich_text_field(type(instance), name):
            return value
        return RichTextType.serialize(value)

    return read


_GRAPPLE_MIXIN_CODE = grapple_actions.model_resolver(None).__code__


def plan_for(field_def: GraphQLField) -> Plan | None:
    """How to execute ``field_def`` without the general machinery, if it only reads a value
    and returns a scalar or an enum; None otherwise."""
    if field_def.args:
        return None
    return_type = field_def.type
    non_null = isinstance(return_type, GraphQLNonNull)
    leaf = return_type.of_type if non_null else return_type
    if not isinstance(leaf, LEAF_TYPES):
        return None
    read = _attribute_reader(field_def.resolve) or _grapple_reader(field_def.resolve)
    if read is None:
        return None
    return read, leaf.serialize, non_null


class SyncExecutionContext(ExecutionContext):
    """See the module docstring. Used for every operation the view executes."""

    is_awaitable = staticmethod(_never_awaitable)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # graphql-core stores a given predicate on the instance: keep ours whatever is passed.
        self.is_awaitable = _never_awaitable

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        fields: dict[str, list[FieldNode]],
    ) -> dict[str, Any]:
        results = {}
        execute_field = self.execute_field
        parent_name = parent_type.name
        # With middleware, every field goes through it: the general way only.
        plans = None if self.middleware_manager else self.plans(parent_type)
        for response_name, field_nodes in fields.items():
            if plans is not None:
                field_name = field_nodes[0].name.value
                if field_name == "__typename":
                    results[response_name] = parent_name
                    continue
                plan = plans.get(field_name, Undefined)
                if plan is Undefined:
                    plan = plans[field_name] = self.make_plan(parent_type, field_name)
                if plan is not None:
                    read, serialize, non_null = plan
                    try:
                        value = read(source_value)
                        if value is not None and not isinstance(value, Exception):
                            serialized = serialize(value)
                            if serialized is not None and serialized is not Undefined:
                                results[response_name] = serialized
                                continue
                        elif value is None and not non_null:
                            results[response_name] = None
                            continue
                    except NotPlain:
                        plans[field_name] = None
                    except Exception:  # executed again the general way below, to report it
                        pass
            # The general way, also for a plan that failed: errors are reported as graphql-core
            # reports them, with their path.
            result = execute_field(
                parent_type, source_value, field_nodes, Path(path, response_name, parent_name)
            )
            if result is not Undefined:
                results[response_name] = result
        return results

    def plans(self, parent_type: GraphQLObjectType) -> dict[str, Plan | None]:
        by_type = _plans.get(self.schema)
        if by_type is None:
            by_type = _plans[self.schema] = {}
        plans = by_type.get(parent_type.name)
        if plans is None:
            plans = by_type[parent_type.name] = {}
        return plans

    def make_plan(self, parent_type: GraphQLObjectType, field_name: str) -> Plan | None:
        field_def = parent_type.fields.get(field_name)
        return None if field_def is None else plan_for(field_def)

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_nodes: list[FieldNode],
        path: Path,
    ) -> Any:
        field_def = get_field_def(self.schema, parent_type, field_nodes[0])
        if not field_def:
            return Undefined
        return_type = field_def.type
        resolve_fn = field_def.resolve or self.field_resolver
        if self.middleware_manager:
            resolve_fn = self.middleware_manager.get_field_resolver(resolve_fn)
        info = self.build_resolve_info(field_def, field_nodes, parent_type, path)
        try:
            args = (
                get_argument_values(field_def, field_nodes[0], self.variable_values)
                if field_def.args
                else {}
            )
            result = resolve_fn(source, info, **args)
            return self.complete_value(return_type, field_nodes, info, path, result)
        except Exception as raw_error:
            error = located_error(raw_error, field_nodes, path.as_list())
            self.handle_field_error(error, return_type, path)
            return None

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
    ) -> Any:
        # The same steps as graphql-core's, in the same order, with leaves first among the
        # nullable kinds (a type is one kind only, so the order changes no outcome).
        if isinstance(result, Exception):
            raise result
        if isinstance(return_type, GraphQLNonNull):
            completed = self.complete_value(return_type.of_type, field_nodes, info, path, result)
            if completed is None:
                raise TypeError(
                    "Cannot return null for non-nullable field"
                    f" {info.parent_type.name}.{info.field_name}."
                )
            return completed
        if result is None or result is Undefined:
            return None
        if isinstance(return_type, LEAF_TYPES):
            serialized = return_type.serialize(result)
            if serialized is Undefined or serialized is None:
                raise TypeError(
                    f"Expected `{inspect(return_type)}.serialize({inspect(result)})`"
                    f" to return non-nullable value, returned: {inspect(serialized)}"
                )
            return serialized
        if isinstance(return_type, GraphQLList):
            return self.complete_list_value(return_type, field_nodes, info, path, result)
        return super().complete_value(return_type, field_nodes, info, path, result)

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
    ) -> list[Any]:
        if not is_iterable(result):
            raise GraphQLError(
                "Expected Iterable, but did not find one for field"
                f" '{info.parent_type.name}.{info.field_name}'."
            )
        item_type = return_type.of_type
        complete_value = self.complete_value
        completed_results = []
        append = completed_results.append
        for index, item in enumerate(result):
            item_path = path.add_key(index, None)
            try:
                append(complete_value(item_type, field_nodes, info, item_path, item))
            except Exception as raw_error:
                error = located_error(raw_error, field_nodes, item_path.as_list())
                self.handle_field_error(error, item_type, item_path)
                append(None)
        return completed_results
