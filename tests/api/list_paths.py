"""Queries for every list of the public schema, generated from the schema itself.

A *list path* starts at a root field of ``Query`` that returns a list (or a paginated object
with ``items``) and goes on through list fields of the items, up to ``MAX_LIST_DEPTH`` lists.
For each path, :func:`queries_for` writes documents that select, on the last list's items,
every scalar and enum field (on each member type, for interfaces and unions) and one level of
their object fields, split so that each document stays within the API's limits
(api/core/limits.py): depth, fields, and no two selections of one response key with different types
(GraphQL would refuse those as overlapping fields, and aliases are limited).

Nothing here is hand-listed per field: a new field or type is covered when it is added. The
only knowledge written down is how to fill arguments (``argument_values``); no field is left
out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_non_null_type,
)
from grapple.settings import grapple_settings

from api.core.limits import MAX_PAGE_SIZE, PAGE_SIZE_ARGUMENTS

MAX_LIST_DEPTH = 3

# What a search finds: the test content names everything "Harm ...".
SEARCH_TERMS = "harm"


@dataclass(frozen=True)
class Step:
    """One field on the way to a list: ``on`` is the inline fragment it needs (when the
    parent is an interface or union), ``items`` whether the list is a paginated object's."""

    on: str | None
    name: str
    arguments: str
    items: bool

    def open(self) -> str:
        """The start of this step's selection (closed by ``close``)."""
        text = f"{self.name}{self.arguments} {{ "
        if self.items:
            text += "items { "
        if self.on:
            text = f"... on {self.on} {{ {text}"
        return text

    def close(self) -> str:
        return "} " * (1 + self.items + bool(self.on))

    def depth(self) -> int:
        return 1 + self.items


@dataclass(frozen=True)
class ListPath:
    steps: tuple[Step, ...]
    item_type: GraphQLNamedType

    @property
    def name(self) -> str:
        return ".".join(
            (f"[{step.on}]" if step.on else "") + step.name + (".items" if step.items else "")
            for step in self.steps
        )

    def depth(self) -> int:
        return sum(step.depth() for step in self.steps)


def argument_values(field_name: str, field: GraphQLField, locale: str | None) -> str | None:
    """The arguments to pass, as GraphQL text ("" for none); None when a required argument
    has no known value (the field is then left out, and the test says so)."""
    values = {}
    for name, argument in field.args.items():
        if name in PAGE_SIZE_ARGUMENTS:
            values[name] = str(MAX_PAGE_SIZE)  # every item of the test content, on one page
        elif name == "locale" and locale:
            values[name] = f'"{locale}"'
        elif name == "query":
            values[name] = f'"{SEARCH_TERMS}"'
        elif is_non_null_type(argument.type) and argument.default_value is None:
            return None
    if field_name == "rendition":
        values = {"width": _allowed_width()}
    elif field_name == "srcSet":
        # grapple declares `sizes` optional but its resolver fails without it (no upstream
        # issue found).
        values = {"sizes": f"[{_allowed_width()}]"}
    if not values:
        return ""
    return "(" + ", ".join(f"{name}: {value}" for name, value in values.items()) + ")"


def _allowed_width() -> str:
    """A width the API accepts for renditions (ALLOWED_IMAGE_FILTERS)."""
    allowed = grapple_settings.ALLOWED_IMAGE_FILTERS
    return next(spec.removeprefix("width-") for spec in allowed if spec.startswith("width-"))


def _list_item(field: GraphQLField) -> tuple[GraphQLNamedType, bool] | None:
    """(item type, paginated) when ``field`` returns a list or a paginated object."""
    type_ = get_nullable_type(field.type)
    if isinstance(type_, GraphQLList):
        return get_named_type(type_), False
    if isinstance(type_, GraphQLObjectType) and "items" in type_.fields:
        items = get_nullable_type(type_.fields["items"].type)
        if isinstance(items, GraphQLList):
            return get_named_type(items), True
    return None


def concrete_types(schema: GraphQLSchema, type_: GraphQLNamedType) -> list[GraphQLObjectType]:
    if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
        return sorted(schema.get_possible_types(type_), key=lambda member: member.name)
    return [type_] if isinstance(type_, GraphQLObjectType) else []


def _fields(type_: GraphQLObjectType) -> Iterator[tuple[str, GraphQLField]]:
    for name, field in type_.fields.items():
        if not name.startswith("__"):
            yield name, field


