"""Query limits, checked before anything executes.

The endpoint is public, so a hostile client can send any document. Each limit bounds the work
one request can ask for, and each is refused with a GraphQL error (HTTP 400) before a resolver
runs:

- size: ``GRAPHQL_MAX_QUERY_LENGTH`` characters and ``GRAPHQL_MAX_TOKENS`` lexical tokens
  (graphql-core's parser stops counting there, so a huge document costs no more than that);
- depth: ``GRAPHQL_MAX_DEPTH`` nested selections (graphene's depth-limit validator; the
  deepest operation of the contract needs 4);
- breadth: ``GRAPHQL_MAX_FIELDS`` field selections and ``GRAPHQL_MAX_ALIASES`` aliases in the
  operation, fragments counted wherever they are spread (aliases are how one request asks for
  the same expensive field many times);
- page sizes: every ``perPage``/``limit`` argument at most ``MAX_PAGE_SIZE`` (100), whether
  written in the document or passed as a variable;
- images: a ``rendition`` only with a filter of ``ALLOWED_IMAGE_FILTERS`` (grapple's setting),
  so clients cannot make the server generate arbitrary images.

Batched requests (a JSON array of operations) are refused by the view.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from django.conf import settings
from graphene.validation import depth_limit_validator
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    parse,
    value_from_ast_untyped,
)
from grapple.settings import grapple_settings

MAX_PAGE_SIZE = 100
PAGE_SIZE_ARGUMENTS = frozenset({"perPage", "limit"})
LIMIT_EXCEEDED = "QUERY_LIMIT_EXCEEDED"


def limit(name: str) -> int:
    """A limit from the settings (cms/settings/base.py, from the environment)."""
    return int(getattr(settings, name))


def limit_error(message: str, nodes=None) -> GraphQLError:
    return GraphQLError(message, nodes, extensions={"code": LIMIT_EXCEEDED})


def parse_document(query: str) -> DocumentNode:
    """Parse ``query`` within the size limits; raises GraphQLError."""
    if len(query) > limit("GRAPHQL_MAX_QUERY_LENGTH"):
        raise limit_error(
            f"The query is longer than {limit('GRAPHQL_MAX_QUERY_LENGTH')} characters."
        )
    try:
        return parse(query, max_lexical_tokens=limit("GRAPHQL_MAX_TOKENS"), max_comments=200)
    except GraphQLError as error:
        if "Document contains more than" in error.message:
            raise limit_error(
                f"The query has more than {limit('GRAPHQL_MAX_TOKENS')} tokens."
            ) from None
        raise


def _fields(
    selection_set: SelectionSetNode | None, get_fragment, seen=frozenset()
) -> Iterator[FieldNode]:
    """Every field selected under ``selection_set``, fragments expanded where spread
    (``get_fragment``: name → FragmentDefinitionNode or None)."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
            yield from _fields(selection.selection_set, get_fragment, seen)
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, get_fragment, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = get_fragment(name)
            if fragment is not None and name not in seen:  # cycles are another rule's error
                yield from _fields(fragment.selection_set, get_fragment, seen | {name})


