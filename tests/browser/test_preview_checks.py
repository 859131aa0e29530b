"""Wagtail's Checks panel in the page editor runs on the server-rendered preview: content metrics,
Wagtail's accessibility rules, and ours for a directory entry readers will not see."""

import re
import uuid

from playwright.sync_api import expect

from tests import factories


def test_checks_panel_measures_the_draft_and_reports_an_unpublished_organisation(
    admin_page, reader_url, demo_article
):
    closed = factories.organisation("Closed Clinic", live=False)
    draft = demo_article.get_latest_revision_as_object()
    body = list(draft.body.raw_data)
    [directory] = [block for block in body if block["type"] == "organisation_directory"]
    directory["value"]["organisations"].append(
        {"type": "item", "value": closed.pk, "id": str(uuid.uuid4())}
    )
    draft.body = body
    draft.save_revision()
    page = admin_page

    page.goto(f"{reader_url}/admin/pages/{demo_article.pk}/edit/")
    page.get_by_role("button", name="Toggle checks").click()

    words = page.locator("[data-content-word-count]")
    expect(words).to_have_text(re.compile(r"^\d+$"))
    assert int(words.inner_text()) > 500  # the seed article is about 1,000 words
    expect(page.locator("[data-content-reading-time]")).not_to_have_text("-")
    issues = page.locator("[data-checks-panel] [data-content-checker-name]")
    expect(issues.filter(has_text="Organisation not published")).to_have_count(1)
    # The rest of the seed article passes Wagtail's accessibility rules.
    assert issues.all_inner_texts() == ["Organisation not published"]
