"""The visibility rule (pages/visibility.py): the database filter and the check of a loaded page
are one rule, and the API serves by it on its own fields and through the schema's net."""

import json

import pytest
from wagtail.models import Page, Site

from pages.models import ArticlePage
from pages.visibility import Audience, visible_to
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, factories.OTHER_HOST, factories.NESTED_HOST]
    return factories.hidden_articles()


def post(client, query, variables=None, host="localhost"):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        HTTP_HOST=host,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def test_each_site_sees_its_own_live_public_articles(hidden):
    seen = {
        site.hostname: set(ArticlePage.objects.visible_to(site).values_list("slug", flat=True))
        for site in Site.objects.all()
    }
    assert seen == {
        "localhost": {"visible-article"},
        factories.OTHER_HOST: {"other-site-article"},
        factories.NESTED_HOST: {"nested-site-article"},
    }
    assert not ArticlePage.objects.visible_to(None).exists()
    everywhere = set(ArticlePage.objects.visible().values_list("slug", flat=True))
    assert everywhere == {"visible-article", "other-site-article", "nested-site-article"}


def test_the_check_of_a_loaded_page_agrees_with_the_filter(hidden):
    pages = list(Page.objects.specific())
    for site in [*Site.objects.all(), None]:
        audience = Audience.of_site(site)
        filtered = set(visible_to(Page.objects.all(), audience).values_list("pk", flat=True))
        checked = {page.pk for page in pages if audience.allows(page)}
        assert checked == filtered, site
        assert filtered or site is None


def test_the_api_serves_by_the_rule_on_its_fields_and_by_url(hidden, client):
    listed = post(client, "{ articles(perPage: 100) { items { slug } } }")["articles"]["items"]
    assert [item["slug"] for item in listed] == ["visible-article"]
    # route(path:) finds any page by its URL, by the same rule: each hidden kind is null.
    for key, page in hidden.items():
        found = post(
            client,
            "query ($path: String!) { route(path: $path) { slug } }",
            {"path": page.get_url_parts()[2] if page.get_url_parts() else "/nowhere/"},
        )["route"]
        assert (found is not None) == (key == "visible"), key
    for host, key in ((factories.OTHER_HOST, "other-site"), (factories.NESTED_HOST, "nested-site")):
        listed = post(client, "{ articles { items { slug } } }", host=host)["articles"]["items"]
        assert [item["slug"] for item in listed] == [hidden[key].slug]
