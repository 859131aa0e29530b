"""Persisted queries: the operations of frontend_contract/ by SHA-256, over GET (cacheable) and
Apollo's POST extension; allow-list mode."""

import json
import re

import pytest

from api import contract

GRAPHQL = "/graphql/"
UNKNOWN = "0" * 64


@pytest.fixture(scope="module")
def ids():
    """Operation name → SHA-256, from the manifest."""
    manifest = json.loads(contract.MANIFEST_PATH.read_text())
    return {entry["operationName"]: digest for digest, entry in manifest.items()}


def get(client, digest, variables=None, **headers):
    params = {"id": digest}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    return client.get(GRAPHQL, params, **headers)


def post(client, body, **headers):
    return client.post(GRAPHQL, json.dumps(body), content_type="application/json", **headers)


def apollo(digest):
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def error_code(response):
    return response.json()["errors"][0]["extensions"]["code"]


def test_a_persisted_read_operation_runs_over_get_with_variables(demo, client, ids):
    response = get(client, ids["ArticleBySlug"], {"slug": demo.slug, "locale": "en"})

    assert response.status_code == 200
    article = response.json()["data"]["article"]
    assert article["title"] == demo.title
    assert article["body"][0]["__typename"] == "QuizBlock"


def test_variables_change_the_answer(demo, client, ids):
    response = get(client, ids["ArticleBySlug"], {"slug": "no-such-article"})

    assert response.status_code == 200
    assert response.json() == {"data": {"article": None}}


def test_persisted_get_responses_are_publicly_cacheable_with_a_strong_etag(db, client, ids):
    response = get(client, ids["Locales"])

    assert response.status_code == 200
    assert response.json()["data"]["locales"][0] == {
        "__typename": "LocaleInfo",
        "code": "en",
        "name": "English",
        "isDefault": True,
    }
    assert response["Cache-Control"] == "public, max-age=60"
    assert re.fullmatch(r'"[0-9a-f]{64}"', response["ETag"])
    assert response["ETag"] == f'"{contract.sha256_hex(response.content.decode())}"'
    assert "csrftoken" not in response.cookies  # a Set-Cookie would keep caches from storing it


def test_max_age_comes_from_the_settings(db, client, ids, settings):
    settings.PERSISTED_QUERY_MAX_AGE = 300

    assert get(client, ids["Locales"])["Cache-Control"] == "public, max-age=300"


def test_if_none_match_with_the_etag_gets_304_without_a_body(db, client, ids):
    etag = get(client, ids["Locales"])["ETag"]

    response = get(client, ids["Locales"], HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60"
    # Weak comparison and lists, as RFC 9110 asks for If-None-Match.
    assert get(client, ids["Locales"], HTTP_IF_NONE_MATCH=f'"x", W/{etag}').status_code == 304


def test_a_stale_etag_gets_the_full_response(db, client, ids):
    response = get(client, ids["Locales"], HTTP_IF_NONE_MATCH='"' + "1" * 64 + '"')

    assert response.status_code == 200
    assert response.json()["data"]["locales"]


def test_an_unknown_id_is_persisted_query_not_found(db, client):
    response = get(client, UNKNOWN)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {
                    "code": "PERSISTED_QUERY_NOT_FOUND",
                    "requestId": response["X-Request-ID"],
                },
            }
        ]
    }
    assert response["Cache-Control"] == "no-store"


def test_errors_are_never_cached(db, client, ids):
    response = get(client, ids["Services"], {"locale": "xx"})

    assert response.json()["errors"]
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_a_persisted_mutation_is_refused_over_get(demo, client, ids):
    response = get(client, ids["React"], {"articleId": str(demo.pk), "kind": "HELPFUL"})

    assert response.status_code == 405
    assert "mutation" in response.json()["errors"][0]["message"]
    assert response["Cache-Control"] == "no-store"
    reactions = post(
        client,
        {
            "query": "query($slug: String!) { article(slug: $slug) { reactions { count } } }",
            "variables": {"slug": demo.slug},
        },
    ).json()["data"]["article"]["reactions"]
    assert all(reaction["count"] == 0 for reaction in reactions)  # nothing was counted


def test_a_plain_mutation_is_refused_over_get_too(demo, client):
    query = f'mutation {{ react(articleId: "{demo.pk}", kind: HELPFUL) {{ errors {{ code }} }} }}'

    response = client.get(GRAPHQL, {"query": query})

    assert response.status_code == 405


