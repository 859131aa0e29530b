"""The /graphql/ pipeline as a client and an attacker see it: what runs and what is cached come
from one reading of the request, every failure is JSON with a request id, and statuses follow
GraphQL over HTTP."""

import json

import pytest
from django.test import Client

from api.core import view
from api.core.state import RequestState
from tests import factories

pytestmark = pytest.mark.django_db

GRAPHQL = "/graphql/"
TITLE = "query Title($slug: String!) { article(slug: $slug) { title } }"
TWO_OPERATIONS = """
query First { article(slug: "first") { title } }
query Second { article(slug: "second") { title } }
"""


@pytest.fixture
def articles(db):
    return factories.article("first", title="First"), factories.article("second", title="Second")


def post(client, body, path=GRAPHQL, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


def title_of(response):
    return response.json()["data"]["article"]["title"]


# --- The request is read once, from one place --------------------------------------------------


def test_a_post_with_graphql_parameters_in_its_url_is_refused(client, articles, ids):
    """The poisoning attempt: the body says one thing, the URL another. Neither runs."""
    poisoned = f"{GRAPHQL}?id={ids['ArticleBySlug']}&variables=" + json.dumps(
        {"slug": "second", "locale": "en"}
    )
    response = post(client, {"query": TITLE, "variables": {"slug": "first"}}, path=poisoned)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "PARAMETERS_IN_URL"
    assert response["X-Request-ID"]
    # Nothing was stored under either reading: both are fresh misses now.
    first = post(client, {"query": TITLE, "variables": {"slug": "first"}})
    assert first[view.HIT_HEADER] == "miss" and title_of(first) == "First"


def test_the_cache_key_is_what_runs_the_operation_name_included(client, articles):
    first = post(client, {"query": TWO_OPERATIONS, "operationName": "First"})
    second = post(client, {"query": TWO_OPERATIONS, "operationName": "Second"})
    assert (title_of(first), title_of(second)) == ("First", "Second")
    assert second[view.HIT_HEADER] == "miss"
    again = post(client, {"query": TWO_OPERATIONS, "operationName": "Second"})
    assert again[view.HIT_HEADER] == "hit" and title_of(again) == "Second"


def test_a_persisted_hash_runs_the_persisted_document_not_the_query_sent(client, articles, ids):
    """Apollo's POST with a known hash: the manifest's text runs and keys the cache, whatever
    ``query`` says."""
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": ids["ArticleBySlug"]}}
    lying = {
        "query": "query ArticleBySlug { locales { code } }",
        "variables": {"slug": "first", "locale": "en"},
        "extensions": extensions,
    }
    response = post(client, lying)
    assert title_of(response) == "First"
    honest = post(
        client, {"variables": {"slug": "first", "locale": "en"}, "extensions": extensions}
    )
    assert honest[view.HIT_HEADER] == "hit" and title_of(honest) == "First"


def test_apollo_gets_with_a_json_content_type_are_read_from_the_url(client, articles, ids):
    """Apollo Client sends ``Content-Type: application/json`` on its GETs; with no body."""
    params = {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": "first"})}
    response = client.get(GRAPHQL, params, content_type="application/json")
    assert response.status_code == 200, response.content
    assert title_of(response) == "First"
    assert response[view.HIT_HEADER] == "miss"


def test_head_is_answered_like_get_without_a_body(client, articles, ids):
    params = {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": "first"})}
    got = client.get(GRAPHQL, params)
    head = client.head(GRAPHQL, params)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"] and head["Cache-Control"] == got["Cache-Control"]


def test_the_request_state_is_the_one_attribute_the_pipeline_sets(client, articles):
    plain = Client().get("/healthz/").wsgi_request
    response = post(client, {"query": TITLE, "variables": {"slug": "first"}})
    request = response.wsgi_request
    added = set(vars(request)) - set(vars(plain))
    assert isinstance(request.graphql, RequestState)
    # Django's own lazily computed attributes (GET, headers, the body...) aside, only
    # `graphql` is set on the request.
    django_own = {"_body", "_stream", "_read_started", "_post", "_files", "_cached_user"}
    ours = {name for name in added - django_own if not hasattr(type(request), name)}
    assert ours == {"graphql"}
    assert request.graphql.persisted is None and request.graphql.operation_name is None


# --- Never stored, whether persisted or plain text ---------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        'query { article(slug: "first") { title commentFormToken } }',
        'query { article(slug: "first") { ...Form } } fragment Form on ArticlePage '
        "{ commentFormToken }",
        'query { article(token: "forged") { title } }',
    ],
    ids=["comment-form-token", "token-in-a-fragment", "preview"],
)
def test_operations_that_must_be_fresh_are_never_stored(client, articles, query):
    for _ in range(2):
        response = post(client, {"query": query})
        assert view.HIT_HEADER not in response
        assert response["Cache-Control"] == "no-store"


# --- Media types and statuses (GraphQL over HTTP) ----------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type", "status"),
    [
        ("application/graphql-response+json", "application/graphql-response+json", 400),
        (
            "application/graphql-response+json, application/json;q=0.9",
            "application/graphql-response+json",
            400,
        ),
        ("application/json", "application/json", 200),
        ("*/*", "application/json", 200),
        ("", "application/json", 200),
        ("text/html", "application/json", 200),
    ],
)
def test_validation_errors_by_media_type(client, db, accept, media_type, status):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = post(client, {"query": "{ nope }"}, **headers)
    assert response.status_code == status
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert "data" not in response.json()


