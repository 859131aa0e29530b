"""Cache tags: every read names what it was built from (``Surrogate-Key``/``Cache-Tag``), and a
change makes stale only the responses built from what it changed, in the app's response cache
and at the edge (api/core/cache.py, api/core/edge.py, api/tagging.py)."""

import json

import pytest
from wagtail.models import Site

from api.core import cache as response_cache
from api.core import edge as edge_module
from api.core import view
from community.models import Comment, CommentStatus
from snippets.models import Author
from tests import factories
from tests.edge_server import purge_listener

pytestmark = pytest.mark.django_db

GRAPHQL = "/graphql/"


@pytest.fixture
def site(db):
    naloxone = factories.service("naloxone-distribution", "Naloxone distribution")
    org = factories.organisation("Prevention Point", services=[naloxone])
    author = Author.objects.create(name="Damilola")
    with_directory = factories.article(
        "naloxone-basics",
        body=[{"type": "organisation_directory", "value": {"organisations": [org.pk]}}],
        author=author,
    )
    plain = factories.article("test-strips")
    return {"directory": with_directory, "plain": plain, "org": org, "author": author}


def get(client, ids, operation, **variables):
    response = client.get(
        GRAPHQL, {"id": ids[operation], "variables": json.dumps({"locale": "en", **variables})}
    )
    assert response.status_code == 200, response.content
    assert "errors" not in response.json(), response.content
    return response


def tags(response) -> set[str]:
    return set(response[view.SURROGATE_KEY].split())


def hit(response) -> bool:
    return response[view.HIT_HEADER] == "hit"


def test_a_read_names_every_object_it_was_built_from(client, ids, site):
    first = get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    article, org, author = site["directory"], site["org"], site["author"]
    expected = {
        "all",
        f"page:{article.pk}",
        f"organisation:{org.pk}",
        f"author:{author.pk}",
        f"participation:{article.pk}",
    }
    assert expected <= tags(first)
    assert first[view.CACHE_TAG] == first[view.SURROGATE_KEY]
    # The directory block's list may gain any organisation: it depends on their lists.
    assert "list:organisation:en" in tags(first)
    # An article does not depend on every page publish.
    assert not any(tag.startswith("list:page:") for tag in tags(first))
    # A hit names the same tags, from the stored entry.
    again = get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    assert hit(again) and tags(again) == tags(first)


def test_publishing_one_article_leaves_the_others_cached(client, ids, site):
    get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    get(client, ids, "ArticleBySlug", slug="test-strips")
    get(client, ids, "ArticleList")

    plain = site["plain"]
    plain.title = "Test strips, updated"
    plain.save_revision().publish()

    other = get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    assert hit(other)
    edited = get(client, ids, "ArticleBySlug", slug="test-strips")
    assert not hit(edited) and edited.json()["data"]["article"]["title"] == "Test strips, updated"
    listing = get(client, ids, "ArticleList")
    assert not hit(listing)
    assert "Test strips, updated" in {
        a["title"] for a in listing.json()["data"]["articles"]["items"]
    }


def test_a_missing_article_is_found_once_published(client, ids, site):
    missing = get(client, ids, "ArticleBySlug", slug="fentanyl-facts")
    assert missing.json()["data"]["article"] is None
    assert "list:page:en" in tags(missing)
    factories.article("fentanyl-facts")
    assert get(client, ids, "ArticleBySlug", slug="fentanyl-facts").json()["data"]["article"]


def test_an_organisation_change_reaches_the_articles_that_show_it_and_no_others(client, ids, site):
    get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    get(client, ids, "ArticleBySlug", slug="test-strips")
    org = site["org"]
    org.name = "Prevention Point Philadelphia"
    org.save_revision().publish()
    assert hit(get(client, ids, "ArticleBySlug", slug="test-strips"))
    shown = get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    assert not hit(shown)
    body = shown.json()["data"]["article"]["body"]
    assert body[0]["organisations"][0]["name"] == "Prevention Point Philadelphia"


def test_a_new_organisation_appears_in_directory_lists(client, ids, site):
    first = get(client, ids, "OrganisationDirectory")
    assert "list:organisation:en" in tags(first)
    factories.organisation("Angels in Motion")
    names = {
        o["name"]
        for o in get(client, ids, "OrganisationDirectory").json()["data"]["organisations"]["items"]
    }
    assert "Angels in Motion" in names


