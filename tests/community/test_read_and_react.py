"""Reading approved comments, reacting, and what the schema never reveals."""

import datetime

import pytest
from django.utils import timezone

from community.models import Comment, CommentStatus, ReactionCount
from tests import factories
from tests.community.helpers import ARTICLE_COMMENTS, REACT, codes, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db):
    return factories.article("naloxone-basics")


def add(article, body, status=CommentStatus.APPROVED, parent=None, minutes_ago=0):
    return Comment.objects.create(
        article=article,
        parent=parent,
        author_name=f"Author of {body}",
        author_email=f"{body.replace(' ', '')}@example.org",
        body=body,
        status=status,
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


def test_only_approved_comments_are_shown_oldest_first_with_replies(client, article):
    first = add(article, "first", minutes_ago=30)
    add(article, "second", minutes_ago=20)
    add(article, "reply two", parent=first, minutes_ago=5)
    add(article, "reply one", parent=first, minutes_ago=10)
    for status in (CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.SPAM):
        add(article, f"hidden {status}", status=status)
        add(article, f"hidden reply {status}", status=status, parent=first)

    data = send(client, ARTICLE_COMMENTS, {"slug": "naloxone-basics"})["article"]

    assert data["commentCount"] == 4
    items = data["comments"]["items"]
    assert [item["body"] for item in items] == ["first", "second"]
    assert [reply["body"] for reply in items[0]["replies"]] == ["reply one", "reply two"]
    assert data["comments"]["pagination"]["total"] == 2
    assert "hidden" not in str(data)
    assert "@example.org" not in str(data)


def test_no_comments_yet(client, article):
    data = send(client, ARTICLE_COMMENTS, {"slug": "naloxone-basics"})["article"]
    assert data["commentCount"] == 0
    assert data["comments"]["items"] == []
    assert data["commentFormToken"]


def test_comments_are_paginated(client, article):
    for number in range(5):
        add(article, f"comment {number}", minutes_ago=10 - number)
    page = send(client, ARTICLE_COMMENTS, {"slug": "naloxone-basics", "page": 2, "perPage": 2})
    comments = page["article"]["comments"]
    assert [item["body"] for item in comments["items"]] == ["comment 2", "comment 3"]
    assert comments["pagination"] == {"total": 5, "count": 2, "currentPage": 2, "totalPages": 3}


def test_comment_count_is_in_the_article_list(client, article):
    add(article, "one")
    add(article, "two", status=CommentStatus.PENDING)
    data = send(client, "{ articles { items { slug commentCount } } }", {})
    assert data["articles"]["items"] == [{"slug": "naloxone-basics", "commentCount": 1}]


def test_reactions_start_at_zero_for_every_kind(client, article):
    reactions = send(client, ARTICLE_COMMENTS, {"slug": "naloxone-basics"})["article"]["reactions"]
    assert reactions == [
        {"kind": "HELPFUL", "count": 0},
        {"kind": "LEARNED", "count": 0},
        {"kind": "SUPPORT", "count": 0},
        {"kind": "HOPEFUL", "count": 0},
    ]


def test_react_counts_and_returns_every_kind(client, article):
    send(client, REACT, {"articleId": str(article.pk), "kind": "HELPFUL"})
    data = send(client, REACT, {"articleId": str(article.pk), "kind": "HELPFUL"}, agent="b")
    counts = {r["kind"]: r["count"] for r in data["react"]["reactions"]}
    assert counts == {"HELPFUL": 2, "LEARNED": 0, "SUPPORT": 0, "HOPEFUL": 0}
    assert data["react"]["errors"] == []
    labels = [r["label"] for r in data["react"]["reactions"]]
    assert "This helped me" in labels
    assert ReactionCount.objects.get(article=article, kind="helpful").count == 2


def test_react_refuses_unknown_closed_and_draft_articles(client, article):
    for article_id in ("999999", "abc"):
        payload = send(client, REACT, {"articleId": article_id, "kind": "SUPPORT"})["react"]
        assert codes(payload) == {"articleId": "NOT_FOUND"}
        assert payload["reactions"] == []
    draft = factories.article("draft", publish=False)
    payload = send(client, REACT, {"articleId": str(draft.pk), "kind": "SUPPORT"})["react"]
    assert codes(payload) == {"articleId": "NOT_FOUND"}
    closed = factories.article("closed", reactions_enabled=False)
    payload = send(client, REACT, {"articleId": str(closed.pk), "kind": "SUPPORT"})["react"]
    assert codes(payload) == {None: "REACTIONS_CLOSED"}
    assert not ReactionCount.objects.filter(count__gt=0).exists()


def test_react_is_rate_limited_per_client(client, article, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "REACTIONS_PER_HOUR": 2}
    variables = {"articleId": str(article.pk), "kind": "SUPPORT"}
    send(client, REACT, variables)
    send(client, REACT, variables)
    limited = send(client, REACT, variables)["react"]
    assert codes(limited) == {None: "RATE_LIMITED"}
    assert {r["kind"]: r["count"] for r in limited["reactions"]}["SUPPORT"] == 2
    assert send(client, REACT, variables, address="192.0.2.7")["react"]["errors"] == []


def test_no_type_exposes_emails_or_client_hashes(client):
    data = send(
        client,
        "{ __schema { types { name kind fields { name } inputFields { name } } } }",
        {},
    )
    for type_ in data["__schema"]["types"]:
        fields = {field["name"].lower() for field in type_["fields"] or []}
        assert not fields & {"clienthash", "authoremail", "ipaddress", "useragent"}, type_["name"]
        if type_["name"] != "Organisation":  # an organisation's public contact address
            assert not any("email" in name for name in fields), type_["name"]
    comment = next(t for t in data["__schema"]["types"] if t["name"] == "Comment")
    assert {field["name"] for field in comment["fields"]} == {
        "id",
        "authorName",
        "body",
        "createdAt",
        "replies",
    }


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"],
)
def test_mutations_cannot_be_posted_by_a_cross_site_form(client, article, content_type):
    query = (
        f'mutation {{ react(articleId: "{article.pk}", kind: SUPPORT) {{ errors {{ code }} }} }}'
    )
    if content_type.startswith("multipart"):
        body = f'--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{query}\r\n--x--\r\n'
    else:
        body = f"query={query}"
    response = client.generic("POST", "/graphql/", body, content_type=content_type)
    assert response.status_code == 415
    assert not ReactionCount.objects.filter(count__gt=0).exists()
