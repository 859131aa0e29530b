"""The product's URLs plus the benchmark's baselines."""

from django.urls import path

from cms.urls import urlpatterns as product_urlpatterns

from . import baseline

urlpatterns = [
    path("bench/article/<slug:slug>/", baseline.article_json),
    path("bench/cached-bytes/", baseline.cached_bytes),
    *product_urlpatterns,
]
