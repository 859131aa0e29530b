"""The reference reader offline (issue #18, point 7): its service worker (reader/sw.js) keeps
what a reader read (articles, the directory, the crisis lines of the footer) and, with the
network cut, shows it with the date it was fetched."""

import re

from playwright.sync_api import expect


def test_offline_the_reader_shows_what_was_read_and_when_it_was_fetched(
    page, reader_url, demo_article
):
    page.goto(f"{reader_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    # The worker takes control of the open page once installed.
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    article = f"{reader_url}/?article={demo_article.slug}&locale=en"
    directory = f"{reader_url}/?directory=1&region=PA"
    page.goto(article)
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_article.title)
    page.goto(directory)
    expect(
        page.get_by_role("heading", name=re.compile("Prevention Point Philadelphia"))
    ).to_be_visible()
    expect(page.locator("#offline-banner")).to_be_hidden()

    page.context.set_offline(True)
    page.goto(article)
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_article.title)
    banner = page.locator("#offline-banner")
    expect(banner).to_be_visible()
    expect(banner).to_have_text(re.compile(r"You are offline\. This was saved on .*\d{4}"))
    # The crisis lines of the footer too: what a reader in a crisis needs most.
    lifeline = page.get_by_role("contentinfo").get_by_role(
        "article", name="988 Suicide and Crisis Lifeline"
    )
    expect(lifeline.locator("a.crisis-call")).to_have_attribute("href", "tel:988")

    page.goto(directory)
    expect(
        page.get_by_role("heading", name=re.compile("Prevention Point Philadelphia"))
    ).to_be_visible()
    local = page.get_by_role("list", name="In your state")
    expect(local.get_by_role("link", name="(215) 634-5272")).to_have_attribute(
        "href", "tel:+12156345272"
    )
    expect(banner).to_be_visible()

    # What was never read cannot be shown: the reader says why, in words.
    page.goto(f"{reader_url}/?directory=1&region=IL")
    expect(page.get_by_role("alert")).to_contain_text(re.compile("could not reach|HTTP"))

    page.context.set_offline(False)
    page.goto(article)
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_article.title)
    expect(page.locator("#offline-banner")).to_be_hidden()
