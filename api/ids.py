"""The id rules of cms.ids, applied to the built schema: every type implementing
``StreamFieldInterface`` serves its ``id`` scoped to the page its block is on, and every type
implementing ``SnippetInterface`` serves a fallback's ``id`` with the language it stands in
for. Done once, when the schema is built, so a block or snippet type added later follows.
"""

from __future__ import annotations

import functools

from graphql import GraphQLObjectType, GraphQLSchema, default_field_resolver

from cms.ids import fallback_id, scoped
from pages.graphql_types import page_id_of

BLOCK_INTERFACE = "StreamFieldInterface"
SNIPPET_INTERFACE = "SnippetInterface"


def _implementers(schema: GraphQLSchema, interface: str) -> list[GraphQLObjectType]:
    return [
        type_
        for type_ in schema.type_map.values()
        if isinstance(type_, GraphQLObjectType)
        and any(implemented.name == interface for implemented in type_.interfaces)
    ]


def _block_id(resolve):
    @functools.wraps(resolve)
    def resolve_block_id(root, info, **kwargs):
        return scoped(page_id_of(root), resolve(root, info, **kwargs))

    return resolve_block_id


def _snippet_id(resolve):
    @functools.wraps(resolve)
    def resolve_snippet_id(root, info, **kwargs):
        value = resolve(root, info, **kwargs)
        chain = getattr(root, "served_locale_chain", None)
        if value is None or chain is None or not getattr(root, "is_fallback", False):
            return value
        return fallback_id(value, chain.codes[0])

    return resolve_snippet_id


def scope_ids(schema: GraphQLSchema) -> None:
    """Apply the rules (once: a field already wrapped is left alone)."""
    for interface, wrap in ((BLOCK_INTERFACE, _block_id), (SNIPPET_INTERFACE, _snippet_id)):
        for type_ in _implementers(schema, interface):
            field = type_.fields.get("id")
            if field is None or getattr(field.resolve, "cms_scoped_id", False):
                continue
            field.resolve = wrap(field.resolve or default_field_resolver)
            field.resolve.cms_scoped_id = True
