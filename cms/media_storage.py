"""Where uploaded media live: the local ``MEDIA_ROOT`` by default, an S3-compatible bucket when
``MEDIA_S3_BUCKET`` is set (django-storages). Read by cms/settings/base.py; imports no app.

Original images, renditions and documents all go to Django's ``STORAGES["default"]`` (Wagtail's
image, rendition and document files use the default storage), so one setting moves all three.
Wagtail makes a rendition by reading the original back from the storage, and the API's image and
rendition ``url``s are the storage's own URLs (grapple prefixes ``WAGTAILADMIN_BASE_URL`` only to
a relative one), so the URLs point at the bucket, or at ``MEDIA_S3_CUSTOM_DOMAIN`` in front of it.

Documents are always linked through Wagtail's document view (``/documents/<id>/<name>``), which
checks the collection's privacy before it serves anything; what it does next depends on how the
bucket's objects are reached:

- signed URLs (``MEDIA_S3_QUERYSTRING_AUTH``, the default without a custom domain): the bucket
  stays private and the view *redirects* to a URL signed for ``MEDIA_S3_QUERYSTRING_EXPIRE``
  seconds, so the bytes never pass through the app and a leaked link dies;
- plain URLs (a custom domain or a public bucket): the view *streams* the file itself
  (``serve_view``), so the ``documents/`` prefix must stay private in the bucket (README "Media
  storage"): a redirect would hand out a permanent public URL to a private document.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"
# Every MEDIA_S3_* variable: one set without MEDIA_S3_BUCKET is a mistake, not a wish for local
# disk (several app servers would each keep their own uploads).
VARIABLES = (
    "MEDIA_S3_BUCKET",
    "MEDIA_S3_ENDPOINT_URL",
    "MEDIA_S3_REGION",
    "MEDIA_S3_ACCESS_KEY_ID",
    "MEDIA_S3_SECRET_ACCESS_KEY",
    "MEDIA_S3_CUSTOM_DOMAIN",
    "MEDIA_S3_QUERYSTRING_AUTH",
    "MEDIA_S3_QUERYSTRING_EXPIRE",
    "MEDIA_S3_LOCATION",
    "MEDIA_S3_ADDRESSING_STYLE",
    "MEDIA_S3_CACHE_CONTROL",
)
DEFAULT_EXPIRE = 3600
DEFAULT_CACHE_CONTROL = "max-age=86400"


@dataclass(frozen=True)
class MediaStorage:
    storage: dict  # STORAGES["default"]
    documents_serve_method: str  # WAGTAILDOCS_SERVE_METHOD


def _bool(environ: Mapping[str, str], name: str, default: bool) -> bool:
    value = environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def _public_base(value: str) -> tuple[str, str]:
    """``MEDIA_S3_CUSTOM_DOMAIN`` as django-storages' (url_protocol, custom_domain): a URL base
    (``https://media.example.org``, ``http://127.0.0.1:9000/bucket``) or a bare host (HTTPS)."""
    if "://" not in value:
        value = f"https://{value}"
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            "MEDIA_S3_CUSTOM_DOMAIN must be the public URL base of the media, e.g. "
            f"https://media.example.org, not {value!r}"
        )
    return f"{parts.scheme}:", parts.netloc + parts.path.rstrip("/")


def media_storage(environ: Mapping[str, str], *, cached_for: int = 0) -> MediaStorage:
    """The default storage and document serving for ``environ``. ``cached_for`` is how long an
    API response holding a media URL may be served from a cache (the response cache and the
    edge): a signed URL must outlive it."""
    bucket = environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        stray = [name for name in VARIABLES if environ.get(name, "").strip()]
        if stray:
            raise ImproperlyConfigured(
                f"{', '.join(stray)} set without MEDIA_S3_BUCKET: set the bucket to store media "
                "on object storage, or unset them to keep media on the local disk."
            )
        return MediaStorage({"BACKEND": LOCAL_BACKEND}, "serve_view")

    options: dict = {
        "bucket_name": bucket,
        # Two uploads named alike must not overwrite each other (django-storages' default does).
        "file_overwrite": False,
        # The bucket's policy decides who reads; objects get no ACL of their own.
        "default_acl": None,
        # botocore would sign with the legacy SigV2 in some regions; S3-compatible servers and
        # newer AWS regions accept only SigV4.
        "signature_version": "s3v4",
        "object_parameters": {
            "CacheControl": environ.get("MEDIA_S3_CACHE_CONTROL", "").strip()
            or DEFAULT_CACHE_CONTROL
        },
    }
    for option, name in (
        ("endpoint_url", "MEDIA_S3_ENDPOINT_URL"),
        ("region_name", "MEDIA_S3_REGION"),
        ("access_key", "MEDIA_S3_ACCESS_KEY_ID"),
        ("secret_key", "MEDIA_S3_SECRET_ACCESS_KEY"),
        ("location", "MEDIA_S3_LOCATION"),
        ("addressing_style", "MEDIA_S3_ADDRESSING_STYLE"),
    ):
        if value := environ.get(name, "").strip():
            options[option] = value
    if options.get("addressing_style", "path") not in {"path", "virtual", "auto"}:
        raise ImproperlyConfigured("MEDIA_S3_ADDRESSING_STYLE must be path, virtual or auto.")
    if ("access_key" in options) != ("secret_key" in options):
        raise ImproperlyConfigured(
            "Set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or neither (boto3 "
            "then finds credentials itself: AWS_* variables, an instance role)."
        )

    custom_domain = environ.get("MEDIA_S3_CUSTOM_DOMAIN", "").strip()
    signed = _bool(environ, "MEDIA_S3_QUERYSTRING_AUTH", default=not custom_domain)
    if custom_domain:
        if signed:
            # django-storages signs custom-domain URLs only with CloudFront keys: the URLs would
            # be plain while the operator believes them signed.
            raise ImproperlyConfigured(
                "MEDIA_S3_CUSTOM_DOMAIN serves plain URLs: unset MEDIA_S3_QUERYSTRING_AUTH (or "
                "set it to false), or drop the custom domain to serve signed bucket URLs."
            )
        options["url_protocol"], options["custom_domain"] = _public_base(custom_domain)
    options["querystring_auth"] = signed
    if signed:
        expire = environ.get("MEDIA_S3_QUERYSTRING_EXPIRE", "").strip() or str(DEFAULT_EXPIRE)
        if not expire.isdigit():
            raise ImproperlyConfigured("MEDIA_S3_QUERYSTRING_EXPIRE must be a number of seconds.")
        options["querystring_expire"] = int(expire)
        if options["querystring_expire"] < 2 * cached_for + 60:
            raise ImproperlyConfigured(
                f"MEDIA_S3_QUERYSTRING_EXPIRE ({expire} s) is too short: an API response may be "
                f"served from a cache for {cached_for} s, and its signed image URLs must still "
                f"work then (use at least {2 * cached_for + 60} s)."
            )
    return MediaStorage(
        {"BACKEND": S3_BACKEND, "OPTIONS": options}, "redirect" if signed else "serve_view"
    )