def test_a_successful_response_has_the_negotiated_media_type(client, articles):
    response = post(
        client,
        {"query": TITLE, "variables": {"slug": "first"}},
        HTTP_ACCEPT="application/graphql-response+json",
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/graphql-response+json; charset=utf-8"
    # Cached per media type: a JSON client gets its own Content-Type, never the other's.
    other = post(client, {"query": TITLE, "variables": {"slug": "first"}})
    assert other["Content-Type"] == "application/json; charset=utf-8"
    assert other[view.HIT_HEADER] == "miss"


def test_variable_coercion_errors_are_request_errors(client, db):
    body = {"query": TITLE, "variables": {"slug": 7}}
    assert post(client, body).status_code == 200
    strict = post(client, body, HTTP_ACCEPT="application/graphql-response+json")
    assert strict.status_code == 400
    assert "data" not in strict.json()


def test_other_methods_are_405_with_allow(client, db):
    response = client.put(GRAPHQL, "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


def test_variables_nested_too_deeply_are_refused_before_graphql(client, db):
    nested: list = []
    for _ in range(200):
        nested = [nested]
    response = post(client, {"query": TITLE, "variables": {"slug": nested}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_a_bug_in_the_pipeline_answers_json_with_the_request_id(client, db, monkeypatch, caplog):
    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(view, "cache_policy", broken)
    response = post(client, {"query": "{ locales { code } }"}, HTTP_X_REQUEST_ID="req-12345678")
    assert response.status_code == 500
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-12345678"}
    assert "boom" not in response.content.decode()
    assert any("req-12345678" in record.getMessage() for record in caplog.records)


# --- The thin hit path -------------------------------------------------------------------------


def test_a_repeated_read_is_answered_before_any_graphql_work(client, articles, ids, monkeypatch):
    params = {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": "first"})}
    assert client.get(GRAPHQL, params)[view.HIT_HEADER] == "miss"

    def no_graphql_work(*_args):
        raise AssertionError("a known cached read went past the hit path")

    monkeypatch.setattr(view, "read_request", no_graphql_work)
    monkeypatch.setattr(view, "cache_policy", no_graphql_work)
    hit = client.get(GRAPHQL, params)
    assert hit[view.HIT_HEADER] == "hit" and title_of(hit) == "First"
    assert hit["Cache-Control"].startswith("public")
    # Other variables are another request: the full pipeline runs (and here, refuses).
    other = {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": "second"})}
    assert client.get(GRAPHQL, other).status_code == 500


def test_a_stale_known_read_goes_through_the_whole_pipeline(client, articles, ids):
    first, _second = articles
    params = {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": "first"})}
    client.get(GRAPHQL, params)
    first.title = "First, revised"
    first.save_revision().publish()
    fresh = client.get(GRAPHQL, params)
    assert fresh[view.HIT_HEADER] == "miss" and title_of(fresh) == "First, revised"


def test_a_hit_costs_one_cache_round_trip_and_no_sql(
    client, articles, ids, monkeypatch, django_assert_num_queries
):
    from api.core import cache as response_cache

    params = {"id": ids["ArticleBySlug"], "variables": json.dumps({"slug": "first"})}
    client.get(GRAPHQL, params)
    calls = []
    backend = response_cache.cache

    class Counting:
        def __getattr__(self, name):
            calls.append(name)
            return getattr(backend, name)

    monkeypatch.setattr(response_cache, "cache", Counting())
    with django_assert_num_queries(0):
        hit = client.get(GRAPHQL, params)
    assert hit[view.HIT_HEADER] == "hit"
    assert calls == ["get"]  # the change counter alone (api/core/cache.py)


# --- Checks remembered per worker ---------------------------------------------------------------


PAGE_SIZE_QUERY = "query ($n: Int) { articles(perPage: $n) { items { slug } } }"


def test_a_request_that_passed_the_checks_does_not_let_other_variables_pass(client, articles):
    def send(n):
        return post(client, {"query": PAGE_SIZE_QUERY, "variables": {"n": n}})

    assert send(10).status_code == 200
    for _ in range(2):  # refusals are not remembered: checked in full every time
        refused = send(5000)
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "QUERY_LIMIT_EXCEEDED"
    assert send(10).status_code == 200


def test_remembered_passes_skip_the_checks_and_are_bounded(client, articles, monkeypatch, settings):
    settings.RESPONSE_CACHE_ENABLED = False  # every request reaches the checks
    checked = []
    original = view.cost_errors
    monkeypatch.setattr(
        view, "cost_errors", lambda *args: checked.append(args[-1]) or original(*args)
    )
    monkeypatch.setattr(view, "passed_checks", view.PassedChecks(size=2))
    for n in (1, 2, 1, 3, 1, 2):
        post(client, {"query": PAGE_SIZE_QUERY, "variables": {"n": n}})
    # 1 and 2 checked; 1 again remembered; 3 checked (2 falls out); 1 remembered; 2 again.
    assert [variables["n"] for variables in checked] == [1, 2, 3, 2]
