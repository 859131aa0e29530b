"""The reference reader passes axe-core (from npm, frontend_contract/node_modules) with no
serious or critical violations: the article page, the article list, and the comment form
showing its errors."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .test_reader_journey import article_url

AXE = (
    Path(__file__).resolve().parents[2]
    / "frontend_contract"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def axe():
    if not AXE.exists():
        reason = f"no {AXE} (npm ci --prefix frontend_contract)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)

    def blocking_violations(page, selector: str | None = None) -> list[str]:
        """Run axe-core on the page (or the element at ``selector``); describe each serious
        or critical violation with the elements it found."""
        page.add_script_tag(path=str(AXE))
        results = page.evaluate(
            """async (selector) => axe.run(
                selector ? document.querySelector(selector) : document,
                { resultTypes: ["violations"] },
            )""",
            selector,
        )
        assert results["passes"], "axe-core checked nothing"
        return [
            f"{violation['impact']} {violation['id']}: {violation['help']} "
            f"{[node['target'] for node in violation['nodes']]}"
            for violation in results["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]

    return blocking_violations


def test_the_article_page(page, reader_url, axe):
    page.goto(article_url(reader_url))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Comments")).to_be_visible()

    assert axe(page) == []


def test_the_article_list(page, reader_url, axe):
    page.goto(f"{reader_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")

    assert axe(page) == []


def test_the_comment_form_showing_its_errors(page, reader_url, axe):
    page.goto(article_url(reader_url))
    comments = page.get_by_role("region", name="Comments")
    comments.get_by_role("button", name="Post comment").click()
    expect(comments.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
    expect(comments.locator(".field-error:visible")).to_have_count(3)

    assert axe(page, "#comments") == []
