"""Editors preview drafts in the frontend: a token from the admin, the draft from the API."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from freezegun import freeze_time

from snippets.models import Organisation
from tests import factories
from tests.pages.admin_forms import article_form

pytestmark = pytest.mark.django_db

PREVIEW_ARTICLE = """
query($token: String!) { article(token: $token) { title body { ... on HeadingBlock { text } } } }
"""
PREVIEW_ORGANISATION = "query($token: String!) { organisation(token: $token) { name phone } }"


def frontend_token(admin_client, preview_url: str, data: dict) -> str:
    """Post the editor's unsaved form to the admin's preview, as the Preview button does, and
    read the token from the frontend URL the preview panel shows."""
    assert admin_client.post(preview_url, data).json()["is_valid"] is True
    html = admin_client.get(preview_url, {"mode": "frontend"}).content.decode()
    src = html.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert src.startswith("http://127.0.0.1:8000/?")
    return parse_qs(urlparse(src).query)["token"][0]


def post(client, query, variables):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
    )
    return response, response.json()


def test_article_draft_preview_through_the_api(admin_client, client):
    page = factories.article("previewed", title="Published title")
    data = article_form(
        "Draft title",
        [("heading", {"text": "Only in the draft", "level": "h2"})],
        slug="previewed",
    )
    token = frontend_token(
        admin_client, reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,)), data
    )

    response, body = post(client, PREVIEW_ARTICLE, {"token": token})
    assert body["data"]["article"]["title"] == "Draft title"
    assert body["data"]["article"]["body"] == [{"text": "Only in the draft"}]
    assert "no-store" in response["Cache-Control"]
    page.refresh_from_db()
    assert page.title == "Published title"  # previewing changes nothing


def test_preview_tokens_expire_after_an_hour(admin_client, client, settings):
    page = factories.article("expiring")
    data = article_form("Draft", [], slug="expiring")
    with freeze_time("2026-11-26 10:00:00"):
        token = frontend_token(
            admin_client, reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,)), data
        )
    with freeze_time("2026-11-26 10:59:00"):
        assert (
            post(client, PREVIEW_ARTICLE, {"token": token})[1]["data"]["article"]["title"]
            == "Draft"
        )
    with freeze_time("2026-11-26 11:01:00"):
        body = post(client, PREVIEW_ARTICLE, {"token": token})[1]
    assert "invalid or has expired" in body["errors"][0]["message"]
    assert (
        "invalid or has expired"
        in post(client, PREVIEW_ARTICLE, {"token": "forged"})[1]["errors"][0]["message"]
    )


def test_organisation_draft_preview(admin_client, client):
    organisation = factories.organisation("Published Org", phone="(215) 634-5272")
    url = reverse("wagtailsnippets_snippets_organisation:preview_on_edit", args=(organisation.pk,))
    data = {
        "name": "Draft Org",
        "acronym": "",
        "description": "Draft.",
        "phone": "(212) 213-6376",
        "email": "draft@example.org",
        "website": "",
        "contact_note": "",
        "address": "",
        "city": "",
        "region": "",
        "country": "US",
        "coverage": "local",
        "coverage_note": "",
        "last_verified": "2026-11-01",
    }
    token = frontend_token(admin_client, url, data)

    response, body = post(client, PREVIEW_ORGANISATION, {"token": token})
    assert body["data"]["organisation"] == {"name": "Draft Org", "phone": "+12122136376"}
    assert "no-store" in response["Cache-Control"]
    assert Organisation.objects.get(pk=organisation.pk).name == "Published Org"
