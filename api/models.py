"""Read-only API tokens for server-to-server reads (a build server, a staging frontend).

A token is created in the admin (Settings → API tokens) and shown once: only its SHA-256 is
stored, with its first characters (``prefix``) so that editors can tell tokens apart. Sent as
``Authorization: Bearer <token>`` to ``/graphql/``, a valid token (not revoked, not expired)
lets the request read the latest revision of every page of the site, unpublished and
view-restricted ones included (api/core/tokens.py, api/visibility.py); it never runs a mutation.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

# What every token starts with, so that one pasted where it should not be (a log, a repository)
# is recognisable by secret scanners.
TOKEN_PREFIX = "cmsr_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    name = models.CharField(max_length=100, help_text="What uses it, e.g. “Staging build server”.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: the token stops working at this time."
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def set_new_token(self) -> str:
        """Give this token a new secret; returns it (the only time it is known)."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.token_hash = hash_token(raw)
        self.prefix = raw[:PREFIX_LENGTH]
        return raw

    def is_valid(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "Expired"
        return "Active"

    @classmethod
    def find(cls, raw: str) -> ApiToken | None:
        """The valid token whose secret is ``raw``, or None (unknown, revoked or expired).
        The lookup is by the secret's hash, so no comparison of secrets takes place here."""
        token = cls.objects.filter(token_hash=hash_token(raw)).first()
        return token if token is not None and token.is_valid() else None
