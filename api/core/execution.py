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

graphql-core's extension point for this is ``execute(execution_context_class=...)``. Upstream
discusses a sync-only execution context of its own in
https://github.com/graphql-python/graphql-core/issues/142 (and the cost of the checks in
https://github.com/graphql-python/graphql-core/issues/54); drop this module when it lands.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    ExecutionContext,
    GraphQLEnumType,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    located_error,
)
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.language import FieldNode
from graphql.pyutils import Path, Undefined, inspect, is_iterable

LEAF_TYPES = (GraphQLScalarType, GraphQLEnumType)


def _never_awaitable(_value: Any) -> bool:
    return False


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
        for response_name, field_nodes in fields.items():
            result = execute_field(
                parent_type, source_value, field_nodes, Path(path, response_name, parent_name)
            )
            if result is not Undefined:
                results[response_name] = result
        return results

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
