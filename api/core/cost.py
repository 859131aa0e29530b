"""The cost bound: an estimate of how many rows a document can return, checked before it runs.

The other limits (api/core/limits.py) count what is written in a document; nested lists
multiply what it returns. ``articles(perPage: 100) { items { body { ... on
OrganisationDirectoryBlock { organisations { services { name } } } } } }`` is short and within
every written limit, yet fans out to 100 × blocks × organisations × services rows.

The estimate: every list in the result contributes the product of the sizes of the lists on
its path from the root, itself included; the document's cost is the sum over every path, with
fragments expanded where they are spread and aliases counted separately. A list's size is the
page size its field (or, for a paginated object's ``items``, the field that returned the page)
was given as ``perPage`` or ``limit``, literally or through a variable, else that argument's
default; a list with no page size counts as ``GRAPHQL_COST_LIST_SIZE`` items (a StreamField,
a quiz's questions, a block's organisations). Over ``GRAPHQL_MAX_COST`` the request is refused
with ``QUERY_TOO_COSTLY`` (400) without touching the database.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)
from graphql.type.definition import GraphQLCompositeType, is_composite_type

from .limits import PAGE_SIZE_ARGUMENTS

# Page sizes when the argument is left out (api/fields.py: DEFAULT_PER_PAGE, DEFAULT_SEARCH_LIMIT).
DEFAULT_PAGE_SIZES = {"perPage": 10, "limit": 20}
TOO_COSTLY = "QUERY_TOO_COSTLY"


def is_list(type_: Any) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


class CostEstimate:
    """One walk over an operation with the request's variables."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: dict):
        self.schema = schema
        self.variables = variables
        self.list_size = int(settings.GRAPHQL_COST_LIST_SIZE)
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }

    def operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        return self.selections(operation.selection_set, root, 1, None, frozenset()) if root else 0

    def selections(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLCompositeType,
        multiplier: int,
        page_size: int | None,
        spread: frozenset[str],
    ) -> int:
        """The rows under ``selection_set``, whose items are each ``multiplier`` times in the
        result; ``page_size`` is the size the field that returned ``parent`` was given, for a
        paginated object's ``items``."""
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, multiplier, page_size, spread)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                if is_composite_type(target):
                    total += self.selections(
                        selection.selection_set, target, multiplier, page_size, spread
                    )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in spread:
                    continue  # cycles and unknown fragments are validation errors
                target = self.schema.get_type(fragment.type_condition.name.value)
                if is_composite_type(target):
                    total += self.selections(
                        fragment.selection_set, target, multiplier, page_size, spread | {name}
                    )
        return total

    def field(
        self,
        node: FieldNode,
        parent: GraphQLCompositeType,
        multiplier: int,
        page_size: int | None,
        spread: frozenset[str],
    ) -> int:
        fields = getattr(parent, "fields", None)
        definition = fields.get(node.name.value) if fields else None
        if definition is None:
            return 0  # __typename, introspection, or an error validation reports
        own_size = self.page_size(node, definition)
        rows = 0
        if is_list(definition.type):
            size = page_size if page_size is not None else own_size or self.list_size
            multiplier *= size
            rows = multiplier
            own_size = None
        target = get_named_type(definition.type)
        if not is_composite_type(target):
            return rows
        # A page size on a field returning an object (grapple-style pagination) sizes the
        # object's list (``items``); one on a list field sized that list.
        return rows + self.selections(node.selection_set, target, multiplier, own_size, spread)

    def page_size(self, node: FieldNode, definition) -> int | None:
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        for name in PAGE_SIZE_ARGUMENTS & definition.args.keys():
            value = None
            if name in given:
                value = value_from_ast_untyped(given[name], self.variables)
            if value is None:
                value = definition.args[name].default_value
            if not isinstance(value, int) or isinstance(value, bool):
                value = DEFAULT_PAGE_SIZES[name]
            return max(value, 1)
        return None


def estimate(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict | None,
) -> int:
    """The estimated rows ``operation`` of ``document`` returns with ``variables``."""
    return CostEstimate(schema, document, variables or {}).operation(operation)


def cost_errors(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict | None,
) -> list[GraphQLError]:
    bound = int(settings.GRAPHQL_MAX_COST)
    cost = estimate(schema, document, operation, variables)
    if cost <= bound:
        return []
    return [
        GraphQLError(
            f"The query could return about {cost} rows, more than the {bound} allowed: ask for "
            "smaller pages (perPage, limit) or fewer nested lists.",
            operation,
            extensions={"code": TOO_COSTLY, "cost": cost, "maxCost": bound},
        )
    ]
