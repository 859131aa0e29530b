"""What a client sees when something goes wrong: masked unexpected errors, request ids, 503s.

A resolver's unexpected exception (a bug, a library error) must never reach a client as text:
it can carry SQL, file paths or another reader's data. It becomes a generic message with a
request id, and the traceback is logged with the same id (logger ``api.errors``), so an
operator can find it from what a user reports. Errors the API means to send (``GraphQLError``
raised on purpose, syntax and validation errors, variable coercion errors) pass unchanged.

A database that cannot be reached is not a bug: the request gets ``503`` with
``SERVICE_UNAVAILABLE`` and ``Retry-After``, and the next request tries to connect again.
"""

from __future__ import annotations

import logging
import re

from django.db import DatabaseError, InterfaceError, OperationalError
from graphql import GraphQLError

logger = logging.getLogger("api.errors")

INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
RETRY_AFTER_SECONDS = 30

# graphql-core's "Did you mean ...?" suggestions list the schema's names to anyone probing it,
# and cannot be switched off (https://github.com/graphql-python/graphql-core/issues/97).
_SUGGESTION = re.compile(r" Did you mean .*\?$")


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` means the database cannot be reached (not a bad query)."""
    return isinstance(error, OperationalError | InterfaceError) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    )


def unexpected(error: GraphQLError) -> BaseException | None:
    """The exception behind ``error`` if a resolver raised it by accident, else None.

    Only errors with a ``path`` come from resolvers. Validation and variable coercion also
    attach the exception a scalar raised on a bad value (a number too large, say), but those
    are the client's mistakes, described as such."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError) or error.path is None:
        return None
    return original


def mask_errors(rid: str, errors: list[GraphQLError], *, suggestions: bool) -> list[GraphQLError]:
    """``errors`` as the client may see them: unexpected ones logged and replaced by a generic
    message with the request id; "Did you mean" suggestions removed unless allowed."""
    masked = []
    for error in errors:
        original = unexpected(error)
        if original is not None:
            logger.error(
                "unexpected error in GraphQL field %s (request id %s)",
                ".".join(str(part) for part in error.path or ()) or "?",
                rid,
                exc_info=(type(original), original, original.__traceback__),
                extra={"request_id": rid},
            )
            masked.append(
                GraphQLError(
                    f"Internal server error (request id {rid}).",
                    nodes=error.nodes,
                    path=error.path,
                    extensions={"code": INTERNAL_SERVER_ERROR, "requestId": rid},
                )
            )
        elif not suggestions and _SUGGESTION.search(error.message):
            masked.append(
                GraphQLError(
                    _SUGGESTION.sub("", error.message),
                    nodes=error.nodes,
                    path=error.path,
                    extensions=error.extensions,
                )
            )
        else:
            masked.append(error)
    return masked
