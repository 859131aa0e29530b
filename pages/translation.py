"""Where a page stands as a translation (wagtail-localize keeps the bookkeeping)."""

from django.db.models import Q
from wagtail_localize.models import Translation

from snippets.localisation import locale_code_for

from . import graphql_types as types

SOURCE = types.TranslationStatus(
    is_translation=False, source_locale=None, up_to_date=True, source_updated_at=None
)


def translation_statuses(pages: list) -> dict[int, types.TranslationStatus]:
    """For each of ``pages`` (of one model), by primary key: is it a translation, from which
    language, and has it caught up with its source? Two queries for any number of pages.

    A translation is up to date when its source has not been published since wagtail-localize
    last synced the translation from it (``TranslationSource.last_updated_at``).
    """
    if not pages:
        return {}
    translations = {
        (str(translation.source.object_id), translation.target_locale_id): translation
        for translation in Translation.objects.filter(
            source__object_id__in={page.translation_key for page in pages},
            target_locale_id__in={page.locale_id for page in pages},
        ).select_related("source")
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
    published = {}
    if wanted:
        rows = (
            type(pages[0])
            .objects.filter(wanted)
            .values_list("translation_key", "locale_id", "last_published_at")
        )
        published = {(str(key), locale_id): at for key, locale_id, at in rows}
    statuses = {}
    for page in pages:
        translation = found[page.pk]
        if translation is None or translation.source.locale_id == page.locale_id:
            statuses[page.pk] = SOURCE
            continue
        source_updated_at = published.get((str(page.translation_key), translation.source.locale_id))
        statuses[page.pk] = types.TranslationStatus(
            is_translation=True,
            source_locale=locale_code_for(translation.source.locale_id),
            up_to_date=(
                source_updated_at is None or source_updated_at <= translation.source.last_updated_at
            ),
            source_updated_at=source_updated_at,
        )
    return statuses


def translation_status(page) -> types.TranslationStatus:
    """:func:`translation_statuses` for one page."""
    return translation_statuses([page])[page.pk]
