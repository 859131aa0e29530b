"""Returning commenters: trust that needs something only the commenter holds.

Emails are never verified, so an email address proves nothing: anyone can type someone else's.
Instead, ``postComment`` gives each new commenter a *commenter key* (32 random bytes,
URL-safe), which the frontend keeps (local storage) and sends back with later comments. Only
a SHA-256 hash of the key is stored, on each comment that carried it. A comment is published
without moderation only when its key matches a comment a moderator approved (auto-approval
settings permitting) and no comment with that key was marked as spam by a moderator.

Decisions:

* the email does not have to match: the key is the proof, and requiring an unverified address
  to match would add no security, only a way to lose trust by fixing a typo;
* the key is never logged, never stored in clear, and only returned to the request that
  carried none (or an unknown one), i.e. to its holder;
* ``purge_comment_personal_data`` clears the hash with the email and client hash: when every
  approved comment carrying a key is past retention, that commenter is moderated again;
* a plain hash is enough (no secret key in it): the key has 256 bits of entropy, so its hash
  cannot be reversed by guessing, and rotating ``SECRET_KEY`` does not end anyone's trust.
"""

import hashlib
import re
import secrets

from .models import Comment, CommentStatus

KEY_BYTES = 32
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet. Anything else is
# not a key this server issued: treated as none, without hashing megabytes of input.
KEY_RE = re.compile(r"[A-Za-z0-9_-]{43}")


def new_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def known_key_hash(key: str | None) -> str | None:
    """The hash of ``key`` if some stored comment carries it; None for no key, a malformed one
    or one this server never issued (or whose comments were all purged)."""
    if not key or not KEY_RE.fullmatch(key):
        return None
    hashed = key_hash(key)
    return hashed if Comment.objects.filter(commenter_key_hash=hashed).exists() else None


def is_trusted(hashed: str | None) -> bool:
    """A moderator approved a comment carrying this key, and none was marked as spam by one."""
    if not hashed:
        return False
    comments = Comment.objects.filter(commenter_key_hash=hashed)
    if comments.filter(status=CommentStatus.SPAM, moderated_at__isnull=False).exists():
        return False
    return comments.approved().exists()
