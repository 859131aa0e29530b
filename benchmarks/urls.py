"""The product's URLs plus the benchmark's baselines."""

from django.urls import path

from cms.urls import urlpatterns as product_urlpatterns

from . import baseline

# The product's first pattern (the API) stays first, as in production; the baselines follow it.
urlpatterns = [
    product_urlpatterns[0],
    path("bench/article/<slug:slug>/", baseline.article_json),
    path("bench/cached-bytes/", baseline.cached_bytes),
    *product_urlpatterns[1:],
]
