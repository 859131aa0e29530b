"""Volume content for load and query-plan checks: many articles, organisations and comments,
created in bulk (``manage.py generate_volume_content``).

Pages are inserted with computed tree paths rather than one ``add_child`` each (which costs
several queries per page and is about 50 times slower): every article is a child of the default
locale's article index, so its treebeard path is the index's path plus its position. Articles
are live, without revisions, and are not added to the search index or the reference index
(run ``manage.py update_index`` if searches must find them). Their slugs start with
``volume-``, which is how a second run is recognised and refused.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from community.models import Comment, CommentStatus
from pages.models import ArticleIndexPage, ArticlePage, ArticlePageTag
from snippets.models import Author, Coverage, Organisation, Service

PREFIX = "volume-"
REGIONS = ["PA", "NY", "CA", "TX", "WA", "OR", "IL", "OH", "MA", "FL"]
TAGS = [f"topic-{i}" for i in range(40)]


class VolumeExists(Exception):
    """The database already holds volume content."""


def batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate(
    *,
    articles: int,
    organisations: int,
    comments: int,
    batch_size: int = 1000,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
    seed: int = 8,
) -> dict[str, int]:
    """Create the content; ``progress(label, total)`` returns a callback taking a count done."""
    existing = ArticlePage.objects.filter(slug__startswith=PREFIX).count()
    if existing:
        raise VolumeExists(
            f"The database already holds {existing} volume articles: generate_volume_content "
            "runs once per database (use a fresh database to start again)."
        )
    index = ArticleIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise LookupError("No article index in the default locale: run load_demo_content first.")
    rng = random.Random(seed)
    report = (lambda label, total: lambda done: None) if progress is None else progress
    with transaction.atomic():
        orgs = _organisations(
            index.locale, organisations, batch_size, report("organisations", organisations), rng
        )
        pages = _articles(index, articles, orgs, batch_size, report("articles", articles), rng)
        _comments(pages, comments, batch_size, report("comments", comments), rng)
        # Bulk inserts skip the search index (signals): index the new rows as editors' saves
        # would, so searches at volume search the volume.
        _index(Organisation, orgs, batch_size, report("search index: organisations", len(orgs)))
        _index(ArticlePage, pages, batch_size, report("search index: articles", len(pages)))
    if connection.vendor == "postgresql":
        # Bulk inserts leave the planner's statistics behind: plans would assume empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"articles": len(pages), "organisations": len(orgs), "comments": comments}


def _index(model, ids: list[int], batch_size: int, done) -> None:
    backend = get_search_backend()
    for batch in batches(ids, batch_size):
        backend.add_bulk(model, list(model.objects.filter(pk__in=batch)))
        done(len(batch))


def _organisations(locale, count, batch_size, done, rng) -> list[int]:
    services = list(Service.objects.filter(locale=locale)) or [
        Service.objects.create(locale=locale, name="Naloxone distribution", slug="naloxone")
    ]
    ids: list[int] = []
    through = Organisation.services.through
    for batch in batches(list(range(count)), batch_size):
        objects = [
            Organisation(
                locale=locale,
                translation_key=uuid.uuid4(),
                live=True,
                name=f"Volume organisation {i:05}",
                description="Harm-reduction services, generated for volume tests.",
                email=f"org{i}@example.org",
                city="Springfield",
                region=REGIONS[i % len(REGIONS)],
                country="US",
                coverage=[Coverage.LOCAL, Coverage.REGIONAL, Coverage.NATIONAL][i % 3],
                last_verified=datetime.date(2026, 1, 1),
            )
            for i in batch
        ]
        created = Organisation.objects.bulk_create(objects)
        links = [
            through(organisation_id=org.pk, service_id=service.pk)
            for org in created
            for service in rng.sample(services, k=min(len(services), 2))
        ]
        through.objects.bulk_create(links)
        ids.extend(org.pk for org in created)
        done(len(batch))
    return ids


def _article_body(organisation_ids: list[int], rng) -> list[dict]:
    def block(kind, value):
        return {"type": kind, "value": value, "id": str(uuid.uuid4())}

    return [
        block("heading", {"text": "What to know", "level": "h2"}),
        block("paragraph", "<p>Generated paragraph for volume tests.</p>"),
        block(
            "organisation_directory",
            {
                "heading": "Where to get help",
                "intro": "",
                "organisations": rng.sample(organisation_ids, k=min(3, len(organisation_ids))),
                "service": None,
                "region": "",
                "coverage": "",
            },
        ),
        block("sign_off", {"closing": "Best,", "signature": "The team"}),
    ]


def _articles(index: ArticleIndexPage, count, organisation_ids, batch_size, done, rng) -> list[int]:
    content_type = ContentType.objects.get_for_model(ArticlePage)
    authors = list(Author.objects.filter(locale=index.locale)[:20]) or [
        Author.objects.create(locale=index.locale, name="Volume author")
    ]
    tags = [Tag.objects.get_or_create(name=name, slug=name)[0] for name in TAGS]
    index = ArticleIndexPage.objects.get(pk=index.pk)  # fresh numchild
    last_child = index.get_last_child()
    position = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
    now = timezone.now()
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    article_fields = list(ArticlePage._meta.local_concrete_fields)
    ids: list[int] = []
    for batch in batches(list(range(count)), batch_size):
        pages, articles = [], []
        for i in batch:
            position += 1
            slug = f"{PREFIX}{i:05}"
            published = now - datetime.timedelta(hours=i)
            page = ArticlePage(
                title=f"Volume article {i:05}",
                draft_title=f"Volume article {i:05}",
                slug=slug,
                content_type=content_type,
                locale=index.locale,
                translation_key=uuid.uuid4(),
                path=index.path + Page._int2str(position).rjust(Page.steplen, "0"),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                live_revision=None,
                author=authors[i % len(authors)],
                greeting="Hello!",
                intro="<p>Generated for volume tests.</p>",
                publication_date=published.date(),
                body=_article_body(organisation_ids, rng),
            )
            pages.append(page)
        # Multi-table inheritance: Django's bulk_create refuses child models, so insert the
        # wagtailcore_page rows, then the pages_articlepage rows pointing at them.
        base_rows = [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in pages]
        Page.objects.bulk_create(base_rows)
        for page, base in zip(pages, base_rows, strict=True):
            page.pk = page.page_ptr_id = base.pk
            articles.append(page)
        ArticlePage._base_manager._insert(articles, fields=article_fields)
        ArticlePageTag.objects.bulk_create(
            ArticlePageTag(content_object_id=page.pk, tag=tag)
            for page in pages
            for tag in rng.sample(tags, k=3)
        )
        ids.extend(page.pk for page in pages)
        done(len(batch))
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    return ids


def _comments(article_ids: list[int], count, batch_size, done, rng) -> None:
    statuses = [CommentStatus.APPROVED] * 8 + [CommentStatus.PENDING, CommentStatus.REJECTED]
    now = timezone.now()
    for batch in batches(list(range(count)), batch_size):
        Comment.objects.bulk_create(
            Comment(
                article_id=rng.choice(article_ids),
                author_name=f"Reader {i}",
                author_email=f"reader{i}@example.org",
                body="Thank you for this article.",
                status=rng.choice(statuses),
                created_at=now - datetime.timedelta(minutes=i),
            )
            for i in batch
        )
        done(len(batch))
