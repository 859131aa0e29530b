"""Production: refuses to start without a real secret key, with debug on, or without a shared
cache (REDIS_URL) unless it is a single process (SINGLE_PROCESS), and passes
``manage.py check --deploy`` with no warnings (CI checks it). See SECURITY.md."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DATABASES,
    DEBUG,
    LOGGING,
    MIDDLEWARE,
    REDIS_URL,
    SECRET_KEY,
    SINGLE_PROCESS,
    STORAGES,
    env_bool,
    tasks_setting,
)

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=0).")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or "insecure" in SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
if not REDIS_URL and not SINGLE_PROCESS:
    raise ImproperlyConfigured(
        "REDIS_URL must point to a Redis shared by every worker in production (e.g. "
        "redis://127.0.0.1:6379/0): with per-process caches, a page made private stays served "
        "by other workers and rate limits are counted apart. If this server really runs a "
        "single process, set SINGLE_PROCESS=true to use local memory."
    )
# SQLite takes one writer at a time and lives on one machine's disk; settings cannot count the
# processes (gunicorn workers, db_worker, the scheduler), so production refuses it unless the
# operator declares a single-process site (deploy/gunicorn.conf.py then runs one worker).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not SINGLE_PROCESS:
    raise ImproperlyConfigured(
        "Production refuses SQLite: several processes (gunicorn workers, the task worker, "
        "the scheduler) would contend for one file on one machine. Set DATABASE_URL to "
        "PostgreSQL (postgres://user:password@host:5432/cms), or set SINGLE_PROCESS=true to "
        "run a single-process site on SQLite."
    )

# HTTPS everywhere, behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview panel frames its own preview views, which override this for themselves.
X_FRAME_OPTIONS = "DENY"

# The schema is published in frontend_contract/; production does not describe it to strangers.
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", False)
GRAPHQL_SUGGESTIONS = GRAPHQL_INTROSPECTION

# Logs as JSON lines with the request id (cms/logs.py), unless LOG_FORMAT=plain.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
if LOG_FORMAT not in LOGGING["formatters"]:
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
# Background work is queued in the database and run by `manage.py db_worker`, never in a
# request (README "Background work").
TASKS = tasks_setting("database")

# Static files (the admin's CSS and JavaScript): `manage.py collectstatic` writes them to
# STATIC_ROOT with content hashes in their names and gzip/Brotli copies; WhiteNoise serves them
# from every app process with far-future caching (`max-age` of ten years, `immutable`) for
# hashed names. deploy/nginx.conf may serve STATIC_ROOT itself. Right after SecurityMiddleware,
# as WhiteNoise asks, so static files skip the rest of the stack (sessions, locale, CSRF).
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
