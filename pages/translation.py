"""Where a translation stands: one definition of "up to date", used by the API's
``translationStatus``, the "Translations out of date" report and the translation editor's
warning (wagtail-localize keeps the bookkeeping).

A synced translation (an enabled wagtail-localize ``Translation``) is **up to date** when all of
these hold:

1. **synced**: its source has not changed since its content was last extracted into the
   ``TranslationSource`` (starting the translation, or "Sync translated pages / snippets");
2. **translated**: every string segment of that extracted content has a translation (without
   error) in the target language;
3. **published**: the translated page or organisation is live and was published after the
   source's latest change and after its latest translated string was written, so readers get
   those strings. Services and authors have no drafts: they count from the last time
   wagtail-localize saved them (its ``TranslationLog``).

A stopped translation (edited by hand in the normal editor) is up to date when it was published
after its source's latest change.

"Changed" for a page or organisation is its last publication (its last saved revision while it
is not live: saving a draft of a live source does not count, syncing reads the published
content); services and authors keep no dates, so their current content is compared with the
content last synced.

:func:`with_progress` adds what (2) and (3) need to a ``Translation`` queryset as subqueries, so
any number of translations costs one query; :func:`state_of` then decides, without queries,
from the translation, its source object and its target object.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
)

from snippets.localisation import locale_code_for

from . import graphql_types as types

SOURCE = types.TranslationStatus(
    is_translation=False, source_locale=None, up_to_date=True, source_updated_at=None
)

# Why a translation is not up to date (``TranslationState.problems``), in the order to fix them.
SOURCE_CHANGED = "The source has changed since the translation was last synced (Update)."
NOT_PUBLISHED = "The translation has never been published."
PUBLISHED_BEFORE_CHANGE = "The translation has not been published since the source changed."
PUBLISHED_BEFORE_STRINGS = "Translated strings have not been published yet."


def _untranslated(locale_ref):
    """Segments (of the outer query's source) with no error-free translation in the locale."""
    return ~Exists(
        StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale_ref,
            has_error=False,
        )
    )


def with_progress(queryset):
    """Annotate a ``Translation`` queryset with what :func:`state_of` needs: the number of string
    segments of its source (``total_strings``) and of those not translated into its target
    language (``missing_strings``), when one of those strings' translations last changed
    (``strings_changed_at``) and when wagtail-localize last saved the target (``saved_at``)."""

    def count(segments):
        return Coalesce(
            Subquery(
                segments.order_by().values("source_id").annotate(n=Count("pk")).values("n")[:1],
                output_field=IntegerField(),
            ),
            0,
        )

    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    untranslated = StringSegment.objects.filter(
        _untranslated(OuterRef(OuterRef("target_locale_id"))), source_id=OuterRef("source_id")
    )
    strings = StringTranslation.objects.filter(
        Exists(
            StringSegment.objects.filter(
                source_id=OuterRef(OuterRef("source_id")),
                string_id=OuterRef("translation_of_id"),
                context_id=OuterRef("context_id"),
            )
        ),
        locale_id=OuterRef("target_locale_id"),
    )
    return queryset.select_related("source").annotate(
        total_strings=count(segments),
        missing_strings=count(untranslated),
        strings_changed_at=Subquery(
            strings.order_by().values("locale_id").annotate(at=Max("updated_at")).values("at")[:1]
        ),
        saved_at=Subquery(
            TranslationLog.objects.filter(
                source_id=OuterRef("source_id"), locale_id=OuterRef("target_locale_id")
            )
            .order_by("-created_at")
            .values("created_at")[:1]
        ),
    )


def serialised(instance):
    """The instance's content as wagtail-localize stores it in ``TranslationSource``."""
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def last_changed(instance) -> datetime | None:
    """When a page or draftable snippet was last changed in a way syncing would pick up: its
    last publication, or its last saved revision while it is not live. None for models that
    keep no dates."""
    if not isinstance(instance, DraftStateMixin):
        return None
    if instance.live and instance.last_published_at:
        return instance.last_published_at
    if isinstance(instance, Page):
        revision_at = instance.latest_revision_created_at
    else:
        revision = instance.latest_revision
        revision_at = revision.created_at if revision else None
    return revision_at or instance.last_published_at


def published_at(translation, target) -> datetime | None:
    """When readers last got a new version of ``target``: its last publication (None while it
    is not live); for models without drafts, when wagtail-localize last saved it."""
    if isinstance(target, DraftStateMixin):
        return target.last_published_at if target.live else None
    return translation.saved_at


