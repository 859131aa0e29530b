"""Parse and validate each distinct GraphQL document once per process, not once per request.

graphene-django parses and validates the query text of every request. Frontends send the same
few documents (persisted operations, or the same query text) again and again, and for an
article query parsing and validating cost about as much as executing it. A parsed and validated
document depends only on its text, the schema and the validation rules, so
:class:`CachedDocumentMixin` keeps the outcome in a bounded LRU keyed by all three.

The rules are whatever ``validation_rules`` the view has (query limits, for instance): they
still run, once per distinct document and rule set. Documents that fail to parse or validate
are cached too (with their errors), so a client repeating a bad query costs no more than a
good one; the LRU's bound keeps a client sending endless distinct documents from growing memory.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from threading import Lock

from django.db import connection, transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.settings import graphene_settings
from graphene_django.views import HttpError
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    validate,
    validate_schema,
)

DEFAULT_MAX_DOCUMENTS = 512


class DocumentCache:
    """A thread-safe LRU of ``(document or None, errors)`` by (schema, rules, query text)."""

    def __init__(self, max_documents: int = DEFAULT_MAX_DOCUMENTS):
        self.max_documents = max_documents
        self._entries: OrderedDict = OrderedDict()
        self._lock = Lock()
        self.hits = self.misses = 0

    def get(
        self, schema: GraphQLSchema, query: str, rules, max_errors: int | None
    ) -> tuple[DocumentNode | None, list[GraphQLError]]:
        key = (id(schema), rules_key(rules), max_errors, query)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return entry
        entry = parse_and_validate(schema, query, rules, max_errors)
        with self._lock:
            self.misses += 1
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_documents:
                self._entries.popitem(last=False)
        return entry

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0


def rules_key(rules) -> tuple | None:
    # Rule classes are module-level and hashable; a view's rules are a fixed sequence.
    return None if rules is None else tuple(rules)


def parse_and_validate(
    schema: GraphQLSchema, query: str, rules, max_errors: int | None
) -> tuple[DocumentNode | None, list[GraphQLError]]:
    try:
        document = parse_only(query)
    except GraphQLError as error:
        return None, [error]
    errors = validate(schema, document, rules, max_errors)
    return document, list(errors)


documents = DocumentCache()


@functools.cache
def schema_errors(schema: GraphQLSchema) -> tuple:
    return tuple(validate_schema(schema))


class CachedDocumentMixin:
    """For a graphene-django ``GraphQLView``: its ``execute_graphql_request`` with parsing and
    validation served from :data:`documents`. Everything else behaves as graphene-django's
    (GET refuses mutations with 405, mutations may be atomic). Sets
    ``request.graphql_operation_type`` ("query", "mutation", ...) for the response cache."""

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))

        schema = self.schema.graphql_schema
        errors = schema_errors(schema)
        if errors:
            return ExecutionResult(data=None, errors=list(errors))

        # Parse errors are reported before the GET/mutation check, validation errors after
        # it, as graphene-django does.
        try:
            document = parse_only(query)
        except GraphQLError as error:
            return ExecutionResult(errors=[error])

        operation_ast = get_operation_ast(document, operation_name)
        request.graphql_operation_type = (
            operation_ast.operation.value if operation_ast is not None else None
        )
        if (
            request.method.lower() == "get"
            and operation_ast is not None
            and operation_ast.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"],
                    f"Can only perform a {operation_ast.operation.value} operation "
                    "from a POST request.",
                )
            )

        document, validation_errors = documents.get(
            schema, query, self.validation_rules, graphene_settings.MAX_VALIDATION_ERRORS
        )
        if validation_errors:
            return ExecutionResult(data=None, errors=validation_errors)

        try:
            options = {
                "root_value": self.get_root_value(request),
                "context_value": self.get_context(request),
                "variable_values": variables,
                "operation_name": operation_name,
                "middleware": self.get_middleware(request),
            }
            if self.execution_context_class:
                options["execution_context_class"] = self.execution_context_class
            if (
                operation_ast is not None
                and operation_ast.operation == OperationType.MUTATION
                and (
                    graphene_settings.ATOMIC_MUTATIONS is True
                    or connection.settings_dict.get("ATOMIC_MUTATIONS", False) is True
                )
            ):
                with transaction.atomic():
                    result = execute(schema, document, **options)
                    if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
                        transaction.set_rollback(True)
                return result
            return execute(schema, document, **options)
        except Exception as error:
            return ExecutionResult(errors=[error])


@functools.lru_cache(maxsize=DEFAULT_MAX_DOCUMENTS)
def parse_only(query: str) -> DocumentNode:
    """The parsed document (shared, never mutated by graphql-core): raises GraphQLError.
    lru_cache does not keep exceptions, so a bad document is parsed again each time; its
    validation outcome, which costs more, is what :data:`documents` keeps."""
    return parse(query)
