"""Issue 14, points 1, 2 and 4, tried as an attacker would through /graphql/:

1. moderation cannot be skipped with someone else's email (trust needs the commenter key);
2. rate limits cannot be rotated away with headers (only the client address counts, IPv6 by
   /64), and a crowd of addresses cannot flood one article's moderation queue;
3. a comment-form token posts one comment, on its own article.
"""

import hashlib
import logging
import time
from contextlib import contextmanager
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command

from community.models import Comment, CommentStatus, QuizTally, ReactionCount
from community.services import make_form_token
from tests import factories
from tests.community.helpers import POST_COMMENT, REACT, codes, comment_input, send

pytestmark = pytest.mark.django_db

TRUSTED_EMAIL = "trusted.reader@example.org"


@pytest.fixture
def article(db):
    return factories.article("naloxone-basics")


def post(client, article, *, address="198.51.100.1", **overrides) -> dict:
    variables = {"input": comment_input(article, **overrides)}
    return send(client, POST_COMMENT, variables, address=address)["postComment"]


def trusted_key(client, article, moderator) -> str:
    """A commenter whose first comment a moderator approved: the key they hold."""
    first = post(client, article, authorEmail=TRUSTED_EMAIL, body="My first comment")
    assert first["status"] == "PENDING"
    Comment.objects.get(pk=first["comment"]["id"]).set_status(CommentStatus.APPROVED, moderator)
    return first["commenterKey"]


def shape(payload: dict) -> dict:
    """The answer without what differs between any two comments (id, date, text, new key)."""
    varying = ("id", "createdAt", "body")
    comment = {k: v for k, v in payload["comment"].items() if k not in varying}
    return {
        "status": payload["status"],
        "comment": comment,
        "errors": payload["errors"],
        "has_key": payload["commenterKey"] is not None,
    }


# --- 1. Moderation needs the commenter key, not an email ---------------------------------------


def test_a_trusted_commenters_email_does_not_skip_moderation(
    client, article, moderator, community, django_capture_on_commit_callbacks
):
    trusted_key(client, article, moderator)

    with django_capture_on_commit_callbacks(execute=True):
        impostor = post(
            client, article, address="203.0.113.9", authorEmail=TRUSTED_EMAIL, body="Buy pills"
        )
    assert impostor["status"] == "PENDING"
    assert Comment.objects.get(body="Buy pills").status == CommentStatus.PENDING
    assert len(mail.outbox) == 1  # moderators are asked about it


def test_the_answer_does_not_tell_whether_an_email_has_commented(
    client, article, moderator, community
):
    trusted_key(client, article, moderator)

    used = post(client, article, address="203.0.113.1", authorEmail=TRUSTED_EMAIL, body="Hi")
    unused = post(client, article, address="203.0.113.2", authorEmail="new@example.org", body="Hi!")
    assert shape(used) == shape(unused)
    assert used["status"] == unused["status"] == "PENDING"
    assert used["commenterKey"] and unused["commenterKey"]


def test_the_key_of_an_approved_comment_publishes_whatever_the_email(
    client, article, moderator, community
):
    key = trusted_key(client, article, moderator)

    again = post(client, article, commenterKey=key, authorEmail="other@example.org", body="Again")
    assert again["status"] == "APPROVED"
    assert again["commenterKey"] is None
    stored = Comment.objects.get(body="Again")
    assert stored.status == CommentStatus.APPROVED
    assert stored.commenter_key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert not Comment.objects.filter(commenter_key_hash=key).exists()  # never in clear


@pytest.mark.parametrize(
    "forged",
    [
        "A" * 43,  # well formed, never issued
        "not a key",
        "x" * 100_000,
        hashlib.sha256(b"guess").hexdigest(),
    ],
)
def test_a_forged_key_waits_and_gets_a_fresh_key(client, article, moderator, community, forged):
    trusted_key(client, article, moderator)

    payload = post(client, article, commenterKey=forged, body="Forged")
    assert payload["status"] == "PENDING"
    assert payload["commenterKey"] not in (None, forged)


def test_the_hash_of_a_trusted_key_is_not_a_key(client, article, moderator, community):
    key = trusted_key(client, article, moderator)
    hashed = hashlib.sha256(key.encode()).hexdigest()

    assert post(client, article, commenterKey=hashed, body="With the hash")["status"] == "PENDING"


