"""Local development: debug on, GraphiQL on, an insecure key that only ever exists here."""

import os

from .base import *  # noqa: F403
from .base import GRAPPLE, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
GRAPPLE = {**GRAPPLE, "EXPOSE_GRAPHIQL": True}
SERVE_READER = env_bool("SERVE_READER", DEBUG)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
