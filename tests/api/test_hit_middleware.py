"""Cache hits answered by api.core.hits.CachedReadMiddleware, near the top of the stack: the
same response as the view's own hit path through every middleware, header for header."""

import json

import pytest
from django.test import Client

from api.core import hits, view
from tests import factories

pytestmark = pytest.mark.django_db

GRAPHQL = "/graphql/"
FRONTEND = "https://reader.example.org"
# Different on every response by design.
PER_RESPONSE = {"X-Request-ID"}


@pytest.fixture
def article(settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND]
    return factories.article(slug="first", title="First")


@pytest.fixture
def without_middleware(settings):
    """The same settings with the early hit path taken out: hits go through every middleware
    and are answered by the view."""

    def disable():
        settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != hits.SELF]

    return disable


def params(ids, slug="first"):
    return {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": slug})}


def answered_by_middleware(monkeypatch):
    calls = []
    original = view.answer_hit

    def spy(request):
        response = original(request)
        calls.append(response is not None)
        return response

    monkeypatch.setattr(view, "answer_hit", spy)
    return calls


def comparable(response):
    headers = {name: value for name, value in response.items() if name not in PER_RESPONSE}
    return response.status_code, response.content, headers


REQUESTS = {
    "plain": {},
    "allowed origin": {"HTTP_ORIGIN": FRONTEND},
    "other origin": {"HTTP_ORIGIN": "https://elsewhere.example.net"},
    "spanish": {"HTTP_ACCEPT_LANGUAGE": "es"},
    "graphql-response": {"HTTP_ACCEPT": "application/graphql-response+json"},
    "client request id": {"HTTP_X_REQUEST_ID": "frontend-1234-abcd"},
}


@pytest.mark.parametrize("headers", REQUESTS.values(), ids=REQUESTS.keys())
@pytest.mark.parametrize("method", ["get", "head"])
def test_an_early_hit_is_the_response_the_whole_stack_gives(
    article, ids, monkeypatch, without_middleware, headers, method
):
    client = Client()
    send = getattr(client, method)
    assert client.get(GRAPHQL, params(ids), **headers)[view.HIT_HEADER] == "miss"
    calls = answered_by_middleware(monkeypatch)
    early = send(GRAPHQL, params(ids), **headers)
    assert calls == [True] and early[view.HIT_HEADER] == "hit"
    if "HTTP_X_REQUEST_ID" in headers:
        assert early["X-Request-ID"] == headers["HTTP_X_REQUEST_ID"]

    without_middleware()
    client.get(GRAPHQL, params(ids), **headers)  # known again to the (cleared) worker memo
    late = send(GRAPHQL, params(ids), **headers)
    assert late[view.HIT_HEADER] == "hit"
    assert comparable(early) == comparable(late)


def test_a_conditional_hit_is_a_304_either_way(article, ids, monkeypatch, without_middleware):
    client = Client()
    etag = client.get(GRAPHQL, params(ids))["ETag"]
    calls = answered_by_middleware(monkeypatch)
    early = client.get(GRAPHQL, params(ids), HTTP_IF_NONE_MATCH=etag)
    assert calls == [True] and early.status_code == 304
    without_middleware()
    client.get(GRAPHQL, params(ids))
    late = client.get(GRAPHQL, params(ids), HTTP_IF_NONE_MATCH=etag)
    assert comparable(early) == comparable(late)


def test_a_miss_goes_down_the_stack_and_asks_the_cache_once(article, ids, monkeypatch):
    from api.core import cache as response_cache

    client = Client()
    client.get(GRAPHQL, params(ids))
    article.title = "First, revised"
    article.save_revision().publish()
    lookups = []
    original = response_cache.lookup
    monkeypatch.setattr(
        response_cache, "lookup", lambda policy: lookups.append(policy) or original(policy)
    )
    calls = answered_by_middleware(monkeypatch)
    fresh = client.get(GRAPHQL, params(ids))
    assert calls == [False]
    assert fresh[view.HIT_HEADER] == "miss"
    assert fresh.json()["data"]["article"]["title"] == "First, revised"
    assert len(lookups) == 1
    # Stored again: the next read is an early hit.
    assert client.get(GRAPHQL, params(ids))[view.HIT_HEADER] == "hit"
    assert calls == [False, True]


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"HTTP_AUTHORIZATION": "Bearer not-a-token"},
        {"HTTP_COOKIE": "sessionid=abc"},
    ],
    ids=["credentials", "session cookie"],
)
def test_requests_with_credentials_are_never_answered_early(
    article, ids, monkeypatch, request_kwargs
):
    client = Client()
    client.get(GRAPHQL, params(ids))
    calls = answered_by_middleware(monkeypatch)
    client.get(GRAPHQL, params(ids), **request_kwargs)
    assert calls == [False]


def test_posts_and_other_paths_are_not_looked_at(article, ids, monkeypatch):
    client = Client()
    client.get(GRAPHQL, params(ids))
    calls = answered_by_middleware(monkeypatch)
    client.post(
        GRAPHQL,
        json.dumps(
            {
                "extensions": {
                    "persistedQuery": {"version": 1, "sha256Hash": ids["ArticleBySlug"]}
                },
                "variables": {"slug": "first"},
            }
        ),
        content_type="application/json",
    )
    client.get("/healthz/")
    assert calls == []


def test_an_unknown_middleware_below_turns_the_early_path_off(
    article, ids, settings, monkeypatch, caplog
):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.api.test_hit_middleware.Stamp"]
    client = Client()
    client.get(GRAPHQL, params(ids))
    calls = answered_by_middleware(monkeypatch)
    hit = client.get(GRAPHQL, params(ids))
    assert calls == [] and hit[view.HIT_HEADER] == "hit"
    assert hit["X-Stamp"] == "yes"  # the unknown middleware ran
    assert "tests.api.test_hit_middleware.Stamp" in caplog.text


class Stamp:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Stamp"] = "yes"
        return response


def test_the_settings_list_it_where_it_belongs(settings):
    middleware = list(settings.MIDDLEWARE)
    assert middleware.index(hits.SELF) > middleware.index(
        "django.middleware.security.SecurityMiddleware"
    )
    assert hits.unknown_below() == []
