"""Emails to moderators: one per comment that waits for moderation.

Sent by a background task (:data:`send_moderator_email`), queued when the comment is committed:
never in the reader's request. A failed send (mail server down) is retried with backoff (see
cms/tasks.py). Every attempt for one comment carries the same Message-ID, so a mail server or
client that sees a message twice (an attempt that delivered but could not tell the worker)
can drop the copy.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse

from cms.tasks import retrying_task

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
    """Queue the email telling moderators that ``comment`` awaits moderation. Never raises: the
    comment is stored either way, and a queue outage must not fail the reader's post."""
    try:
        send_moderator_email.enqueue(comment.pk)
    except Exception:
        logger.exception("could not queue the moderators' email about comment %s", comment.pk)


def message_id(comment) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    return f"<comment-{comment.pk}-moderation@{domain}>"


@retrying_task()
def send_moderator_email(comment_id: int) -> str:
    """Tell every moderator that the comment awaits moderation (blind copies, so moderators'
    addresses are not shared). The reader's email address is not included. Raises when the
    mail server refuses, so the task is retried."""
    from .models import Comment

    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        return "comment deleted"
    recipients = moderator_emails()
    if not recipients:
        return "no moderators"
    # The comment's screen in the admin: its context and approve / reject / spam in one click.
    moderate_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        comment.snippet_viewset.get_url_name("inspect"), args=(comment.pk,)
    )
    EmailMessage(
        subject=f"New comment awaiting moderation on “{comment.article.title}”",
        body=(
            f"{comment.author_name} wrote on “{comment.article.title}”:\n\n"
            f"{comment.body}\n\n"
            f"Approve, reject or mark it as spam, in one click: {moderate_url}\n"
        ),
        bcc=recipients,
        headers={"Message-ID": message_id(comment)},
    ).send()
    logger.info("emailed %s moderator(s) about comment %s", len(recipients), comment.pk)
    return f"sent to {len(recipients)}"
