"""The bounded, thread-safe LRU map every in-process cache of the pipeline is built on.

A worker keeps a few things between requests (parsed documents, the cache policies of repeated
reads, copies of response bodies, the requests that passed the argument checks); each keeps
only the ``size`` entries used last, so a worker's memory does not grow with what clients send
(issue #19's bounded-memory benchmark measures it).
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Any

MISSING = object()


class Recent:
    """A map keeping the ``size`` entries used (read or written) last."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = Lock()

    def get(self, key, default: Any = None) -> Any:
        with self._lock:
            value = self._entries.get(key, MISSING)
            if value is MISSING:
                return default
            self._entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def discard(self, key) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
