"""Wagtail's page-password form, with a limit on guesses.

Wagtail's page views stay routed (cms/urls.py): a page under a password view restriction
answers its URL with a password form that posts to ``_util/authenticate_with_password/<restriction
id>/<page id>/``, which has no lockout of its own. This view counts each submitted password per
client address and restriction (the secret being guessed: every page under it shares the
password, so the page id in the URL cannot be varied to get more guesses) in the "ratelimit"
cache, and past ``PAGE_PASSWORD_ATTEMPTS`` in ``PAGE_PASSWORD_WINDOW`` seconds answers 429
without checking the password. Like the comment limits, it fails closed when the store is down.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpResponse
from wagtail.views import authenticate_with_password

from community.clients import client_address
from community.ratelimit import allow

DEFAULT_ATTEMPTS = 10
DEFAULT_WINDOW = 15 * 60


def _address_key(request) -> str:
    # Keyed hash: the raw address is never written to the cache.
    key = f"page-password:{settings.SECRET_KEY}".encode()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def limited_authenticate_with_password(request, page_view_restriction_id, page_id):
    if request.method == "POST":
        attempts = int(getattr(settings, "PAGE_PASSWORD_ATTEMPTS", DEFAULT_ATTEMPTS))
        window = int(getattr(settings, "PAGE_PASSWORD_WINDOW", DEFAULT_WINDOW))
        client = f"{page_view_restriction_id}:{_address_key(request)}"
        if not allow("page-password", client, attempts, window):
            response = HttpResponse(
                f"Too many password attempts for this page from your address. Wait "
                f"{window // 60} minutes and try again.",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(window)
            return response
    return authenticate_with_password(request, page_view_restriction_id, page_id)
