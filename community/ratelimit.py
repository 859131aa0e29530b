"""Fixed-window rate limits kept in Django's cache (Redis in production, shared by every worker)."""

from django.core.cache import cache


def allow(scope: str, client: str, limit: int, window: int) -> bool:
    """Count one attempt by ``client`` in ``scope``; True while within ``limit`` per ``window``
    seconds. ``incr`` is atomic in Redis and in the local-memory cache."""
    key = f"community:rate:{scope}:{window}:{client}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def first_in_window(key: str, window: int) -> bool:
    """True the first time ``key`` is seen within ``window`` seconds (atomic ``add``)."""
    return cache.add(f"community:once:{key}", 1, timeout=window)