def test_a_comment_makes_stale_only_its_articles_responses(client, ids, site):
    get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    get(client, ids, "ArticleBySlug", slug="test-strips")
    Comment.objects.create(
        article=site["directory"],
        author_name="Sam",
        author_email="s@example.org",
        body="Thanks",
        status=CommentStatus.APPROVED,
    )
    assert hit(get(client, ids, "ArticleBySlug", slug="test-strips"))
    shown = get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    assert not hit(shown) and shown.json()["data"]["article"]["commentCount"] == 1


def test_a_site_change_makes_everything_stale(client, ids, site):
    get(client, ids, "ArticleBySlug", slug="test-strips")
    Site.objects.get(is_default_site=True).save()
    assert not hit(get(client, ids, "ArticleBySlug", slug="test-strips"))


class CacheSpy:
    """Django's cache, recording the keys each read asks for."""

    def __init__(self, cache):
        self.cache, self.reads = cache, []

    def get(self, key, *args, **kwargs):
        self.reads.append([key])
        return self.cache.get(key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        self.reads.append(list(keys))
        return self.cache.get_many(keys, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_workers_copy_is_checked_with_one_small_read_until_something_changes(
    client, ids, site, monkeypatch
):
    get(client, ids, "ArticleBySlug", slug="naloxone-basics")
    spy = CacheSpy(response_cache.cache)
    monkeypatch.setattr(response_cache, "cache", spy)
    assert hit(get(client, ids, "ArticleBySlug", slug="naloxone-basics"))
    assert spy.reads == [[response_cache.GENERATION]]
    # Another article changes: the counter moved, so the copy's versions are read again once.
    site["plain"].save_revision().publish()
    spy.reads.clear()
    assert hit(get(client, ids, "ArticleBySlug", slug="naloxone-basics"))
    assert len(spy.reads) == 2 and len(spy.reads[1]) > 5
    spy.reads.clear()
    assert hit(get(client, ids, "ArticleBySlug", slug="naloxone-basics"))
    assert spy.reads == [[response_cache.GENERATION]]


def test_a_change_during_execution_is_not_stored(db):
    from api.core.policy import CachePolicy

    policy = CachePolicy(key="rc:e:test")
    entry, generation = response_cache.lookup(policy)
    assert entry is None
    response_cache.tags_changed({"page:1"})  # a publish while the response executes
    assert response_cache.store(policy.key, b"{}", generation, {"page:1"}) is None
    assert response_cache.lookup(policy)[0] is None
    entry, generation = response_cache.lookup(policy)
    assert response_cache.store(policy.key, b"{}", generation, {"page:1"}) is not None
    assert response_cache.lookup(policy)[0] is not None


# --- The edge ---------------------------------------------------------------------------------


@pytest.fixture
def varnish(settings):
    """A purge listener standing in for Varnish: records each PURGE's xkey-purge header."""
    with purge_listener(settings) as recorder:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "api.core.edge.VarnishPurgeBackend",
                "LOCATION": settings.WAGTAILFRONTENDCACHE["nginx"]["LOCATION"],
            }
        }
        edge_module.registry().clear()
        yield recorder


def test_a_publish_purges_its_tags_at_the_edge_when_it_commits(
    client, ids, site, varnish, django_capture_on_commit_callbacks
):
    get(client, ids, "ArticleBySlug", slug="test-strips")
    plain = site["plain"]
    with django_capture_on_commit_callbacks(execute=True):
        plain.save_revision().publish()
        assert varnish.keys() == []
    purged = " ".join(varnish.keys())
    assert f"page:{plain.pk}" in purged.split()
    assert "list:page:en" in purged.split()
    assert f"page:{site['directory'].pk}" not in purged.split()
    # Varnish purges by tag: no URL is registered for it.
    assert edge_module.registry().pop("all") == set()


def test_with_nginx_only_the_urls_of_the_changed_tags_are_purged(
    client, ids, site, settings, django_capture_on_commit_callbacks
):
    with purge_listener(settings) as nginx:
        edge_module.registry().clear()
        edited = get(client, ids, "ArticleBySlug", slug="test-strips")
        get(client, ids, "ArticleBySlug", slug="naloxone-basics")
        with django_capture_on_commit_callbacks(execute=True):
            site["plain"].save_revision().publish()
        assert nginx.paths() == ["/purge" + edited.wsgi_request.get_full_path()]
