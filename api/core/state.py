"""What the pipeline knows about one request to /graphql/, declared once.

The view reads the request once (api/core/transport.py) into a :class:`RequestState` and
attaches it to the ``HttpRequest`` once, as ``request.graphql``; every later step and every
resolver reads and records facts there (``state_of(info.context)``), and nothing else sets
attributes on the request. Each fact has one writer:

* transport: method, params (query, variables, operation name, extensions), response media type;
* authentication (tokens.py): ``token``, the valid API token the request was sent with;
* persisted lookup: ``persisted``;
* documents: ``document``, ``operation`` (the definition that will run);
* cache policy: ``policy``; response cache: ``generation``, ``looked_up``, ``next_change``;
* resolvers: ``serves_draft()`` (a preview: never stored), ``serves_safety_critical()`` (kept
  for a short time only, purged first), ``depends_on(*tags)`` (the cache tags
  of what the response was built from, pages/cache_tags.py: every object served is recorded by
  api/tagging.py, each list by the field that builds it) and ``shows_article(pk)`` (the
  response shows that article's comments or reactions, so their changes make it stale);
* the visibility net: ``visibility``, computed on first use.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from cms.logs import request_id_for
from pages.cache_tags import SAFETY, participation_tag

if TYPE_CHECKING:
    from graphql import DocumentNode, OperationDefinitionNode

    from api.contract import Operation

    from .policy import CachePolicy

ATTRIBUTE = "graphql"


# A client may name its request (X-Request-ID) so both sides log the same id; anything that is
# not a short token is replaced, so a header cannot inject text into the logs.
def new_request_id(request: HttpRequest) -> str:
    """The request's id (cms.logs): the one every log line of the request carries."""
    return request_id_for(request)


@dataclass(eq=False)
class RequestState:
    """One GraphQL request, as the pipeline sees it (see the module docstring)."""

    request_id: str
    method: str = "GET"
    query: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    operation_name: str | None = None
    extensions: dict[str, Any] | None = None
    # The requested persisted operation's id (``?id=``, ``extensions.persistedQuery``).
    persisted_id: str | None = None
    # "application/json" or "application/graphql-response+json", by the Accept header.
    media_type: str = "application/json"
    persisted: Operation | None = None
    document: DocumentNode | None = None
    operation: OperationDefinitionNode | None = None
    policy: CachePolicy | None = None
    # The response cache's change counter read before executing: a change counted during the
    # execution means the response may mix old and new rows, and it is not stored.
    generation: int | None = None
    # The response cache was asked under ``policy`` already (a miss: it is not asked again).
    looked_up: bool = False
    # When the request started (epoch seconds), and, once asked (view.next_change), when the
    # next scheduled go-live or expiry of a page falls after it: no cache keeps the response
    # past that.
    # (time.time looked up at each call, so that a test's frozen clock applies.)
    started: float = field(default_factory=lambda: time.time())
    next_change: float | None = None
    draft: bool = False
    # The response holds safety-critical content (crisis lines, safety-critical blocks):
    # kept for at most SAFETY_CRITICAL_MAX_AGE seconds anywhere, and purged first.
    safety_critical: bool = False
    # What the response was built from (cache tags, pages/cache_tags.py).
    tags: set[str] = field(default_factory=set)
    # For /metrics: the contract operation run ("other" if none), and how the request ended
    # when it was answered 200: "ok", "error" (GraphQL errors) or "refused" (not executed).
    label: str | None = None
    outcome: str | None = None
    visibility: Any = None
    # The valid API token (api.models.ApiToken) of ``Authorization: Bearer``, if any: the one
    # fact that widens what the request may read (api/visibility.py).
    token: Any = None

    @property
    def reads_drafts(self) -> bool:
        """Whether the request reads the latest revision of every page of its site (a token's
        read), instead of what the public sees."""
        return self.token is not None

    @property
    def is_read(self) -> bool:
        return self.operation is not None and self.operation.operation.value == "query"

    def serves_draft(self) -> None:
        """A resolver is serving unpublished content (a preview): the response is never
        stored anywhere, whatever the cache policy decided before execution."""
        self.draft = True

    def serves_safety_critical(self) -> None:
        """A resolver is serving safety-critical content (pages/safety.py)."""
        self.safety_critical = True
        self.tags.add(SAFETY)

    def depends_on(self, *tags: str) -> None:
        """The response was built from what these cache tags name."""
        self.tags.update(tags)

    def shows_article(self, pk: int) -> None:
        """The response shows article ``pk``'s comments or reactions."""
        self.tags.add(participation_tag(pk))


def attach(request: HttpRequest, state: RequestState) -> RequestState:
    setattr(request, ATTRIBUTE, state)
    return state


def state_of(request: HttpRequest) -> RequestState:
    """The request's state; a request that did not come through the view (a test executing the
    schema directly, the admin rendering a preview) gets an empty one, attached once."""
    state = getattr(request, ATTRIBUTE, None)
    if state is None:
        state = attach(request, RequestState(request_id=new_request_id(request)))
    return state
