"""Fresh cache hits of ``GET /graphql/`` answered near the top of the middleware stack.

A repeated read whose response is cached (the pipeline's thin hit path, view.py) needs none of
what the middleware below this one provide: sessions, CSRF, authentication, messages, Wagtail's
redirects and django-axes do nothing for a public JSON read the view answers from the cache
(no session is read, no cookie set, no user looked up). Going through them cost a cache hit
about a fifth of its time. :class:`CachedReadMiddleware` sits right below ``SecurityMiddleware``
and answers such a hit itself, with the headers the skipped middleware would have added,
computed by those middleware's own code (CORS, the language, ``X-Frame-Options``,
``Content-Length``): a hit answered here and one answered by the view are the same response,
header for header (``tests/api/test_hit_middleware.py``).

Anything else (a miss, a request the pipeline has not decided before, POST, another path)
goes down the whole stack as before. The middleware below it must all be ones it knows (listed
in :data:`INERT_FOR_HITS` or reproduced here): a middleware added later that it does not know
turns it off, with a warning, rather than being skipped silently.
"""

from __future__ import annotations

import logging

from corsheaders.middleware import CorsMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse

from . import view

logger = logging.getLogger(__name__)

SELF = "api.core.hits.CachedReadMiddleware"
# Middleware whose work a cached read does not need: nothing on the way in that the hit path
# reads, nothing on the way out unless the view used them (a session read, a CSRF token asked
# for, a message stored, a login attempt, a 404).
INERT_FOR_HITS = frozenset(
    {
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "wagtail.contrib.redirects.middleware.RedirectMiddleware",
        "axes.middleware.AxesMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    }
)
# Middleware whose effects on a hit are reproduced below, with their own code.
REPRODUCED = frozenset(
    {
        "corsheaders.middleware.CorsMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    }
)


def unknown_below() -> list[str]:
    """The middleware below this one that it neither knows to be inert nor reproduces."""
    middleware = list(settings.MIDDLEWARE)
    below = middleware[middleware.index(SELF) + 1 :] if SELF in middleware else []
    return [name for name in below if name not in INERT_FOR_HITS | REPRODUCED]


class CachedReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.path = reverse("grapple_graphql")
        unknown = unknown_below()
        self.enabled = not unknown
        if unknown:
            logger.warning(
                "cache hits go through the whole middleware stack: %s does not know what %s "
                "do (list them in api/core/hits.py)",
                SELF,
                ", ".join(unknown),
            )
        self.cors = CorsMiddleware(get_response)
        self.locale = LocaleMiddleware(get_response)
        self.common = CommonMiddleware(get_response)
        self.xframe = XFrameOptionsMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not self.enabled
            or request.method not in ("GET", "HEAD")
            or request.path_info != self.path
        ):
            return self.get_response(request)
        # The way in, as the skipped middleware would: CORS decides whether it applies,
        # CommonMiddleware may refuse or redirect, LocaleMiddleware activates the language
        # (part of what a known read is recognised by).
        self.cors.check_preflight(request)
        refused = self.common.process_request(request)
        if refused is not None:
            return self.get_response(request)
        self.locale.process_request(request)
        response = view.answer_hit(request)
        if response is None:
            return self.get_response(request)
        # The way out, innermost first, as the stack would have run them.
        response = self.xframe.process_response(request, response)
        response = self.common.process_response(request, response)
        response = self.locale.process_response(request, response)
        return self.cors.add_response_headers(request, response)
