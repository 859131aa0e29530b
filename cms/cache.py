"""A Redis cache that a Redis outage turns into cache misses instead of errors.

Everything in the default cache can be rebuilt from the database (Wagtail's site root paths,
responses, locale lookups), so while Redis is unreachable reads carry on uncached and each
failure is logged. Rate limits do not use this cache: they must know when they cannot count
(see community/ratelimit.py).
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(method_name: str, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCache, self), method_name)(*args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("cache unreachable (%s): %s treated as a miss", error, method_name)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = method_name
    return method


def _default(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    get = _tolerant("get", _default)
    get_many = _tolerant("get_many", lambda *args, **kwargs: {})
    has_key = _tolerant("has_key", False)
    set = _tolerant("set", None)
    set_many = _tolerant("set_many", lambda *args, **kwargs: [])
    add = _tolerant("add", False)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    clear = _tolerant("clear", None)
    # Version counters (api/core/cache.py): with no answer there is no version, and
    # nothing is stored or served from the cache until Redis is back.
    incr = _tolerant("incr", None)
    decr = _tolerant("decr", None)
