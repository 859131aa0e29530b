"""Masked errors with request ids, introspection and suggestions, CORS, and the JSON-only rule
that stands in for CSRF on /graphql/."""

import json
import logging

import pytest

import api.articles

ARTICLES = "{ articles { items { title } } }"
SECRET = "SELECT password FROM auth_user -- /srv/cms/secret.py"


def send(client, query, **headers):
    return client.post(
        "/graphql/",
        json.dumps({"query": query}),
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def broken_resolver(monkeypatch):
    """A bug deep in a resolver: an exception whose text must never reach a client."""

    def fail(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(api.articles, "live_articles", fail)


@pytest.mark.django_db
def test_unexpected_errors_are_masked_and_logged_with_the_same_request_id(
    client, broken_resolver, caplog
):
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        response = send(client, ARTICLES)

    assert response.status_code == 200  # a field error: the rest of the data would be served
    text = response.content.decode()
    assert SECRET not in text and "RuntimeError" not in text and "Traceback" not in text
    error = response.json()["errors"][0]
    request_id = error["extensions"]["requestId"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["message"] == f"Internal server error (request id {request_id})."
    assert error["path"] == ["articles"]
    assert response["X-Request-ID"] == request_id

    [record] = [r for r in caplog.records if r.name == "api.errors"]
    assert request_id in record.getMessage()
    assert record.exc_info and SECRET in str(record.exc_info[1])  # the traceback is logged


@pytest.mark.django_db
def test_a_clients_request_id_is_kept_when_it_is_a_plain_token(client, broken_resolver):
    response = send(client, ARTICLES, HTTP_X_REQUEST_ID="frontend-1234abcd")
    assert response.json()["errors"][0]["extensions"]["requestId"] == "frontend-1234abcd"
    forged = send(client, ARTICLES, HTTP_X_REQUEST_ID="x\n2026 CRITICAL forged log line")
    assert "forged" not in forged.json()["errors"][0]["extensions"]["requestId"]


@pytest.mark.django_db
def test_errors_the_api_means_to_send_are_not_masked(client):
    body = send(client, '{ article(slug: "x", locale: "xx") { id } }').json()
    assert "Unknown locale 'xx'" in body["errors"][0]["message"]


@pytest.mark.django_db
def test_introspection_and_suggestions_on_by_default(client):
    assert send(client, "{ __schema { queryType { name } } }").status_code == 200
    body = send(client, "{ artcles { id } }").json()
    assert "Did you mean" in body["errors"][0]["message"]


@pytest.mark.django_db
def test_production_turns_introspection_and_suggestions_off(client, settings):
    settings.GRAPHQL_INTROSPECTION = False
    settings.GRAPHQL_SUGGESTIONS = False
    for query in ("{ __schema { types { name } } }", '{ __type(name: "Query") { name } }'):
        response = send(client, query)
        assert response.status_code == 400
        assert "introspection is disabled" in response.json()["errors"][0]["message"]
    body = send(client, "{ artcles { id } }").json()
    assert body["errors"][0]["message"] == "Cannot query field 'artcles' on type 'Query'."
    # __typename is not introspection: clients (Apollo) add it everywhere.
    assert send(client, "{ __typename }").json() == {"data": {"__typename": "Query"}}


# --- Cross-origin ---------------------------------------------------------------------------

ALLOWED = "https://reader.example.org"


@pytest.fixture
def cors(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


@pytest.mark.django_db
def test_an_allowed_origin_passes_the_preflight(client, cors):
    response = client.options(
        "/graphql/",
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "content-type" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    answer = send(client, "{ __typename }", HTTP_ORIGIN=ALLOWED)
    assert answer["Access-Control-Allow-Origin"] == ALLOWED
    assert "etag" in answer["Access-Control-Expose-Headers"].lower()


@pytest.mark.django_db
def test_another_origin_gets_no_cors_headers(client, cors):
    evil = "https://evil.example"
    preflight = client.options(
        "/graphql/", HTTP_ORIGIN=evil, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Origin" not in send(client, "{ __typename }", HTTP_ORIGIN=evil)


@pytest.mark.django_db
def test_cors_is_for_the_api_only(client, cors):
    response = client.get("/admin/login/", HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Origin" not in response


# --- What stands in for CSRF ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"],
)
def test_only_json_bodies_are_accepted(client, content_type):
    """What an HTML form on another site can send, refused before anything runs."""
    mutation = 'mutation { react(articleId: "1", kind: HELPFUL) { errors { code } } }'
    response = client.post(
        "/graphql/", f"query={mutation}", content_type=content_type, HTTP_ORIGIN="https://x.io"
    )
    assert response.status_code == 415


@pytest.mark.django_db
def test_api_responses_cannot_be_framed_or_sniffed(client):
    response = send(client, "{ __typename }")
    assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "csrftoken" not in response.cookies
