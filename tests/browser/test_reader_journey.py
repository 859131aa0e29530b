"""A reader's journey through the seed article in the reference reader: the quiz, a reaction
and a comment, each checked on the page and in what the server stored."""

import re

from playwright.sync_api import expect

from community.models import Comment, CommentStatus, ReactionCount

ARTICLE_SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"
ARTICLE_TITLE = "Practical Ways Harm Reduction Techniques Make a Difference"


def article_url(reader_url: str) -> str:
    return f"{reader_url}/?article={ARTICLE_SLUG}&locale=en"


def test_the_article_list_links_to_the_seed_article(page, reader_url):
    page.goto(f"{reader_url}/")

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Articles")
    main.get_by_role("link", name=ARTICLE_TITLE, exact=True).click()

    expect(main.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    assert f"article={ARTICLE_SLUG}" in page.url


def test_the_seed_article_shows_every_part_of_the_seed(page, reader_url):
    page.goto(article_url(reader_url))
    main = page.get_by_role("main")

    expect(main.locator("h1")).to_have_count(1)
    expect(main.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    expect(main).to_contain_text("Damilola Amire")
    expect(main).to_contain_text("Hello, Mindful Recovery Hub community!")
    expect(main.get_by_role("heading", name="Harm Reduction vs. Abstinence")).to_be_visible()
    expect(main).to_contain_text("Do you think harm reduction could be a helpful approach")
    # The programme list, with its abbreviations.
    expect(main.get_by_text("Needle Exchange Programs (NEPs)")).to_be_visible()
    expect(main.get_by_text("Naloxone Distribution", exact=True)).to_be_visible()
    # A directory card: a tel: and a mailto: link, a contact note, the last-verified date.
    card = main.get_by_role("article", name="National Harm Reduction Coalition")
    expect(card.get_by_role("link", name="(212) 213-6376")).to_have_attribute(
        "href", "tel:+12122136376"
    )
    expect(card.get_by_role("link", name="info@harmreduction.org")).to_have_attribute(
        "href", "mailto:info@harmreduction.org"
    )
    expect(card.locator("time[datetime]")).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d{2}-\d{2}$")
    )
    expect(main.get_by_role("article", name="Next Distro")).to_contain_text(
        "Email through website contact form"
    )
    expect(main.locator(".sign-off")).to_contain_text("The Mindful Recovery Hub Team")
    # Reactions with their counts, and an article nobody has commented on yet.
    expect(page.get_by_role("heading", name="What do you think?")).to_be_visible()
    expect(page.get_by_role("button", name="This helped me: 0")).to_be_visible()
    comments = page.get_by_role("region", name="Comments")
    expect(comments).to_contain_text("No comments yet")
    expect(comments).to_contain_text("Your email address will not be published.")
    # The language switcher names the languages the article exists in; English only here.
    expect(page.get_by_role("navigation", name="Languages")).to_be_hidden()


def test_a_reader_scores_the_quiz_reacts_and_comments(page, reader_url, demo_article):
    page.goto(article_url(reader_url))

    # The quiz, answered with the keyboard and the mouse, scored on the server.
    quiz = page.get_by_role("region", name=re.compile("Test Your Harm Reduction Knowledge"))
    first = quiz.get_by_role("group", name=re.compile("only about illegal drug use"))
    first.get_by_label("True").focus()
    page.keyboard.press("ArrowDown")  # radio groups move with the arrow keys: now "False"
    expect(first.get_by_label("False")).to_be_checked()
    quiz.get_by_label("Naloxone distribution").check()
    quiz.get_by_role("button", name="Submit answers").click()

    result = quiz.locator(".quiz-result")
    expect(result).to_contain_text("Your score is 2/2")
    expect(result).to_contain_text("Great job! You know your harm reduction.")
    expect(result).to_be_focused()
    expect(quiz).to_contain_text("Harm reduction applies to many behaviours")
    expect(quiz).to_contain_text("Naloxone reverses opioid overdoses")

    # A reaction: the count goes up on the page and on the server.
    helped = page.get_by_role("button", name=re.compile("^This helped me"))
    expect(helped).to_have_accessible_name("This helped me: 0")
    helped.click()
    expect(helped).to_have_accessible_name("This helped me: 1")
    expect(helped).to_have_attribute("aria-pressed", "true")
    assert ReactionCount.objects.get(article=demo_article, kind="helpful").count == 1

    # A comment: posted, then awaiting moderation (not shown until approved).
    comments = page.get_by_role("region", name="Comments")
    comments.get_by_label("Name").fill("Sam")
    comments.get_by_label("Email").fill("sam@example.org")
    body = comments.get_by_role("textbox", name="Comment", exact=True)
    body.fill("Naloxone training at my library saved a friend.")
    comments.get_by_role("button", name="Post comment").click()

    expect(comments.get_by_role("status")).to_contain_text("awaiting moderation")
    expect(comments).to_contain_text("No comments yet")
    expect(body).to_have_value("")
    comment = Comment.objects.get()
    assert (comment.author_name, comment.author_email, comment.status) == (
        "Sam",
        "sam@example.org",
        CommentStatus.PENDING,
    )


def test_field_errors_are_shown_beside_the_fields(page, reader_url):
    page.goto(article_url(reader_url))
    comments = page.get_by_role("region", name="Comments")
    comments.get_by_label("Email").fill("not an address")
    comments.get_by_role("button", name="Post comment").click()

    name = comments.get_by_label("Name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile("required", re.IGNORECASE))
    expect(name).to_be_focused()
    expect(comments.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    body = comments.get_by_role("textbox", name="Comment", exact=True)
    expect(body).to_have_attribute("aria-invalid", "true")
    assert not Comment.objects.exists()
