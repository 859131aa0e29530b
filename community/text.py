"""Plain text from reader input: no markup is ever stored."""

import html
import re
import unicodedata

import nh3

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)

# Cleaning passes before giving up. Plain text is a fixpoint at the first pass; each level of
# HTML escaping costs one more pass, and removing the tags it revealed one more: markup escaped
# once (``&lt;b&gt;``) settles in three passes, three times in five. Deeper than that is no
# reader's typing, and is refused rather than cleaned further (each pass is linear, so the
# bound keeps the cost linear in the input).
MAX_PASSES = 5

INVISIBLE = {"Cc", "Cf", "Cs", "Co"}


class NotPlainText(ValueError):
    """The value still changes after :data:`MAX_PASSES` cleaning passes: it hides markup
    under more levels of HTML escaping than a person types. Says nothing of the value."""


def _tidy(text: str, multiline: bool) -> str:
    """``text`` with newlines normalised, invisible control and formatting characters dropped
    (lone surrogates, right-to-left overrides, zero-width spaces; tabs and newlines are kept),
    whitespace collapsed if ``multiline`` is false, and stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        char for char in text if char in "\n\t" or unicodedata.category(char) not in INVISIBLE
    )
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def _clean_once(text: str, multiline: bool) -> str:
    return _tidy(html.unescape(nh3.clean(text, tags=set(), strip_comments=True)), multiline)


def plain_text(value: str, *, multiline: bool = True) -> str:
    """``value`` with every HTML tag, comment and script removed, entities decoded, and
    invisible control and formatting characters (e.g. right-to-left overrides used to disguise
    links) dropped. Single-line values also have their whitespace collapsed.

    Decoding entities can reveal markup (``&lt;b&gt;`` becomes ``<b>``), and so can dropping
    an invisible character (``<\\u200bb>``), so the whole cleaning repeats until nothing
    changes: what is returned is a fixpoint (``plain_text(result) == result``), so decoding it
    again reveals no tag. Raises :class:`NotPlainText` when that takes more than
    :data:`MAX_PASSES` passes. The cost is linear in ``value``: bound its length first.
    """
    # Lone surrogates (JSON can carry them as "\ud800") cannot be encoded for nh3: drop them,
    # and every other invisible character, before the first pass. Plain text then settles in
    # one pass.
    text = _tidy(value or "", multiline)
    for _ in range(MAX_PASSES):
        cleaned = _clean_once(text, multiline)
        if cleaned == text:
            return text
        text = cleaned
    raise NotPlainText


def count_links(value: str) -> int:
    return len(LINK.findall(value))
