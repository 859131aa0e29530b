"""Events: what changed, as the payload webhooks carry, and the deliveries it makes.

A payload is ``{"type", "timestamp", "data": {"objectType", "id", "locale", "paths", "tags"}}``
(frontend_contract/webhooks.schema.json):

* ``objectType``: the model's class name, which is its GraphQL type name (``ArticlePage``,
  ``Organisation``, ``Comment``...); ``id``: its id as the API serves it (the primary key, as a
  string); ``locale``: its language code.
* ``paths``: the URL paths a frontend may have rendered it at: a page's own and those of its
  live translations; for a comment, its article's; none for snippets, which have no URL.
* ``tags``: the cache tags the change makes stale (pages.cache_tags.changed_by), the names
  the API's ``Cache-Tag`` headers use.

Deliveries are rows written in the transaction of the change (so a change rolled back sends
nothing), and their sending is queued once it commits: the editor's request never waits for
a receiver.
"""

from __future__ import annotations

import uuid

from django.utils import timezone
from wagtail.models import Page

from community.models import Comment
from pages.cache_tags import changed_by, participation_tag
from snippets.localisation import locale_code_for

from .delivery import enqueue
from .models import Delivery
from .subscriptions import Subscription, subscriptions


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def page_paths(page: Page) -> list[str]:
    """The URL paths of ``page`` and of its live translations (the page may be deleted)."""
    pages = [page]
    if page.translation_key is not None:
        pages += list(
            Page.objects.filter(translation_key=page.translation_key, live=True).exclude(pk=page.pk)
        )
    paths = set()
    for each in pages:
        parts = each.get_url_parts()
        if parts is not None:
            paths.add(parts[2])
    return sorted(paths)


def locale_of(obj) -> str | None:
    locale_id = getattr(obj, "locale_id", None)
    return locale_code_for(locale_id) if locale_id is not None else None


def data_for(obj) -> dict:
    """The payload's ``data`` for a change to ``obj`` (a page, snippet or comment)."""
    subject, tags, paths = obj, changed_by(obj) if not isinstance(obj, Comment) else set(), []
    if isinstance(obj, Page):
        paths = page_paths(obj)
    elif isinstance(obj, Comment):
        # What shows comments depends on the article's participation, not on its content.
        subject = obj.article
        tags = {participation_tag(obj.article_id)}
        paths = page_paths(subject)
    return {
        "objectType": type(obj).__name__,
        "id": str(obj.pk),
        "locale": locale_of(subject),
        "paths": paths,
        "tags": sorted(tags),
    }


def subscribed(event: str) -> list[Subscription]:
    return [s for s in subscriptions() if event in s.events]


def emit(event: str, obj) -> list[Delivery]:
    """Record a delivery of ``event`` about ``obj`` to every endpoint that wants it, sent once
    the transaction commits. Costs no query when no endpoint takes the event."""
    wanted = subscribed(event)
    if not wanted:
        return []
    data = data_for(obj)
    return send(event, data, [s.endpoint_id for s in wanted if s.wants(event, data)])


def send(event: str, data: dict, endpoint_ids: list[int]) -> list[Delivery]:
    if not endpoint_ids:
        return []
    payload = {"type": event, "timestamp": timezone.now().isoformat(), "data": data}
    message_id = new_message_id()
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(endpoint_id=pk, message_id=message_id, event=event, payload=payload)
            for pk in endpoint_ids
        ]
    )
    enqueue([delivery.pk for delivery in deliveries])
    return deliveries


def redeliver(delivery: Delivery) -> Delivery:
    """Send a logged delivery again: a new row, with the same message id and payload (a
    receiver that already handled it may recognise it by its ``webhook-id``)."""
    again = Delivery.objects.create(
        endpoint=delivery.endpoint,
        message_id=delivery.message_id,
        event=delivery.event,
        payload=delivery.payload,
    )
    enqueue([again.pk])
    return again
