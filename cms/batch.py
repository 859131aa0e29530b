"""Look a field up for every item of a list at once, so a list costs the same SQL for 2 items
as for 20.

GraphQL resolves a field item by item. The API marks the items of each list it serves with
:func:`share`; a field's resolver then calls :func:`load_for`, which runs its loader once with
every item of the list (of the item's model) and hands each item its own part. An item served
alone is a list of one. The memo lives on the list's items, not on the request, so it is gone
with them when the response is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

_BATCH = "_cms_list_batch"


class ListBatch:
    """The items of one served list, and what has been loaded for them, by name."""

    def __init__(self, items: list):
        self.items = items
        self._loaded: dict[tuple[str, type], dict] = {}

    def load(self, name: str, model: type, loader: Callable[[list], dict]) -> dict:
        key = (name, model)
        if key not in self._loaded:
            self._loaded[key] = loader([item for item in self.items if type(item) is model])
        return self._loaded[key]


def share(items: Iterable) -> list:
    """Mark ``items`` as one list: their fields are loaded together. Returns them as a list."""
    items = list(items)
    batch = ListBatch(items)
    for item in items:
        setattr(item, _BATCH, batch)
    return items


def load_for(item, name: str, loader: Callable[[list], dict[Any, Any]], default=None):
    """``loader(items)[item.pk]``, with ``loader`` run once for all the items of ``item``'s
    list. ``loader`` takes model instances and returns a dict keyed by primary key."""
    batch = getattr(item, _BATCH, None)
    if batch is None:
        batch = ListBatch([item])
        setattr(item, _BATCH, batch)
    return batch.load(name, type(item), loader).get(item.pk, default)
