"""Which translation of a piece of content to serve for a requested language.

A request names a language (``pt-BR``); content may exist in that locale, in its base language
(``pt``), or only in the default locale (``en``). :func:`locale_chain` lists the configured
locales to try, best first; :func:`best_translations` picks, for each translation key, the
first available one among objects already loaded, and :func:`best_of` does the same in the
database, as one filter of a queryset (so a page of a long list is chosen without loading or
listing every row of the fallback locales). Objects served from a later locale in the chain are
marked ``is_fallback`` so frontends can tell readers the text is not in their language yet.

The chain is ``[code, base language, *settings.LOCALE_FALLBACKS[code], default]`` restricted to
configured locales, e.g. ``LOCALE_FALLBACKS = {"gl": ["es"]}`` serves Galician readers Spanish
before English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


class UnknownLocale(LookupError):
    """Neither the requested language nor its base language is configured."""

    def __init__(self, code: str, available: list[str]):
        self.code = code
        self.available = available
        super().__init__(f"Unknown locale {code!r}. Available locales: {', '.join(available)}.")


@dataclass(frozen=True)
class LocaleChain:
    """The locales to serve a request from, best first (``ids[0]`` is the one asked for)."""

    requested: str
    ids: tuple[int, ...]
    codes: tuple[str, ...]

    @property
    def primary_id(self) -> int:
        return self.ids[0]

    def rank(self, locale_id: int) -> int:
        return self.ids.index(locale_id) if locale_id in self.ids else len(self.ids)


def default_language_code() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE).lower()


_locales: dict[str, int] = {}


def all_locales() -> dict[str, int]:
    """Configured locales as ``{code: id}``, kept in memory: they change only with the
    configuration (and ``migrate``), and any change made in this process clears the copy
    (``forget_locales``, connected to Locale's save and delete signals)."""
    if not _locales:
        _locales.update(
            (code.lower(), pk) for pk, code in Locale.objects.values_list("pk", "language_code")
        )
    return _locales


def forget_locales(**kwargs) -> None:
    _locales.clear()


def locale_code_for(locale_id: int) -> str:
    for code, pk in all_locales().items():
        if pk == locale_id:
            return code
    forget_locales()  # created by another process since we looked
    return Locale.objects.get(pk=locale_id).language_code.lower()


def locale_chain(code: str | None) -> LocaleChain:
    """The configured locales for ``code`` (default locale when empty), best first.

    Raises :class:`UnknownLocale` when neither ``code`` nor its base language is configured.
    """
    locales = all_locales()
    default = default_language_code()
    requested = (code or default).strip().lower().replace("_", "-")
    base = requested.split("-")[0]
    if requested not in locales and base not in locales:
        raise UnknownLocale(code or "", sorted(locales))
    wanted = [
        requested,
        base,
        *getattr(settings, "LOCALE_FALLBACKS", {}).get(requested, []),
        default,
    ]
    codes: list[str] = []
    for candidate in wanted:
        candidate = candidate.lower()
        if candidate in locales and candidate not in codes:
            codes.append(candidate)
    return LocaleChain(
        requested=requested, ids=tuple(locales[c] for c in codes), codes=tuple(codes)
    )


def mark(objects: Iterable, chain: LocaleChain) -> list:
    """Annotate objects with the chain they were served for and whether they are fallbacks."""
    marked = []
    for obj in objects:
        obj.served_locale_chain = chain
        obj.is_fallback = obj.locale_id != chain.primary_id
        marked.append(obj)
    return marked


def best_translations(objects: Iterable, chain: LocaleChain) -> list:
    """One object per translation key: the one in the best locale of ``chain``, marked.

    ``objects`` should be the candidates in the chain's locales; the order of first appearance
    of each translation key is kept.
    """
    best: dict = {}
    for obj in objects:
        current = best.get(obj.translation_key)
        if current is None or chain.rank(obj.locale_id) < chain.rank(current.locale_id):
            best[obj.translation_key] = obj
    return mark(best.values(), chain)


def rank_expression(chain: LocaleChain) -> Case:
    """SQL for :meth:`LocaleChain.rank`: a row's position in the chain (lower is better)."""
    return Case(
        *(When(locale_id=locale_id, then=Value(rank)) for rank, locale_id in enumerate(chain.ids)),
        default=Value(len(chain.ids)),
        output_field=IntegerField(),
    )


def best_of(queryset: QuerySet, chain: LocaleChain) -> QuerySet:
    """The rows of ``queryset`` that are, among its rows, the best translation of their
    translation key for ``chain``: in one of the chain's locales, with no row of the same key in
    a better one (``NOT EXISTS``, answered from the (translation_key, locale) index). The same
    choice as :func:`best_translations`, made by the database: further filters, ordering and
    slicing apply to the chosen rows, and no id list is built."""
    rank = rank_expression(chain)
    better = (
        queryset.order_by()
        .filter(translation_key=OuterRef("translation_key"), locale_id__in=chain.ids)
        .alias(chain_rank=rank)
        .filter(chain_rank__lt=OuterRef("chain_rank"))
    )
    return queryset.filter(locale_id__in=chain.ids).alias(chain_rank=rank).filter(~Exists(better))
