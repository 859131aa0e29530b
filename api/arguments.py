"""Checks on the arguments grapple's fields take, before their resolvers run.

grapple hands these arguments to the ORM and the search backend unchecked; the fuzzer in
tests/security found ``image(id: "x")`` raising ``ValueError``, ``pages(order: "")``
raising ``FieldError``, ``documents(searchQuery: "0")`` raising ``FilterFieldError``,
``sites(searchQuery: "0")`` raising ``TypeError`` and ``searchOperator: null`` raising
``ValueError``. Such a request is the client's mistake and is answered as one, with a
``GraphQLError`` that says what is wrong. ``order`` is also kept to plain field names: a
``__`` lookup would let a client sort by a related model's fields (``owner__password``) and
learn about values it cannot read.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import graphene
from django.core.exceptions import FieldError
from graphene.types.unmountedtype import UnmountedType
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError, GraphQLID, GraphQLResolveInfo, get_named_type
from wagtail.search.backends.base import FilterFieldError

# A primary key: what every ID argument outside the mutations names (at most 2**63 - 1, so
# the database never sees an integer it cannot store).
PRIMARY_KEY = re.compile(r"\d{1,18}")
ORDER_TERM = re.compile(r"-?[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*")
SEARCH_NOT_SUPPORTED = "`searchQuery` is not supported on this field."
GRAPPLE_NOT_SEARCHABLE = "This data type is not searchable by Wagtail."


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


@functools.cache
def own_root_fields() -> frozenset[str]:
    """The root query fields of api/queries.py: they check their own arguments (an unknown
    or malformed id is null there, not an error)."""
    from .queries import Query

    return frozenset(
        to_camel_case(name)
        for name, value in vars(Query).items()
        if isinstance(value, graphene.Field | UnmountedType)
    )


class ArgumentsMiddleware:
    """Graphene middleware: refuses bad ``id``-like and ``order`` arguments of grapple's fields
    (see the module docstring). Mutations are left alone: they answer bad ids with errors as
    data."""

    def resolve(self, next, root, info: GraphQLResolveInfo, **args):
        if not args or info.parent_type is info.schema.mutation_type:
            return next(root, info, **args)
        if info.parent_type is info.schema.query_type and info.field_name in own_root_fields():
            return next(root, info, **args)
        # None for introspection's meta fields (__type, __schema), which are not grapple's.
        field = info.parent_type.fields.get(info.field_name)
        if field is None:
            return next(root, info, **args)
        error = argument_error(field, args)
        if error is not None:
            raise error
        if "search_operator" in args and args["search_operator"] is None:
            # grapple passes an explicit null on, which Wagtail's search refuses with
            # ValueError: null means grapple's default.
            del args["search_operator"]
        if "order" not in args and "search_query" not in args:
            return next(root, info, **args)
        try:
            return next(root, info, **args)
        except FieldError:
            raise GraphQLError("`order` names a field that cannot be sorted on.") from None
        except FilterFieldError:
            # Wagtail's search refuses a filter grapple puts on the queryset (documents: "id"
            # is not a search filter field), whatever the client searched for.
            raise GraphQLError(SEARCH_NOT_SUPPORTED) from None
        except TypeError as error:
            # grapple offers searchQuery on models Wagtail does not index (sites) and raises.
            if str(error) != GRAPPLE_NOT_SEARCHABLE:
                raise
            raise GraphQLError(SEARCH_NOT_SUPPORTED) from None
