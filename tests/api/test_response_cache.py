"""The response cache: read operations are served from Django's cache, and no stale response is
served after any kind of change that shows in them."""

import json
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from graphql import ValidationRule
from wagtail.models import PageViewRestriction

from api.core import cache as response_cache
from api.core import limits, view
from api.core.documents import documents
from community.models import Comment, CommentStatus
from pages.models import ArticleIndexPage
from snippets.models import Author
from tests import factories
from tests.community.helpers import POST_COMMENT as POST_COMMENT_MUTATION
from tests.community.helpers import REACT, comment_input, send
from tests.edge_server import purge_listener

pytestmark = pytest.mark.django_db

GRAPHQL = "/graphql/"
LIST = "query List { articles(perPage: 20) { items { title commentCount } } }"


@pytest.fixture
def article(db):
    naloxone = factories.service("naloxone-distribution", "Naloxone distribution")
    org = factories.organisation("Prevention Point", services=[naloxone])
    body = [
        {"type": "heading", "value": {"text": "Where to get help", "level": "h2"}},
        {"type": "organisation_directory", "value": {"organisations": [org.pk]}},
    ]
    return factories.article("naloxone-basics", body=body, author=Author.objects.create(name="A"))


def read(client, ids, slug="naloxone-basics", **headers):
    response = client.get(
        GRAPHQL,
        {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": slug, "locale": "en"})},
        **headers,
    )
    assert response.status_code == 200, response.content
    return response


def article_of(response):
    return response.json()["data"]["article"]


def post(client, body, **headers):
    return client.post(GRAPHQL, json.dumps(body), content_type="application/json", **headers)


# --- What is cached --------------------------------------------------------------------------


def test_a_persisted_read_is_served_from_the_cache_without_sql(client, ids, article):
    first = read(client, ids)
    assert first[view.HIT_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = read(client, ids)
    assert second[view.HIT_HEADER] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]


def test_a_cached_response_still_answers_if_none_match_with_304(client, ids, article):
    etag = read(client, ids)["ETag"]
    response = client.get(
        GRAPHQL,
        {
            "id": ids["ArticleBySlug"],
            "variables": json.dumps({"slug": article.slug, "locale": "en"}),
        },
        HTTP_IF_NONE_MATCH=etag,
    )
    assert response.status_code == 304


def test_plain_queries_are_cached_too_and_keep_no_store(client, article):
    body = {"query": LIST}
    assert post(client, body)[view.HIT_HEADER] == "miss"
    again = post(client, body)
    assert again[view.HIT_HEADER] == "hit"
    assert again["Cache-Control"] == "no-store"
    assert again.json()["data"]["articles"]["items"][0]["title"] == article.title


def test_the_key_covers_variables_and_host(client, ids, article):
    factories.article("other-article")
    assert article_of(read(client, ids))["slug"] == "naloxone-basics"
    other = read(client, ids, slug="other-article")
    assert other[view.HIT_HEADER] == "miss"
    assert article_of(other)["slug"] == "other-article"
    # The language comes from the `locale` variable: for /graphql/ (outside i18n_patterns, the
    # default language unprefixed) LocaleMiddleware activates the default language whatever
    # Accept-Language says, so readers of every language share the entry.
    spanish_reader = read(client, ids, HTTP_ACCEPT_LANGUAGE="es")
    assert spanish_reader[view.HIT_HEADER] == "hit"
    assert article_of(spanish_reader)["slug"] == "naloxone-basics"
    other_host = read(client, ids, HTTP_HOST="localhost")
    assert other_host[view.HIT_HEADER] == "miss"


def test_mutations_errors_previews_private_operations_and_editors_are_never_cached(
    client, django_user_model, ids, article
):
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    for _ in range(2):
        payload = post(
            client, {"query": REACT, "variables": {"articleId": str(article.pk), "kind": "HELPFUL"}}
        )
        assert view.HIT_HEADER not in payload
        errors = post(client, {"query": "{ article(slug: 1) { nope } }"})
        assert view.HIT_HEADER not in errors
        form = client.get(
            GRAPHQL,
            {"id": ids["CommentForm"], "variables": json.dumps({"slug": article.slug})},
        )
        assert view.HIT_HEADER not in form
        preview = post(
            client,
            {
                "query": "query($t: String!) { article(token: $t) { title } }",
                "variables": {"t": "bad"},
            },
        )
        assert view.HIT_HEADER not in preview
        as_editor = editor.get(
            GRAPHQL,
            {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": article.slug})},
        )
        assert view.HIT_HEADER not in as_editor


# --- Invalidation: no stale response after each kind of change --------------------------------


def test_publishing_a_change_is_seen_at_once(client, ids, article):
    read(client, ids)
    article.title = "Naloxone basics, revised"
    article.save_revision().publish()
    fresh = read(client, ids)
    assert fresh[view.HIT_HEADER] == "miss"
    assert article_of(fresh)["title"] == "Naloxone basics, revised"


def test_saving_a_draft_does_not_empty_the_cache(client, ids, article):
    read(client, ids)
    article.title = "Draft title"
    article.save_revision()
    cached = read(client, ids)
    assert cached[view.HIT_HEADER] == "hit"
    assert article_of(cached)["title"] == "Naloxone Basics"


def test_unpublishing_and_deleting_are_seen_at_once(client, ids, article):
    other = factories.article("second")
    read(client, ids)
    read(client, ids, slug="second")
    article.unpublish()
    assert article_of(read(client, ids)) is None
    other.delete()
    assert article_of(read(client, ids, slug="second")) is None


def test_making_a_page_private_is_seen_at_once(client, ids, article):
    read(client, ids)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert article_of(read(client, ids)) is None


def test_moving_a_page_is_seen_at_once(client, ids, article):
    read(client, ids)
    home = factories.article_index().get_parent()
    stories = home.add_child(instance=ArticleIndexPage(title="Stories", slug="stories"))
    stories.save_revision().publish()
    article.refresh_from_db()
    article.move(stories, pos="last-child")
    assert article_of(read(client, ids))["url"].startswith("/stories/")


def test_publishing_a_referenced_snippet_is_seen_at_once(client, ids, article):
    directory = article_of(read(client, ids))["body"][1]
    assert directory["organisations"][0]["name"] == "Prevention Point"
    org = directory["organisations"][0]
    from snippets.models import Organisation

    organisation = Organisation.objects.get(pk=org["id"])
    organisation.name = "Prevention Point Philadelphia"
    organisation.save_revision().publish()
    body = article_of(read(client, ids))["body"]
    assert body[1]["organisations"][0]["name"] == "Prevention Point Philadelphia"


def test_an_approved_comment_is_seen_at_once(client, ids, article):
    assert article_of(read(client, ids))["commentCount"] == 0
    send(client, POST_COMMENT_MUTATION, {"input": comment_input(article)})
    assert article_of(read(client, ids))["commentCount"] == 0  # pending: not shown
    comment = Comment.objects.get(article=article)
    comment.set_status(CommentStatus.APPROVED)
    fresh = article_of(read(client, ids))
    assert fresh["commentCount"] == 1
    assert fresh["comments"]["items"][0]["body"] == comment.body


def test_a_reaction_is_seen_at_once_and_empties_only_that_articles_entries(client, ids, article):
    factories.article("unrelated")
    read(client, ids)
    read(client, ids, slug="unrelated")
    send(client, REACT, {"articleId": str(article.pk), "kind": "HELPFUL"})
    counts = {r["kind"]: r["count"] for r in article_of(read(client, ids))["reactions"]}
    assert counts["HELPFUL"] == 1
    assert read(client, ids, slug="unrelated")[view.HIT_HEADER] == "hit"


def test_listings_follow_comment_counts_and_new_articles(client, article):
    def titles_and_counts():
        return post(client, {"query": LIST}).json()["data"]["articles"]["items"]

    assert titles_and_counts() == [{"title": "Naloxone Basics", "commentCount": 0}]
    Comment.objects.create(
        article=article,
        author_name="Sam",
        author_email="s@example.org",
        body="Thanks",
        status=CommentStatus.APPROVED,
    )
    assert titles_and_counts() == [{"title": "Naloxone Basics", "commentCount": 1}]
    factories.article("newer")
    assert len(titles_and_counts()) == 2


def test_a_response_built_before_the_commit_is_dropped_when_it_commits(
    client, ids, article, django_capture_on_commit_callbacks
):
    read(client, ids)
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Committed title"
        article.save_revision().publish()
        # Another worker, reading before the commit, could cache what it saw under the version
        # of the first bump; the bump on commit makes that entry stale.
        read(client, ids)
    assert read(client, ids)[view.HIT_HEADER] == "miss"


def test_an_evicted_version_key_makes_entries_stale(client, ids, article):
    from django.core.cache import cache

    read(client, ids)
    cache.delete(response_cache.ALL_KEY)
    # A worker that holds no copy of its own (this one's copy is checked by the change
    # counter, which nothing moved: nothing changed) reads the shared entry, now stale.
    response_cache.local_entries.clear()
    assert read(client, ids)[view.HIT_HEADER] == "miss"
    assert read(client, ids)[view.HIT_HEADER] == "hit"


# --- Parsing and validation once per document -------------------------------------------------


def test_validation_rules_run_once_per_distinct_document(client, article, monkeypatch, settings):
    seen = []

    class CountingRule(ValidationRule):
        def enter_document(self, node, *args):
            seen.append(node)

    counting = (CountingRule,)  # the same tuple every time, as limits.validation_rules gives
    monkeypatch.setattr(limits, "validation_rules", lambda: counting)
    documents.clear()
    settings.RESPONSE_CACHE_ENABLED = False
    for _ in range(3):
        assert "errors" not in post(client, {"query": LIST}).json()
    assert len(seen) == 1
    post(client, {"query": LIST + " "})
    assert len(seen) == 2


def test_an_invalid_document_is_still_refused_from_the_cache(client, db):
    for _ in range(2):
        body = post(client, {"query": "{ nope }"}).json()
        assert "Cannot query field 'nope'" in body["errors"][0]["message"]


# --- Edge purges ------------------------------------------------------------------------------


@pytest.fixture
def edge(settings):
    with purge_listener(settings) as recorder:
        yield recorder.purged


def wait_for(purged, count):
    deadline = time.monotonic() + 5
    while len(purged) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return purged


def test_publishing_purges_the_persisted_urls_the_edge_may_hold(
    client, ids, article, edge, django_capture_on_commit_callbacks
):
    url = read(client, ids).wsgi_request.get_full_path()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert wait_for(edge, 1) == [("testserver", "/purge" + url)]
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert edge == [
        ("testserver", "/purge" + url)
    ]  # purged once: registered again only when re-read


def test_a_reaction_purges_only_that_articles_urls(
    client, ids, article, edge, django_capture_on_commit_callbacks
):
    factories.article("unrelated")
    url = read(client, ids).wsgi_request.get_full_path()
    read(client, ids, slug="unrelated")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, REACT, {"articleId": str(article.pk), "kind": "HELPFUL"})
    assert wait_for(edge, 1) == [("testserver", "/purge" + url)]


def test_syncing_a_translation_source_is_seen_at_once(client, ids, article):
    """`translationStatus` reads wagtail-localize's records, which change without a publish."""
    from wagtail_localize.models import TranslationSource

    read(client, ids)
    source, _created = TranslationSource.get_or_create_from_instance(article)
    source.update_from_db()
    assert read(client, ids)[view.HIT_HEADER] == "miss"


def test_the_edge_registry_is_shared_by_workers_when_the_cache_is_redis(settings):
    """With Redis, every worker (and the admin's process, which purges) sees one registry."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    from api.core import edge as edge_cache

    if not isinstance(caches["default"], RedisCache):
        pytest.skip("the cache is local memory: one process, one registry")
    assert isinstance(edge_cache.registry(), edge_cache.RedisRegistry)
