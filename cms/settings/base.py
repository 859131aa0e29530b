"""Settings shared by every environment. Everything deployment-specific comes from the environment.

Environment variables:
    DATABASE_URL   database (default: SQLite file ``db.sqlite3`` beside manage.py)
    REDIS_URL      cache and rate-limit store (default: local memory; production requires it
                   unless SINGLE_PROCESS is set)
    SINGLE_PROCESS "1"/"true": production runs one process, so local memory may be its cache
    SECRET_KEY     required in production
    ALLOWED_HOSTS  comma-separated host names
    DEBUG          "1"/"true" to enable (never in production)
    WAGTAILADMIN_BASE_URL  public URL of the admin, used in notification emails
    PERSISTED_QUERY_MAX_AGE  seconds a persisted GraphQL read may be cached (default 60)
    GRAPHQL_PERSISTED_ONLY   "1" to refuse GraphQL operations that are not persisted
    CORS_ALLOWED_ORIGINS     comma-separated origins of the frontends that may call /graphql/
                             from a browser (e.g. "https://www.example.org"); none by default
    GRAPHQL_INTROSPECTION    "1"/"0": schema introspection (on by default, off in production)
    GRAPHIQL                 "1" to serve the GraphiQL IDE at /graphiql/ (on in development)
    GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_FIELDS, GRAPHQL_MAX_ALIASES, GRAPHQL_MAX_TOKENS,
    GRAPHQL_MAX_QUERY_LENGTH  query limits (see api/core/limits.py for the defaults)
    ALLOWED_IMAGE_FILTERS    comma-separated Wagtail filter specs clients may ask renditions for
    AXES_FAILURE_LIMIT       failed admin logins (per user name and address) before a lockout
    RESPONSE_CACHE_ENABLED   "0" to turn the GraphQL response cache off (default on)
    API_TOKEN_RATE_LIMIT     requests a minute each API token may make (default 600)
    RESPONSE_CACHE_TIMEOUT   seconds a cached GraphQL response may live (default 300)
    MAX_PAGE_OFFSET          items page numbers reach before PAGE_TOO_DEEP (default 1000)
    SEARCH_CANDIDATES        newest matching articles `search` ranks by relevance (default 500)
    DIRECTORY_REVERIFY_DAYS  days before a directory verification is stale (default 180)
    VISIBILITY_CACHE_TIMEOUT seconds the cached restricted pages, sites and site roots may be
                             trusted before they are read again (default 60)
    EDGE_PURGE_LOCATION      the edge's purge listener, e.g. http://127.0.0.1:8080 (default: none)
    EDGE_CACHE               "nginx" (default: purges by URL, deploy/nginx.conf) or "varnish"
                             (purges by cache tag, deploy/varnish.vcl)
    TASKS_BACKEND            "database" to queue background work for `manage.py db_worker`
                             (production's default), "immediate" to run it at once (default)
    TASK_MAX_ATTEMPTS, TASK_RETRY_DELAY  retries of a failed task (default 10 attempts, the
                             first retry after 30 s, then doubling; see cms/tasks.py)
    MEDIA_S3_BUCKET, MEDIA_S3_*  media on S3-compatible object storage (cms/media_storage.py)
    WEBHOOK_ALLOW_PRIVATE_TARGETS  "1" to let webhooks go to loopback, private and other
                             non-public addresses (default off; webhooks/targets.py)
    WEBHOOK_TIMEOUT, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAY, WEBHOOK_DISABLE_AFTER  webhook
                             deliveries (default 5 s, 5 attempts, 90 s tripling, an endpoint
                             disabled after 5 failed deliveries in a row; webhooks/delivery.py)
    WEBHOOK_LOG_DAYS         days the webhook delivery log is kept (default 30)
See SECURITY.md for what each control does and what production must set.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cms.media_storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "demo",
    "pages",
    "snippets",
    "community",
    "api",
    "webhooks",
    "cms",  # the scheduler (cms/scheduler.py) and its run_scheduler command
    "django_tasks_db",  # the database queue of background tasks (TASKS below)
    # wagtail-localize replaces wagtail.locales and must come before the Wagtail apps.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "corsheaders",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # These must come last: grapple reads the snippet registry that wagtail.snippets fills in
    # its ready(); placed earlier, snippets are missing from the schema
    # (https://github.com/torchbox/wagtail-grapple/issues/307).
    "wagtail_headless_preview",
    "graphene_django",
    "grapple",
]

MIDDLEWARE = [
    # First: every log line of a request, and its response, carry the request's id.
    "cms.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Fresh cache hits of GET /graphql/, answered before the rest (api/core/hits.py).
    "api.core.hits.CachedReadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, so preflight (OPTIONS) requests are answered here.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The threaded dev server writes from several threads at once. WAL lets readers proceed
    # during a write, IMMEDIATE takes the write lock at BEGIN (so a transaction never has to
    # upgrade a read lock and fail with "database is locked"), and the timeout makes a second
    # writer wait for the lock instead of failing at once.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Two aliases on the same store. "default" (pages, sites, responses) treats an unreachable
# Redis as a cache miss, so reads keep working without it. "ratelimit" (rate limits, anti-spam
# counters) lets the error through, so the mutations refuse instead of counting nothing: see
# community/ratelimit.py and SECURITY.md.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Local memory is one process's alone: another worker would keep serving what was changed here
# (a page made private, a site moved) until its copy expires, and count rate limits apart.
# Production refuses it unless SINGLE_PROCESS says there is only one process.
SINGLE_PROCESS = env_bool("SINGLE_PROCESS", False)
if REDIS_URL:
    _redis = {
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
        # Fail fast: a request must not hang on a Redis that is gone.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {
        "default": {"BACKEND": "cms.cache.ResilientRedisCache", **_redis},
        "ratelimit": {"BACKEND": "django.core.cache.backends.redis.RedisCache", **_redis},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cms"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cms-ratelimit",
        },
    }

# --- Auth -----------------------------------------------------------------------------------
# Wagtail's page-password form (cms/page_password.py): submitted passwords per client address
# and view restriction, within a window of seconds; past it, 429.
PAGE_PASSWORD_ATTEMPTS = 10
PAGE_PASSWORD_WINDOW = 15 * 60
# django-axes counts failed admin logins: after AXES_FAILURE_LIMIT failures for one user name
# from one address, that pair is locked out for AXES_COOLOFF_TIME hours (the login page says
# so). Keyed on the pair, so a stranger cannot lock an editor out from everywhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "community.clients.client_address"  # honours TRUSTED_PROXY_COUNT
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# --- Internationalisation -------------------------------------------------------------------
# Content languages come from the environment, e.g.
#   CONTENT_LANGUAGES="en:English,es:Español,pt-br:Português (Brasil)"
# The first is the default. `manage.py migrate` creates a Wagtail locale for each one; no code
# change is needed to add a language.
def parse_languages(value: str) -> list[tuple[str, str]]:
    languages = []
    for item in value.split(","):
        code, _, name = item.strip().partition(":")
        if code.strip():
            languages.append((code.strip().lower(), name.strip() or code.strip()))
    if not languages:
        raise ImproperlyConfigured("CONTENT_LANGUAGES must name at least one language.")
    return languages


WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = parse_languages(
    os.environ.get("CONTENT_LANGUAGES", "en:English,es:Español")
)
LANGUAGE_CODE = LANGUAGES[0][0]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True

# wagtail-localize (decided in docs/translators.md, "How wagtail-localize is configured").
# "Translate" creates the translated page or organisation as a draft, whatever the source's
# status: it holds the source's text until a translator publishes it from the translation
# editor. (Services and authors have no drafts: wagtail-localize saves them at once.)
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# New translations are synced: they open in the translation editor and follow their source.
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# Deleting a translated page or snippet (or its source) stops its translation instead of
# deleting the translators' strings; translating it again picks them up.
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Mindful Recovery Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# --- Community (comments, reactions): see community/conf.py for every option -----------------
COMMUNITY = {
    "PERSONAL_DATA_RETENTION_DAYS": int(os.environ.get("COMMENT_RETENTION_DAYS", "180")),
    "TRUSTED_PROXY_COUNT": int(os.environ.get("TRUSTED_PROXY_COUNT", "0")),
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Mindful Recovery Hub <noreply@localhost>"
)

# --- GraphQL --------------------------------------------------------------------------------
GRAPHENE = {"SCHEMA": "api.schema.schema"}
GRAPPLE = {
    "APPS": {"pages": "", "snippets": ""},
    "EXPOSE_GRAPHIQL": env_bool("GRAPHIQL", False),
    "PAGE_SIZE": 10,
    "MAX_PAGE_SIZE": 100,
    "RICHTEXT_FORMAT": "html",
    # Renditions clients may ask for (ImageObjectType.rendition/srcSet): anything else is
    # refused, so a client cannot make the server generate and store arbitrary images. Each
    # width also in WebP and AVIF (srcSet(sizes, format: "webp" | "avif"), for <picture>).
    "ALLOWED_IMAGE_FILTERS": env_list(
        "ALLOWED_IMAGE_FILTERS",
        "width-320,width-640,width-960,width-1280,fill-640x360,fill-1280x720,"
        "width-320|format-webp,width-640|format-webp,width-960|format-webp,"
        "width-1280|format-webp,"
        "width-320|format-avif,width-640|format-avif,width-960|format-avif,"
        "width-1280|format-avif",
    ),
}
# Query limits, checked before execution (api/core/limits.py says what each bounds). The deepest
# operation of frontend_contract/ needs a depth of 4; tests/security keeps this a little above.
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "6"))
GRAPHQL_MAX_FIELDS = int(os.environ.get("GRAPHQL_MAX_FIELDS", "400"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "15"))
GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "2000"))
GRAPHQL_MAX_QUERY_LENGTH = int(os.environ.get("GRAPHQL_MAX_QUERY_LENGTH", "20000"))
# The cost bound (api/core/cost.py): the estimated rows a request may return, counting a list
# with no page size as GRAPHQL_COST_LIST_SIZE items. The default is over twice what the largest
# operation of the frontend contract needs (tests/security/test_cost.py keeps it so).
GRAPHQL_COST_LIST_SIZE = int(os.environ.get("GRAPHQL_COST_LIST_SIZE", "20"))
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", "60000"))
# A larger POST body is refused with 413 before it is read; below Django's own cap
# (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB), which would answer with an HTML page.
GRAPHQL_MAX_BODY_BYTES = int(os.environ.get("GRAPHQL_MAX_BODY_BYTES", str(2_000_000)))
# Introspection and graphql-core's "Did you mean" suggestions describe the whole schema to
# anyone; production turns both off (frontend_contract/schema.graphql is the public reference).
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
GRAPHQL_SUGGESTIONS = GRAPHQL_INTROSPECTION
# Browsers may call /graphql/ from these origins only (frontends on other sites; server-side
# frontends need no CORS). No cookies are sent or accepted cross-origin.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/graphql/$"
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "content-type", "if-none-match", "x-request-id"]
CORS_EXPOSE_HEADERS = ["etag", "x-request-id"]
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400
# Persisted queries (frontend_contract/persisted-operations.json; see api/core/view.py): how long
# shared caches and browsers may keep a persisted read operation's response, in seconds, and
# whether to refuse every operation that is not persisted (allow-list mode, for production
# once every frontend sends persisted queries).
PERSISTED_QUERY_MAX_AGE = int(os.environ.get("PERSISTED_QUERY_MAX_AGE", "60"))
GRAPHQL_PERSISTED_ONLY = env_bool("GRAPHQL_PERSISTED_ONLY", False)
# Response cache (api/core/cache.py): successful public reads kept in the cache above,
# dropped when content, comments or reactions change; entries live at most this many seconds.
RESPONSE_CACHE_ENABLED = env_bool("RESPONSE_CACHE_ENABLED", True)
RESPONSE_CACHE_TIMEOUT = int(os.environ.get("RESPONSE_CACHE_TIMEOUT", "300"))
# Responses holding safety-critical content (crisis lines, safety-critical callouts:
# pages/safety.py) are kept at most this many seconds by any cache (the server's, browsers',
# the edge's), whatever the two settings above say.
SAFETY_CRITICAL_MAX_AGE = min(60, int(os.environ.get("SAFETY_CRITICAL_MAX_AGE", "60")))
# Read-only API tokens (api/core/tokens.py): requests a minute each token may make, counted in
# the "ratelimit" cache apart from readers' limits.
API_TOKEN_RATE_LIMIT = int(os.environ.get("API_TOKEN_RATE_LIMIT", "600"))
# Items page numbers reach (OFFSET grows with the depth); cursors go further (api/fields.py).
MAX_PAGE_OFFSET = int(os.environ.get("MAX_PAGE_OFFSET", "1000"))
# Matching articles `search` ranks by relevance, the newest first (api/search.py): ranking costs
# as many matches as it ranks, so a word every article has costs the same on any site's size.
SEARCH_CANDIDATES = int(os.environ.get("SEARCH_CANDIDATES", "500"))
# Days a directory verification holds before its organisation is stale (`isStale`, the
# "Directory verification" report and the weekly digest: snippets/verification.py).
DIRECTORY_REVERIFY_DAYS = int(os.environ.get("DIRECTORY_REVERIFY_DAYS", "180"))
# Automated directory checks (snippets/checks.py; daily task `directory_checks`): organisations
# checked a run (the longest unchecked first), seconds before a connection gives up, results
# kept per organisation and kind, the DNS server to ask ("host:port"; empty: the system's), the
# port mail hosts are asked on, and whether private/loopback targets may be checked (tests only:
# off, it guards against SSRF through an organisation's website or email).
DIRECTORY_CHECKS_BATCH = int(os.environ.get("DIRECTORY_CHECKS_BATCH", "200"))
DIRECTORY_CHECKS_TIMEOUT = float(os.environ.get("DIRECTORY_CHECKS_TIMEOUT", "5"))
DIRECTORY_CHECKS_KEEP = int(os.environ.get("DIRECTORY_CHECKS_KEEP", "10"))
DIRECTORY_CHECKS_DNS = os.environ.get("DIRECTORY_CHECKS_DNS", "")
DIRECTORY_CHECKS_SMTP_PORT = int(os.environ.get("DIRECTORY_CHECKS_SMTP_PORT", "25"))
DIRECTORY_CHECKS_ALLOW_PRIVATE = env_bool("DIRECTORY_CHECKS_ALLOW_PRIVATE", False)
# The visibility rule's lookups (pages/visibility.py: restricted pages, sites, Wagtail's site
# root paths, the next scheduled go-live or expiry) are dropped when they change and, as a
# backstop, trusted at most this many seconds.
VISIBILITY_CACHE_TIMEOUT = int(os.environ.get("VISIBILITY_CACHE_TIMEOUT", "60"))
# Edge cache (deploy/nginx.conf or deploy/varnish.vcl): where to send PURGE requests when
# cached reads go stale (api/core/edge.py): by URL to nginx, by cache tag to Varnish.
EDGE_PURGE_LOCATION = os.environ.get("EDGE_PURGE_LOCATION", "")
EDGE_CACHE = os.environ.get("EDGE_CACHE", "nginx").strip().lower()
EDGE_BACKENDS = {
    "nginx": "api.core.edge.NginxPurgeBackend",
    "varnish": "api.core.edge.VarnishPurgeBackend",
}
if EDGE_CACHE not in EDGE_BACKENDS:
    raise ImproperlyConfigured(
        f"EDGE_CACHE must be one of {sorted(EDGE_BACKENDS)}, not {EDGE_CACHE!r}."
    )
if EDGE_PURGE_LOCATION:
    WAGTAILFRONTENDCACHE = {
        EDGE_CACHE: {"BACKEND": EDGE_BACKENDS[EDGE_CACHE], "LOCATION": EDGE_PURGE_LOCATION}
    }
# Headless preview (cms/preview.py): the admin's "Frontend" preview mode opens this frontend URL
# with ?content_type=...&token=...; tokens are valid for PREVIEW_TOKEN_MAX_AGE seconds.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ.get("PREVIEW_CLIENT_URL", "http://127.0.0.1:8000/")},
}
PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("PREVIEW_TOKEN_MAX_AGE", "3600"))
# The reference reader (frontend_contract/reader/, cms/reader.py): Django serves it at `/` when
# this is on (development: on unless SERVE_READER=0). In production a static host serves it.
SERVE_READER = env_bool("SERVE_READER", False)

# Prometheus metrics at /metrics (cms/metrics.py), for the bearer of this token only; off when
# empty.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# --- Media storage (cms/media_storage.py; README "Media storage") ---------------------------
# Original images, renditions and documents: MEDIA_ROOT on the local disk, or an S3-compatible
# bucket when MEDIA_S3_BUCKET is set (django-storages). Documents are served through Wagtail's
# document view, which checks collection privacy first; it then redirects to a signed bucket URL
# or, when the bucket's URLs are plain, streams the file itself.
MEDIA_STORAGE = media_storage(
    os.environ, cached_for=RESPONSE_CACHE_TIMEOUT + PERSISTED_QUERY_MAX_AGE
)
STORAGES["default"] = MEDIA_STORAGE.storage
WAGTAILDOCS_SERVE_METHOD = MEDIA_STORAGE.documents_serve_method

# --- Background tasks (django-tasks; see cms/tasks.py and README "Background work") ----------
# Moderator emails, edge purges and Wagtail's own tasks (search and reference indexes). With the
# database backend they are rows that `manage.py db_worker` runs; with the immediate backend
# they run at once in the process that queues them (development and tests).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(default: str) -> dict:
    name = os.environ.get("TASKS_BACKEND", default)
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(TASK_BACKENDS)}.")
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = tasks_setting("immediate")
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "10"))
TASK_RETRY_DELAY = int(os.environ.get("TASK_RETRY_DELAY", "30"))  # seconds, doubled per retry

# --- Webhooks (webhooks/delivery.py, webhooks/targets.py) -----------------------------------
WEBHOOK_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", False)
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "5"))  # seconds
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "5"))
WEBHOOK_RETRY_DELAY = int(os.environ.get("WEBHOOK_RETRY_DELAY", "90"))  # seconds, tripled per retry
WEBHOOK_DISABLE_AFTER = int(os.environ.get("WEBHOOK_DISABLE_AFTER", "5"))
WEBHOOK_LOG_DAYS = int(os.environ.get("WEBHOOK_LOG_DAYS", "30"))  # prune_webhook_deliveries

# --- Logging --------------------------------------------------------------------------------
# "plain" lines for people, or "json" lines for a log pipeline (production's default).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # One JSON object per line, with the request id (cms/logs.py).
        "json": {"()": "cms.logs.JsonFormatter"},
    },
    "filters": {"request_id": {"()": "cms.logs.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task (search index, reference index): noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},  # a banner at every start
    },
}