def test_a_key_whose_comments_are_pending_rejected_or_spam_is_not_trusted(
    client, article, moderator, community
):
    first = post(client, article, body="Waiting")
    key = first["commenterKey"]
    assert post(client, article, commenterKey=key, body="Second")["status"] == "PENDING"

    Comment.objects.filter(body="Waiting").get().set_status(CommentStatus.REJECTED, moderator)
    assert post(client, article, commenterKey=key, body="Third")["status"] == "PENDING"

    # Approved once, then one of its comments marked as spam: trust ends.
    Comment.objects.get(body="Second").set_status(CommentStatus.APPROVED, moderator)
    assert post(client, article, commenterKey=key, body="Fourth")["status"] == "APPROVED"
    Comment.objects.get(body="Third").set_status(CommentStatus.SPAM, moderator)
    assert post(client, article, commenterKey=key, body="Fifth")["status"] == "PENDING"


def test_purging_personal_data_ends_trust(client, article, moderator, community, settings):
    key = trusted_key(client, article, moderator)
    settings.COMMUNITY = {**settings.COMMUNITY, "PERSONAL_DATA_RETENTION_DAYS": 0}
    call_command("purge_comment_personal_data", stdout=StringIO())

    assert not Comment.objects.exclude(commenter_key_hash="").exists()
    payload = post(client, article, commenterKey=key, body="After the purge")
    assert payload["status"] == "PENDING"
    assert payload["commenterKey"] not in (None, key)


def test_the_key_is_never_logged_and_only_returned_to_its_holder(
    client, article, moderator, community, caplog
):
    caplog.set_level(logging.DEBUG)
    key = trusted_key(client, article, moderator)
    post(client, article, commenterKey=key, body="Logged?")
    post(client, article, commenterKey=key, body="")  # refused: REQUIRED
    read = send(
        client,
        "query($slug: String!) { article(slug: $slug) { comments { items { id body } } } }",
        {"slug": article.slug},
    )

    assert key not in caplog.text
    assert key not in str(read)


# --- 2. Rate limits count the client address, whatever the headers ------------------------------

ROTATIONS = {
    "user-agent": lambda n: {"agent": f"browser {n}"},
    "x-forwarded-for": lambda n: {"HTTP_X_FORWARDED_FOR": f"10.1.2.{n}"},
    "x-real-ip": lambda n: {"HTTP_X_REAL_IP": f"10.1.2.{n}"},
    "forwarded": lambda n: {"HTTP_FORWARDED": f"for=10.1.2.{n}"},
    "client-ip": lambda n: {"HTTP_CLIENT_IP": f"10.1.2.{n}"},
    "cookie": lambda n: {"HTTP_COOKIE": f"session={n}"},
    "accept-language": lambda n: {"HTTP_ACCEPT_LANGUAGE": f"x-{n}"},
}


SUBMIT_QUIZ = """
mutation($input: SubmitQuizInput!) { submitQuiz(input: $input) { errors { field code } } }
"""


def quiz_article():
    page = factories.article("quiz", body=[{"type": "quiz", "value": factories.quiz_value()}])
    return page, page.body[0].id


def attempt(client, what: str, page, n: int, headers: dict, address: str) -> dict:
    """One comment, reaction or quiz submission: the payload."""
    if what == "comment":
        variables = {"input": comment_input(page, body=f"Comment number {n}")}
        return send(client, POST_COMMENT, variables, address=address, **headers)["postComment"]
    if what == "reaction":
        variables = {"articleId": str(page.pk), "kind": "SUPPORT"}
        return send(client, REACT, variables, address=address, **headers)["react"]
    quiz_page, quiz_id = page
    variables = {"input": {"articleId": str(quiz_page.pk), "quizId": quiz_id, "answers": []}}
    return send(client, SUBMIT_QUIZ, variables, address=address, **headers)["submitQuiz"]


def stored(what: str, page) -> int:
    if what == "comment":
        return Comment.objects.filter(article=page).count()
    if what == "reaction":
        return sum(ReactionCount.objects.filter(article=page).values_list("count", flat=True))
    return sum(QuizTally.objects.values_list("submissions", flat=True))


LIMITS = {"comment": "COMMENTS_PER_HOUR", "reaction": "REACTIONS_PER_HOUR"}
LIMITS["quiz"] = "QUIZ_SUBMISSIONS_PER_HOUR"


