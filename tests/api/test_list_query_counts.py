"""Every list of the public schema costs the same SQL for 2 items as for 20.

The queries come from the schema (tests/api/list_paths.py): every list path from the root up
to three lists deep, selecting every scalar of its items and of their objects. Each runs over
HTTP on content where every list holds 2 items, then on content where it holds 20, in English
and in Spanish (where snippets fall back to English and translations are looked up).
"""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from api.schema import schema
from community.models import Comment, CommentStatus, ReactionCount, ReactionKind
from demo.content import article_body
from snippets.localisation import forget_locales
from snippets.models import Author, CrisisLine
from tests import factories
from tests.api.list_paths import list_paths, queries_for

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 20
LOCALES = (None, "es")
# Lists the content below fills with at least SMALL, then LARGE, items.
FILLED = (
    "articles.items",
    "articles.items.body",
    "articles.items.body.[OrganisationDirectoryBlock]organisations",
    "articles.items.body.[CrisisLinesBlock]crisisLines",
    "articles.items.comments.items",
    "articles.items.comments.items.replies",
    "articles.items.reactions",
    "articles.items.tags",
    "articles.items.translations",
    "organisations.items",
    "organisations.items.services",
    "services",
    "authors",
    "crisisLines",
    "search",
    "search.[ArticlePage]body",
    "search.[Organisation]services",
)


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    # What is counted is executing the query: a response cache hit would cost none.
    settings.RESPONSE_CACHE_ENABLED = False
    # Nor a cached visibility lookup reaching its bound in the middle of a measurement (a
    # long test crosses it: pages/visibility.py reads the lookups again then).
    settings.VISIBILITY_CACHE_TIMEOUT = 3600
    # Every list is selected at once, at full page size: far past the cost bound, which is
    # not what is measured here (tests/security/test_cost.py is).
    settings.GRAPHQL_MAX_COST = 10**9


