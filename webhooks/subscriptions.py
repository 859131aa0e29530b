"""Which endpoints take which events, kept in the cache (without secrets) so that a change no
endpoint listens to costs no query. Dropped whenever an endpoint changes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

from .models import Endpoint

CACHE_KEY = "webhooks:subscriptions"
CACHE_TIMEOUT = 300  # seconds


@dataclass(frozen=True)
class Subscription:
    """What an active endpoint takes."""

    endpoint_id: int
    events: tuple[str, ...]
    locale: str | None
    object_types: tuple[str, ...]

    def wants(self, event: str, data: dict) -> bool:
        if event not in self.events:
            return False
        if self.object_types and data["objectType"] not in self.object_types:
            return False
        return self.locale is None or data.get("locale") == self.locale


def subscriptions() -> list[Subscription]:
    found = cache.get(CACHE_KEY)
    if found is None:
        found = [
            Subscription(
                endpoint.pk,
                tuple(endpoint.events),
                endpoint.locale.language_code if endpoint.locale_id else None,
                tuple(endpoint.object_types),
            )
            for endpoint in Endpoint.objects.filter(active=True).select_related("locale")
        ]
        cache.set(CACHE_KEY, found, CACHE_TIMEOUT)
    return found


def forget_subscriptions(**kwargs) -> None:
    """Called when endpoints change: now, and again once the change commits (so that a
    process reading in between cannot keep the old list)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
