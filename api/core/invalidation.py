"""What makes cached GraphQL responses stale: Wagtail and Django signals wired to the response
cache's version bumps (see api.core.cache for the scheme)."""

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
from snippets.models import DirectoryProblemReport, OrganisationVerification

from . import cache as response_cache


def content_changed(sender=None, **kwargs) -> None:
    response_cache.content_changed()


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        response_cache.content_changed()


def comment_changed(sender, instance: Comment, **kwargs) -> None:
    response_cache.article_participation_changed(instance.article_id)


def reactions_counted(sender, article_id: int, **kwargs) -> None:
    response_cache.article_participation_changed(article_id)


def connect() -> None:
    """Connect the handlers (from ApiConfig.ready, once the snippet registry is filled)."""
    uid = "api.core.cache"
    # Pages: what readers see changes only when a page is published, unpublished, moved or
    # deleted (saving a draft changes nothing public).
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
    ):
        signal.connect(content_changed, dispatch_uid=uid)
    post_delete.connect(page_deleted, dispatch_uid=uid + ".page")
    # Snippets with drafts (Organisation) change publicly when published or unpublished; a
    # save also covers those without drafts (Service, Author) and edits made in code.
    wagtail_signals.published.connect(content_changed, dispatch_uid=uid)
    wagtail_signals.unpublished.connect(content_changed, dispatch_uid=uid)
    # Translation status (`translationStatus.upToDate`) reads wagtail-localize's records, which
    # change when a source is synced, or a translated string is edited after the translation
    # was published (pages/translation.py), without any page being published.
    watched = {
        *get_snippet_models(),
        get_image_model(),
        Locale,
        Site,
        Translation,
        TranslationSource,
        StringTranslation,
        # Privacy and other page references: a page or document made private must disappear
        # from cached responses at once (api/visibility.py decides what is served).
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        get_document_model(),
        Redirect,
        # Records that are not snippets but change organisations' `lastVerifiedAt`, `isStale`
        # and `hasOpenReports`.
        OrganisationVerification,
        DirectoryProblemReport,
    }
    for model in watched:
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
    # Reader participation: per article.
    post_save.connect(comment_changed, sender=Comment, dispatch_uid=uid)
    post_delete.connect(comment_changed, sender=Comment, dispatch_uid=uid)
    reactions_changed.connect(reactions_counted, dispatch_uid=uid)
