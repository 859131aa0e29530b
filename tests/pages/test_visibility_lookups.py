"""The lookups of the visibility rule (pages/visibility.py) cost one cache round trip per
request, and a change made during a request is seen by the rest of it."""

import json

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from pages import visibility
from tests import factories

pytestmark = pytest.mark.django_db


class CountingCache:
    """The default cache, counting the reads of the visibility lookups."""

    def __init__(self, backend):
        self.backend = backend
        self.reads = []

    def get(self, key, *args, **kwargs):
        if key in visibility.LOOKUP_KEYS:
            self.reads.append(("get", key))
        return self.backend.get(key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        self.reads.append(("get_many", tuple(keys)))
        return self.backend.get_many(keys, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.backend, name)


@pytest.fixture
def counting(monkeypatch):
    counting = CountingCache(caches["default"])
    monkeypatch.setattr(visibility, "cache", counting)
    return counting


ARTICLE = """query ($slug: String!) { article(slug: $slug) {
  title url translations { url } translationStatus { upToDate } } }"""


def test_an_article_reads_every_lookup_in_one_round_trip(client, counting, settings):
    settings.RESPONSE_CACHE_ENABLED = False  # every request is executed
    article = factories.article(slug="one", title="One")
    for _ in range(2):  # cold (the lookups are computed and stored), then warm
        counting.reads.clear()
        response = client.post(
            "/graphql/",
            json.dumps({"query": ARTICLE, "variables": {"slug": article.slug}}),
            content_type="application/json",
        )
        assert response.json()["data"]["article"]["title"] == "One", response.content
        assert counting.reads == [("get_many", visibility.LOOKUP_KEYS)]


def test_outside_a_request_each_read_goes_to_the_cache(counting):
    visibility.restricted_paths()
    visibility.restricted_paths()
    assert counting.reads == [("get", visibility.RESTRICTED_PATHS_KEY)] * 2


def test_a_change_during_a_request_is_seen_by_the_rest_of_it():
    article = factories.article(slug="private", title="Private")
    visibility._start_request()
    try:
        assert article.path not in visibility.restricted_paths()
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        assert article.path in visibility.restricted_paths()
    finally:
        visibility._finish_request()
    # And the next request reads the stored value again.
    visibility._start_request()
    try:
        assert article.path in visibility.restricted_paths()
    finally:
        visibility._finish_request()
