"""What makes an event, through the doors editors use: the page and snippet admin, comment
moderation, wagtail-localize's sync; and each endpoint's filters."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from community.models import Comment, CommentStatus
from pages.cache_tags import changed_by
from snippets.models import Author, CrisisLine, Organisation, Service
from tests import factories
from tests.snippets.test_admin_organisations import org_form
from webhooks import events
from webhooks.models import Endpoint

from .conftest import valid

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(receiver):
    """The verified payloads the receiver got: (type, data) pairs."""

    def pairs():
        assert all(r.error == "" for r in receiver.received), receiver.received
        return [(valid(p)["type"], p["data"]) for p in receiver.payloads]

    return pairs


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publishing_unpublishing_and_deleting_a_page_in_the_admin(
    admin_client, endpoint, sent, commit
):
    with commit():
        page = factories.article("naloxone-basics")
    page_id, tags = str(page.pk), sorted(changed_by(page))
    with commit():
        response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302
    with commit():
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    assert response.status_code == 302 and not Page.objects.filter(pk=page.pk).exists()

    article_events = [(t, d) for t, d in sent() if d["objectType"] == "ArticlePage"]
    assert [t for t, _ in article_events] == [
        "article.published",
        "article.unpublished",
        "article.deleted",  # once, though the Page row is deleted with the ArticlePage
    ]
    for _type, data in article_events:
        assert data["id"] == page_id and data["locale"] == "en"
        assert data["paths"] == ["/articles/naloxone-basics/"] and data["tags"] == tags


def test_publishing_an_organisation_in_the_admin_and_deleting_it(
    admin_client, endpoint, sent, commit
):
    with commit():
        response = admin_client.post(
            reverse("wagtailsnippets_snippets_organisation:add"), org_form()
        )
    assert response.status_code == 302
    assert sent() == []  # a draft changes nothing public
    organisation = Organisation.objects.get()
    edit = reverse("wagtailsnippets_snippets_organisation:edit", args=(organisation.pk,))
    with commit():
        response = admin_client.post(edit, org_form(publish=True))
    assert response.status_code == 302
    tags = sorted(changed_by(organisation))
    with commit():
        response = admin_client.post(
            reverse("wagtailsnippets_snippets_organisation:unpublish", args=(organisation.pk,))
        )
    assert response.status_code == 302
    with commit():
        admin_client.post(
            reverse("wagtailsnippets_snippets_organisation:delete", args=(organisation.pk,))
        )
    assert not Organisation.objects.exists()
    data = {
        "objectType": "Organisation",
        "id": str(organisation.pk),
        "locale": "en",
        "paths": [],
        "tags": tags,
    }
    assert sent() == [
        ("organisation.saved", data),  # published
        ("organisation.saved", data),  # unpublished
        ("organisation.deleted", data),
    ]
    assert f"organisation:{organisation.pk}" in tags and "list:organisation:es" in tags


def test_saving_and_deleting_authors_and_services_in_the_admin(
    admin_client, endpoint, sent, commit
):
    with commit():
        admin_client.post(
            reverse("wagtailsnippets_snippets_author:add"),
            {"name": "Damilola Amire", "bio": "Writes.", "image": ""},
        )
    author = Author.objects.get()
    with commit():
        admin_client.post(reverse("wagtailsnippets_snippets_author:delete", args=(author.pk,)))
    with commit():
        admin_client.post(
            reverse("wagtailsnippets_snippets_service:add"),
            {"name": "Wound care", "slug": "wound-care", "description": ""},
        )
    service = Service.objects.get()
    assert [(t, d["objectType"], d["id"]) for t, d in sent()] == [
        ("author.saved", "Author", str(author.pk)),
        ("author.deleted", "Author", str(author.pk)),
        ("service.saved", "Service", str(service.pk)),
    ]
    assert sent()[0][1]["tags"] == sorted(
        {f"author:{author.pk}", "list:author:en", "list:author:es"}
    )


def test_approving_a_comment_in_the_admin_sends_comment_approved_once(
    admin_client, endpoint, receiver, sent, commit
):
    with commit():
        article = factories.article("naloxone-basics")
    comment = Comment.objects.create(
        article=article, author_name="Sam", author_email="sam@example.org", body="Thank you."
    )
    assert sent()[-1][0] == "article.published"  # a pending comment sends nothing
    moderate = Comment.snippet_viewset.get_url_name("moderate")
    with commit():
        admin_client.post(reverse(moderate, args=(comment.pk, CommentStatus.APPROVED)))
    with commit():
        comment.refresh_from_db()
        comment.body = "Thank you!"
        comment.save()  # already approved: no second event
    with commit():
        admin_client.post(reverse(moderate, args=(comment.pk, CommentStatus.REJECTED)))

    approvals = [d for t, d in sent() if t == "comment.approved"]
    assert approvals == [
        {
            "objectType": "Comment",
            "id": str(comment.pk),
            "locale": "en",
            "paths": ["/articles/naloxone-basics/"],
            "tags": [f"participation:{article.pk}"],
        }
    ]
    # The reader's email is in no payload.
    assert receiver.received and all(b"sam@example.org" not in r.body for r in receiver.received)


def test_syncing_a_translation_source_sends_translation_synced(
    admin_client, endpoint, sent, commit
):
    from wagtail_localize.models import TranslationSource

    with commit():
        page = factories.article("naloxone-basics")
        source, _created = TranslationSource.get_or_create_from_instance(page)
    page.title = "Naloxone basics, revised"
    with commit():
        page.save_revision().publish()
    with commit():
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=(source.pk,))
        )
    assert response.status_code == 302
    synced = [d for t, d in sent() if t == "translation.synced"]
    assert len(synced) == 2  # started, then synced from the admin
    assert synced[-1] == {
        "objectType": "ArticlePage",
        "id": str(page.pk),
        "locale": "en",
        "paths": ["/articles/naloxone-basics/"],
        "tags": sorted(changed_by(page)),
    }


def test_filters_by_event_locale_and_content_type(receiver, sent, commit):
    spanish = Locale.objects.get(language_code="es")
    english = Locale.objects.get(language_code="en")
    made = [
        Endpoint.objects.create(name=name, url=receiver.url + name, **filters)
        for name, filters in {
            "all": {"events": ["article.published", "author.saved"]},
            "authors": {"events": ["author.saved"]},
            "en": {"events": ["article.published", "author.saved"], "locale": english},
            "es": {"events": ["article.published", "author.saved"], "locale": spanish},
            "pages": {
                "events": ["article.published", "author.saved"],
                "object_types": ["ArticlePage"],
            },
            "home": {"events": ["article.published"], "object_types": ["HomePage"]},
            "off": {"events": ["article.published", "author.saved"], "active": False},
        }.items()
    ]
    receiver.secret = made[0].secret
    Endpoint.objects.update(secret=made[0].secret)  # one receiver verifies them all
    with commit():
        factories.article("naloxone-basics")
        Author.objects.create(name="Damilola", locale=english)
    got = sorted((r.path.removeprefix("/hooks/"), r.payload["type"]) for r in receiver.received)
    assert got == [
        ("all", "article.published"),
        ("all", "author.saved"),
        ("authors", "author.saved"),
        ("en", "article.published"),
        ("en", "author.saved"),
        ("pages", "article.published"),
    ]
    assert len(sent()) == 6


def test_a_change_no_endpoint_takes_costs_no_query_and_a_new_endpoint_is_seen_at_once(
    db, endpoint, receiver, django_assert_num_queries, commit
):
    endpoint.events = ["author.saved"]
    endpoint.save()
    page = factories.article("naloxone-basics", publish=False)
    events.emit("article.published", page)  # reads the endpoints once
    with django_assert_num_queries(0):
        assert events.emit("article.published", page) == []

    other = Endpoint.objects.create(name="pages", url=receiver.url, events=["article.published"])
    with commit():
        (delivery,) = events.emit("article.published", page)
    assert delivery.endpoint_id == other.pk
    other.active = False
    other.save()
    assert events.emit("article.published", page) == []


def test_a_comment_approved_on_posting_by_a_trusted_commenter_sends_comment_approved(
    client, community, moderator, endpoint, sent, commit
):
    from tests.community.helpers import post
    from tests.community.test_post_comment import approved_commenter_key

    endpoint.events = ["comment.approved"]
    endpoint.save()
    with commit():
        article = factories.article("naloxone-basics")
        key = approved_commenter_key(client, article, moderator)  # approved by a moderator
    with commit():
        again = post(client, article, body="Thanks again!", commenterKey=key)
    assert again["status"] == "APPROVED"
    with commit():
        assert post(client, article, body="Hm", commenterKey="wrong")["status"] == "PENDING"
    first, second = [d["id"] for t, d in sent() if t == "comment.approved"]
    assert second == again["comment"]["id"] and first != second


def test_publishing_and_deleting_a_crisis_line_in_the_admin(admin_client, endpoint, sent, commit):
    from tests.snippets.test_admin_crisis_lines import line_form

    with commit():
        response = admin_client.post(
            reverse("wagtailsnippets_snippets_crisisline:add"), line_form()
        )
    assert response.status_code == 302
    assert sent() == []  # a draft changes nothing public
    line = CrisisLine.objects.get()
    edit = reverse("wagtailsnippets_snippets_crisisline:edit", args=(line.pk,))
    with commit():
        response = admin_client.post(edit, line_form(**{"action-publish": "action-publish"}))
    assert response.status_code == 302
    tags = sorted(changed_by(line))
    with commit():
        admin_client.post(reverse("wagtailsnippets_snippets_crisisline:delete", args=(line.pk,)))
    data = {"objectType": "CrisisLine", "id": str(line.pk), "locale": "en", "paths": []}
    assert [(t, {k: v for k, v in d.items() if k != "tags"}) for t, d in sent()] == [
        ("crisis_line.saved", data),
        ("crisis_line.deleted", data),
    ]
    assert sent()[0][1]["tags"] == tags and f"crisisline:{line.pk}" in tags
