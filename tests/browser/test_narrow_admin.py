"""The admin's listings on a phone (390 px wide): organisation names are not broken in the
middle of a word, and a comment's status and article stay on screen (#20 points 7 and 12)."""

from django.urls import reverse

from community.models import Comment
from snippets.models import Organisation

# For each word of the cells' text, the number of lines it is drawn on: 1 unless a word breaks.
WORDS_BROKEN = """
(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      let match;
      while ((match = re.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""


def test_organisation_names_are_not_broken_mid_word_on_a_phone(admin_page, reader_url):
    admin_page.set_viewport_size({"width": 390, "height": 844})
    admin_page.goto(reader_url + reverse(Organisation.snippet_viewset.get_url_name("list")))
    admin_page.wait_for_selector("table.listing td.title")
    assert admin_page.locator("table.listing td.title").count() >= 5
    assert admin_page.evaluate(WORDS_BROKEN, "table.listing td.title") == []


def test_a_comments_status_and_article_are_on_screen_on_a_phone(
    admin_page, reader_url, demo_article
):
    Comment.objects.create(
        article=demo_article, author_name="Robin", author_email="r@example.org", body="Thanks!"
    )
    admin_page.set_viewport_size({"width": 390, "height": 844})
    admin_page.goto(reader_url + reverse(Comment.snippet_viewset.get_url_name("list")))
    row = admin_page.locator("table.listing tbody tr").first
    for text in ("Pending", demo_article.title[:20]):
        box = row.get_by_text(text, exact=False).first.bounding_box()
        assert box is not None, text
        assert box["x"] >= 0 and box["x"] + min(box["width"], 50) <= 390, (text, box)