@dataclass(frozen=True)
class TranslationState:
    source_changed_at: datetime | None  # None for models that keep no dates
    synced: bool
    total_strings: int
    missing_strings: int
    published_at: datetime | None
    problems: tuple[str, ...]

    @property
    def up_to_date(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        """The problems as one sentence list, for the report and the editor."""
        return " ".join(self.problems)


def _later(moment: datetime | None, *others: datetime | None) -> bool:
    return moment is not None and all(other is None or moment >= other for other in others)


def state_of(translation, source_object, target) -> TranslationState:
    """Where ``translation`` (from a :func:`with_progress` queryset) stands, given its source
    object and its target object as stored. Makes no queries (``source_object`` of a
    draftable snippet needs its ``latest_revision`` loaded)."""
    source = translation.source
    changed_at = last_changed(source_object)
    published = published_at(translation, target)
    if not translation.enabled:
        # Stopped: edited by hand, the strings no longer apply.
        if published is None:
            problems = (NOT_PUBLISHED,)
        elif not _later(published, changed_at):
            problems = (PUBLISHED_BEFORE_CHANGE,)
        else:
            problems = ()
        return TranslationState(changed_at, True, 0, 0, published, problems)

    if changed_at is not None:
        synced = changed_at <= source.last_updated_at
    else:
        synced = serialised(source_object) == json.loads(source.content_json)
    problems = []
    if not synced:
        problems.append(SOURCE_CHANGED)
    missing = translation.missing_strings
    if missing:
        problems.append(f"{missing} of {translation.total_strings} strings are not translated.")
    if published is None:
        problems.append(NOT_PUBLISHED)
    elif not _later(published, changed_at):
        problems.append(PUBLISHED_BEFORE_CHANGE)
    elif not missing and not _later(published, translation.strings_changed_at):
        problems.append(PUBLISHED_BEFORE_STRINGS)
    return TranslationState(
        changed_at, synced, translation.total_strings, missing, published, tuple(problems)
    )


def outdated(translation, source_object, target) -> bool:
    """Whether readers of ``target`` (a translation of a page or drafted snippet, as stored)
    may be getting content older than its source's (pages/safety.py then serves the source's
    safety-critical content instead).

    Decided from dates, on the safe side: the target is outdated unless it is live and was
    published after the source's latest change, and, for a synced translation, the source's
    content was extracted after that change (a translation is written from the extracted
    content; until a sync it is the content from before the change). Makes no queries.

    Not caught: a synced translation republished after a change of its source but before the
    sync that extracted it (wagtail-localize wrote it from the older content). Facts that are
    the same in every language are compared directly where it matters (crisis lines' numbers:
    pages/safety.py)."""
    published = target.last_published_at if target.live else None
    if published is None:
        return True
    changed_at = last_changed(source_object)
    if changed_at is None:
        return False
    if published < changed_at:
        return True
    if translation is None or not translation.enabled:
        return False  # made or edited by hand, after the change
    return changed_at > translation.source.last_updated_at  # not synced since the change


def state_for(target) -> tuple[Translation, TranslationState] | None:
    """The synced translation whose target is ``target`` (a page or snippet) and its state, or
    None if ``target`` is not the target of one. Three queries."""
    translation = (
        with_progress(Translation.objects.filter(enabled=True))
        .filter(source__object_id=target.translation_key, target_locale_id=target.locale_id)
        .exclude(source__locale_id=target.locale_id)
        .first()
    )
    if translation is None:
        return None
    model = type(target)
    source_object = (
        model._default_manager.filter(
            translation_key=target.translation_key, locale_id=translation.source.locale_id
        )
        .select_related(*(() if isinstance(target, Page) else _revision_relations(model)))
        .first()
    )
    if source_object is None:
        return None
    return translation, state_of(translation, source_object, target)


def _revision_relations(model) -> tuple[str, ...]:
    return ("latest_revision",) if issubclass(model, DraftStateMixin) else ()


def translation_statuses(pages: list) -> dict[int, types.TranslationStatus]:
    """For each of ``pages`` (of one model), by primary key: is it a translation, from which
    language, and is it up to date (:func:`state_of`)? Two queries for any number of pages."""
    if not pages:
        return {}
    translations = {
        (str(translation.source.object_id), translation.target_locale_id): translation
        for translation in with_progress(
            Translation.objects.filter(
                source__object_id__in={page.translation_key for page in pages},
                target_locale_id__in={page.locale_id for page in pages},
            )
        )
    }
    found = {
        page.pk: translations.get((str(page.translation_key), page.locale_id)) for page in pages
    }
    wanted = Q()
    for page in pages:
        translation = found[page.pk]
        if translation is not None and translation.source.locale_id != page.locale_id:
            source_locale_id = translation.source.locale_id
            wanted |= Q(translation_key=page.translation_key, locale_id=source_locale_id)
    sources = {}
    if wanted:
        fields = ("translation_key", "locale_id", "live", "last_published_at")
        rows = Page.objects.filter(wanted).only(*fields, "latest_revision_created_at")
        sources = {(str(row.translation_key), row.locale_id): row for row in rows}
    statuses = {}
    for page in pages:
        translation = found[page.pk]
        if translation is None or translation.source.locale_id == page.locale_id:
            statuses[page.pk] = SOURCE
            continue
        source_object = sources.get((str(page.translation_key), translation.source.locale_id))
        statuses[page.pk] = types.TranslationStatus(
            is_translation=True,
            source_locale=locale_code_for(translation.source.locale_id),
            # A deleted source has nothing left to catch up with.
            up_to_date=source_object is None
            or state_of(translation, source_object, page).up_to_date,
            source_updated_at=source_object.last_published_at if source_object else None,
        )
    return statuses


def translation_status(page) -> types.TranslationStatus:
    """:func:`translation_statuses` for one page."""
    return translation_statuses([page])[page.pk]
