"""Production settings with the benchmark's baseline views, a throwaway secret key, and
community limits lifted so that the postComment row measures posting, not the rate limiter."""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
# benchmarks/run.py sets REDIS_URL when a Redis answers; without one, local memory is accepted
# (the numbers do not depend on invalidation reaching other workers).
os.environ.setdefault("SINGLE_PROCESS", "true")

from cms.settings.production import *  # noqa: F403
from cms.settings.production import COMMUNITY

ROOT_URLCONF = "benchmarks.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_PROXY_SSL_HEADER = None
# Plain HTTP on loopback, as behind a TLS-terminating proxy: no redirect to HTTPS, no HSTS.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
COMMUNITY = {
    **COMMUNITY,
    "COMMENT_MIN_INTERVAL": 0,
    "COMMENTS_PER_HOUR": 10**9,
    "REACTIONS_PER_HOUR": 10**9,
    "FORM_MIN_AGE": 0,
}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
