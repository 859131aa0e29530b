"""Safety-critical content is never served stale in a translation.

Crisis lines (:class:`snippets.models.CrisisLine`), the blocks that place them in an article and
the callouts an editor marks "safety-critical" are what a reader may act on in a crisis. A
translation that has not caught up with a change to its source would give that reader an old
phone number or old instructions, in their language, with nothing to say so. So, wherever the
API serves them:

* **Crisis lines.** Each line is served in the best language of the reader's chain, unless that
  translation is outdated (:func:`pages.translation.outdated`: not published since its source
  last changed, or, for a synced translation, since its source was last extracted) or its facts
  (numbers, places, languages, the fields wagtail-localize synchronises) differ from its
  source's (save those a translator overrode for the language on purpose): then the source's
  live version is served, flagged ``isFallback`` with its ``locale``.
  A line whose source is not live (withdrawn) is served in no language.
* **Blocks.** In a translated article, a crisis-lines block or a safety-critical callout whose
  source block may have changed since the translation was written is replaced by the source's
  current block (same id), flagged with the source's language (``locale``, ``isFallback``),
  until a translator updates the translation. A block the source has removed since the
  translation was synced is left out. A block is kept in the translation's language when the
  article's translation is up to date, or, for a synced translation, when the source's block is
  the same as in the content last extracted and the translation was published after that.

Both decisions are made from dates and stored content, with a fixed number of queries for any
number of articles or lines. Responses holding safety-critical content are also kept for at
most ``SAFETY_CRITICAL_MAX_AGE`` seconds by any cache and purged first on a change (api/core).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Q, Subquery
from wagtail.blocks import StreamValue
from wagtail_localize.models import SegmentOverride, Translation, TranslationSource

from snippets.localisation import (
    LocaleChain,
    all_locales,
    best_translations,
    default_language_code,
    locale_code_for,
    mark,
)
from snippets.localisation import locale_chain as chain_for_code
from snippets.models import CrisisLine

from .translation import outdated

CRISIS_LINES_BLOCK = "crisis_lines"
CALLOUT_BLOCK = "callout"
# The fields of a crisis line that are facts, the same in every language.
CRISIS_LINE_FACTS = (
    "phone",
    "phone_display",
    "sms",
    "website",
    "region",
    "country",
    "coverage",
    "languages",
)
_RESOLVED = "_resolved_crisis_lines"
# Set on a safety-critical block's marks carrier (``_carrier``): the language it is served in,
# and whether that is a fallback (the translation's block was outdated).
SERVED_LOCALE = "_served_locale"
SERVED_FALLBACK = "_served_fallback"


# --- Which translation is the source --------------------------------------------------------


def _sources_of(model: type, objects: list) -> dict[int, tuple[Any, Any]]:
    """For each of ``objects`` (one model) that is a translation, by primary key: its synced
    wagtail-localize ``Translation`` (None when made another way) and its source object as
    stored (None when deleted). Objects in their source's language are left out. Two queries.

    The source's language is the one wagtail-localize extracted it from; content translated
    without wagtail-localize counts the default language as its source."""
    if not objects:
        return {}
    keys = {obj.translation_key for obj in objects}
    content_type = ContentType.objects.get_for_model(model)
    by_target: dict[tuple[str, int], Translation] = {}
    source_locale: dict[str, int] = {}
    for translation in Translation.objects.filter(
        source__object_id__in=keys, source__specific_content_type=content_type
    ).select_related("source"):
        key = str(translation.source.object_id)
        by_target[(key, translation.target_locale_id)] = translation
        source_locale[key] = translation.source.locale_id
    default_id = all_locales().get(default_language_code())
    wanted = {}
    for obj in objects:
        locale_id = source_locale.get(str(obj.translation_key), default_id)
        if locale_id is not None and locale_id != obj.locale_id:
            wanted[obj.pk] = (obj.translation_key, locale_id)
    if not wanted:
        return {}
    query = Q()
    for key, locale_id in set(wanted.values()):
        query |= Q(translation_key=key, locale_id=locale_id)
    sources = {
        (str(source.translation_key), source.locale_id): source
        for source in model._default_manager.filter(query)
    }
    found = {}
    for obj in objects:
        if obj.pk in wanted:
            key, locale_id = wanted[obj.pk]
            translation = by_target.get((str(key), obj.locale_id))
            found[obj.pk] = (translation, sources.get((str(key), locale_id)))
    return found


# --- Crisis lines ---------------------------------------------------------------------------


def current_crisis_lines(lines: list[CrisisLine], chain: LocaleChain) -> list[CrisisLine]:
    """``lines`` (best translations for ``chain``, marked) with each outdated translation
    replaced by its source's live version, marked as a fallback, and lines whose source is
    withdrawn left out. One query, and two more when any line is a translation."""
    sources = _sources_of(CrisisLine, [line for line in lines if line.locale_id is not None])
    overridden = _overridden_facts([line for line in lines if line.pk in sources])
    current = []
    for line in lines:
        if line.pk not in sources:
            current.append(line)
            continue
        translation, source = sources[line.pk]
        if source is None:  # deleted: nothing left to catch up with
            current.append(line)
        elif not source.live:  # withdrawn by its editors: in no language
            continue
        elif outdated(translation, source, line) or any(
            getattr(line, name) != getattr(source, name)
            for name in CRISIS_LINE_FACTS
            if (str(line.translation_key), name, line.locale_id) not in overridden
        ):
            current.extend(mark([source], chain))
        else:
            current.append(line)
    return current


def _overridden_facts(translations: list) -> set[tuple[str, str, int]]:
    """(translation key, field, locale) of the facts a translator set on purpose for a
    language (wagtail-localize's overrides of synchronised fields, e.g. a line's own number for
    Spanish speakers): they may differ from the source's. One query, none without
    translations."""
    if not translations:
        return set()
    overrides = SegmentOverride.objects.filter(
        context__object_id__in={line.translation_key for line in translations},
        locale_id__in={line.locale_id for line in translations},
    ).values_list("context__object_id", "context__path", "locale_id")
    return {(str(key), path, locale_id) for key, path, locale_id in overrides}


def live_crisis_lines(chain: LocaleChain, **filters) -> list[CrisisLine]:
    """The live crisis lines matching ``filters``, each in its best current version for
    ``chain`` (:func:`current_crisis_lines`), in footer order."""
    candidates = CrisisLine.objects.filter(live=True, locale_id__in=chain.ids, **filters)
    best = best_translations(candidates.in_footer_order(), chain)
    lines = current_crisis_lines(best, chain)
    return sorted(lines, key=lambda line: (line.footer_order, line.name, line.pk))


def resolve_crisis_blocks(values: list, chain: LocaleChain) -> list[list[CrisisLine]]:
    """For each crisis-lines block value, its lines in the editor's order, each in its best
    current version for ``chain``; lines with no live version are left out."""
    keys = [
        [line.translation_key for line in value[CRISIS_LINES_BLOCK] if line] for value in values
    ]
    wanted = {key for block_keys in keys for key in block_keys}
    found = {}
    if wanted:
        for line in live_crisis_lines(chain, translation_key__in=wanted):
            found[line.translation_key] = line
    return [[found[key] for key in block_keys if key in found] for block_keys in keys]


def prime_crisis_blocks(values_by_locale: dict[int, list]) -> None:
    """Resolve the crisis-lines block values of several bodies, grouped by the locale they are
    served in: a fixed number of queries per locale."""
    for locale_id, values in values_by_locale.items():
        if values:
            chain = chain_for_code(locale_code_for(locale_id))
            for value, lines in zip(values, resolve_crisis_blocks(values, chain), strict=True):
                setattr(value[CRISIS_LINES_BLOCK], _RESOLVED, lines)


def block_crisis_lines(value, locale_id: int | None = None) -> list[CrisisLine]:
    """The lines of one crisis-lines block value, primed or resolved on the spot."""
    primed = getattr(value[CRISIS_LINES_BLOCK], _RESOLVED, None)
    if primed is not None:
        return primed
    code = locale_code_for(locale_id) if locale_id is not None else default_language_code()
    return resolve_crisis_blocks([value], chain_for_code(code))[0]


# --- Organisations' contact details -------------------------------------------------------

# An organisation's contact details and place: facts, the same in every language.
ORGANISATION_FACTS = (
    "acronym",
    "phone",
    "email",
    "website",
    "address",
    "city",
    "region",
    "country",
    "coverage",
)


def with_current_facts(organisations: list) -> list:
    """``organisations`` with the contact details of each translation made through
    wagtail-localize taken from its source's live version as it is now: a phone number
    changed in English reaches Spanish readers at once, not when someone next syncs the
    translations. The translation's own text stays; a fact a translator overrode for the
    language on purpose stays too. None of the organisations is saved. Two queries when any is
    in another language than the default, none otherwise."""
    default_id = all_locales().get(default_language_code())
    translations = [org for org in organisations if org.locale_id != default_id]
    if not translations:
        return organisations
    model = type(translations[0])
    extracted_from = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        specific_content_type=ContentType.objects.get_for_model(model),
    ).values("locale_id")[:1]
    sources = {
        str(row["translation_key"]): row
        for row in model.objects.filter(
            translation_key__in={org.translation_key for org in translations}, live=True
        )
        .alias(source_locale=Subquery(extracted_from))
        .filter(locale_id=F("source_locale"))
        .values("translation_key", "locale_id", *ORGANISATION_FACTS)
    }
    overridden = _overridden_facts(translations)
    for org in translations:
        source = sources.get(str(org.translation_key))
        if source is None or source["locale_id"] == org.locale_id:
            continue
        for name in ORGANISATION_FACTS:
            if (str(org.translation_key), name, org.locale_id) not in overridden:
                setattr(org, name, source[name])
    return organisations


# --- Safety-critical blocks -----------------------------------------------------------------


def is_safety_critical(block_type: str, value: Any) -> bool:
    """Whether a block (its type and its value, raw or converted) is safety-critical: every
    crisis-lines block, and callouts an editor marked so."""
    if block_type == CRISIS_LINES_BLOCK:
        return True
    return block_type == CALLOUT_BLOCK and bool((value or {}).get("safety_critical"))


def holds_safety_critical(children: Iterable) -> bool:
    return any(is_safety_critical(child.block_type, child.value) for child in children)


def _raw_items(body) -> list[dict]:
    if isinstance(body, StreamValue):
        return list(body.raw_data)
    if isinstance(body, str):
        body = json.loads(body or "[]")
    return list(body or [])


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _extracted_blocks(translation) -> dict[str, dict]:
    """The source's blocks, by id, as wagtail-localize last extracted them."""
    content = json.loads(translation.source.content_json)
    return {item.get("id"): item for item in _raw_items(content.get("body"))}


