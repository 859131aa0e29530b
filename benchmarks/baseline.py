"""The baselines the API is measured against (benchmark only, never part of the product):

* :func:`article_json`: a hand-written Django view returning the same JSON as the persisted
  ``ArticleBySlug`` operation, from the same models and domain helpers, with no GraphQL;
* :func:`cached_bytes`: Django returning bytes kept in its cache (the ceiling for any
  response cache inside Django).
"""

from __future__ import annotations

import json

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from wagtail.rich_text import expand_db_html

from api.articles import live_articles
from cms.ids import scoped
from community.models import Comment, ReactionCount, ReactionKind
from pages.directory import DIRECTORY_BLOCK, directory_organisations, prime_directories
from pages.graphql_types import QuizQuestion
from pages.models import ArticlePage
from pages.translation import translation_status
from pages.visibility import site_id_for
from snippets.localisation import locale_code_for

CACHED_BYTES_KEY = "benchmark:cached-bytes"
PER_PAGE = 10


def isoformat(moment):
    # As GraphQL's DateTime: full precision and +00:00 (DjangoJSONEncoder cuts to ms and "Z").
    return None if moment is None else moment.isoformat()


def image_json(image):
    if image is None:
        return None
    return {
        "__typename": "ImageObjectType",
        "id": str(image.pk),
        "title": image.title,
        "description": image.description,
        "url": image.file.url,
        "width": image.width,
        "height": image.height,
    }


def organisation_json(org):
    return {
        "__typename": "Organisation",
        "id": str(org.pk),
        "locale": locale_code_for(org.locale_id),
        "isFallback": org.is_fallback,
        "name": org.name,
        "acronym": org.acronym,
        "description": org.description,
        "services": [
            {"__typename": "Service", "id": str(s.pk), "name": s.name, "slug": s.slug}
            for s in sorted(org.services.all(), key=lambda s: s.name)
        ],
        "phone": org.phone,
        "phoneDisplay": org.phone_display,
        "email": org.email,
        "website": org.website,
        "contactNote": org.contact_note,
        "address": org.address,
        "city": org.city,
        "region": org.region,
        "country": org.country,
        "coverage": org.coverage.upper(),
        "coverageNote": org.coverage_note,
        "lastVerified": org.last_verified,
    }


def block_json(child, article):
    kind, value = child.block_type, child.value
    name = type(child.block).__name__
    data = {"__typename": name, "id": scoped(article.pk, child.id), "blockType": name}
    if kind == "heading":
        data.update(text=value["text"], level=value["level"].upper())
    elif kind == "paragraph":
        data["value"] = expand_db_html(value.source)
    elif kind == "image":
        data.update(
            image=image_json(value["image"]),
            altText=value["alt_text"],
            decorative=value["decorative"],
            caption=value["caption"],
        )
    elif kind == "quiz":
        questions = [
            QuizQuestion.from_bound_block(q).as_public_dict()
            for q in value["questions"].bound_blocks
        ]
        questions = [
            {
                "__typename": "QuizQuestion",
                **question,
                "id": scoped(article.pk, question["id"]),
                "kind": question["kind"].upper(),
                "choices": [
                    {"__typename": "QuizChoice", **choice, "id": scoped(article.pk, choice["id"])}
                    for choice in question["choices"]
                ],
            }
            for question in questions
        ]
        data.update(title=value["title"], intro=value["intro"], questions=questions)
    elif kind == "discussion_prompt":
        data.update(question=value["question"], invitation=value["invitation"])
    elif kind == "programme_list":
        data.update(
            heading=value["heading"],
            intro=value["intro"],
            programmes=[
                {
                    "__typename": "Programme",
                    "name": p["name"],
                    "abbreviation": p["abbreviation"],
                    "description": p["description"],
                }
                for p in value["programmes"]
            ],
        )
    elif kind == DIRECTORY_BLOCK:
        data.update(
            heading=value["heading"],
            intro=value["intro"],
            organisations=[
                organisation_json(o) for o in directory_organisations(value, article.locale_id)
            ],
        )
    elif kind == "callout":
        data.update(
            kind=value["kind"].upper(),
            title=value["title"],
            body=expand_db_html(value["body"].source),
        )
    elif kind == "sign_off":
        data.update(closing=value["closing"], signature=value["signature"])
    return data


