"""The changes that make events, wired from WebhooksConfig.ready().

* Pages (any type): ``page_published``, ``page_unpublished``, and ``post_delete`` (once per
  page: Django also signals the deletion of the ``Page`` row under the specific one).
* Organisation and CrisisLine (drafts): Wagtail's ``published`` and ``unpublished`` (saving a
  draft changes nothing public; an unpublished entry is ``organisation.saved`` /
  ``crisis_line.saved``: what readers see of it changed), and ``post_delete``. Service and
  Author (no drafts): ``post_save`` and ``post_delete``.
* Comments: a save that makes the status ``approved`` (an approval in the admin, one by bulk
  action, or an automatic one of a trusted commenter); the earlier status is read before the
  save, and only for a comment being saved as approved.
* Translations: wagtail-localize's ``TranslationSource`` saved, i.e. a source's content was
  (re-)extracted ("Sync translated pages/snippets", or a translation started): the event is
  about the source object.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail import signals as wagtail_signals
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from community.models import Comment, CommentStatus
from snippets.models import Author, CrisisLine, Organisation, Service

from . import events
from .models import Endpoint, Event
from .subscriptions import forget_subscriptions

UID = "webhooks"

SAVED = {
    Organisation: Event.ORGANISATION_SAVED,
    CrisisLine: Event.CRISIS_LINE_SAVED,
    Service: Event.SERVICE_SAVED,
    Author: Event.AUTHOR_SAVED,
}
DELETED = {
    Organisation: Event.ORGANISATION_DELETED,
    CrisisLine: Event.CRISIS_LINE_DELETED,
    Service: Event.SERVICE_DELETED,
    Author: Event.AUTHOR_DELETED,
}


def page_published(sender, instance, **kwargs) -> None:
    events.emit(Event.ARTICLE_PUBLISHED, instance)


def page_unpublished(sender, instance, **kwargs) -> None:
    events.emit(Event.ARTICLE_UNPUBLISHED, instance)


def page_deleted(sender, instance, **kwargs) -> None:
    # The specific page, not the Page row deleted with it.
    if isinstance(instance, Page) and type(instance) is instance.specific_class:
        events.emit(Event.ARTICLE_DELETED, instance)


# Snippets with drafts: what readers see changes when they are published or unpublished.
DRAFTED = (Organisation, CrisisLine)


def snippet_published(sender, instance, **kwargs) -> None:
    if type(instance) in DRAFTED:
        events.emit(SAVED[type(instance)], instance)


def snippet_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        events.emit(SAVED[sender], instance)


def snippet_deleted(sender, instance, **kwargs) -> None:
    events.emit(DELETED[sender], instance)


def comment_before_save(sender, instance: Comment, raw=False, **kwargs) -> None:
    instance._webhook_approving = (
        not raw
        and instance.status == CommentStatus.APPROVED
        and (
            instance.pk is None
            or not Comment.objects.filter(pk=instance.pk, status=CommentStatus.APPROVED).exists()
        )
    )


def comment_saved(sender, instance: Comment, **kwargs) -> None:
    if getattr(instance, "_webhook_approving", False):
        instance._webhook_approving = False
        events.emit(Event.COMMENT_APPROVED, instance)


def translation_synced(sender, instance: TranslationSource, raw=False, **kwargs) -> None:
    if raw or not events.subscribed(Event.TRANSLATION_SYNCED):
        return
    try:
        source = instance.get_source_instance()
    except ObjectDoesNotExist:
        return
    events.emit(Event.TRANSLATION_SYNCED, source)


def connect() -> None:
    wagtail_signals.page_published.connect(page_published, dispatch_uid=UID)
    wagtail_signals.page_unpublished.connect(page_unpublished, dispatch_uid=UID)
    post_delete.connect(page_deleted, dispatch_uid=UID + ".page")
    wagtail_signals.published.connect(snippet_published, dispatch_uid=UID)
    wagtail_signals.unpublished.connect(snippet_published, dispatch_uid=UID)
    for model in (Service, Author):
        post_save.connect(snippet_saved, sender=model, dispatch_uid=UID)
    for model in DELETED:
        post_delete.connect(snippet_deleted, sender=model, dispatch_uid=UID)
    pre_save.connect(comment_before_save, sender=Comment, dispatch_uid=UID)
    post_save.connect(comment_saved, sender=Comment, dispatch_uid=UID)
    post_save.connect(translation_synced, sender=TranslationSource, dispatch_uid=UID)
    post_save.connect(forget_subscriptions, sender=Endpoint, dispatch_uid=UID)
    post_delete.connect(forget_subscriptions, sender=Endpoint, dispatch_uid=UID)