def _carrier(block, value):
    """Where a block's marks are kept: one of its child values that grapple hands to the
    block's resolvers as is (they get a new dict of the child values, not the block's value;
    the block names the child: ``served_carrier``)."""
    name = getattr(block, "served_carrier", None)
    return value[name] if name else None


def mark_served(child, locale_id: int, fallback: bool) -> None:
    carrier = _carrier(child.block, child.value)
    if carrier is not None:
        setattr(carrier, SERVED_LOCALE, locale_code_for(locale_id))
        setattr(carrier, SERVED_FALLBACK, fallback)


def served_locale(block, values) -> tuple[str | None, bool]:
    """The language a safety-critical block is served in (None when not marked: it was served
    outside an article) and whether it stands in for the translation's own; ``values`` are
    the block's child values, as grapple hands them to its resolvers."""
    carrier = _carrier(block, values)
    return getattr(carrier, SERVED_LOCALE, None), getattr(carrier, SERVED_FALLBACK, False)


def current_bodies(pages: list) -> dict[int, tuple[Any, dict[str, Any]]]:
    """For the translated articles among ``pages`` whose safety-critical blocks are outdated,
    by primary key: the source article (as stored) and, by block id, the source's block to
    serve instead (None: leave the block out). Two queries when any of ``pages`` has a
    safety-critical block (or a callout its source may have marked), none otherwise."""
    candidates = [
        page
        for page in pages
        # A preview (or a token's read) shows the draft as its author wrote it.
        if not page.is_preview_draft
        and any(
            item.get("type") in (CRISIS_LINES_BLOCK, CALLOUT_BLOCK)
            for item in _raw_items(page.body)
        )
    ]
    if not candidates:
        return {}
    sources = _sources_of(type(candidates[0]), candidates)
    replaced = {}
    for page in candidates:
        if page.pk not in sources:
            continue
        translation, source = sources[page.pk]
        if source is None or not source.live:
            continue  # nothing current to serve instead
        changes = _outdated_blocks(page, translation, source)
        if changes:
            replaced[page.pk] = (source, changes)
    return replaced