def article_data(request, article: ArticlePage) -> dict:
    status = translation_status(article)
    translations = (
        ArticlePage.objects.visible()
        .filter(translation_key=article.translation_key)
        .exclude(pk=article.pk)
        .order_by("locale__language_code")
    )
    comments = list(
        Comment.objects.approved()
        .filter(article=article, parent__isnull=True)
        .order_by("created_at", "pk")[:PER_PAGE]
    )
    total = Comment.objects.approved().filter(article=article, parent__isnull=True).count()
    counts = ReactionCount.counts_for([article.pk])[article.pk]
    labels = dict(ReactionKind.choices)
    prime_directories(article.body, article.locale_id)
    author = article.author
    pages = -(-total // PER_PAGE)
    return {
        "__typename": "ArticlePage",
        "id": str(article.pk),
        "title": article.title,
        "slug": article.slug,
        "url": article.get_url(request=request),
        "locale": locale_code_for(article.locale_id),
        "seoTitle": article.seo_title or article.title,
        "searchDescription": article.search_description,
        "greeting": article.greeting,
        "intro": expand_db_html(article.intro),
        "publicationDate": article.publication_date,
        "firstPublishedAt": isoformat(article.first_published_at),
        "lastPublishedAt": isoformat(article.last_published_at),
        "heroImage": image_json(article.hero_image),
        "author": None
        if author is None
        else {
            "__typename": "Author",
            "id": str(author.pk),
            "locale": locale_code_for(author.locale_id),
            "isFallback": author.locale_id != article.locale_id,
            "name": author.name,
            "bio": author.bio,
            "image": image_json(author.image),
        },
        "tags": [
            {"__typename": "TagObjectType", "id": str(t.pk), "name": t.name}
            for t in article.tags.all()
        ],
        "translations": [
            {
                "__typename": "TranslationLink",
                "locale": locale_code_for(p.locale_id),
                "url": p.get_url(request=request),
                "slug": p.slug,
                "title": p.title,
            }
            for p in translations
        ],
        "translationStatus": {
            "__typename": "TranslationStatus",
            "isTranslation": status.is_translation,
            "sourceLocale": status.source_locale,
            "upToDate": status.up_to_date,
            "sourceUpdatedAt": isoformat(status.source_updated_at),
        },
        "commentsEnabled": article.comments_enabled,
        "reactionsEnabled": article.reactions_enabled,
        "commentCount": article.approved_comment_count,
        "comments": {
            "__typename": "PaginatedComments",
            "items": [
                {
                    "__typename": "Comment",
                    "id": str(c.pk),
                    "authorName": c.author_name,
                    "body": c.body,
                    "createdAt": isoformat(c.created_at),
                    "replies": [],
                }
                for c in comments
            ],
            "pagination": {
                "__typename": "PaginationType",
                "total": total,
                "count": len(comments),
                "perPage": PER_PAGE,
                "currentPage": 1,
                "prevPage": None,
                "nextPage": 2 if pages > 1 else None,
                "totalPages": pages,
            },
        },
        "reactions": [
            {
                "__typename": "ReactionCount",
                "kind": kind.upper(),
                "label": labels[kind],
                "count": counts[kind],
            }
            for kind in ReactionKind.values
        ],
        "body": [block_json(child, article) for child in article.body],
    }


def article_json(request, slug: str) -> HttpResponse:
    articles = live_articles().visible_to(site_id_for(request))
    article = articles.filter(slug=slug, locale__language_code="en").first()
    if article is None:
        raise Http404
    body = {"data": {"article": article_data(request, article)}}
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json",
    )


def cached_bytes(request) -> HttpResponse:
    body = cache.get(CACHED_BYTES_KEY)
    if body is None:
        raise Http404("Run the benchmark's setup first: it stores the bytes.")
    return HttpResponse(body, content_type="application/json")
