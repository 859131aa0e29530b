"""Emails to moderators: one per comment that waits for moderation."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Moderators"


def moderator_emails() -> list[str]:
    User = get_user_model()
    return sorted(
        set(
            User.objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def notify_moderators(comment) -> None:
    """Tell every moderator that ``comment`` awaits moderation (blind copies, so moderators'
    addresses are not shared). The reader's email address is not included."""
    try:
        recipients = moderator_emails()
        if not recipients:
            return
        edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            comment.snippet_viewset.get_url_name("edit"), args=(comment.pk,)
        )
        EmailMessage(
            subject=f"New comment awaiting moderation on “{comment.article.title}”",
            body=(
                f"{comment.author_name} wrote on “{comment.article.title}”:\n\n"
                f"{comment.body}\n\n"
                f"Approve, reject or mark it as spam: {edit_url}\n"
            ),
            bcc=recipients,
        ).send()
    except Exception:
        # The comment is stored either way; a mail outage must not fail the reader's post.
        logger.exception("could not email moderators about comment %s", comment.pk)
