"""Moderators work through reader comments in the Wagtail admin; nobody else sees readers'
email addresses, and nobody at all sees the client hash."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from community.models import Comment, CommentStatus
from community.notifications import notify_moderators
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_community_comment:list"
LIST_RESULTS = "wagtailsnippets_community_comment:list_results"
EDIT = "wagtailsnippets_community_comment:edit"
INSPECT = "wagtailsnippets_community_comment:inspect"
HISTORY = "wagtailsnippets_community_comment:history"
ADD = "wagtailsnippets_community_comment:add"
MODERATE = "wagtailsnippets_community_comment:moderate"

EMAIL = "returning.reader@example.net"
CLIENT_HASH = "9f8e7d6c5b4a" + "0123456789abcdef" * 3 + "fedc"  # 64 hex digits


def at(day: int, month: int = 3) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def article():
    return factories.article("naloxone-basics", title="Naloxone basics")


@pytest.fixture
def other_article():
    return factories.article("fentanyl-test-strips", title="Fentanyl test strips")


def comment(article, author_name, body, status=CommentStatus.PENDING, **fields) -> Comment:
    fields.setdefault("author_email", EMAIL)
    fields.setdefault("client_hash", CLIENT_HASH)
    return Comment.objects.create(
        article=article, author_name=author_name, body=body, status=status, **fields
    )


@pytest.fixture
def comments(article, other_article):
    return {
        "alice": comment(article, "Alice Anders", "Naloxone saved my brother.", created_at=at(2)),
        "bruno": comment(
            article,
            "Bruno Berg",
            "Where can I get a free kit?",
            status=CommentStatus.APPROVED,
            created_at=at(10),
        ),
        "chidi": comment(
            other_article, "Chidi Chukwu", "Strips are easy to use.", created_at=at(20, 4)
        ),
    }


def user_with(django_user_model, username, *perms, groups=()):
    user = django_user_model.objects.create_user(username, f"{username}@staff.example", "pw")
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def moderator(django_user_model):
    """A member of the "Moderators" group, as the data migration set it up."""
    return user_with(django_user_model, "moderator", groups=["Moderators"])


@pytest.fixture
def viewer(django_user_model):
    return user_with(
        django_user_model, "viewer", "wagtailadmin.access_admin", "community.view_comment"
    )


@pytest.fixture
def corrector(django_user_model):
    """May fix typos in comments but not moderate them (and so never sees emails)."""
    return user_with(
        django_user_model,
        "corrector",
        "wagtailadmin.access_admin",
        "community.view_comment",
        "community.change_comment",
    )


@pytest.fixture
def editor(django_user_model):
    """An editor with admin access but no comment permission at all."""
    return user_with(django_user_model, "plain-editor", "wagtailadmin.access_admin")


def as_user(client, user):
    client.force_login(user)
    return client


def html(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def listing(client, **params) -> str:
    return html(client.get(reverse(LIST), params))


def bulk_url(action: str, *comments: Comment) -> str:
    ids = "&".join(f"id={c.pk}" for c in comments)
    next_url = reverse(LIST)
    return (
        reverse("wagtail_bulk_action", args=("community", "comment", action))
        + f"?{ids}&next={next_url}"
    )


def denied(response) -> bool:
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def menu_labels(user) -> dict[str, str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        item.name: item.render_component(request).label
        for item in admin_menu.menu_items_for_request(request)
    }


# --- Menu ---------------------------------------------------------------------------------------


def test_menu_label_counts_pending_comments(admin_client, comments):
    page = html(admin_client.get(reverse("wagtailadmin_home")))
    assert "Comments (2)" in page

    comments["alice"].set_status(CommentStatus.APPROVED)
    assert "Comments (1)" in html(admin_client.get(reverse("wagtailadmin_home")))


def test_menu_shows_for_moderators_and_viewers_only(comments, moderator, viewer, editor):
    assert menu_labels(moderator)["comments"] == "Comments (2)"
    assert menu_labels(viewer)["comments"] == "Comments (2)"
    assert "comments" not in menu_labels(editor)


def test_menu_label_without_pending_comments(moderator):
    assert menu_labels(moderator)["comments"] == "Comments"


# --- Listing ------------------------------------------------------------------------------------


def test_superuser_listing_shows_comments_pending_first_with_email(admin_client, comments):
    page = listing(admin_client)

    for name in ("Alice Anders", "Bruno Berg", "Chidi Chukwu"):
        assert name in page
    assert EMAIL in page
    assert "Naloxone saved my brother." in page
    assert "Naloxone basics" in page and "Fentanyl test strips" in page
    assert "Pending" in page and "Approved" in page
    # Pending first (newest first among them), then the rest.
    assert page.index("Chidi Chukwu") < page.index("Alice Anders") < page.index("Bruno Berg")
    # Comments come from readers only.
    assert reverse(ADD) not in page


def test_add_view_is_disabled(admin_client):
    assert denied(admin_client.get(reverse(ADD)))


def test_filter_by_status(admin_client, comments):
    page = listing(admin_client, status="approved")
    assert "Bruno Berg" in page
    assert "Alice Anders" not in page and "Chidi Chukwu" not in page


def test_held_comments_are_counted_listed_after_pending_and_filterable(
    admin_client, comments, article
):
    comment(article, "Hana Held", "One of a flood.", CommentStatus.HELD, created_at=at(9))

    # They await a moderator too: counted in the menu label.
    assert "Comments (3)" in html(admin_client.get(reverse("wagtailadmin_home")))
    page = listing(admin_client)
    assert "Held (flood)" in page
    # Pending first, then held (even though newer than every pending one), then the rest.
    assert page.index("Alice Anders") < page.index("Hana Held") < page.index("Bruno Berg")
    held = listing(admin_client, status="held")
    assert "Hana Held" in held
    assert "Alice Anders" not in held and "Bruno Berg" not in held


def test_filter_by_article(admin_client, comments, other_article):
    page = listing(admin_client, article=other_article.pk)
    assert "Chidi Chukwu" in page
    assert "Alice Anders" not in page and "Bruno Berg" not in page


def test_filter_by_created_date(admin_client, comments):
    page = listing(admin_client, created_at_from="2026-03-05", created_at_to="2026-03-31")
    assert "Bruno Berg" in page
    assert "Alice Anders" not in page and "Chidi Chukwu" not in page


def test_search_by_a_word_of_the_body_on_sqlite(admin_client, comments):
    page = listing(admin_client, q="kit")
    assert "Bruno Berg" in page
    assert "Alice Anders" not in page and "Chidi Chukwu" not in page

    results = html(admin_client.get(reverse(LIST_RESULTS), {"q": "chukwu"}))
    assert "Chidi Chukwu" in results and "Bruno Berg" not in results


def test_listing_cannot_be_exported(admin_client, comments):
    response = admin_client.get(reverse(LIST), {"export": "csv"})
    assert response["Content-Type"].startswith("text/html")
    assert "Alice Anders" in html(response)


# --- Bulk actions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", CommentStatus.APPROVED),
        ("reject", CommentStatus.REJECTED),
        ("spam", CommentStatus.SPAM),
    ],
)
def test_bulk_moderation(admin_client, comments, action, status):
    alice, chidi = comments["alice"], comments["chidi"]
    url = bulk_url(action, alice, chidi)

    page = html(admin_client.get(url))
    assert "Alice Anders" in page and "Chidi Chukwu" in page
    assert EMAIL not in page and CLIENT_HASH not in page

    response = admin_client.post(url)

    assert response.status_code == 302 and response.url == reverse(LIST)
    user = response.wsgi_request.user
    for c in (alice, chidi):
        c.refresh_from_db()
        assert c.status == status
        assert c.moderated_by == user
        assert c.moderated_at is not None
    assert Comment.objects.get(pk=comments["bruno"].pk).moderated_by is None


def test_moderators_group_can_bulk_approve(client, comments, moderator):
    as_user(client, moderator)
    url = bulk_url("approve", comments["alice"])
    assert "Alice Anders" in html(client.get(url))
    client.post(url)

    comments["alice"].refresh_from_db()
    assert comments["alice"].status == CommentStatus.APPROVED
    assert comments["alice"].moderated_by == moderator


def test_viewers_cannot_bulk_moderate(client, comments, viewer):
    as_user(client, viewer)
    url = bulk_url("spam", comments["alice"])
    assert denied(client.get(url))
    assert denied(client.post(url))
    comments["alice"].refresh_from_db()
    assert comments["alice"].status == CommentStatus.PENDING


# --- Single comment -----------------------------------------------------------------------------


def test_single_comment_approve(client, comments, moderator):
    as_user(client, moderator)
    alice = comments["alice"]
    url = reverse(MODERATE, args=(alice.pk, "approved"))
    next_url = reverse(LIST) + "?status=pending"

    assert 'data-w-action-url-value="' + url in listing(client)
    assert client.get(url).status_code == 405

    response = client.post(url, {"next": next_url})

    assert response.status_code == 302 and response.url == next_url
    alice.refresh_from_db()
    assert alice.status == CommentStatus.APPROVED
    assert alice.moderated_by == moderator
    assert "Comment by Alice Anders approved." in listing(client)


def test_single_comment_spam_without_next_goes_to_listing(admin_client, comments):
    url = reverse(MODERATE, args=(comments["chidi"].pk, "spam"))
    response = admin_client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse(LIST)
    assert Comment.objects.get(pk=comments["chidi"].pk).status == CommentStatus.SPAM


def test_single_comment_unknown_status_is_not_found(admin_client, comments):
    url = reverse(MODERATE, args=(comments["chidi"].pk, "pending"))
    assert admin_client.post(url).status_code == 404


def test_single_comment_requires_moderate_permission(client, comments, corrector):
    as_user(client, corrector)
    url = reverse(MODERATE, args=(comments["alice"].pk, "approved"))
    assert url not in listing(client)
    assert denied(client.post(url))
    assert Comment.objects.get(pk=comments["alice"].pk).status == CommentStatus.PENDING


# --- Edit form ----------------------------------------------------------------------------------


def test_moderator_edits_status_and_fixes_typos_only(client, comments, moderator, other_article):
    as_user(client, moderator)
    alice = comments["alice"]
    page = html(client.get(reverse(EDIT, args=(alice.pk,))))
    assert EMAIL in page
    assert "Naloxone basics" in page

    response = client.post(
        reverse(EDIT, args=(alice.pk,)),
        {
            "status": "rejected",
            "author_name": "Alice Andersen",
            "body": "Naloxone saved my brother!",
            # Not editable: ignored.
            "author_email": "changed@example.org",
            "article": str(other_article.pk),
            "client_hash": "0" * 64,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    alice.refresh_from_db()
    assert alice.status == CommentStatus.REJECTED
    assert alice.author_name == "Alice Andersen"
    assert alice.body == "Naloxone saved my brother!"
    assert alice.moderated_by == moderator and alice.moderated_at is not None
    assert alice.author_email == EMAIL
    assert alice.client_hash == CLIENT_HASH
    assert alice.article_id != other_article.pk


def test_fixing_a_typo_does_not_count_as_moderation(admin_client, comments):
    alice = comments["alice"]
    response = admin_client.post(
        reverse(EDIT, args=(alice.pk,)),
        {"status": "pending", "author_name": "Alice Anders", "body": "Naloxone saved my bro."},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.body == "Naloxone saved my bro."
    assert alice.moderated_by is None and alice.moderated_at is None


def test_corrector_can_fix_typos_but_not_moderate_or_see_email(client, comments, corrector):
    as_user(client, corrector)
    alice = comments["alice"]
    page = html(client.get(reverse(EDIT, args=(alice.pk,))))
    assert EMAIL not in page
    assert 'name="status"' not in page

    response = client.post(
        reverse(EDIT, args=(alice.pk,)),
        {"status": "approved", "author_name": "Alice A.", "body": "Naloxone saved my brother."},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.author_name == "Alice A."
    assert alice.status == CommentStatus.PENDING and alice.moderated_by is None


# --- Who sees what ------------------------------------------------------------------------------


def test_moderators_group_sees_email(client, comments, moderator):
    as_user(client, moderator)
    assert EMAIL in listing(client)
    assert EMAIL in html(client.get(reverse(INSPECT, args=(comments["alice"].pk,))))


def test_viewer_sees_comments_but_never_the_email(client, comments, viewer):
    as_user(client, viewer)
    alice = comments["alice"]

    page = listing(client)
    assert "Alice Anders" in page and "Naloxone saved my brother." in page
    assert EMAIL not in page
    assert EMAIL not in html(client.get(reverse(LIST_RESULTS)))
    assert EMAIL not in html(client.get(reverse(LIST), {"export": "csv"}))
    assert EMAIL not in html(client.get(reverse(LIST), {"export": "xlsx"}))

    inspect = html(client.get(reverse(INSPECT, args=(alice.pk,))))
    assert "Naloxone saved my brother." in inspect
    assert EMAIL not in inspect

    # No change permission: the edit view sends the viewer back to the dashboard.
    response = client.get(reverse(EDIT, args=(alice.pk,)))
    assert denied(response)
    assert EMAIL not in response.content.decode()


def test_editor_without_comment_permission_cannot_open_the_listing(client, comments, editor):
    as_user(client, editor)
    assert denied(client.get(reverse(LIST)))
    assert denied(client.get(reverse(INSPECT, args=(comments["alice"].pk,))))
    assert '"Comments' not in html(client.get(reverse("wagtailadmin_home")))
    # Nor through the snippet chooser, which would list every comment to any admin user.
    assert client.get("/admin/snippets/choose/community/comment/").status_code == 404


def test_client_hash_never_appears_in_the_admin(admin_client, comments):
    alice = comments["alice"]
    pages = [
        listing(admin_client),
        listing(admin_client, q="Naloxone"),
        html(admin_client.get(reverse(EDIT, args=(alice.pk,)))),
        html(admin_client.get(reverse(INSPECT, args=(alice.pk,)))),
        html(admin_client.get(reverse(HISTORY, args=(alice.pk,)))),
        html(admin_client.get(bulk_url("approve", alice))),
    ]
    for page in pages:
        assert CLIENT_HASH not in page
    assert EMAIL in pages[2] and EMAIL in pages[3]


# --- Notifications link to the one-click moderation screen --------------------------------------


def test_moderator_notification_links_to_the_moderation_screen(comments, moderator, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://cms.example.org"
    notify_moderators(comments["alice"])

    (message,) = mail.outbox
    assert message.bcc == [moderator.email]
    screen = "https://cms.example.org" + reverse(INSPECT, args=(comments["alice"].pk,))
    assert screen in message.body
    assert EMAIL not in message.body


def moderation_buttons(page: str) -> dict[str, str]:
    """status → the URL its one-click button posts to."""
    soup = BeautifulSoup(page, "html.parser")
    return {
        form.button["data-action"]: form["action"]
        for form in soup.select("[data-moderation-actions] form")
        if form.get("method") == "post" and form.select_one("input[name=csrfmiddlewaretoken]")
    }


def test_the_moderation_screen_gives_context_and_moderates_in_one_click(
    client, comments, moderator, article
):
    alice = comments["alice"]
    reply = comment(article, "Dana Doe", "Same here.", parent=comments["bruno"])
    as_user(client, moderator)
    page = html(client.get(reverse(INSPECT, args=(reply.pk,))))
    soup = BeautifulSoup(page, "html.parser")
    context = soup.select_one('[data-context="article"]')
    assert article.title in context.get_text()
    assert reverse("wagtailadmin_pages:edit", args=(article.pk,)) in str(context)
    assert article.full_url in str(context)
    parent = soup.select_one('[data-context="parent"]').get_text()
    assert "Bruno Berg" in parent and "Where can I get a free kit?" in parent

    # Opening it changes nothing; one POST approves, back on the same screen.
    screen = reverse(INSPECT, args=(alice.pk,))
    buttons = moderation_buttons(html(client.get(screen)))
    assert set(buttons) == {"approved", "rejected", "spam"}
    alice.refresh_from_db()
    assert alice.status == CommentStatus.PENDING
    response = client.post(buttons["approved"], {"next": screen})
    assert response.status_code == 302 and response["Location"] == screen
    alice.refresh_from_db()
    assert alice.status == CommentStatus.APPROVED
    assert set(moderation_buttons(html(client.get(screen)))) == {"rejected", "spam"}


def test_the_moderation_screen_has_no_buttons_for_viewers(client, comments, viewer):
    as_user(client, viewer)
    page = html(client.get(reverse(INSPECT, args=(comments["alice"].pk,))))
    assert moderation_buttons(page) == {}
    url = reverse(
        Comment.snippet_viewset.get_url_name("moderate"), args=(comments["alice"].pk, "approved")
    )
    assert denied(client.post(url))
    comments["alice"].refresh_from_db()
    assert comments["alice"].status == CommentStatus.PENDING


def test_statuses_have_a_colour_each_and_their_word(admin_client, comments):
    soup = BeautifulSoup(listing(admin_client), "html.parser")
    tags = {tag.get_text(strip=True): tag["class"] for tag in soup.select(".comment-status")}
    assert "comment-status--pending" in tags["Pending"]
    assert "comment-status--approved" in tags["Approved"]


def test_the_listing_shows_whom_a_reply_answers(admin_client, comments, article):
    comment(article, "Dana Doe", "Same here.", parent=comments["bruno"])
    page = listing(admin_client)
    assert "In reply to" in page
    assert "Bruno Berg: “Where can I get a free kit?”" in page


def test_the_dashboard_lists_pending_comments_for_moderators_only(
    client, comments, moderator, viewer
):
    as_user(client, moderator)
    soup = BeautifulSoup(html(client.get(reverse("wagtailadmin_home"))), "html.parser")
    panel = soup.select_one('[data-panel="pending-comments"]')
    assert panel is not None
    assert panel.select_one("[data-count]").get_text() == "2"  # Alice and Chidi
    links = [a["href"] for a in panel.select("li a")]
    assert reverse(INSPECT, args=(comments["alice"].pk,)) in links
    assert "Bruno Berg" not in panel.get_text()  # approved: nothing to do

    as_user(client, viewer)
    page = html(client.get(reverse("wagtailadmin_home")))
    assert 'data-panel="pending-comments"' not in page


def test_registering_comments_as_snippets_does_not_serve_them_through_graphql(gql, comments):
    query = '{ __type(name: "SnippetInterface") { possibleTypes { name } } }'
    snippet_types = {item["name"] for item in gql(query)["data"]["__type"]["possibleTypes"]}
    assert "Organisation" in snippet_types  # positive control: the snippet types are listed
    assert not any("comment" in snippet_type.lower() for snippet_type in snippet_types)
