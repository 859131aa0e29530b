"""Posting comments and reactions: validation, anti-spam, rate limits and moderation rules.

Used by the GraphQL mutations; everything a reader can get wrong comes back as a list of
:class:`FieldError`, never as an exception. Messages never repeat what the reader sent (an
error must not echo an email address into a log or a screen).
"""

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.http import HttpRequest

from pages.models import ArticlePage
from pages.visibility import site_id_for

from . import trust
from .clients import client_hash
from .conf import community_setting
from .models import Comment, CommentStatus, ReactionCount, ReactionKind
from .notifications import notify_moderators
from .ratelimit import allow, first_in_window, seen
from .text import NotPlainText, count_links, plain_text

logger = logging.getLogger(__name__)

FORM_TOKEN_SALT = "community.comment-form"
NAME_MAX = 100
EMAIL_MAX = 254
BODY_MAX = 5000


class ErrorCode(models.TextChoices):
    REQUIRED = "REQUIRED", "A required value is missing or empty"
    INVALID = "INVALID", "The value is not acceptable"
    TOO_LONG = "TOO_LONG", "The value is longer than allowed"
    NOT_FOUND = "NOT_FOUND", "The article, comment or organisation does not exist or is not public"
    COMMENTS_CLOSED = "COMMENTS_CLOSED", "The article does not take comments"
    REACTIONS_CLOSED = "REACTIONS_CLOSED", "The article does not take reactions"
    EXPIRED = "EXPIRED", "The form is too old: load the article again"
    RATE_LIMITED = "RATE_LIMITED", "Too many attempts from this client: wait and try again"
    DUPLICATE = "DUPLICATE", "The same comment was already posted on this article"
    MARKUP_NOT_ALLOWED = (
        "MARKUP_NOT_ALLOWED",
        "The text hides HTML under more layers of encoding than can be removed",
    )
    FORM_ALREADY_USED = (
        "FORM_ALREADY_USED",
        "The form token was already used (it sent a comment or report): load the form again",
    )


@dataclass(frozen=True)
class FieldError:
    field: str | None
    message: str
    code: str


@dataclass
class CommentResult:
    comment: Comment | None = None
    errors: list[FieldError] = field(default_factory=list)
    # A fresh commenter key for the poster to keep, when the input carried none or an unknown
    # one (community/trust.py); None on errors and when the key sent is already known.
    commenter_key: str | None = None

    @property
    def public_status(self) -> str | None:
        """What the poster is told. Spam and comments held by the article's flood ceiling are
        answered exactly like a pending comment."""
        if self.comment is None:
            return None
        if self.comment.status in (CommentStatus.SPAM, CommentStatus.HELD):
            return CommentStatus.PENDING
        return self.comment.status


@dataclass(frozen=True)
class FormKind:
    """A kind of reader form protected by form tokens: its signing salt (a token of one kind is
    refused by another) and what the reader reloads to get a new token, for the messages."""

    salt: str
    reload: str  # "the article"
    action: str  # "post your comment"
    target: str  # "article": what a foreign token belongs to


COMMENT_FORM = FormKind(FORM_TOKEN_SALT, "the article", "post your comment", "article")


def make_form_token(
    article_id: int, issued_at: float | None = None, *, kind: FormKind = COMMENT_FORM
) -> str:
    """A signed token proving when the comment form for ``article_id`` (or a form of another
    ``kind`` for its target) was loaded, with a random nonce that makes it single-use (see
    :func:`post_comment`)."""
    issued = time.time() if issued_at is None else issued_at
    return signing.dumps(
        {"a": article_id, "t": round(issued, 3), "n": secrets.token_urlsafe(12)},
        salt=kind.salt,
    )


@dataclass(frozen=True)
class FormToken:
    age: float  # seconds since the form was loaded
    nonce: str  # remembered once a comment is stored with it


def used_key(nonce: str) -> str:
    """The rate-limit store's key remembering that a token's nonce was used."""
    return f"form-token:{nonce}"


FORM_ALREADY_USED = FieldError(
    "formToken",
    "This form was already used: reload the article to comment again.",
    ErrorCode.FORM_ALREADY_USED,
)


def form_already_used(kind: FormKind = COMMENT_FORM) -> FieldError:
    if kind == COMMENT_FORM:
        return FORM_ALREADY_USED
    return FieldError(
        "formToken",
        f"This form was already used: reload {kind.reload} to send another.",
        ErrorCode.FORM_ALREADY_USED,
    )


