"""Parse and validate each distinct GraphQL document once per process, not once per request.

graphene-django parses and validates the query text of every request. Frontends send the same
few documents (persisted operations, or the same query text) again and again, and for an
article query parsing and validating cost about as much as executing it. A parsed and validated
document depends only on its text, the schema and the validation rules, so
:data:`documents` keeps the outcome in a bounded LRU keyed by all three (api/core/view.py
uses it).

The rules are whatever ``validation_rules`` the view has (query limits, for instance): they
still run, once per distinct document and rule set. Documents that fail to parse or validate
are cached too (with their errors), so a client repeating a bad query costs no more than a
good one; the LRU's bound keeps a client sending endless distinct documents from growing memory.
"""

from __future__ import annotations

import functools

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    validate,
)
from graphql.validation import specified_rules

from .limits import parse_document
from .recent import Recent

DEFAULT_MAX_DOCUMENTS = 512


class DocumentCache:
    """A thread-safe LRU of ``(document or None, errors)`` by (schema, rules, query text)."""

    def __init__(self, max_documents: int = DEFAULT_MAX_DOCUMENTS):
        self.max_documents = max_documents
        self._entries = Recent(max_documents)
        self.hits = self.misses = 0

    def get(
        self, schema: GraphQLSchema, query: str, rules, max_errors: int | None
    ) -> tuple[DocumentNode | None, list[GraphQLError]]:
        key = (id(schema), rules_key(rules), max_errors, query)
        entry = self._entries.get(key)
        if entry is not None:
            self.hits += 1
            return entry
        entry = parse_and_validate(schema, query, rules, max_errors)
        self.misses += 1
        self._entries.put(key, entry)
        return entry

    def clear(self) -> None:
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
    # graphql-core's own rules first, the others (the query limits) only on a valid document:
    # graphene's depth limit recurses without end through cyclic fragments (no upstream issue
    # found; graphql-core's NoFragmentCyclesRule reports them first).
    rules = list(specified_rules if rules is None else rules)
    standard = [rule for rule in rules if rule in specified_rules]
    errors = validate(schema, document, standard, max_errors)
    others = [rule for rule in rules if rule not in specified_rules]
    if not errors and others:
        errors = validate(schema, document, others, max_errors)
    return document, list(errors)


documents = DocumentCache()


@functools.lru_cache(maxsize=DEFAULT_MAX_DOCUMENTS)
def parse_only(query: str) -> DocumentNode:
    """The parsed document (shared, never mutated by graphql-core), within the size limits of
    api/core/limits.py: raises GraphQLError. lru_cache does not keep exceptions, so a bad document
    is parsed again each time (up to the limits); its validation outcome, which costs more, is
    what :data:`documents` keeps."""
    return parse_document(query)
