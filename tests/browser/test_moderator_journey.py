"""A moderator's journey: a reader's comment waits in the admin's moderation listing until a
moderator approves it; the reader then shows it after a reload."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from community.models import Comment, CommentStatus

from .test_reader_journey import article_url

COMMENT = "This helped me talk to my brother about naloxone."


def test_a_moderator_approves_a_comment_and_the_reader_shows_it(browser, page, reader_url):
    # A reader posts a comment, in a browser of their own.
    reader_context = browser.new_context(locale="en-GB")
    try:
        reader = reader_context.new_page()
        reader.goto(article_url(reader_url))
        comments = reader.get_by_role("region", name="Comments")
        comments.get_by_label("Name").fill("Robin")
        comments.get_by_label("Email").fill("robin@example.org")
        comments.get_by_role("textbox", name="Comment", exact=True).fill(COMMENT)
        comments.get_by_role("button", name="Post comment").click()
        expect(comments.get_by_role("status")).to_contain_text("awaiting moderation")
        expect(comments.get_by_role("article")).to_have_count(0)

        # The moderator logs in through the login form...
        page.goto(f"{reader_url}/admin/")
        expect(page).to_have_url(re.compile(r"/admin/login/"))
        page.get_by_label("Username").fill("admin")
        page.get_by_label("Password").fill("admin")
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))

        # ...finds the comment pending in the moderation listing, and approves it.
        page.get_by_role("link", name=re.compile(r"^Comments")).first.click()
        listing = reverse(Comment.snippet_viewset.get_url_name("list"))
        expect(page).to_have_url(re.compile(re.escape(listing) + "$"))
        row = page.get_by_role("row").filter(has_text=COMMENT)
        expect(row).to_contain_text("Pending")
        expect(row).to_contain_text("robin@example.org")  # moderators see the email
        row.get_by_role("button", name=re.compile(r"^More options for")).click()
        row.get_by_role("button", name="Approve", exact=True).click()
        expect(page.get_by_text("Comment by Robin approved.")).to_be_visible()
        expect(page.get_by_role("row").filter(has_text=COMMENT)).to_contain_text("Approved")
        assert Comment.objects.get(body=COMMENT).status == CommentStatus.APPROVED

        # The reader reloads the article and sees the comment, without its email address.
        reader.reload()
        comments = reader.get_by_role("region", name="Comments")
        comment = comments.get_by_role("article", name="Robin")
        expect(comment).to_contain_text(COMMENT)
        expect(comments).not_to_contain_text("No comments yet")
        expect(comments).not_to_contain_text("robin@example.org")
        expect(comments).to_contain_text("1 comment")
    finally:
        reader_context.close()