@pytest.mark.parametrize("proxies", [0, 1])
@pytest.mark.parametrize("rotated", sorted(ROTATIONS))
@pytest.mark.parametrize("what", ["comment", "reaction", "quiz"])
def test_rotating_a_header_does_not_lift_a_limit(
    client, article, community, settings, what, rotated, proxies
):
    settings.COMMUNITY = {**community, LIMITS[what]: 2, "TRUSTED_PROXY_COUNT": proxies}
    page = quiz_article() if what == "quiz" else article
    for n in range(4):
        headers = ROTATIONS[rotated](n)
        if proxies and "HTTP_X_FORWARDED_FOR" in headers:
            # The trusted proxy appends the address it saw to what the client sent.
            headers["HTTP_X_FORWARDED_FOR"] += ", 203.0.113.50"
        elif proxies:
            headers["HTTP_X_FORWARDED_FOR"] = "203.0.113.50"
        payload = attempt(client, what, page, n, headers, address="192.0.2.254")
        if n < 2:
            assert payload["errors"] == [], (n, payload)
        else:
            assert codes(payload) == {None: "RATE_LIMITED"}, (n, payload)
    assert stored(what, page[0] if what == "quiz" else page) == 2


@pytest.mark.parametrize(
    "forwarded",
    ["", "not-an-ip", "203.0.113.5:443", "999.1.1.1", "unknown", "203.0.113.5, _"],
)
def test_an_unusable_forwarded_entry_falls_back_to_the_proxy_address(
    client, article, settings, forwarded
):
    """Behind one proxy, an X-Forwarded-For entry that is not an IP address (the client
    reached the app some other way, or the proxy is misconfigured) counts against the proxy's
    shared address: never a bucket of the client's choosing."""
    settings.COMMUNITY = {**settings.COMMUNITY, "REACTIONS_PER_HOUR": 1, "TRUSTED_PROXY_COUNT": 1}
    variables = {"articleId": str(article.pk), "kind": "SUPPORT"}
    assert send(client, REACT, variables, address="192.0.2.254")["react"]["errors"] == []
    limited = send(client, REACT, variables, address="192.0.2.254", HTTP_X_FORWARDED_FOR=forwarded)
    assert codes(limited["react"]) == {None: "RATE_LIMITED"}


def react_from(client, article, address: str, **headers) -> list:
    variables = {"articleId": str(article.pk), "kind": "HELPFUL"}
    return send(client, REACT, variables, address=address, **headers)["react"]["errors"]


def test_ipv6_addresses_in_one_64_share_a_limit_and_other_64s_do_not(client, article, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "REACTIONS_PER_HOUR": 2}
    assert react_from(client, article, "2001:db8:1:2::1") == []
    assert react_from(client, article, "2001:db8:1:2:ffff:ffff:ffff:fffe") == []
    # Every other address of the same /64 is over the limit.
    for address in ("2001:db8:1:2:1234:5678:9abc:def0", "2001:DB8:1:2::7"):
        assert react_from(client, article, address)[0]["code"] == "RATE_LIMITED"
    # Another /64 (even the next one) has its own limit.
    assert react_from(client, article, "2001:db8:1:3::1") == []
    assert react_from(client, article, "2001:db8:2:2::1") == []


def test_ipv6_through_a_trusted_proxy_counts_by_64_too(client, article, settings):
    settings.COMMUNITY = {
        **settings.COMMUNITY,
        "REACTIONS_PER_HOUR": 1,
        "TRUSTED_PROXY_COUNT": 1,
    }
    assert react_from(client, article, "10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8::1") == []
    limited = react_from(client, article, "10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8::abcd")
    assert limited[0]["code"] == "RATE_LIMITED"


def test_an_ipv4_mapped_ipv6_address_is_its_ipv4_address(client, article, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "REACTIONS_PER_HOUR": 1}
    assert react_from(client, article, "192.0.2.33") == []
    assert react_from(client, article, "::ffff:192.0.2.33")[0]["code"] == "RATE_LIMITED"
    assert react_from(client, article, "::ffff:192.0.2.34") == []


