"""Issue 14, point 7: what the visibility rule caches (restricted pages, sites, Wagtail's site
root paths) is trusted for a bounded time, so a worker that missed an invalidation (a
per-process cache in another process) stops serving the old answer; and production refuses to
start without a shared cache unless it says it is a single process."""

import json

import pytest
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Page, PageViewRestriction, Site

from pages.models import ArticleIndexPage, ArticlePage, HomePage
from tests import factories
from tests.test_settings import SETUP, good_key, run_python

# --- Production needs a shared cache ----------------------------------------------------------


def test_production_refuses_to_start_without_redis():
    result = run_python(SETUP, "cms.settings.production", SECRET_KEY=good_key())
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL" in result.stderr
    assert "SINGLE_PROCESS=true" in result.stderr  # the escape hatch is named


@pytest.mark.parametrize(
    "env",
    [
        {"SINGLE_PROCESS": "true"},
        # Several processes need PostgreSQL too (production refuses SQLite for them).
        {
            "REDIS_URL": "redis://cache.internal:6379/0",
            "DATABASE_URL": "postgres://cms@db.internal:5432/cms",
        },
    ],
    ids=["single-process", "redis"],
)
def test_production_starts_with_redis_or_as_a_single_process(env):
    code = (
        SETUP + "; from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    result = run_python(code, "cms.settings.production", SECRET_KEY=good_key(), **env)
    assert result.returncode == 0, result.stderr
    expected = "cms.cache.ResilientRedisCache" if "REDIS_URL" in env else "LocMemCache"
    assert expected in result.stdout


@pytest.mark.parametrize("value", ["0", "false", ""])
def test_single_process_must_be_said_plainly(value):
    result = run_python(
        SETUP, "cms.settings.production", SECRET_KEY=good_key(), SINGLE_PROCESS=value
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


# --- Cached lookups expire ---------------------------------------------------------------------

RENAMED_HOST = "renamed.example"


@pytest.fixture
def hidden(db, settings):
    settings.ALLOWED_HOSTS = [
        *settings.ALLOWED_HOSTS,
        factories.OTHER_HOST,
        factories.NESTED_HOST,
        RENAMED_HOST,
    ]
    # The lookups alone: the response cache has its own bound (RESPONSE_CACHE_TIMEOUT).
    settings.RESPONSE_CACHE_ENABLED = False
    return factories.hidden_articles()


def slugs(client, host="localhost") -> list[str]:
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ articles(perPage: 100) { items { slug } } }"}),
        content_type="application/json",
        HTTP_HOST=host,
    )
    body = response.json()
    assert "errors" not in body, body
    return [item["slug"] for item in body["data"]["articles"]["items"]]


def after_the_bound(clock, settings):
    clock.tick(settings.VISIBILITY_CACHE_TIMEOUT + 1)


# Each change below is made without Django's signals (a queryset update, a bulk insert), as
# another process's change looks to this one when its invalidation does not reach this cache.


def test_a_page_made_private_elsewhere_is_hidden_after_the_bound(hidden, client, settings):
    with freeze_time(timezone.now()) as clock:
        assert slugs(client) == ["visible-article"]
        PageViewRestriction.objects.bulk_create(
            [PageViewRestriction(page=hidden["visible"], restriction_type="login")]
        )
        assert slugs(client) == ["visible-article"]  # this worker's copy, for now
        after_the_bound(clock, settings)
        assert slugs(client) == []


def test_a_site_renamed_elsewhere_is_found_after_the_bound(hidden, client, settings):
    with freeze_time(timezone.now()) as clock:
        assert slugs(client, RENAMED_HOST) == ["visible-article"]  # the default site's
        Site.objects.filter(hostname=factories.OTHER_HOST).update(hostname=RENAMED_HOST)
        assert slugs(client, RENAMED_HOST) == ["visible-article"]
        after_the_bound(clock, settings)
        assert slugs(client, RENAMED_HOST) == ["other-site-article"]


def test_a_site_root_moved_elsewhere_is_followed_after_the_bound(hidden, client, settings):
    home = Page.get_first_root_node().add_child(instance=HomePage(title="New", slug="new-home"))
    index = home.add_child(instance=ArticleIndexPage(title="News", slug="news"))
    moved = index.add_child(
        instance=ArticlePage(slug="new-home-article", title="New", intro="<p>x</p>", body=[])
    )
    moved.save_revision().publish()
    with freeze_time(timezone.now()) as clock:
        assert slugs(client, factories.OTHER_HOST) == ["other-site-article"]
        Site.objects.filter(hostname=factories.OTHER_HOST).update(root_page=home)
        assert slugs(client, factories.OTHER_HOST) == ["other-site-article"]
        after_the_bound(clock, settings)
        assert slugs(client, factories.OTHER_HOST) == ["new-home-article"]
