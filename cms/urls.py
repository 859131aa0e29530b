from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.serve import serve as serve_document

from api import urls as api_urls

from .metrics import metrics_view
from .page_password import (
    limited_authenticate_document_with_password,
    limited_authenticate_with_password,
)
from .reader import reader_file, reader_index

urlpatterns = [
    # First: /graphql/ is what the site answers most, and every pattern tried before the one
    # that matches costs each request (measured: 0.15 ms a cache hit, docs/performance.md).
    path("", include(api_urls)),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, answering `private`: each answer follows this reader's privacy
    # check, and with object storage it is a redirect to a freshly signed URL that a shared
    # cache must not hand to the next reader (README "Media storage").
    re_path(
        r"^documents/(\d+)/(.*)$",
        cache_control(private=True)(serve_document),
        name="wagtaildocs_serve",
    ),
    # Its password form, with a limit on guesses (cms/page_password.py).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        limited_authenticate_document_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # Prometheus metrics: 404 unless METRICS_TOKEN is set, then for its bearer only.
    path("metrics", metrics_view, name="metrics"),
]

if settings.SERVE_READER:
    # Only `/` itself: every other path is still Wagtail's (its pages, previews, redirects).
    urlpatterns += [
        path("", reader_index, name="reader"),
        path("reader/", reader_index),
        path("reader/<path:path>", reader_file, name="reader_file"),
    ]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages are served (and their `url`s built) with a language prefix, except for the default
# language: /articles/... in English, /es/articles/... in Spanish.
# Wagtail's page-password form is answered by a rate-limited wrapper (cms/page_password.py),
# matched before Wagtail's own route for the same path.
urlpatterns += i18n_patterns(
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limited_authenticate_with_password,
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
