"""The reference reader passes axe-core (from npm, frontend_contract/node_modules) with no
serious or critical violations: the article page, the article list, and the comment form
showing its errors."""

from playwright.sync_api import expect

from .test_reader_journey import article_url


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