def make_content(n: int) -> None:
    """Content where every list the API serves holds ``n`` items: ``n`` articles (each with
    ``n`` tags, body blocks, comments with ``n`` replies each, reactions, its own author and
    hero image, and a Spanish translation), ``n`` organisations offering ``n`` services, and
    Spanish translations of half the snippets (the rest fall back to English)."""
    es = Locale.objects.get(language_code="es")
    services = [factories.service(f"harm-service-{i}", f"Harm service {i}") for i in range(n)]
    organisations = [
        factories.organisation(f"Harm org {i:02}", services=services, region="PA") for i in range(n)
    ]
    for i, service in enumerate(services[::2]):
        spanish = service.copy_for_translation(es)
        spanish.name = f"Servicio {i}"
        spanish.save()
    for organisation in organisations[::2]:
        spanish = organisation.copy_for_translation(es)
        spanish.name = f"Harm organización {organisation.pk}"
        spanish.live = True
        spanish.save()
        spanish.services.set(services)
    images = [Image.objects.create(title=f"Harm {i}", file=get_test_image_file()) for i in range(n)]
    authors = [Author.objects.create(name=f"Harm author {i}", image=images[i]) for i in range(n)]
    for author in authors[::2]:
        author.copy_for_translation(es).save()

    lines = crisis_lines(n, es)

    blocks = article_body([organisation.pk for organisation in organisations])
    blocks.append({"type": "image", "value": {"image": images[0].pk, "alt_text": "Kit"}})
    callout = {"kind": "info", "title": "Note", "body": "<p>Call 911.</p>"}
    blocks.append({"type": "callout", "value": callout})
    # Safety-critical blocks: a translation's are checked against its source (pages/safety.py).
    blocks.append({"type": "callout", "value": {**callout, "safety_critical": True}})
    crisis = {"heading": "Help now", "crisis_lines": [line.pk for line in lines]}
    blocks.append({"type": "crisis_lines", "value": crisis})
    # Every kind of block at any size (so that 2 and 20 load the same kinds), at least n.
    body = blocks * -(-n // len(blocks))
    for i in range(n):
        page = factories.article(
            f"harm-{i}",
            title=f"Harm article {i}",
            body=body,
            author=authors[i],
            hero_image=images[i],
            publication_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
        )
        page.tags.add(*(f"tag-{t}" for t in range(n)))
        page.save_revision().publish()
        spanish = page.copy_for_translation(es, copy_parents=True)
        spanish.save_revision().publish()
        source, _created = TranslationSource.get_or_create_from_instance(page)
        Translation.objects.create(source=source, target_locale=es)
        for article in (page, spanish):
            add_participation(article, n)


def crisis_lines(n: int, es) -> list[CrisisLine]:
    """``n`` crisis lines, half with a synced Spanish translation, of which half are behind
    their source (it was published again since): served in English, flagged."""
    lines = []
    for i in range(n):
        line = CrisisLine(name=f"Harm line {i:02}", phone="988", hours="24/7", footer_order=i)
        line.save()
        line.save_revision().publish()
        lines.append(line)
    for line in lines[::2]:
        source, _created = TranslationSource.get_or_create_from_instance(line)
        Translation.objects.create(source=source, target_locale=es)
        spanish = line.copy_for_translation(es)
        spanish.name = f"Línea {line.pk}"
        spanish.save()
        spanish.save_revision().publish()
    for line in lines[::4]:
        line.save_revision().publish()
    return lines


def add_participation(article, n: int) -> None:
    """Reactions of every kind, and ``n`` approved comments with ``n`` approved replies each."""
    ReactionCount.objects.bulk_create(
        ReactionCount(article=article, kind=kind, count=3) for kind in ReactionKind.values
    )
    approved = {"author_name": "Reader", "status": CommentStatus.APPROVED}
    comments = Comment.objects.bulk_create(
        Comment(article=article, body="Hi", **approved) for _comment in range(n)
    )
    Comment.objects.bulk_create(
        Comment(article=article, parent=comment, body="Reply", **approved)
        for comment in comments
        for _reply in range(n)
    )


def count_queries(client, query: str) -> tuple[int, dict]:
    def run() -> dict:
        response = client.post("/graphql/", {"query": query}, content_type="application/json")
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, (query, body)
        return body

    run()  # warm per-process caches (site root paths, content types, renditions)
    with CaptureQueriesContext(connection) as queries:
        data = run()
    return len(queries), data


def items_at(data: dict, path) -> int:
    """How many items the response holds at the end of ``path``, over all its parents."""
    nodes = [data["data"]]
    for step in path.steps:
        found = []
        for node in nodes:
            value = node.get(step.name) if isinstance(node, dict) else None
            if step.items and value is not None:
                value = value["items"]
            found.extend(value or ())
        nodes = found
    return len(nodes)


def measure(client, n: int) -> tuple[dict, dict]:
    """SQL queries of every generated query, and the items each path's list held, on
    content of size ``n`` (rolled back after)."""
    counts, sizes = {}, {}
    with transaction.atomic():
        make_content(n)
        for locale in LOCALES:
            for path in list_paths(schema.graphql_schema, locale):
                for number, query in enumerate(queries_for(schema.graphql_schema, path)):
                    counts[(path.name, locale, number)], data = count_queries(client, query)
                    sizes[(path.name, locale)] = items_at(data, path)
        transaction.set_rollback(True)
    # Ids are reused after the rollback: forget what was cached about the content.
    for alias in ("default", "renditions"):
        if alias in caches:
            caches[alias].clear()
    forget_locales()
    return counts, sizes


def test_every_list_costs_the_same_for_2_items_as_for_20(client):
    small, small_sizes = measure(client, SMALL)
    large, large_sizes = measure(client, LARGE)
    assert small.keys() == large.keys()
    # The content fills the lists readers see (grapple's generic block types stay empty).
    for path in FILLED:
        for locale in LOCALES:
            assert small_sizes[(path, locale)] >= SMALL, (path, locale, small_sizes)
            assert large_sizes[(path, locale)] >= LARGE, (path, locale, large_sizes)
    grows = {key: (small[key], large[key]) for key in small if small[key] != large[key]}
    assert not grows, "SQL queries grow with the list (path, locale, document): (2, 20)\n" + (
        "\n".join(f"{key}: {counts}" for key, counts in sorted(grows.items(), key=str))
    )
