"""What makes cached GraphQL responses stale: Wagtail and Django signals mapped to the cache
tags they touch (pages/cache_tags.py), whose versions the response cache bumps (see
api.core.cache for the scheme).

* Publishing, unpublishing or saving an object: :func:`pages.cache_tags.changed_by` (the
  object and its translations, and its kind's lists in the languages that may show it).
* A service also changes which organisations its filters match: the organisation lists too.
* ``all`` for what may change any response: a page moved, deleted or given a new slug (links to
  it in other pages' rich text), an existing image changed (rich text embeds its renditions),
  sites, locales, privacy settings, collections, documents, redirects.
* Translation records (``translationStatus``): the tags of the object they translate.
* Reader participation: ``participation:<pk>`` for the article commented on or reacted to.
* Directory verifications and readers' problem reports: the organisation's translations.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail import signals as wagtail_signals
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from community.models import Comment
from community.signals import reactions_changed
from pages.cache_tags import ALL, changed_by, every_list_tag, translation_key_tags
from snippets.models import (
    DirectoryProblemReport,
    Organisation,
    OrganisationVerification,
    Service,
)

from . import cache as response_cache


def content_changed(sender=None, **kwargs) -> None:
    """Anything may show it: every response is stale."""
    response_cache.tags_changed({ALL})


def object_changed(sender=None, instance=None, **kwargs) -> None:
    """An object was published, unpublished or saved: what shows it, and the lists it may be
    in, are stale."""
    tags = changed_by(instance)
    if isinstance(instance, Service):
        tags |= every_list_tag("organisation")
    response_cache.tags_changed(tags)


def image_saved(sender, instance, created=False, **kwargs) -> None:
    # A new image is in no response yet; a changed one may be embedded in any rich text.
    response_cache.tags_changed(changed_by(instance) if created else {ALL})


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        response_cache.tags_changed({ALL})


def translation_changed(sender, instance, **kwargs) -> None:
    """A translation's status changed: the translated object's responses are stale."""
    if isinstance(instance, StringTranslation):
        context = instance.context
        if context is None:
            response_cache.tags_changed({ALL})
            return
        key, content_type = context.object_id, context.object.content_type
    else:
        source = instance.source if isinstance(instance, Translation) else instance
        key, content_type = source.object_id, source.specific_content_type
    model = content_type.model_class()
    if model is None:
        response_cache.tags_changed({ALL})
        return
    response_cache.tags_changed(translation_key_tags(model, key))


def trust_changed(sender, instance, **kwargs) -> None:
    """A verification or a reader's report: what shows that organisation (any translation)."""
    if isinstance(instance, OrganisationVerification):
        key = instance.translation_key
    else:
        key = (
            Organisation.objects.filter(pk=instance.organisation_id)
            .values_list("translation_key", flat=True)
            .first()
        )
    if key is not None:
        response_cache.tags_changed(translation_key_tags(Organisation, key))


def comment_changed(sender, instance: Comment, **kwargs) -> None:
    response_cache.article_participation_changed(instance.article_id)


def reactions_counted(sender, article_id: int, **kwargs) -> None:
    response_cache.article_participation_changed(article_id)


def connect() -> None:
    """Connect the handlers (from ApiConfig.ready, once the snippet registry is filled)."""
    uid = "api.core.cache"
    # Pages: what readers see changes only when a page is published or unpublished (saving a
    # draft changes nothing public); a move, a new slug or a deletion changes URLs others link to.
    wagtail_signals.page_published.connect(object_changed, dispatch_uid=uid)
    wagtail_signals.page_unpublished.connect(object_changed, dispatch_uid=uid)
    wagtail_signals.post_page_move.connect(content_changed, dispatch_uid=uid)
    wagtail_signals.page_slug_changed.connect(content_changed, dispatch_uid=uid)
    post_delete.connect(page_deleted, dispatch_uid=uid + ".page")
    # Snippets with drafts (Organisation) change publicly when published or unpublished; a
    # save also covers those without drafts (Service, Author) and edits made in code.
    wagtail_signals.published.connect(object_changed, dispatch_uid=uid)
    wagtail_signals.unpublished.connect(object_changed, dispatch_uid=uid)
    for model in get_snippet_models():
        post_save.connect(object_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(object_changed, sender=model, dispatch_uid=uid)
    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid=uid)
    post_delete.connect(content_changed, sender=get_image_model(), dispatch_uid=uid)
    # Translation status (`translationStatus.upToDate`) reads wagtail-localize's records, which
    # change when a source is synced, or a translated string is edited after the translation
    # was published (pages/translation.py), without any page being published.
    for model in (Translation, TranslationSource, StringTranslation):
        post_save.connect(translation_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(translation_changed, sender=model, dispatch_uid=uid)
    everything = {
        Locale,
        Site,
        # Privacy and other page references: a page or document made private must disappear
        # from cached responses at once (api/visibility.py decides what is served).
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        get_document_model(),
        Redirect,
    }
    for model in everything:
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
    # Records that are not snippets but change an organisation's `lastVerifiedAt`, `isStale`
    # and `hasOpenReports`, in every language.
    for model in (OrganisationVerification, DirectoryProblemReport):
        post_save.connect(trust_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(trust_changed, sender=model, dispatch_uid=uid)
    # Reader participation: per article.
    post_save.connect(comment_changed, sender=Comment, dispatch_uid=uid)
    post_delete.connect(comment_changed, sender=Comment, dispatch_uid=uid)
    reactions_changed.connect(reactions_counted, dispatch_uid=uid)
