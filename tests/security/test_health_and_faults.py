"""Liveness and readiness, and what clients get while the database or Redis is gone: the
database really unreachable on PostgreSQL (a port nobody listens on), then back, with no
restart in between; Redis really unreachable (the same)."""

import json
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connections

from community.models import Comment, ReactionCount
from tests import factories
from tests.community.helpers import POST_COMMENT, REACT, comment_input

ARTICLE = 'query { article(slug: "%s") { title } }'
NOBODY_LISTENS = "1"  # TCP port 1: connection refused at once


def graphql(client, query, variables=None):
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )


@contextmanager
def database_unreachable():
    """The database cannot be reached until the block ends.

    On PostgreSQL the connection is closed and pointed at a port nobody listens on, as when
    the server is down. SQLite's in-memory test database would be lost with its connection,
    so there every new cursor fails as a lost database does."""
    database = connections["default"]
    if database.vendor == "postgresql":
        saved = database.settings_dict["PORT"]
        database.close()
        database.settings_dict["PORT"] = NOBODY_LISTENS
        try:
            yield
        finally:
            database.close()
            database.settings_dict["PORT"] = saved
    else:
        error = OperationalError("unable to open database file")
        with mock.patch.object(database, "cursor", side_effect=error):
            yield


@contextmanager
def redis_unreachable(settings):
    unreachable = f"redis://127.0.0.1:{NOBODY_LISTENS}/0"
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": unreachable,
            "OPTIONS": options,
        },
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": unreachable,
            "OPTIONS": options,
        },
    }
    yield


@pytest.mark.django_db
def test_liveness_touches_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_checks_the_database_and_the_cache(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


# serialized_rollback: the flush after a transactional test would otherwise rerun post_migrate
# handlers (locales, groups), and the browser tests, which restore a snapshot, would collide.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readiness_fails_without_the_database(client):
    with database_unreachable():
        response = client.get("/readyz/")
        assert client.get("/healthz/").status_code == 200  # alive, just not ready
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert client.get("/readyz/").status_code == 200


@pytest.mark.django_db
def test_readiness_fails_without_the_cache(client, settings):
    with redis_unreachable(settings):
        response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unreachable"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_graphql_answers_503_while_the_database_is_gone_and_recovers(client):
    article = factories.article("still-here")
    query = ARTICLE % article.slug
    assert graphql(client, query).status_code == 200

    with database_unreachable():
        cached = graphql(client, query)
        response = graphql(client, "{ articles { items { title } } }")
        mutation = graphql(client, REACT, {"articleId": str(article.pk), "kind": "HELPFUL"})

    # What the response cache holds is still served; anything needing the database is a 503.
    assert cached.status_code == 200
    assert cached.json()["data"]["article"]["title"] == article.title
    for answer in (response, mutation):
        assert answer.status_code == 503
        assert answer["Content-Type"] == "application/json; charset=utf-8"
        assert answer["Retry-After"]
        error = answer.json()["errors"][0]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert "Traceback" not in answer.content.decode()
        assert "5432" not in answer.content.decode() and "database file" not in error["message"]

    # Back without a restart: the next request connects again.
    recovered = graphql(client, query)
    assert recovered.status_code == 200
    assert recovered.json()["data"]["article"]["title"] == article.title


def test_reads_work_without_redis_and_mutations_refuse(demo, client, settings):
    with redis_unreachable(settings):
        read = graphql(client, ARTICLE % demo.slug)
        comment = graphql(client, POST_COMMENT, {"input": comment_input(demo)})
        reaction = graphql(client, REACT, {"articleId": str(demo.pk), "kind": "HELPFUL"})

    assert read.status_code == 200
    assert read.json()["data"]["article"]["title"] == demo.title
    # Rate limits fail closed: refused as "too many", and nothing is stored.
    assert comment.json()["data"]["postComment"]["errors"][0]["code"] == "RATE_LIMITED"
    assert reaction.json()["data"]["react"]["errors"][0]["code"] == "RATE_LIMITED"
    assert Comment.objects.count() == 0
    assert not ReactionCount.objects.filter(count__gt=0).exists()
