"""Where a page stands as a translation (wagtail-localize keeps the bookkeeping)."""

from wagtail_localize.models import Translation

from snippets.localisation import locale_code_for

from . import graphql_types as types


def translation_status(page) -> types.TranslationStatus:
    """Is ``page`` a translation, from which language, and has it caught up with its source?

    A translation is up to date when its source has not been published since wagtail-localize
    last synced the translation from it (``TranslationSource.last_updated_at``).
    """
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source")
        .first()
    )
    if translation is None or translation.source.locale_id == page.locale_id:
        return types.TranslationStatus(
            is_translation=False, source_locale=None, up_to_date=True, source_updated_at=None
        )
    source_page = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key, locale_id=translation.source.locale_id
        )
        .only("last_published_at")
        .first()
    )
    source_updated_at = source_page.last_published_at if source_page else None
    up_to_date = (
        source_updated_at is None or source_updated_at <= translation.source.last_updated_at
    )
    return types.TranslationStatus(
        is_translation=True,
        source_locale=locale_code_for(translation.source.locale_id),
        up_to_date=up_to_date,
        source_updated_at=source_updated_at,
    )