class BreadthLimitRule(ValidationRule):
    """At most GRAPHQL_MAX_FIELDS field selections and GRAPHQL_MAX_ALIASES aliases per
    operation. Stops counting at the limit, so a huge document costs no more than that."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        max_fields, max_aliases = limit("GRAPHQL_MAX_FIELDS"), limit("GRAPHQL_MAX_ALIASES")
        aliases = 0
        for fields, field in enumerate(_fields(node.selection_set, self.context.get_fragment), 1):
            aliases += field.alias is not None
            if fields > max_fields:
                self.report_error(
                    limit_error(f"The query selects more than {max_fields} fields.", node)
                )
                break
            if aliases > max_aliases:
                self.report_error(
                    limit_error(f"The query uses more than {max_aliases} aliases.", node)
                )
                break


class NoIntrospectionRule(ValidationRule):
    """Refuses ``__schema`` and ``__type`` (graphene's DisableIntrospection also refuses
    ``__typename``, which Apollo and most clients add to every selection:
    https://github.com/graphql-python/graphene/issues/1388)."""

    def enter_field(self, node: FieldNode, *_args):
        if node.name.value in {"__schema", "__type"}:
            self.report_error(
                GraphQLError(
                    f"Cannot query '{node.name.value}': introspection is disabled. The schema "
                    "is published with the frontend contract.",
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )


def validation_rules() -> tuple[type[ValidationRule], ...]:
    """The rules run after graphql-core's own, on every document (once per distinct document
    where documents are cached): they depend on the document only, never on variables. The
    same tuple is returned while the settings are the same, so it can key a cache."""
    return _rules(limit("GRAPHQL_MAX_DEPTH"), getattr(settings, "GRAPHQL_INTROSPECTION", True))


def _coded(rule: type[ValidationRule]) -> type[ValidationRule]:
    """``rule`` reporting its errors with the limits' code (graphene's depth limit reports
    none, and the view answers coded limit errors 400 whatever the media type)."""

    class CodedContext:
        # graphene's depth limit reports through the context it was given, not report_error
        # (no upstream issue found).
        def __init__(self, context):
            self._context = context

        def __getattr__(self, name):
            return getattr(self._context, name)

        def report_error(self, error: GraphQLError) -> None:
            error.extensions = {**(error.extensions or {}), "code": LIMIT_EXCEEDED}
            self._context.report_error(error)

    class CodedRule(rule):
        def __init__(self, context):
            super().__init__(CodedContext(context))

    CodedRule.__name__ = rule.__name__
    return CodedRule


@functools.cache
def _rules(max_depth: int, introspection: bool) -> tuple[type[ValidationRule], ...]:
    rules = (_coded(depth_limit_validator(max_depth=max_depth)), BreadthLimitRule)
    return rules if introspection else (*rules, NoIntrospectionRule)


# --- Arguments: checked with the request's variables ------------------------------------------


def argument_errors(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict | None,
) -> list[GraphQLError]:
    """Page sizes over MAX_PAGE_SIZE and image filters outside ALLOWED_IMAGE_FILTERS, with
    the values the operation will run with (literals, variables and variable defaults)."""
    operation = _operation(document, operation_name)
    if operation is None:
        return []  # graphql-core reports the missing or ambiguous operation
    values = {
        definition.variable.name.value: value_from_ast_untyped(definition.default_value)
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None
    }
    if isinstance(variables, dict):
        values.update(variables)
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    errors = []
    for field in _fields(operation.selection_set, fragments.get):
        arguments = {
            argument.name.value: value_from_ast_untyped(argument.value, values)
            for argument in field.arguments or ()
        }
        errors.extend(_page_size_errors(field, arguments))
        if field.name.value == "rendition":
            errors.extend(_rendition_errors(field, arguments))
    return errors


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((op for op in operations if op.name and op.name.value == name), None)


def _page_size_errors(field: FieldNode, arguments: dict) -> list[GraphQLError]:
    errors = []
    for name in PAGE_SIZE_ARGUMENTS & arguments.keys():
        value = arguments[name]
        if isinstance(value, int) and value > MAX_PAGE_SIZE:
            errors.append(
                limit_error(
                    f"{name} on {field.name.value} must be at most {MAX_PAGE_SIZE}, not {value}.",
                    field,
                )
            )
    return errors


def _rendition_errors(field: FieldNode, arguments: dict) -> list[GraphQLError]:
    allowed = grapple_settings.ALLOWED_IMAGE_FILTERS
    if not isinstance(allowed, list | tuple):
        return []
    # As grapple builds it: "<argument>-<value>" joined with "|", in the field's argument order.
    order = ["max", "min", "width", "height", "fill", "format", "bgcolor"]
    order += ["jpegquality", "webpquality"]
    spec = "|".join(
        f"{name}-{arguments[name]}"
        for name in order
        if name in arguments and arguments[name] is not None
    )
    if spec in allowed:
        return []
    return [
        GraphQLError(
            f"The image filter {spec or '(none)'!r} is not allowed. Allowed filters: "
            + ", ".join(allowed)
            + ".",
            field,
            extensions={"code": "IMAGE_FILTER_NOT_ALLOWED"},
        )
    ]
