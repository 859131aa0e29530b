"""The cost of cleaning a comment's text, worst cases at the size limits (issue 14, point 3).

    .venv/bin/python benchmarks/text.py [--repeat 20] [--json]

Runs ``postComment``'s name and body validation (``community.services._clean_text``: the
length limit on what was sent, then ``plain_text``'s bounded passes) in-process on inputs
built to be expensive: markup escaped fifty times (refused after the last pass), escaped three
times (the deepest that is stored: every pass does work), thousands of tags, formatting
elements that HTML's parser rebuilds after every paragraph (the parser's worst case), entities,
and a megabyte that the length limit refuses before any cleaning. Prints the best time of
``--repeat`` runs per row (the least disturbed by the machine's other work) and the outcome.
``benchmarks/run.py`` runs it first and keeps its rows in ``results/latest.json``.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import os
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from community.services import BODY_MAX, NAME_MAX, _clean_text  # noqa: E402


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def escaped(value: str, depth: int) -> str:
    for _ in range(depth):
        value = html.escape(value)
    return value


def formatting_bomb(size: int) -> str:
    """Distinct formatting elements (``<i a>``, ``<i b>``, ...: distinct attributes escape
    the parser's limit of three identical ones), then paragraphs: the parser reopens every
    formatting element for each paragraph's text, so the work grows with the product of the
    two counts. Measured worst split: 60 % elements, 40 % paragraphs."""
    names = (
        "".join(letters)
        for length in (1, 2, 3)
        for letters in itertools.product(string.ascii_lowercase, repeat=length)
    )
    head = ""
    for name in names:
        tag = f"<i {name}>"
        if len(head) + len(tag) > size * 0.6:
            break
        head += tag
    return head + fill("</p>x", size - len(head))


def rows() -> list[tuple[str, str, str, int, bool]]:
    """(row, what, field, maximum, multiline) inputs."""
    tag = "<script>alert(1)</script><b>x</b>"
    return [
        ("plain", "plain text", "x" * BODY_MAX, BODY_MAX, True),
        ("deep-50", "markup escaped 50 times", fill(escaped(tag, 50), BODY_MAX), BODY_MAX, True),
        ("deep-3", "markup escaped 3 times", fill(escaped(tag, 3), BODY_MAX), BODY_MAX, True),
        ("tags", "5,000 characters of <b>", fill("<b>", BODY_MAX), BODY_MAX, True),
        ("bomb", "formatting elements reopened", formatting_bomb(BODY_MAX), BODY_MAX, True),
        ("entities", "&lt; x 1,250", fill("&lt;", BODY_MAX), BODY_MAX, True),
        ("entity-tags", "&lt;b&gt; x 555", fill("&lt;b&gt;", BODY_MAX), BODY_MAX, True),
        ("name-deep", "name escaped 50 times", fill(escaped(tag, 50), NAME_MAX), NAME_MAX, False),
        ("over-limit", "1 MB escaped 50 times", fill(escaped(tag, 50), 10**6), BODY_MAX, True),
    ]


def measure(repeat: int) -> list[dict]:
    results = []
    for key, what, value, maximum, multiline in rows():
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            text, error = _clean_text("field", value, maximum, "Text", multiline=multiline)
            best = min(best, time.perf_counter() - start)
        outcome = str(error.code) if error else f"stored {len(text)} chars"
        results.append(
            {"row": key, "what": what, "chars": len(value), "ms": best * 1000, "outcome": outcome}
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    results = measure(args.repeat)
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"{'row':<12} {'what':<30} {'chars':>9} {'ms':>8}  outcome")
    for row in results:
        print(
            f"{row['row']:<12} {row['what']:<30} {row['chars']:>9,} {row['ms']:>8.2f}"
            f"  {row['outcome']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
