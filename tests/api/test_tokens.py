"""Read-only API tokens: created in the admin (shown once), sent as ``Authorization: Bearer``
to /graphql/ by a build server, which then reads the latest drafts of the site's pages."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from api.models import ApiToken, hash_token
from tests.factories import OTHER_HOST, article, hidden_articles

ADD_URL = "/admin/api_tokens/new/"
INDEX_URL = "/admin/api_tokens/"

ARTICLE = """query Article($slug: String!) { article(slug: $slug) { title slug } }"""
ARTICLES = """query { articles(perPage: 50) { items { title slug }
  pagination { total } } }"""
ROUTE = """query Route($path: String!) { route(path: $path) { title url } }"""
MUTATION = """mutation React($id: ID!) { react(articleId: $id, kind: HELPFUL) { __typename } }"""


def create_token(admin_client, name="Build server", **fields) -> str:
    """Create a token through the admin, as an editor does; return the secret it shows."""
    response = admin_client.post(ADD_URL, {"name": name, **fields})
    assert response.status_code == 200, response.content[:500]
    assert "no-store" in response["Cache-Control"]
    match = re.search(rb'value="(cmsr_[^"]+)" aria-label="API token"', response.content)
    assert match, response.content
    return match.group(1).decode()


def post(reader, query, variables=None, token=None, **extra):
    if token is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return reader.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **extra,
    )


@pytest.fixture
def reader():
    """The build server's (or a reader's) client: not the editor's, whose session would make
    every read private anyway."""
    return Client()


@pytest.fixture
def secret(admin_client):
    return create_token(admin_client)


@pytest.fixture
def pages(db):
    pages = hidden_articles()
    visible = pages["visible"]
    visible.title = "Edited, not published"
    visible.save_revision()
    return pages


# --- The admin --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_token_is_stored_hashed_and_shown_once(admin_client):
    secret = create_token(admin_client, name="Staging build")
    token = ApiToken.objects.get()
    assert token.name == "Staging build"
    assert token.token_hash == hash_token(secret)
    assert secret not in {token.token_hash, token.prefix}
    assert secret.startswith(token.prefix)
    assert token.created_by.username == "editor"
    listing = admin_client.get(INDEX_URL)
    assert listing.status_code == 200
    assert token.prefix.encode() in listing.content
    assert secret.encode() not in listing.content
    assert secret.encode() not in admin_client.get(f"/admin/api_tokens/edit/{token.pk}/").content


@pytest.mark.django_db
def test_managing_tokens_needs_the_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(INDEX_URL).status_code in (302, 403)
    assert client.post(ADD_URL, {"name": "x"}).status_code in (302, 403)
    assert not ApiToken.objects.exists()
    user.user_permissions.add(*Permission.objects.filter(codename__endswith="apitoken"))
    assert client.get(INDEX_URL).status_code == 200


@pytest.mark.django_db
def test_a_revoked_token_is_refused_at_once(admin_client, reader, pages):
    secret = create_token(admin_client)
    token = ApiToken.objects.get()
    assert f"/admin/api_tokens/revoke/{token.pk}/".encode() in admin_client.get(INDEX_URL).content
    assert admin_client.get(f"/admin/api_tokens/revoke/{token.pk}/").status_code == 200
    response = admin_client.post(f"/admin/api_tokens/revoke/{token.pk}/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ModelLogEntry.objects.filter(action="api.token_revoked", object_id=token.pk).exists()
    response = post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_TOKEN"


# --- Reads with a token -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_token_reads_the_latest_drafts_and_restricted_pages(reader, secret, pages):
    response = post(reader, ARTICLES, token=secret)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Response-Cache" not in response
    titles = {item["slug"]: item["title"] for item in response.json()["data"]["articles"]["items"]}
    assert titles["visible-article"] == "Edited, not published"
    # Unpublished, expired and view-restricted articles of the site, not other sites'.
    assert {"draft-article", "expired-article", "private-article"} <= titles.keys()
    assert "other-site-article" not in titles
    one = post(reader, ARTICLE, {"slug": "private-article"}, token=secret).json()
    assert one["data"]["article"]["slug"] == "private-article"
    draft = post(reader, ARTICLE, {"slug": "draft-article"}, token=secret).json()
    assert draft["data"]["article"]["title"] == "Draft Article"
    routed = post(reader, ROUTE, {"path": "/articles/visible-article/"}, token=secret).json()
    assert routed["data"]["route"]["title"] == "Edited, not published"


@pytest.mark.django_db
def test_without_a_token_nothing_changes(reader, pages):
    titles = {
        item["slug"]: item["title"]
        for item in post(reader, ARTICLES).json()["data"]["articles"]["items"]
    }
    assert titles == {"visible-article": "Visible Article"}
    for slug in ("draft-article", "private-article", "expired-article"):
        assert post(reader, ARTICLE, {"slug": slug}).json()["data"]["article"] is None
    # Another scheme (a proxy's basic auth) is left alone, as before: the public's read.
    basic = post(reader, ARTICLE, {"slug": "draft-article"}, HTTP_AUTHORIZATION="Basic eDp5")
    assert basic.status_code == 200
    assert basic.json()["data"]["article"] is None


@pytest.mark.django_db
def test_a_token_read_is_never_stored_and_never_served_from_the_cache(reader, secret, pages):
    public = post(reader, ARTICLE, {"slug": "visible-article"})
    assert public["X-Response-Cache"] == "miss"
    assert public.json()["data"]["article"]["title"] == "Visible Article"
    # The same request with a token is not answered from what the public's stored...
    with_token = post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
    assert "X-Response-Cache" not in with_token
    assert with_token.json()["data"]["article"]["title"] == "Edited, not published"
    # ...and stores nothing the public is then served.
    again = post(reader, ARTICLE, {"slug": "visible-article"})
    assert again["X-Response-Cache"] == "hit"
    assert again.json()["data"]["article"]["title"] == "Visible Article"
    # A persisted GET with a token is not public for the edge either.
    from api.contract import read_manifest

    operation = next(op for op in read_manifest().values() if op.name == "ArticleBySlug")
    variables = json.dumps({"slug": "visible-article", "locale": "en"})
    response = reader.get(
        "/graphql/",
        {"id": operation.sha256, "variables": variables},
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


@pytest.mark.django_db
def test_a_token_on_another_site_reads_that_sites_pages(reader, secret, pages, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    items = post(reader, ARTICLES, token=secret, HTTP_HOST=OTHER_HOST).json()["data"]
    assert [item["slug"] for item in items["articles"]["items"]] == ["other-site-article"]


# --- Refusals ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["unknown", "empty", "expired", "revoked"])
def test_an_invalid_token_is_401(reader, admin_client, kind):
    article("visible-article")
    secret = create_token(admin_client)
    token = ApiToken.objects.get()
    if kind == "unknown":
        secret = "cmsr_" + "x" * 43
    elif kind == "empty":
        secret = ""
    elif kind == "expired":
        token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
        token.save()
    else:
        token.revoked_at = timezone.now()
        token.save()
    response = post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Cache-Control"] == "no-store"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INVALID_TOKEN"
    assert "data" not in response.json()


@pytest.mark.django_db
def test_a_token_with_a_future_expiry_works(reader, admin_client):
    article("visible-article")
    expiry = (timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    secret = create_token(admin_client, expires_at=expiry)
    assert ApiToken.objects.get().expires_at is not None
    response = post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_a_token_cannot_run_a_mutation(reader, secret, pages):
    response = post(reader, MUTATION, {"id": str(pages["visible"].pk)}, token=secret)
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "TOKEN_READ_ONLY"


@pytest.mark.django_db
def test_tokens_are_rate_limited_on_their_own(reader, secret, pages, settings):
    settings.API_TOKEN_RATE_LIMIT = 2
    for _ in range(2):
        assert post(reader, ARTICLE, {"slug": "visible-article"}, token=secret).status_code == 200
    refused = post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    # Readers without a token are not counted against it, nor refused with it.
    assert post(reader, ARTICLE, {"slug": "visible-article"}).status_code == 200


# --- The audit log ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_tokens_use_is_in_the_audit_log_once_a_minute(reader, admin_client, pages):
    from freezegun import freeze_time

    secret = create_token(admin_client)
    other = create_token(admin_client, name="Other build")
    first, second = ApiToken.objects.order_by("pk")
    start = timezone.now()
    with freeze_time(start) as clock:
        for _ in range(3):
            post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
        post(reader, ARTICLE, {"slug": "visible-article"}, token=other)
        clock.tick(61)
        post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
    uses = ModelLogEntry.objects.filter(action="api.token_used")
    assert uses.filter(object_id=first.pk).count() == 2
    assert uses.filter(object_id=second.pk).count() == 1
    assert uses.first().user is None
    first.refresh_from_db()
    assert first.last_used_at >= start + datetime.timedelta(seconds=61)
    history = admin_client.get(f"/admin/api_tokens/history/{first.pk}/")
    assert b"API token used" in history.content


@pytest.mark.django_db
def test_a_tokens_later_reads_in_the_minute_write_nothing(reader, secret, pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
    with CaptureQueriesContext(connection) as queries:
        response = post(reader, ARTICLE, {"slug": "visible-article"}, token=secret)
    assert response.status_code == 200
    statements = [query["sql"].split(" ", 1)[0] for query in queries.captured_queries]
    assert set(statements) == {"SELECT"}, statements
