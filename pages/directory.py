"""Resolve organisation directory blocks to live organisations in the article's language.

An article may hold several directory blocks. Resolving each on its own costs two queries per
block (organisations, then their services); :func:`prime_directories` resolves every directory
block of a body with two queries in all and attaches the result to each block's value, where
:func:`directory_organisations` finds it.

Organisations are served in the article's language, falling back along the locale chain
(snippets.localisation) where a translation is missing, and flagged ``is_fallback``.

An organisation chosen by hand that has no live version along that chain (never published, or
unpublished) is left out for readers; editors are told (:func:`unpublished_choice_warnings`, shown
by pages/wagtail_hooks.py) and the server-rendered preview shows it marked
(:func:`with_unpublished_choices`).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from wagtail.blocks import StreamValue

from snippets.localisation import (
    LocaleChain,
    best_translations,
    default_language_code,
    locale_code_for,
)
from snippets.localisation import locale_chain as chain_for_code
from snippets.models import Organisation

from .safety import crisis_values_by_locale, prime_crisis_blocks, with_current_facts

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
        .with_verification()  # the API's lastVerifiedAt, isStale, hasOpenReports
    )
    best = {
        organisation.translation_key: organisation
        for organisation in with_current_facts(best_translations(candidates, chain))
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
    prime_bodies([(body, locale_id)])


def prime_bodies(bodies: list[tuple[StreamValue, int]]) -> None:
    """Make several bodies (each with its page's locale id) ready to serve with a query per
    kind of chosen object and a few per locale for their directories and crisis lines
    (pages/safety.py), however many bodies."""
    _convert_together([body for body, _locale_id in bodies])
    prime_crisis_blocks(crisis_values_by_locale(bodies))
    by_locale = defaultdict(list)
    for body, locale_id in bodies:
        by_locale[locale_id] += [c.value for c in body if c.block_type == DIRECTORY_BLOCK]
    for locale_id, values in by_locale.items():
        if not values:
            continue
        chain = chain_for_code(locale_code_for(locale_id))
        for value, organisations in zip(values, resolve_directories(values, chain), strict=True):
            setattr(value["organisations"], _RESOLVED, organisations)


def _convert_together(bodies: list[StreamValue]) -> None:
    """Convert the stored data of ``bodies`` to block values with one ``bulk_to_python`` per
    block type for all of them (images, organisations: a query each), where each StreamValue
    would run its own. Wagtail batches within one StreamValue only (StreamValue's
    _prefetch_blocks, whose attributes this reuses); no upstream issue asks for more."""
    pending = defaultdict(list)  # block type → [(body, index)]
    for body in bodies:
        if not getattr(body, "is_lazy", False):
            continue
        for index, raw in enumerate(body._raw_data):
            if body._bound_blocks[index] is None and raw is not None:
                pending[raw["type"]].append((body, index))
    for type_name, places in pending.items():
        child_block = places[0][0].stream_block.child_blocks.get(type_name)
        if child_block is None:
            continue  # a block type no longer defined: Wagtail skips it when iterating
        raw = [body._raw_data[index] for body, index in places]
        values = child_block.bulk_to_python([item["value"] for item in raw])
        for (body, index), item, value in zip(places, raw, values, strict=True):
            body._bound_blocks[index] = StreamValue.StreamChild(
                child_block, value, id=item.get("id")
            )


def directory_organisations(value, locale_id: int | None = None) -> list[Organisation]:
    """The organisations of one directory block value, primed or resolved on the spot."""
    primed = getattr(value["organisations"], _RESOLVED, None)
    if primed is not None:
        return primed
    code = locale_code_for(locale_id) if locale_id is not None else default_language_code()
    return resolve_directories([value], chain_for_code(code))[0]


def unpublished_choices(value, organisations: list[Organisation]) -> list[Organisation]:
    """The organisations chosen by hand in a directory block value that readers will not see,
    given ``organisations``, what the block resolves to: none of their versions along the
    article's locale chain is live."""
    shown = {organisation.translation_key for organisation in organisations}
    return [
        organisation
        for organisation in value["organisations"]
        if organisation and organisation.translation_key not in shown
    ]


def with_unpublished_choices(
    value, organisations: list[Organisation]
) -> tuple[list[Organisation], set[int]]:
    """For an editor's preview: ``organisations`` (what readers see of a directory block value)
    with the chosen organisations readers will not see put back in the editor's order, and the
    ids of those."""
    unpublished = unpublished_choices(value, organisations)
    if not unpublished:
        return organisations, set()
    live = {organisation.translation_key: organisation for organisation in organisations}
    chosen = [organisation for organisation in value["organisations"] if organisation]
    chosen_keys = {organisation.translation_key for organisation in chosen}
    shown = [live.get(organisation.translation_key, organisation) for organisation in chosen]
    shown += [org for org in organisations if org.translation_key not in chosen_keys]
    return shown, {organisation.pk for organisation in unpublished}


def unpublished_choice_warnings(body: StreamValue, locale_id: int) -> list[str]:
    """A message for the editor for each directory block of ``body`` (an article's, in the
    locale ``locale_id``) that lists organisations readers will not see."""
    prime_directories(body, locale_id)
    warnings = []
    for position, child in enumerate(body, start=1):
        if child.block_type != DIRECTORY_BLOCK:
            continue
        missing = unpublished_choices(child.value, directory_organisations(child.value))
        if not missing:
            continue
        heading = (child.value["heading"] or "").strip()
        block = f"The directory “{heading}”" if heading else f"The directory (block {position})"
        names = ", ".join(f"“{organisation}”" for organisation in missing)
        if len(missing) == 1:
            consequence = (
                "which is not published: readers will not see it until the organisation is "
                "published. The preview shows it marked “Unpublished”."
            )
        else:
            consequence = (
                "which are not published: readers will not see them until the organisations "
                "are published. The preview shows them marked “Unpublished”."
            )
        warnings.append(f"{block} lists {names}, {consequence}")
    return warnings