def list_paths(schema: GraphQLSchema, locale: str | None) -> Iterator[ListPath]:
    """Every list path of the schema, shortest first from each root field."""

    def walk(steps: tuple[Step, ...], item_type: GraphQLNamedType) -> Iterator[ListPath]:
        yield ListPath(steps, item_type)
        if len(steps) == MAX_LIST_DEPTH:
            return
        abstract = not isinstance(item_type, GraphQLObjectType)
        for member in concrete_types(schema, item_type):
            for name, field in _fields(member):
                found = _list_item(field)
                arguments = argument_values(name, field, locale)
                if found is None or arguments is None or is_leaf_type(found[0]):
                    continue
                step = Step(member.name if abstract else None, name, arguments, found[1])
                yield from walk((*steps, step), found[0])

    for name, field in schema.query_type.fields.items():
        found = _list_item(field)
        arguments = argument_values(name, field, locale)
        if found is None or is_leaf_type(found[0]):
            continue
        assert arguments is not None, f"No value known for a required argument of {name}"
        yield from walk((Step(None, name, arguments, found[1]),), found[0])


# --- Selections -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """A piece of a selection set: its text, how many fields it selects, its depth, and the
    type of each response key it writes (path → type), to keep conflicting ones apart."""

    text: str
    fields: int
    depth: int
    keys: tuple[tuple[str, str], ...]


def _scalars(schema, type_: GraphQLNamedType, prefix: str) -> list[Selection]:
    """Every scalar and enum field of ``type_``: one piece, or one per member type if
    ``type_`` is abstract (members may give one field name different types)."""
    pieces = []
    for member in concrete_types(schema, type_):
        names, keys = [], []
        for name, field in _fields(member):
            arguments = argument_values(name, field, None)
            if arguments is not None and is_leaf_type(get_named_type(field.type)):
                names.append(name + arguments)
                keys.append((f"{prefix}{name}", str(field.type)))
        text = " ".join(["__typename", *names])
        if member is not type_:
            text = f"... on {member.name} {{ {text} }}"
        pieces.append(Selection(text, len(names) + 1, 1, tuple(keys)))
    return pieces or [Selection("__typename", 1, 1, ())]


def item_selections(schema: GraphQLSchema, path: ListPath, max_depth: int) -> list[Selection]:
    """The pieces that, together, select every scalar of the path's items and the scalars of
    their object fields (the object fields only as deep as ``max_depth`` allows)."""
    pieces = []
    abstract = not isinstance(path.item_type, GraphQLObjectType)
    for member in concrete_types(schema, path.item_type):
        wrap = (lambda text, m=member: f"... on {m.name} {{ {text} }}") if abstract else str
        pieces.extend(
            Selection(wrap(piece.text), piece.fields, 1, piece.keys)
            for piece in _scalars(schema, member, "")
        )
        if max_depth < 2:
            continue
        for name, field in _fields(member):
            arguments = argument_values(name, field, None)
            target = get_named_type(field.type)
            if arguments is None or is_leaf_type(target):
                continue
            found = _list_item(field)
            paginated = bool(found and found[1])
            for inner in _scalars(schema, found[0] if found else target, f"{name}."):
                text = inner.text if not paginated else f"items {{ {inner.text} }}"
                keys = ((name, str(field.type)), *inner.keys)
                text = wrap(f"{name}{arguments} {{ {text} }}")
                pieces.append(Selection(text, inner.fields + 1 + paginated, 2, keys))
    return pieces


@dataclass
class _Document:
    texts: list[str]
    fields: int
    keys: dict[str, str]

    def takes(self, piece: Selection, budget: int) -> bool:
        return self.fields + piece.fields <= budget and all(
            self.keys.get(key, type_) == type_ for key, type_ in piece.keys
        )

    def add(self, piece: Selection) -> None:
        self.texts.append(piece.text)
        self.fields += piece.fields
        self.keys.update(piece.keys)


def queries_for(schema: GraphQLSchema, path: ListPath) -> list[str]:
    """Documents that together select all of ``item_selections`` for ``path``, each within
    the depth and field limits, and with no response key selected with two types."""
    depth_left = settings.GRAPHQL_MAX_DEPTH - path.depth()
    # Room for the path's own fields and a margin.
    budget = settings.GRAPHQL_MAX_FIELDS - path.depth() - 10
    documents: list[_Document] = []
    for piece in item_selections(schema, path, depth_left):
        document = next((d for d in documents if d.takes(piece, budget)), None)
        if document is None:
            documents.append(_Document([], 0, {}))
            document = documents[-1]
        document.add(piece)
    opening = "".join(step.open() for step in path.steps)
    closing = "".join(step.close() for step in reversed(path.steps))
    return [f"{{ {opening}{' '.join(d.texts)} {closing}}}" for d in documents]