def test_a_persisted_mutation_runs_over_post_and_is_not_cacheable(demo, client, ids):
    response = post(
        client,
        {
            "extensions": apollo(ids["React"]),
            "variables": {"articleId": str(demo.pk), "kind": "HELPFUL"},
        },
    )

    assert response.status_code == 200
    payload = response.json()["data"]["react"]
    assert payload["errors"] == []
    helpful = {"__typename": "ReactionCount", "kind": "HELPFUL", "label": "This helped me"}
    assert {**helpful, "count": 1} in payload["reactions"]
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_apollo_post_with_only_the_hash(demo, client, ids):
    response = post(
        client, {"extensions": apollo(ids["ArticleBySlug"]), "variables": {"slug": demo.slug}}
    )

    assert response.status_code == 200
    assert response.json()["data"]["article"]["title"] == demo.title
    assert response["Cache-Control"] == "no-store"  # POST responses are not cached


def test_apollo_post_with_the_hash_and_the_query_runs_the_persisted_document(db, client, ids):
    body = {
        "query": "query Locales { locales { code } }",  # e.g. Apollo's printed copy
        "extensions": apollo(ids["Locales"]),
    }

    response = post(client, body)

    assert response.json()["data"]["locales"][0] == {
        "__typename": "LocaleInfo",
        "code": "en",
        "name": "English",
        "isDefault": True,
    }


def test_apollo_get_with_extensions(db, client, ids):
    response = client.get(
        GRAPHQL, {"operationName": "Locales", "extensions": json.dumps(apollo(ids["Locales"]))}
    )

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"


def test_apollo_post_with_an_unknown_hash(db, client):
    response = post(client, {"extensions": apollo(UNKNOWN)})

    assert response.status_code == 400
    assert error_code(response) == "PERSISTED_QUERY_NOT_FOUND"
    assert response.json()["errors"][0]["message"] == "PersistedQueryNotFound"


def test_apollo_retry_with_the_query_runs_it_as_an_ordinary_request(db, client):
    body = {"query": "{ locales { code } }", "extensions": apollo(UNKNOWN)}

    response = post(client, body)

    assert response.status_code == 200
    assert response.json()["data"]["locales"][0] == {"code": "en"}


def test_ordinary_requests_are_not_cacheable(db, client):
    posted = post(client, {"query": "{ locales { code } }"})
    got = client.get(GRAPHQL, {"query": "{ locales { code } }"})

    for response in (posted, got):
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert "ETag" not in response


def test_previews_are_never_cached(db, client, ids):
    response = get(client, ids["PreviewArticle"], {"token": "not-a-token"})

    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_the_comment_form_token_is_fresh_and_never_cached(demo, client, ids):
    variables = {"slug": demo.slug, "locale": "en"}
    response = get(client, ids["CommentForm"], variables)

    assert response.status_code == 200
    assert response.json()["data"]["article"]["commentFormToken"]
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_an_unchanged_article_revalidates_with_304(demo, client, ids):
    # The article's response holds nothing that changes per request (the comment form's token
    # has its own operation), so its ETag holds until the content changes.
    variables = {"slug": demo.slug, "locale": "en"}
    first = get(client, ids["ArticleBySlug"], variables)
    assert first.status_code == 200
    assert "commentFormToken" not in first.content.decode()

    again = get(client, ids["ArticleBySlug"], variables, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_json_only_post_rule_still_holds(db, client, ids):
    response = client.post(
        GRAPHQL,
        {"extensions": json.dumps(apollo(ids["Locales"]))},  # form-encoded
    )

    assert response.status_code == 415


class TestAllowListMode:
    @pytest.fixture(autouse=True)
    def _persisted_only(self, settings):
        settings.GRAPHQL_PERSISTED_ONLY = True

    def test_plain_queries_are_refused(self, db, client):
        for response in (
            post(client, {"query": "{ locales { code } }"}),
            client.get(GRAPHQL, {"query": "{ locales { code } }"}),
        ):
            assert response.status_code == 400
            assert error_code(response) == "PERSISTED_QUERY_REQUIRED"
            assert response["Cache-Control"] == "no-store"

    def test_plain_mutations_are_refused(self, demo, client):
        query = (
            f'mutation {{ react(articleId: "{demo.pk}", kind: HELPFUL) {{ errors {{ code }} }} }}'
        )

        response = post(client, {"query": query})

        assert error_code(response) == "PERSISTED_QUERY_REQUIRED"

    def test_persisted_operations_are_served(self, demo, client, ids):
        got = get(client, ids["Locales"])
        posted = post(
            client, {"extensions": apollo(ids["ArticleBySlug"]), "variables": {"slug": demo.slug}}
        )

        assert got.status_code == 200
        assert got.json()["data"]["locales"]
        assert got["Cache-Control"] == "public, max-age=60"
        assert posted.json()["data"]["article"]["title"] == demo.title

    def test_an_unknown_hash_with_a_query_is_not_run(self, db, client):
        response = post(client, {"query": "{ locales { code } }", "extensions": apollo(UNKNOWN)})

        assert response.status_code == 400
        assert error_code(response) == "PERSISTED_QUERY_NOT_FOUND"
