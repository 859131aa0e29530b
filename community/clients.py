"""Who is asking, without knowing who they are: a keyed hash of address and user agent."""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest

from .conf import community_setting


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry added by the nearest
    trusted proxy when ``TRUSTED_PROXY_COUNT`` proxies sit in front of the app."""
    proxies = community_setting("TRUSTED_PROXY_COUNT")
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request: HttpRequest) -> str:
    """HMAC-SHA256 of the address and user agent, keyed by the secret key: stable enough for
    rate limits, useless for finding the person (the raw address is never stored)."""
    message = f"{client_address(request)}\n{request.META.get('HTTP_USER_AGENT', '')}"
    key = f"community-client:{settings.SECRET_KEY}".encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