def read_form_token(
    token: str, article_id: int, *, kind: FormKind = COMMENT_FORM
) -> tuple[FormToken | None, FieldError | None]:
    """The token's age and nonce, or an error for a forged, foreign, expired or used token."""
    try:
        # The issue time is inside the signed payload, so it cannot be forged.
        data = signing.loads(token or "", salt=kind.salt)
        age = time.time() - float(data["t"])
        # Tokens issued before nonces existed: the token itself stands for one.
        nonce = str(data.get("n") or hashlib.sha256(token.encode()).hexdigest())
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None, FieldError(
            "formToken",
            f"The form token is missing or invalid. Reload {kind.reload} and try again.",
            ErrorCode.INVALID,
        )
    if age > community_setting("FORM_MAX_AGE"):
        return None, FieldError(
            "formToken",
            f"This form has expired. Reload {kind.reload} and {kind.action} again.",
            ErrorCode.EXPIRED,
        )
    if data.get("a") != article_id:
        return None, FieldError(
            "formToken", f"The form token belongs to another {kind.target}.", ErrorCode.INVALID
        )
    # Early answer for a replay; the atomic check is when the comment is stored.
    if seen(used_key(nonce)):
        return None, form_already_used(kind)
    return FormToken(age=age, nonce=nonce), None


def looks_automated(honeypot: str, token: FormToken) -> bool:
    """A bot's tell: the hidden honeypot field filled in, or the form sent sooner than a
    person could (FORM_MIN_AGE seconds after its token was issued)."""
    return bool((honeypot or "").strip()) or token.age < community_setting("FORM_MIN_AGE")


ARTICLE_NOT_FOUND = FieldError(
    "articleId", "No published article has this id.", ErrorCode.NOT_FOUND
)


# The largest primary key a database stores: a larger id names nothing (and SQLite raises
# OverflowError on it rather than finding no row).
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    text = str(value).strip()
    # Digits only, and not too many: int() would accept "1_000", " +5" and megabytes of digits.
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def public_article(request: HttpRequest, article_id) -> ArticlePage | None:
    """The article with this id if the readers of ``request``'s site may see it: a reader
    cannot comment on, react to or answer the quiz of what the API would not show them."""
    pk = parse_id(article_id)
    if pk is None:
        return None
    return ArticlePage.objects.visible_to(site_id_for(request)).filter(pk=pk).first()


def _check_text(name: str, value: str, maximum: int, label: str) -> FieldError | None:
    if not value:
        return FieldError(name, f"{label} is required.", ErrorCode.REQUIRED)
    if len(value) > maximum:
        return FieldError(
            name, f"{label} must be at most {maximum} characters.", ErrorCode.TOO_LONG
        )
    return None


def _clean_text(
    name: str, value: str, maximum: int, label: str, *, multiline: bool = True
) -> tuple[str, FieldError | None]:
    """``value`` as plain text, or an error. The length limit applies to what was sent, before
    any cleaning, so cleaning never works on more than ``maximum`` characters."""
    value = value or ""
    if len(value) > maximum:
        return "", FieldError(
            name, f"{label} must be at most {maximum} characters.", ErrorCode.TOO_LONG
        )
    try:
        text = plain_text(value, multiline=multiline)
    except NotPlainText:
        return "", FieldError(
            name,
            f"{label} contains encoded HTML that cannot be removed. Write it as plain text.",
            ErrorCode.MARKUP_NOT_ALLOWED,
        )
    return text, _check_text(name, text, maximum, label)


def _check_email(email: str) -> FieldError | None:
    error = _check_text("authorEmail", email, EMAIL_MAX, "Your email address")
    if error:
        return error
    try:
        validate_email(email)
    except ValidationError:
        return FieldError(
            "authorEmail", "Enter a valid email address, e.g. name@example.org.", ErrorCode.INVALID
        )
    return None


def _duplicate_key(article_id: int, body: str) -> str:
    normalised = " ".join(body.lower().split())
    return "comment-body:" + hashlib.sha256(f"{article_id}\n{normalised}".encode()).hexdigest()


def _moderation_status(article: ArticlePage, key_hash: str | None, body: str) -> str:
    """APPROVED for a trusted commenter key (never for a known email: emails are not
    verified), else PENDING, or HELD once the article's queue took its share this hour."""
    if (
        community_setting("AUTO_APPROVE_KNOWN_AUTHORS")
        and count_links(body) <= community_setting("AUTO_APPROVE_MAX_LINKS")
        and trust.is_trusted(key_hash)
    ):
        return CommentStatus.APPROVED
    # Counted atomically (cache incr), per article whatever the client: a crowd of addresses
    # cannot flood one article's queue and the moderators' inboxes.
    ceiling = community_setting("ARTICLE_PENDING_PER_HOUR")
    if allow("article-pending", str(article.pk), ceiling, 3600):
        return CommentStatus.PENDING
    return CommentStatus.HELD


