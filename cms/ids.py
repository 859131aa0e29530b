"""Ids a normalised client cache can trust.

Apollo Client's ``InMemoryCache`` and urql's graphcache keep one object per ``__typename`` and
``id``: two different things served under one id overwrite each other in every view that shows
either. So an ``id`` names exactly one thing, in one language:

- pages, comments, images, tags: their primary key (each translation of a page is a row of its
  own, with its own key);
- a body block, a quiz question and a quiz choice: ``<page id>:<block id>``. Wagtail gives a
  translation (and a copy) of a page the same block ids as its source, so the page's id is
  part of the block's;
- a snippet (organisation, service, author) served in the language asked for: its primary key;
  served as a fallback for another language: ``<primary key>@<language>``, a different object
  from the same row served in its own language (``isFallback`` differs between the two).

Arguments take the ids as served (and, for blocks and snippets, the bare forms served before
contract 3.0.0).
"""

from __future__ import annotations

BLOCK_SEPARATOR = ":"
FALLBACK_SEPARATOR = "@"


def scoped(scope, local) -> str | None:
    """The id of block (or question, or choice) ``local`` of page ``scope``."""
    if local is None:
        return None
    return f"{scope}{BLOCK_SEPARATOR}{local}" if scope is not None else str(local)


def unscoped(value, scope) -> str:
    """The block id inside ``value`` when it is bare or scoped to page ``scope``; ``value``
    unchanged (so matching no block) when it is scoped to another page."""
    text = str(value if value is not None else "")
    prefix, separator, local = text.partition(BLOCK_SEPARATOR)
    if not separator:
        return text
    return local if prefix == str(scope) else text


def fallback_id(pk, language: str) -> str:
    """The id of snippet ``pk`` served as a fallback to readers of ``language``."""
    return f"{pk}{FALLBACK_SEPARATOR}{language}"


def snippet_pk(value) -> str:
    """The primary key inside a snippet id, as served in any language."""
    return str(value if value is not None else "").partition(FALLBACK_SEPARATOR)[0]
