"""Cache tags: the names of what a response was built from, and of what a change touches.

A read response is tagged with every object it served and every list it paged through
(``Cache-Tag``/``Surrogate-Key`` headers, the app's response cache, the edge); a change purges
exactly the tags :func:`changed_by` names, and webhooks tell frontends the same names. One
module names them so that the three always agree.

Names (short, lowercase, no spaces, safe in any header):

* ``page:<pk>``, ``organisation:<pk>``, ``service:<pk>``, ``author:<pk>``, ``image:<pk>``: one
  object (a page of any type is ``page:``; other models use their model name).
* ``list:<kind>:<locale>``: a list of that kind served for a requested language (``list:page:es``
  for article lists, search and the sitemap in Spanish; ``list:organisation:es`` for directory
  lists, which may hold English fallbacks).
* ``participation:<pk>``: article ``pk``'s reader participation (approved comments, their
  count, reactions), which changes without the article being published.
* ``safety``: the response holds safety-critical content (crisis lines, safety-critical
  blocks: pages/safety.py); the edge purges such responses before the others of a change.
* ``all``: every response carries it; purging it empties everything (sites, locales, privacy
  settings and redirects change what every response may show).

A change to an object purges its own tag, its translations' tags (a page lists its translations
and a list may serve another language's version as a fallback) and the list tags of every
language whose fallback chain includes the object's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

from snippets.localisation import all_locales, locale_chain

ALL = "all"
LIST = "list"
SAFETY = "safety"


def kind_of(model: type) -> str:
    """``page`` for every page type, else the model's name (``organisation``)."""
    if issubclass(model, Page):
        return "page"
    return model._meta.model_name


def object_tag(obj) -> str:
    return f"{kind_of(type(obj))}:{obj.pk}"


def list_tag(kind: str, locale_code: str) -> str:
    return f"{LIST}:{kind}:{locale_code.lower()}"


def participation_tag(article_pk: int) -> str:
    return f"participation:{article_pk}"


def every_list_tag(kind: str) -> set[str]:
    """The list tags of ``kind`` in every configured language: what a list depends on when
    the language it was served for is not known where it is built (a directory block's
    organisations)."""
    return {list_tag(kind, code) for code in all_locales()}


def locales_showing(locale_id: int) -> list[str]:
    """The configured language codes whose fallback chain includes ``locale_id`` (the languages
    in which content of that locale may be served)."""
    return [code for code in sorted(all_locales()) if locale_id in locale_chain(code).ids]


def _translation_pks(obj) -> list:
    key = getattr(obj, "translation_key", None)
    if key is None:
        return [obj.pk]
    base = Page if isinstance(obj, Page) else type(obj)
    pks = list(base._default_manager.filter(translation_key=key).values_list("pk", flat=True))
    return pks if obj.pk in pks or obj.pk is None else [*pks, obj.pk]


def changed_by(obj) -> set[str]:
    """The tags a change to ``obj`` (saved, published, unpublished, deleted) makes stale."""
    kind = kind_of(type(obj))
    tags = {f"{kind}:{pk}" for pk in _translation_pks(obj) if pk is not None}
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is not None:
        tags.update(list_tag(kind, code) for code in locales_showing(locale_id))
    return tags


def translation_key_tags(model: type, translation_key) -> set[str]:
    """The object tags of every translation with ``translation_key`` (wagtail-localize's
    records name objects by it): what a change to a translation's status makes stale (every
    response showing the status shows the object, so carries its tag)."""
    base = Page if issubclass(model, Page) else model
    pks = base._default_manager.filter(translation_key=translation_key).values_list("pk", flat=True)
    return {f"{kind_of(model)}:{pk}" for pk in pks}


def header_value(tags: Iterable[str]) -> str:
    """The tags as one header value: sorted, space-separated (Varnish xkey, Fastly
    Surrogate-Key), so that equal sets give equal headers."""
    return " ".join(sorted(set(tags)))
