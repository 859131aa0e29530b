"""Step 2 of the pipeline: who is reading. ``Authorization: Bearer <token>`` names a read-only
API token (api/models.py); without one, nothing here changes anything.

* A valid token is recorded on the request state (``state.token``): the request reads the
  latest revision of the site's pages (api/visibility.py), is never stored by the response
  cache nor the edge (policy.py: ``private, no-store``), and counts against the token's own rate
  limit (``API_TOKEN_RATE_LIMIT`` requests a minute, in the "ratelimit" cache, like
  community/ratelimit.py), answered 429 ``RATE_LIMITED`` past it.
* An unknown, revoked or expired token: 401 ``INVALID_TOKEN`` with ``WWW-Authenticate: Bearer``
  (RFC 6750), before any GraphQL work.
* A token sent with a mutation: 403 ``TOKEN_READ_ONLY`` (:func:`check_read_only`, once the
  operation is known).
* Each token's use is recorded in Wagtail's audit log (the ``api.token_used`` action), at most
  once a minute per token: the conditional update of ``last_used_at`` decides, atomically, which
  request of the minute logs it.

Other schemes (``Basic``, from a proxy guarding a staging site) are left alone, as before.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from wagtail.log_actions import log

from api.models import ApiToken
from community.ratelimit import allow

from .state import RequestState
from .transport import RequestError

INVALID_TOKEN = "INVALID_TOKEN"
TOKEN_READ_ONLY = "TOKEN_READ_ONLY"
RATE_LIMITED = "RATE_LIMITED"
USED_ACTION = "api.token_used"
REVOKED_ACTION = "api.token_revoked"
# Seconds between two audit-log entries of one token's use.
LOG_INTERVAL = 60
RATE_WINDOW = 60
DEFAULT_RATE_LIMIT = 600


def bearer_credentials(request: HttpRequest) -> str | None:
    """The credentials of an ``Authorization: Bearer`` header ("" if empty), or None when
    the request sends no such header."""
    scheme, _, credentials = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return credentials.strip()


def rate_limit() -> int:
    return int(getattr(settings, "API_TOKEN_RATE_LIMIT", DEFAULT_RATE_LIMIT))


def authenticate(request: HttpRequest, state: RequestState) -> None:
    raw = bearer_credentials(request)
    if raw is None:
        return
    token = ApiToken.find(raw) if raw else None
    if token is None:
        raise RequestError(
            "This API token is invalid, revoked or expired.",
            INVALID_TOKEN,
            status=401,
            headers={"WWW-Authenticate": 'Bearer realm="graphql", error="invalid_token"'},
        )
    if not allow("api-token", str(token.pk), rate_limit(), RATE_WINDOW):
        raise RequestError(
            f"This API token made more than {rate_limit()} requests this minute: wait and "
            "try again.",
            RATE_LIMITED,
            status=429,
            headers={"Retry-After": str(RATE_WINDOW)},
        )
    state.token = token
    record_use(token, state)


def record_use(token: ApiToken, state: RequestState) -> None:
    """``last_used_at``, and an audit-log entry if the last one is a minute old or more."""
    now = timezone.now()
    recently = now - datetime.timedelta(seconds=LOG_INTERVAL)
    if token.last_used_at is not None and token.last_used_at > recently:
        return  # as read with the token: no write at all for most requests
    first_this_minute = (
        ApiToken.objects.filter(pk=token.pk)
        .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=recently))
        .update(last_used_at=now)
    )
    if first_this_minute:
        token.last_used_at = now
        log(instance=token, action=USED_ACTION, data={"request_id": state.request_id})


def check_read_only(state: RequestState) -> None:
    if state.token is not None and not state.is_read:
        raise RequestError(
            "API tokens are read-only: send mutations without one.", TOKEN_READ_ONLY, status=403
        )