def post_comment(
    request: HttpRequest,
    *,
    article_id,
    author_name: str,
    author_email: str,
    body: str,
    form_token: str,
    parent_id=None,
    honeypot: str = "",
    commenter_key: str | None = None,
) -> CommentResult:
    """Validate and store a reader's comment; see the module docstring.

    The form token posts one comment: its nonce is remembered (atomic ``add`` in the
    "ratelimit" cache, for FORM_MAX_AGE) when a comment is stored, spam included, and a second
    use is refused with FORM_ALREADY_USED. A comment refused for its input or a rate limit does
    not use the token up, so the reader can fix it and send again."""
    article = public_article(request, article_id)
    if article is None:
        return CommentResult(errors=[ARTICLE_NOT_FOUND])
    if not article.comments_enabled:
        return CommentResult(
            errors=[
                FieldError(None, "Comments are closed on this article.", ErrorCode.COMMENTS_CLOSED)
            ]
        )

    name, name_error = _clean_text(
        "authorName", author_name, NAME_MAX, "Your name", multiline=False
    )
    email = (author_email or "").strip()
    text, body_error = _clean_text("body", body, BODY_MAX, "Your comment")
    errors = [error for error in (name_error, _check_email(email), body_error) if error]

    parent = None
    if parent_id not in (None, ""):
        parent = (
            Comment.objects.approved()
            .filter(pk=parse_id(parent_id) or 0, article=article, parent__isnull=True)
            .first()
        )
        if parent is None:
            errors.append(
                FieldError(
                    "parentId",
                    "You can only reply to a published comment on this article "
                    "(replies cannot be replied to).",
                    ErrorCode.NOT_FOUND,
                )
            )

    token, token_error = read_form_token(form_token, article.pk)
    if token_error:
        errors.append(token_error)
    if errors:
        return CommentResult(errors=errors)

    client = client_hash(request)
    if not (
        allow("comment-burst", client, 1, community_setting("COMMENT_MIN_INTERVAL"))
        and allow("comment-hour", client, community_setting("COMMENTS_PER_HOUR"), 3600)
    ):
        return CommentResult(
            errors=[
                FieldError(
                    None,
                    "You are posting too quickly. Wait a little and try again.",
                    ErrorCode.RATE_LIMITED,
                )
            ]
        )
    if not first_in_window(_duplicate_key(article.pk, text), community_setting("DUPLICATE_WINDOW")):
        return CommentResult(
            errors=[
                FieldError("body", "This comment was already posted here.", ErrorCode.DUPLICATE)
            ]
        )

    if not first_in_window(used_key(token.nonce), community_setting("FORM_MAX_AGE")):
        return CommentResult(errors=[FORM_ALREADY_USED])  # a concurrent replay won the race

    key_hash = trust.known_key_hash(commenter_key)
    issued_key = None
    if key_hash is None:
        issued_key = trust.new_key()
        key_hash = trust.key_hash(issued_key)
    is_spam = looks_automated(honeypot, token)
    status = CommentStatus.SPAM if is_spam else _moderation_status(article, key_hash, text)
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        author_name=name,
        author_email=email,
        body=text,
        status=status,
        client_hash=client,
        commenter_key_hash=key_hash,
    )
    logger.info("comment %s on article %s stored as %s", comment.pk, article.pk, status)
    if status == CommentStatus.PENDING:
        transaction.on_commit(lambda: notify_moderators(comment))
    return CommentResult(comment=comment, commenter_key=issued_key)


@dataclass
class ReactionResult:
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)
    article: ArticlePage | None = None  # the article reacted to, when it is public


def react(request: HttpRequest, *, article_id, kind: str) -> ReactionResult:
    """Count one reaction of ``kind`` on an article (atomic; no per-person rows)."""
    article = public_article(request, article_id)
    if article is None:
        return ReactionResult(errors=[ARTICLE_NOT_FOUND])
    if not article.reactions_enabled:
        return ReactionResult(
            article=article,
            errors=[
                FieldError(
                    None, "Reactions are closed on this article.", ErrorCode.REACTIONS_CLOSED
                )
            ],
        )
    if kind not in ReactionKind.values:
        return ReactionResult(
            article=article, errors=[FieldError("kind", "Unknown reaction.", ErrorCode.INVALID)]
        )
    if not allow(
        "reaction-hour", client_hash(request), community_setting("REACTIONS_PER_HOUR"), 3600
    ):
        return ReactionResult(
            article=article,
            counts=ReactionCount.counts_for([article.pk])[article.pk],
            errors=[
                FieldError(
                    None, "Too many reactions from you. Try again later.", ErrorCode.RATE_LIMITED
                )
            ],
        )
    ReactionCount.increment(article, kind)
    return ReactionResult(
        article=article, counts=ReactionCount.counts_for([article.pk])[article.pk]
    )