def _outdated_blocks(page, translation, source) -> dict[str, Any]:
    source_items = {item.get("id"): item for item in _raw_items(source.body)}
    page_outdated = outdated(translation, source, page)
    if not page_outdated:
        return {}
    synced = translation is not None and translation.enabled
    extracted = _extracted_blocks(translation) if synced else {}
    written_after_extraction = (
        synced
        and page.last_published_at is not None
        and page.last_published_at >= translation.source.last_updated_at
    )
    changes: dict[str, Any] = {}
    for item in _raw_items(page.body):
        block_id = item.get("id")
        source_item = source_items.get(block_id)
        if not (
            is_safety_critical(item.get("type"), item.get("value"))
            or (source_item and is_safety_critical(source_item.get("type"), source_item["value"]))
        ):
            continue
        if source_item is None:
            if block_id in extracted:  # the source removed it after it was translated
                changes[block_id] = None
            continue
        unchanged = block_id in extracted and _canonical(
            extracted[block_id].get("value")
        ) == _canonical(source_item.get("value"))
        if not (unchanged and written_after_extraction):
            changes[block_id] = source_item
    return changes


def apply_current_blocks(bodies: dict[int, Any], pages: list, prime) -> dict[int, list]:
    """Each of ``pages``' bodies (``bodies``, by primary key, already primed) as the list of
    blocks to serve: outdated safety-critical blocks replaced by (or, when the source removed
    them, without) the source's current ones, which ``prime(list of (body, locale id))``
    readies like the page's own; every safety-critical block marked with the language it is
    served in."""
    replaced = current_bodies(pages)
    prime([(source.body, source.locale_id) for source, _changes in replaced.values()])
    # The lines of a crisis-lines block served from the source are the reader's lines all the
    # same: each in the article's language while current (flagged otherwise), like the others.
    by_locale = defaultdict(list)
    for page in pages:
        source, changes = replaced.get(page.pk, (None, {}))
        for child in source.body if source else ():
            if child.id in changes and child.block_type == CRISIS_LINES_BLOCK:
                by_locale[page.locale_id].append(child.value)
    prime_crisis_blocks(by_locale)
    served = {}
    for page in pages:
        body = bodies[page.pk]
        source, changes = replaced.get(page.pk, (None, {}))
        source_children = {child.id: child for child in source.body} if source else {}
        children = []
        for child in body:
            if child.id in changes:
                if changes[child.id] is None or child.id not in source_children:
                    continue
                original = source_children[child.id]
                child = StreamValue.StreamChild(original.block, original.value, id=original.id)
                mark_served(child, source.locale_id, True)
            else:
                mark_served(child, page.locale_id, False)
            children.append(child)
        served[page.pk] = children
    return served


def crisis_values_by_locale(bodies: list[tuple[Iterable, int]]) -> dict[int, list]:
    """The crisis-lines block values of ``bodies`` (each with its locale id), by locale."""
    by_locale = defaultdict(list)
    for body, locale_id in bodies:
        by_locale[locale_id] += [c.value for c in body if c.block_type == CRISIS_LINES_BLOCK]
    return by_locale
