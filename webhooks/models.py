"""Outgoing webhooks: the endpoints frontends register (managed in the admin) and the log of
every delivery to them (see ``delivery`` for how they are sent)."""

from __future__ import annotations

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class Event(models.TextChoices):
    ARTICLE_PUBLISHED = "article.published", "Article (any page) published"
    ARTICLE_UNPUBLISHED = "article.unpublished", "Article (any page) unpublished"
    ARTICLE_DELETED = "article.deleted", "Article (any page) deleted"
    ORGANISATION_SAVED = "organisation.saved", "Organisation published or unpublished"
    ORGANISATION_DELETED = "organisation.deleted", "Organisation deleted"
    CRISIS_LINE_SAVED = "crisis_line.saved", "Crisis line published or unpublished"
    CRISIS_LINE_DELETED = "crisis_line.deleted", "Crisis line deleted"
    SERVICE_SAVED = "service.saved", "Service saved"
    SERVICE_DELETED = "service.deleted", "Service deleted"
    AUTHOR_SAVED = "author.saved", "Author saved"
    AUTHOR_DELETED = "author.deleted", "Author deleted"
    COMMENT_APPROVED = "comment.approved", "Comment approved"
    TRANSLATION_SYNCED = "translation.synced", "Translation source synced"


class ObjectType(models.TextChoices):
    """What an event is about: the model's class name, which is also its GraphQL type name."""

    ARTICLE_PAGE = "ArticlePage", "Article pages"
    ARTICLE_INDEX_PAGE = "ArticleIndexPage", "Article index pages"
    HOME_PAGE = "HomePage", "Home pages"
    ORGANISATION = "Organisation", "Organisations"
    CRISIS_LINE = "CrisisLine", "Crisis lines"
    SERVICE = "Service", "Services"
    AUTHOR = "Author", "Authors"
    COMMENT = "Comment", "Comments"


SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """A Standard Webhooks signing secret: ``whsec_`` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


class Endpoint(models.Model):
    name = models.CharField(max_length=100, help_text="Who receives it, e.g. “Website (Next.js)”.")
    url = models.URLField(
        "URL",
        max_length=500,
        help_text="An http or https URL the events are POSTed to. Redirects are not followed.",
    )
    events = models.JSONField(default=list, help_text="The events sent to this endpoint.")
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name="language",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Only events about content in this language (all languages when empty).",
    )
    object_types = models.JSONField(
        "content types",
        default=list,
        blank=True,
        help_text="Only events about these types of content (all types when none is ticked).",
    )
    active = models.BooleanField(
        default=True,
        help_text="Inactive endpoints receive nothing. An endpoint whose deliveries keep "
        "failing is made inactive.",
    )
    # The signing secret: shown once, when the endpoint is created; kept because signing needs it.
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    disabled_reason = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One message to one endpoint, with the outcome of its last attempt. Automatic retries
    update the same row; a redelivery from the admin is a new row with the same message id."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RETRYING = "retrying", "Failed, will retry"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=40, db_index=True)  # `webhook-id`
    event = models.CharField(max_length=40, choices=Event.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempt = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.CharField(max_length=255, blank=True)
    next_retry_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["endpoint", "created_at"])]

    def __str__(self):
        return f"{self.event} to {self.endpoint} ({self.get_status_display()})"


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    "WEBHOOK_ALLOW_PRIVATE_TARGETS": False,
    "WEBHOOK_TIMEOUT": 5,
    "WEBHOOK_MAX_ATTEMPTS": 5,
    "WEBHOOK_RETRY_DELAY": 90,
    "WEBHOOK_DISABLE_AFTER": 5,
    "WEBHOOK_LOG_DAYS": 30,
}
