"""No markup is stored from a comment, however deeply it is encoded (issue 14, point 3).

The cleaner (``community.text.plain_text``) repeats a bounded number of linear passes; what it
returns is a fixpoint (cleaning it again changes nothing, so decoding it reveals no tag), and
what does not settle within the bound is refused with ``MARKUP_NOT_ALLOWED``. The length limit
applies to what was sent, before any cleaning.

The property calls ``plain_text`` directly (fast); a handful of cases go through
``postComment`` on ``/graphql/``.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from community.models import Comment
from community.text import MAX_PASSES, NotPlainText, plain_text
from tests import factories
from tests.community.helpers import codes, post

# What a browser would parse as the start of a tag, comment, doctype or processing
# instruction.
TAG = re.compile(r"<[A-Za-z!/?]")

MARKUP = [
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>link</a>",
    "<svg/onload=alert(1)>",
    "<!-- comment -->",
    "<!DOCTYPE html>",
    "<?php echo 1 ?>",
    "</p>",
    "<textarea><b>inside</b></textarea>",
    "<xmp><i>raw</i></xmp>",
    "<plaintext><u>rest",
    "<\u200bb>zero width</b>",
    "<\u202eb>override</b>",
    "<b",
]


def numeric(text: str) -> str:
    return "".join(f"&#{ord(c)};" if c in "<>&\"'" else c for c in text)


def hexadecimal(text: str) -> str:
    return "".join(f"&#X{ord(c):X};" if c in "<>&" else c for c in text)


def without_semicolons(text: str) -> str:
    # Legacy named references that HTML decodes without their semicolon.
    return text.replace("&", "&amp").replace("<", "&lt").replace(">", "&gt")


ESCAPERS = [
    html.escape,
    lambda text: html.escape(text, quote=False),
    numeric,
    hexadecimal,
    without_semicolons,
]

# Any code point: lone surrogates, NULs, controls and formatting characters too.
any_text = st.text(st.characters(exclude_categories=()), max_size=30)
tags = st.one_of(
    st.sampled_from(MARKUP),
    st.from_regex(r"<[a-zA-Z][a-zA-Z0-9]{0,6}( [a-z]{1,5}=[^<>]{0,6})? ?/?>", fullmatch=True),
)
snippets = st.lists(st.one_of(any_text, tags), min_size=1, max_size=6).map("".join)


@st.composite
def encoded_markup(draw) -> str:
    """Text and markup, escaped 0 to 50 times (each time in one of several ways), between
    more text."""
    value = draw(snippets)
    depth = draw(st.integers(min_value=0, max_value=50))
    for escape in draw(st.lists(st.sampled_from(ESCAPERS), min_size=depth, max_size=depth)):
        value = escape(value)
    return draw(any_text) + value + draw(any_text)


def assert_plain(stored: str, *, multiline: bool) -> None:
    assert plain_text(stored, multiline=multiline) == stored, repr(stored)
    assert not TAG.search(stored), repr(stored)
    assert not TAG.search(html.unescape(stored)), repr(stored)
    if not multiline:
        assert "\n" not in stored


@settings(max_examples=500, derandomize=True, deadline=None)
@given(value=encoded_markup(), multiline=st.booleans())
@example(value="&lt;b&gt;" * 2, multiline=True)
@example(value="&lt;\u200bscript&gt;alert(1)&lt;/script&gt;", multiline=True)
@example(value="&lt;\u200bb&gt;Sam", multiline=False)
@example(value=html.escape(html.escape(html.escape("<b>x</b>"))), multiline=True)
def test_cleaning_settles_on_plain_text_or_refuses(value, multiline):
    try:
        stored = plain_text(value, multiline=multiline)
    except NotPlainText:
        return
    assert_plain(stored, multiline=multiline)


def escaped(value: str, depth: int) -> str:
    for _ in range(depth):
        value = html.escape(value)
    return value


@pytest.mark.parametrize("depth", range(51))
def test_markup_escaped_up_to_three_times_is_removed_deeper_is_refused(depth):
    value = "Hi " + escaped("<script>alert(1)</script><b>there</b>", depth)
    if depth <= MAX_PASSES - 2:
        assert plain_text(value) == "Hi there"
    else:
        with pytest.raises(NotPlainText):
            plain_text(value)


ORDINARY = [
    "I <3 this",
    "a < b > c",
    "R&D",
    "5 > 3 & 2 < 4",
    "Fentanyl strips 🙏🏽 saved us ❤️",
    "Merci, c'était très utile — ¡gracias, señora! Ærø, Zürich, naïve",
    "Line one\nLine two\n\n\tIndented",
    "x < y && y > z; a->b; <<< >>> <=> <- 1 <2",
    "Tom & Jerry &c. 100% & more &&",
    "<3 <3 <3",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_its_own_plain_text(text):
    assert plain_text(text) == text
    assert plain_text(text, multiline=False) == " ".join(text.split())


# --- Through /graphql/ ------------------------------------------------------------------------

DEEP = escaped("<script>alert(1)</script><img src=x onerror=alert(1)>", 6)


@pytest.fixture
def article(db, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "COMMENT_MIN_INTERVAL": 0}
    return factories.article("markup-article")


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"body": "Thanks " + DEEP}, {"body": "MARKUP_NOT_ALLOWED"}),
        ({"authorName": escaped("<b>Sam</b>", 5)}, {"authorName": "MARKUP_NOT_ALLOWED"}),
        (
            {"authorName": escaped("<i>x</i>", 50)[:100], "body": escaped("<b>y</b>", 50)},
            {"authorName": "MARKUP_NOT_ALLOWED", "body": "MARKUP_NOT_ALLOWED"},
        ),
    ],
    ids=["body", "name", "both-50-deep"],
)
def test_deeply_escaped_markup_is_refused(client, article, overrides, expected):
    payload = post(client, article, **overrides)

    assert codes(payload) == expected
    assert payload["comment"] is None and payload["status"] is None
    assert not Comment.objects.exists()
    for error in payload["errors"]:
        assert "&amp;" not in error["message"] and "alert" not in error["message"]
        assert "Sam" not in error["message"]


@pytest.mark.parametrize(
    ("name", "body", "stored_name", "stored_body"),
    [
        ("Sam", escaped("<b>Thanks</b>", 3), "Sam", "Thanks"),
        ("&lt;\u200bb&gt;Sam", "&lt;\u200bb&gt;Hi&lt;/b&gt;", "Sam", "Hi"),
        ("Ana &amp; Lu", "I <3 this\na < b > c\nR&D, 5 > 3 & 2 < 4 🙏🏽 ñ", "Ana & Lu", None),
    ],
    ids=["escaped-three-times", "zero-width-inside-tag", "ordinary"],
)
def test_what_is_stored_is_plain_text(client, article, name, body, stored_name, stored_body):
    payload = post(client, article, authorName=name, body=body)

    assert payload["errors"] == []
    comment = Comment.objects.get()
    assert comment.author_name == stored_name
    assert comment.body == (body if stored_body is None else stored_body)
    assert_plain(comment.author_name, multiline=False)
    assert_plain(comment.body, multiline=True)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        # Would clean down to 4,994 characters, but 5,001 were sent.
        ({"body": "<b></b>" + "x" * 4994}, {"body": "TOO_LONG"}),
        ({"body": "  " + "x" * 4998 + "\n"}, {"body": "TOO_LONG"}),
        # Would clean down to 95.
        ({"authorName": "<i>" + "n" * 95 + "</i>"}, {"authorName": "TOO_LONG"}),
        # Megabytes of deep escaping are never cleaned: refused for their length.
        ({"body": DEEP * 10_000}, {"body": "TOO_LONG"}),
    ],
    ids=["body-markup", "body-whitespace", "name-markup", "body-deep-megabytes"],
)
def test_the_length_limit_applies_to_what_was_sent(client, article, overrides, expected):
    payload = post(client, article, **overrides)

    assert codes(payload) == expected
    assert not Comment.objects.exists()


def test_exactly_the_limits_as_sent_are_accepted(client, article):
    payload = post(client, article, authorName="<i>" + "n" * 93 + "</i>", body="x" * 5000)

    assert payload["errors"] == []
    comment = Comment.objects.get()
    assert comment.author_name == "n" * 93 and comment.body == "x" * 5000
