"""Resolve organisation directory blocks to live organisations in the article's language.

An article may hold several directory blocks. Resolving each on its own costs two queries per
block (organisations, then their services); :func:`prime_directories` resolves every directory
block of a body with two queries in all and attaches the result to each block's value, where
:func:`directory_organisations` finds it.

Organisations are served in the article's language, falling back along the locale chain
(snippets.localisation) where a translation is missing, and flagged ``is_fallback``.
"""

from collections.abc import Iterable

from django.db.models import Q

from snippets.localisation import (
    LocaleChain,
    best_translations,
    default_language_code,
    locale_code_for,
)
from snippets.localisation import locale_chain as chain_for_code
from snippets.models import Organisation

DIRECTORY_BLOCK = "organisation_directory"
_RESOLVED = "_resolved_organisations"


def _filter_q(value) -> Q | None:
    q = Q()
    if value["service"]:
        q &= Q(services__translation_key=value["service"].translation_key)
    if value["region"]:
        q &= Q(region=value["region"])
    if value["coverage"]:
        q &= Q(coverage=value["coverage"])
    return q if q.children else None


def _matches(organisation: Organisation, value) -> bool:
    if value["service"]:
        keys = {service.translation_key for service in organisation.services.all()}
        if value["service"].translation_key not in keys:
            return False
    if value["region"] and organisation.region != value["region"]:
        return False
    return not (value["coverage"] and organisation.coverage != value["coverage"])


def resolve_directories(values: list, chain: LocaleChain) -> list[list[Organisation]]:
    """Return, for each directory block value, its live organisations.

    Hand-chosen organisations come first, in the editor's order; then those matching the block's
    filter, by name. Each is the best translation for ``chain``; drafts and unpublished
    organisations are left out.
    """
    chosen_keys = [
        [organisation.translation_key for organisation in value["organisations"] if organisation]
        for value in values
    ]
    query = Q(translation_key__in={key for keys in chosen_keys for key in keys})
    for value in values:
        filter_q = _filter_q(value)
        if filter_q is not None:
            query |= filter_q
    candidates = (
        Organisation.objects.filter(query, live=True, locale_id__in=chain.ids)
        .distinct()
        .order_by("name", "pk")
        .prefetch_related("services")
    )
    best = {
        organisation.translation_key: organisation
        for organisation in best_translations(candidates, chain)
    }
    by_name = sorted(best.values(), key=lambda organisation: (organisation.name, organisation.pk))

    results = []
    for value, keys in zip(values, chosen_keys, strict=True):
        found = [best[key] for key in keys if key in best]
        if _filter_q(value) is not None:
            seen = set(keys)
            found += [
                organisation
                for organisation in by_name
                if organisation.translation_key not in seen and _matches(organisation, value)
            ]
        results.append(found)
    return results


def prime_directories(body: Iterable, locale_id: int) -> None:
    """Resolve every directory block in ``body`` (a StreamValue) at once."""
    values = [child.value for child in body if child.block_type == DIRECTORY_BLOCK]
    if not values:
        return
    chain = chain_for_code(locale_code_for(locale_id))
    for value, organisations in zip(values, resolve_directories(values, chain), strict=True):
        setattr(value["organisations"], _RESOLVED, organisations)


def directory_organisations(value, locale_id: int | None = None) -> list[Organisation]:
    """The organisations of one directory block value, primed or resolved on the spot."""
    primed = getattr(value["organisations"], _RESOLVED, None)
    if primed is not None:
        return primed
    code = locale_code_for(locale_id) if locale_id is not None else default_language_code()
    return resolve_directories([value], chain_for_code(code))[0]
