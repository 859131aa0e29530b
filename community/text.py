"""Plain text from reader input: no markup is ever stored."""

import html
import re
import unicodedata

import nh3

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def plain_text(value: str, *, multiline: bool = True) -> str:
    """``value`` with every HTML tag, comment and script removed, entities decoded, and
    invisible control and formatting characters (e.g. right-to-left overrides used to disguise
    links) dropped. Single-line values also have their whitespace collapsed.

    Decoding entities can reveal markup (``&lt;b&gt;`` becomes ``<b>``), so cleaning repeats
    until nothing changes.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    # Lone surrogates (JSON can carry them as "\ud800") cannot be encoded for nh3: drop them
    # first. Every other invisible character goes after cleaning, below.
    text = "".join(char for char in text if not "\ud800" <= char <= "\udfff")
    for _ in range(5):
        cleaned = html.unescape(nh3.clean(text, tags=set(), strip_comments=True))
        if cleaned == text:
            break
        text = cleaned
    text = "".join(
        char
        for char in text
        if char in "\n\t" or unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co"}
    )
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def count_links(value: str) -> int:
    return len(LINK.findall(value))