def test_a_crowd_of_addresses_cannot_flood_one_articles_queue(
    client, article, moderator, community, settings, django_capture_on_commit_callbacks
):
    settings.COMMUNITY = {**community, "ARTICLE_PENDING_PER_HOUR": 3}
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            post(client, article, address=f"198.51.100.{n}", body=f"Flood {n}") for n in range(6)
        ]
    # Every poster is told the same thing...
    assert {answer["status"] for answer in answers} == {"PENDING"}
    assert all(answer["errors"] == [] for answer in answers)
    # ...but past the ceiling, comments are held without emailing the moderators again.
    statuses = dict(Comment.objects.values_list("body", "status"))
    assert [statuses[f"Flood {n}"] for n in range(6)] == ["pending"] * 3 + ["held"] * 3
    assert len(mail.outbox) == 3
    # Other articles are not affected.
    with django_capture_on_commit_callbacks(execute=True):
        other = post(client, factories.article("other"), address="198.51.100.99", body="Calm")
    assert other["status"] == "PENDING"
    assert Comment.objects.get(body="Calm").status == CommentStatus.PENDING
    assert len(mail.outbox) == 4


def test_trusted_commenters_and_spam_do_not_use_up_the_ceiling(
    client, article, moderator, community, settings
):
    settings.COMMUNITY = {**community, "ARTICLE_PENDING_PER_HOUR": 2}
    key = trusted_key(client, article, moderator)  # the first pending comment of the hour
    assert post(client, article, commenterKey=key, body="Trusted")["status"] == "APPROVED"
    post(client, article, body="Bot", website="http://spam.example")
    assert Comment.objects.get(body="Bot").status == CommentStatus.SPAM
    post(client, article, address="198.51.100.76", body="Second pending")
    assert Comment.objects.get(body="Second pending").status == CommentStatus.PENDING
    post(client, article, address="198.51.100.77", body="Held")
    assert Comment.objects.get(body="Held").status == CommentStatus.HELD


# --- 4. A form token posts one comment, on its own article -------------------------------------


def test_a_form_token_posts_one_comment(client, article, community):
    token = make_form_token(article.pk, issued_at=time.time() - 60)
    assert post(client, article, formToken=token, body="First")["errors"] == []

    # Replayed from another address, with another text: refused, nothing stored.
    replay = post(client, article, address="203.0.113.8", formToken=token, body="Second")
    assert codes(replay) == {"formToken": "FORM_ALREADY_USED"}
    assert replay["errors"][0]["message"] == (
        "This form was already used: reload the article to comment again."
    )
    assert replay["comment"] is None and replay["commenterKey"] is None
    same = post(client, article, address="203.0.113.9", formToken=token, body="First")
    assert codes(same) == {"formToken": "FORM_ALREADY_USED"}
    assert list(Comment.objects.values_list("body", flat=True)) == ["First"]


def test_a_spam_comment_uses_its_token_up(client, article, community):
    token = make_form_token(article.pk, issued_at=time.time() - 60)
    trapped = post(client, article, formToken=token, website="http://spam.example", body="Spam")
    assert trapped["status"] == "PENDING"
    assert codes(post(client, article, formToken=token, body="Again")) == {
        "formToken": "FORM_ALREADY_USED"
    }


def test_a_refused_comment_does_not_use_its_token_up(client, article, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "COMMENTS_PER_HOUR": 1}
    token = make_form_token(article.pk, issued_at=time.time() - 60)
    other = make_form_token(article.pk, issued_at=time.time() - 60)

    assert codes(post(client, article, formToken=token, body="")) == {"body": "REQUIRED"}
    assert post(client, article, formToken=other, body="Uses up the hour")["errors"] == []
    limited = post(client, article, formToken=token, body="Too soon")
    assert codes(limited) == {None: "RATE_LIMITED"}
    # Fixed and sent again (here from a connection with room left): accepted.
    assert post(client, article, address="203.0.113.4", formToken=token)["errors"] == []


def test_a_form_token_is_bound_to_its_article(client, article):
    other = factories.article("fentanyl-test-strips")
    token = make_form_token(article.pk, issued_at=time.time() - 60)
    assert codes(post(client, other, formToken=token)) == {"formToken": "INVALID"}
    assert not Comment.objects.exists()
    # Refused elsewhere, it still posts on its own article.
    assert post(client, article, formToken=token)["errors"] == []


@contextmanager
def form_token_store_unreachable():
    store = caches["ratelimit"]
    real_add = store.add

    def add(key, *args, **kwargs):
        if "form-token" in key:
            raise ConnectionError("ratelimit store unreachable")
        return real_add(key, *args, **kwargs)

    with mock.patch.object(store, "add", side_effect=add):
        yield


def test_a_form_token_is_refused_when_its_use_cannot_be_recorded(client, article):
    with form_token_store_unreachable():
        payload = post(client, article)
    assert codes(payload) == {"formToken": "FORM_ALREADY_USED"}
    assert not Comment.objects.exists()
