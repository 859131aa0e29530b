"""Fixed-window rate limits kept in Django's "ratelimit" cache (Redis in production, shared by
every worker).

When the store cannot be reached the limits fail closed: every attempt counts as over the
limit, so comments, reactions and quiz submissions are refused (RATE_LIMITED, "try again
later") until it is back, and each failure is logged. An open limiter during an outage would
let a flood of spam or fake reactions through exactly when nobody can stop it; reads never
touch this cache and keep working.
"""

import logging

from django.core.cache import caches

from cms.metrics import RATE_LIMIT_REFUSALS

logger = logging.getLogger(__name__)


def _store():
    return caches["ratelimit"]


def allow(scope: str, client: str, limit: int, window: int) -> bool:
    """Count one attempt by ``client`` in ``scope``; True while within ``limit`` per ``window``
    seconds. ``incr`` is atomic in Redis and in the local-memory cache."""
    key = f"community:rate:{scope}:{window}:{client}"
    store = _store()
    try:
        store.add(key, 0, timeout=window)
        try:
            count = store.incr(key)
        except ValueError:  # the window expired between add() and incr()
            store.set(key, 1, timeout=window)
            count = 1
    except Exception:
        logger.exception("rate limiter unreachable: refusing %s", scope)
        RATE_LIMIT_REFUSALS.labels(scope).inc()
        return False
    if count > limit:
        RATE_LIMIT_REFUSALS.labels(scope).inc()
        return False
    return True


def seen(key: str) -> bool:
    """True when ``key`` was recorded by :func:`first_in_window` and has not expired yet. Only
    a hint for an early answer (False when the store cannot be reached): the atomic
    :func:`first_in_window` that follows is the check, and it fails closed."""
    try:
        return _store().get(f"community:once:{key}") is not None
    except Exception:
        logger.exception("rate limiter unreachable: skipping a seen check")
        return False


def first_in_window(key: str, window: int) -> bool:
    """True the first time ``key`` is seen within ``window`` seconds (atomic ``add``); False,
    like a repeat, when the store cannot be reached."""
    try:
        return _store().add(f"community:once:{key}", 1, timeout=window)
    except Exception:
        logger.exception("rate limiter unreachable: refusing a first-in-window check")
        return False
