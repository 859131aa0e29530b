"""Resolve organisation directory blocks to live organisations, in bulk.

An article may hold several directory blocks. Resolving each block on its own costs two queries
per block (organisations, then their services); :func:`prime_directories` resolves every
directory block of a body with two queries in all and attaches the result to each block's value,
where :func:`directory_organisations` finds it.
"""

from collections.abc import Iterable

from django.db.models import Q
from wagtail.models import Locale

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


def _matches(organisation: Organisation, value, locale_id: int) -> bool:
    if organisation.locale_id != locale_id:
        return False
    if value["service"]:
        keys = {service.translation_key for service in organisation.services.all()}
        if value["service"].translation_key not in keys:
            return False
    if value["region"] and organisation.region != value["region"]:
        return False
    return not (value["coverage"] and organisation.coverage != value["coverage"])


def resolve_directories(values: list, locale_id: int) -> list[list[Organisation]]:
    """Return, for each directory block value, its live organisations.

    Hand-chosen organisations come first, in the editor's order; then those matching the block's
    filter in ``locale_id`` (the article's locale), by name. Drafts and unpublished
    organisations are left out.
    """
    chosen_ids = [
        [organisation.pk for organisation in value["organisations"] if organisation]
        for value in values
    ]
    query = Q(pk__in={pk for ids in chosen_ids for pk in ids})
    for value in values:
        filter_q = _filter_q(value)
        if filter_q is not None:
            query |= filter_q & Q(locale_id=locale_id)
    organisations = list(
        Organisation.objects.filter(query, live=True)
        .distinct()
        .order_by("name", "pk")
        .prefetch_related("services")
    )
    by_id = {organisation.pk: organisation for organisation in organisations}

    results = []
    for value, ids in zip(values, chosen_ids, strict=True):
        found = [by_id[pk] for pk in ids if pk in by_id]
        if _filter_q(value) is not None:
            seen = set(ids)
            found += [
                organisation
                for organisation in organisations
                if organisation.pk not in seen and _matches(organisation, value, locale_id)
            ]
        results.append(found)
    return results


def prime_directories(body: Iterable, locale_id: int) -> None:
    """Resolve every directory block in ``body`` (a StreamValue) at once."""
    values = [child.value for child in body if child.block_type == DIRECTORY_BLOCK]
    if not values:
        return
    for value, organisations in zip(values, resolve_directories(values, locale_id), strict=True):
        setattr(value["organisations"], _RESOLVED, organisations)


def directory_organisations(value) -> list[Organisation]:
    """The organisations of one directory block value, primed or resolved on the spot."""
    primed = getattr(value["organisations"], _RESOLVED, None)
    if primed is not None:
        return primed
    # Reached only when a block is resolved outside an article body (never by our schema today).
    return resolve_directories([value], Locale.get_default().pk)[0]
