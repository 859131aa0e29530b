"""Cache tags recorded while a response executes: what it was built from.

Every field of the schema that returns a page, a snippet (organisation, service, author) or an
image, or a list of them, has its resolver wrapped once, when the schema is built (as
api/visibility.py wraps page fields), to record the tag of each object it returns
(pages/cache_tags.py: ``page:12``, ``organisation:7``, ``image:3``) on the request state. So a
field added later is tagged without anyone remembering to, and a response can be made stale
by a change to any object it shows, wherever in the document it shows it.

The same wrappers notice safety-critical content (a crisis line, a body holding a crisis-lines
block or a safety-critical callout: pages/safety.py) and say so on the request state, which
keeps such a response for a short time only (api/core/view.py ``keep_until``).

What a list *would* contain cannot be recorded from its items (a new organisation matching a
directory block's filter is in none of today's responses), so:

* a list of snippets (a directory block's organisations, an organisation's services, the
  ``services``/``authors``/``organisations`` root fields) also depends on that kind's list tags
  in every language: any change of that kind of snippet makes it stale;
* the root fields that list or look up pages record the list tag of the language asked for
  themselves (api/articles.py, api/search.py): a list of pages is not tagged here, so that an
  article's translations or related pages do not make it depend on every publish.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.db.models import Model
from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    default_field_resolver,
    get_named_type,
)
from grapple.registry import registry

from pages.cache_tags import every_list_tag, kind_of, object_tag
from pages.safety import holds_safety_critical
from snippets.models import CrisisLine

from .core.state import state_of

# grapple's interface of StreamField blocks.
BLOCKS_INTERFACE = "StreamFieldInterface"


def _returns_list(type_) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def _tagging(resolve, list_kind: str | None):
    @functools.wraps(resolve)
    def resolve_tagged(root, info, **kwargs):
        result = resolve(root, info, **kwargs)
        state = state_of(info.context)
        if list_kind is not None:
            state.depends_on(*every_list_tag(list_kind))
        if isinstance(result, Model):
            items = [result]
        elif isinstance(result, Iterable) and not isinstance(result, str | bytes | dict):
            items = result = list(result)
        else:
            items = []
        models = [item for item in items if isinstance(item, Model)]
        state.depends_on(*(object_tag(item) for item in models))
        if any(isinstance(item, CrisisLine) for item in models):
            state.serves_safety_critical()
        return result

    resolve_tagged.cms_tagged = True
    return resolve_tagged


def _safety_checking(resolve):
    """A field returning blocks (an article's body): record safety-critical ones."""

    @functools.wraps(resolve)
    def resolve_checked(root, info, **kwargs):
        result = resolve(root, info, **kwargs)
        if isinstance(result, Iterable) and not isinstance(result, str | bytes | dict):
            result = list(result)
            if holds_safety_critical(result):
                state_of(info.context).serves_safety_critical()
        return result

    resolve_checked.cms_safety_checked = True
    return resolve_checked


def _tagged_types(schema: GraphQLSchema) -> dict[str, str | None]:
    """GraphQL type name → the snippet kind whose lists depend on list tags (None for pages,
    images and the interfaces and unions over them)."""
    names: dict[str, str | None] = {}
    for model, graphene_type in registry.snippets.items():
        names[graphene_type._meta.name] = kind_of(model)
    for group in (registry.pages, registry.images):
        for graphene_type in group.values():
            names[graphene_type._meta.name] = None
    for name in ("PageInterface", "SnippetInterface"):
        if name in schema.type_map:
            names[name] = None
    return names


def tag_fields(schema: GraphQLSchema) -> None:
    """Wrap every field returning a tagged type (once; idempotent)."""
    tagged = _tagged_types(schema)
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            named = get_named_type(field.type)
            if named.name == BLOCKS_INTERFACE and not getattr(
                field.resolve, "cms_safety_checked", False
            ):
                field.resolve = _safety_checking(field.resolve or default_field_resolver)
            names = [named.name]
            if hasattr(named, "types"):  # a union: tagged if any member is
                names = [member.name for member in named.types]
            if not any(name in tagged for name in names) or getattr(
                field.resolve, "cms_tagged", False
            ):
                continue
            kinds = {tagged.get(name) for name in names} - {None}
            list_kind = next(iter(kinds)) if _returns_list(field.type) and len(kinds) == 1 else None
            field.resolve = _tagging(field.resolve or default_field_resolver, list_kind)
