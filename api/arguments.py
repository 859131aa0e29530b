"""Checks on the arguments grapple's fields take, before their resolvers run.

The root fields are all ours (api/articles.py, api/directory.py, ...), but grapple's types still
have fields with arguments: a page's ``children``/``siblings``/``descendants``/``ancestors``
(``id``, ``order``, ``searchQuery``, ``searchOperator``...) and an organisation's ``services``.
grapple hands these to the ORM and the search backend unchecked; the fuzzer in tests/security
found ``id: "x"`` raising ``ValueError``, ``order: ""`` raising ``FieldError`` and
``searchOperator: null`` raising ``ValueError``. Such a request is the client's mistake and is
answered as one, with a ``GraphQLError`` that says what is wrong. ``order`` is also kept to
plain field names: a ``__`` lookup would let a client sort by a related model's fields
(``owner__password``) and learn about values it cannot read."""

from __future__ import annotations

import functools
import re
from typing import Any

from django.core.exceptions import FieldError
from graphql import (
    GraphQLError,
    GraphQLID,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    default_field_resolver,
    get_named_type,
)

# A primary key: what every ID argument outside the mutations names (at most 2**63 - 1, so
# the database never sees an integer it cannot store).
PRIMARY_KEY = re.compile(r"\d{1,18}")
ORDER_TERM = re.compile(r"-?[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*")


def argument_error(field: Any, values: dict[str, Any]) -> GraphQLError | None:
    """The first thing wrong with the arguments of ``field``, or None."""
    for name, argument in field.args.items():
        value = values.get(argument.out_name or name)
        if value is None:
            continue
        if get_named_type(argument.type) is GraphQLID and not PRIMARY_KEY.fullmatch(str(value)):
            return GraphQLError(f"`{name}` must be an id: a whole number, 0 or more.")
        if name == "order" and not all(
            ORDER_TERM.fullmatch(term.strip()) for term in str(value).split(",")
        ):
            return GraphQLError(
                "`order` takes field names separated by commas, each optionally preceded by "
                "`-` for descending order, e.g. `-first_published_at,title`."
            )
    return None


def _checked(field, resolve):
    """``resolve`` behind the checks of the module docstring, for one field of grapple's."""

    @functools.wraps(resolve)
    def resolve_checked(root, info: GraphQLResolveInfo, **args):
        if not args:
            return resolve(root, info, **args)
        error = argument_error(field, args)
        if error is not None:
            raise error
        if "search_operator" in args and args["search_operator"] is None:
            # grapple passes an explicit null on, which Wagtail's search refuses with
            # ValueError: null means grapple's default.
            del args["search_operator"]
        if "order" not in args:
            return resolve(root, info, **args)
        try:
            return resolve(root, info, **args)
        except FieldError:
            # https://github.com/torchbox/wagtail-grapple/issues/379
            raise GraphQLError("`order` names a field that cannot be sorted on.") from None

    return resolve_checked


def guard_arguments(schema: GraphQLSchema) -> None:
    """Wrap, once when the schema is built, the resolver of every field of grapple's types that
    takes arguments. The root fields are all ours and check their own arguments (an unknown or
    malformed id is null there), and the mutations answer bad input with errors as data. Done
    here rather than as graphene middleware, which would run for every field of every
    response."""
    for type_ in schema.type_map.values():
        if (
            not isinstance(type_, GraphQLObjectType)
            or type_.name.startswith("__")
            or type_ in (schema.query_type, schema.mutation_type)
        ):
            continue
        for field in type_.fields.values():
            if field.args:
                field.resolve = _checked(field, field.resolve or default_field_resolver)
