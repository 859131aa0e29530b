"""Issue 14, point 6: go-live and expiry dates are enforced when a page is read, whatever the
``live``/``expired`` flags say (only ``manage.py publish_scheduled`` updates them), on every path;
the response cache and the public ``max-age`` keep nothing past the next go-live or expiry."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Site

from api import contract
from api.core import view
from pages.models import ArticlePage
from pages.visibility import Audience, visible_to
from tests import factories

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
READ = """
query ($slug: String!, $path: String!, $words: String!) {
  article(slug: $slug) { title }
  articles(perPage: 100) { items { slug } }
  route(path: $path) { slug }
  search(query: $words) { ... on ArticlePage { slug } }
}
"""


def read(client, page, path=None) -> dict:
    response = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": READ,
                "variables": {
                    "slug": page.slug,
                    "path": path or page.get_url_parts()[2],
                    "words": "Naloxone",
                },
            }
        ),
        content_type="application/json",
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def seen(data: dict, slug: str) -> dict:
    """Where the article ``slug`` shows up in a ``READ`` answer."""
    return {
        "article": data["article"] is not None,
        "articles": slug in [item["slug"] for item in data["articles"]["items"]],
        "route": data["route"] is not None,
        "search": slug in [item.get("slug") for item in data["search"]],
    }


EVERYWHERE = {"article": True, "articles": True, "route": True, "search": True}
NOWHERE = dict.fromkeys(EVERYWHERE, False)


@pytest.mark.parametrize(
    "dates",
    [{"expire_at": -HOUR}, {"go_live_at": HOUR}],
    ids=["past-its-expiry", "before-its-go-live"],
)
def test_a_page_outside_its_dates_is_hidden_on_every_path_before_publish_scheduled(
    client, dates, settings
):
    settings.RESPONSE_CACHE_ENABLED = False  # the rule alone (the caches are tested below)
    page = factories.article("naloxone-dated", title="Naloxone dated")
    path = page.get_url_parts()[2]
    assert seen(read(client, page), page.slug) == EVERYWHERE
    ArticlePage.objects.filter(pk=page.pk).update(
        **{name: timezone.now() + delta for name, delta in dates.items()}
    )
    page.refresh_from_db()
    assert page.live and not page.expired  # the flags still say "live"
    assert seen(read(client, page, path), page.slug) == NOWHERE
    # Wagtail's own page serving agrees.
    assert client.get(path).status_code == 404


def test_a_live_page_with_its_next_revision_scheduled_stays_visible_with_its_content(client):
    """Scheduling a live page's next revision (what the editor's Publish does with a go-live
    date ahead) keeps that date on the revision: the live row's go_live_at is not moved, so
    the page stays visible, with its current content, until the revision goes live."""
    created = factories.article("naloxone-scheduled", title="Naloxone today")
    page = ArticlePage.objects.get(pk=created.pk)  # as the editor's form loads it
    path = page.get_url_parts()[2]
    go_live = timezone.now() + HOUR
    page.title = "Naloxone tomorrow"
    page.go_live_at = go_live
    revision = page.save_revision()
    revision.publish()

    row = ArticlePage.objects.get(pk=page.pk)
    assert row.live and row.go_live_at is None and row.title == "Naloxone today"
    data = read(client, row, path)
    assert seen(data, row.slug) == EVERYWHERE
    assert data["article"]["title"] == "Naloxone today"
    assert client.get(path).status_code == 200

    with freeze_time(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
        data = read(client, row, path)
    assert data["article"]["title"] == "Naloxone tomorrow"


# --- The caches -------------------------------------------------------------------------------


@pytest.fixture
def persisted_get(client):
    manifest = json.loads(contract.MANIFEST_PATH.read_text())
    digest = next(d for d, entry in manifest.items() if entry["operationName"] == "ArticleBySlug")

    def get(slug):
        variables = json.dumps({"slug": slug, "locale": "en"})
        response = client.get("/graphql/", {"id": digest, "variables": variables})
        assert response.status_code == 200, response.content
        return response

    return get


def max_age(response) -> int:
    directives = dict(
        part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
    )
    assert "public" in directives
    return int(directives["max-age"])


def test_no_cache_serves_a_page_past_its_expiry(persisted_get, settings):
    settings.PERSISTED_QUERY_MAX_AGE = 600
    start = timezone.now()
    with freeze_time(start) as clock:
        page = factories.article("naloxone-expiring")
        # As an editor sets it: on the page, then published.
        page.expire_at = start + datetime.timedelta(seconds=30)
        page.save_revision().publish()

        first = persisted_get(page.slug)
        assert first.json()["data"]["article"] is not None
        assert 0 < max_age(first) <= 30
        second = persisted_get(page.slug)
        assert second[view.HIT_HEADER] == "hit"
        assert max_age(second) <= 30

        clock.tick(31)
        after = persisted_get(page.slug)
    assert after[view.HIT_HEADER] == "miss"
    assert after.json()["data"]["article"] is None


def test_no_cache_hides_a_page_past_its_go_live(persisted_get, settings):
    settings.PERSISTED_QUERY_MAX_AGE = 600
    start = timezone.now()
    with freeze_time(start) as clock:
        page = factories.article("naloxone-coming")
        page.go_live_at = start + datetime.timedelta(seconds=30)
        page.save()  # live, with a go-live ahead: hidden until then

        before = persisted_get(page.slug)
        assert before.json()["data"]["article"] is None
        assert 0 < max_age(before) <= 30
        assert persisted_get(page.slug)[view.HIT_HEADER] == "hit"

        clock.tick(31)
        after = persisted_get(page.slug)
    assert after[view.HIT_HEADER] == "miss"
    assert after.json()["data"]["article"] is not None
    # Nothing else scheduled: the usual lifetime again.
    assert max_age(after) == 600


def test_the_check_of_a_loaded_page_agrees_with_the_filter_on_dates():
    """``Audience.allows`` (Python, for pages already loaded: the schema's net) and the
    database filter read the date lookups alike, NULL dates included."""
    now = timezone.now()
    for slug, dates in {
        "no-dates": {},
        "expires-later": {"expire_at": now + HOUR},
        "expired": {"expire_at": now - HOUR},
        "went-live": {"go_live_at": now - HOUR},
        "goes-live-later": {"go_live_at": now + HOUR},
        "both-fine": {"go_live_at": now - HOUR, "expire_at": now + HOUR},
    }.items():
        page = factories.article(slug)
        ArticlePage.objects.filter(pk=page.pk).update(**dates)
    audience = Audience.of_site(Site.objects.get(is_default_site=True))
    filtered = set(visible_to(ArticlePage.objects.all(), audience).values_list("slug", flat=True))
    checked = {page.slug for page in ArticlePage.objects.all() if audience.allows(page)}
    assert checked == filtered == {"no-dates", "expires-later", "went-live", "both-fine"}
