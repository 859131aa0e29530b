"""Signals for other apps (the API's response cache) about reader participation that changes
without a model save: counters updated in place with ``F()``."""

from django.dispatch import Signal

# Sent with ``article_id`` when an article's reaction counts change.
reactions_changed = Signal()
