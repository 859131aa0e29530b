"""Production: refuses to start without a real secret key or with debug on."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=0).")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or "insecure" in SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
