"""Test settings: fast hashing, in-process email, no GraphiQL."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# django-axes needs the request to authenticate, which the test client's login() and Wagtail's
# test helpers do not pass; tests/security/test_admin_and_deploy.py turns it on for its tests.
AXES_ENABLED = False
SERVE_READER = True  # the browser tests drive the reader on the live server
