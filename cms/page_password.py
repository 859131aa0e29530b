"""Wagtail's password forms for pages and documents, with a limit on guesses.

Wagtail's page views stay routed (cms/urls.py): a page under a password view restriction
answers its URL with a password form that posts to ``_util/authenticate_with_password/<restriction
id>/<page id>/``, and a document in a collection under a password restriction to
``documents/authenticate_with_password/<restriction id>/``; neither has a lockout of its own.
These views count each submitted password per client address and restriction (the secret being
guessed: every page under it shares the password, so the page id in the URL cannot be varied
to get more guesses) in the "ratelimit" cache, and past ``PAGE_PASSWORD_ATTEMPTS`` in
``PAGE_PASSWORD_WINDOW`` seconds answer 429 without checking the password. Like the comment
limits, they fail closed when the store is down.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from wagtail.documents.views.serve import (
    authenticate_with_password as authenticate_document_with_password,
)
from wagtail.views import authenticate_with_password

from community.clients import client_hash
from community.ratelimit import allow

DEFAULT_ATTEMPTS = 10
DEFAULT_WINDOW = 15 * 60


def _guesses_left(request, scope: str, restriction_id) -> HttpResponse | None:
    """None while this address may still guess ``restriction_id``'s password, else a 429."""
    if request.method != "POST":
        return None
    attempts = int(getattr(settings, "PAGE_PASSWORD_ATTEMPTS", DEFAULT_ATTEMPTS))
    window = int(getattr(settings, "PAGE_PASSWORD_WINDOW", DEFAULT_WINDOW))
    if allow(scope, f"{restriction_id}:{client_hash(request)}", attempts, window):
        return None
    response = HttpResponse(
        f"Too many password attempts from your address. Wait {window // 60} minutes and try again.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(window)
    return response


def limited_authenticate_with_password(request, page_view_restriction_id, page_id):
    refused = _guesses_left(request, "page-password", page_view_restriction_id)
    return refused or authenticate_with_password(request, page_view_restriction_id, page_id)


def limited_authenticate_document_with_password(request, restriction_id):
    refused = _guesses_left(request, "document-password", restriction_id)
    return refused or authenticate_document_with_password(request, restriction_id)
