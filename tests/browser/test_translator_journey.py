"""A translator's journey in real Chromium: a member of the Translators group translates the seed
article into Spanish in wagtail-localize's editor, segment by segment, and publishes it; the
reader's language switcher then leads from the English article to the Spanish one.
"""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from pages.models import ArticlePage
from pages.wagtail_hooks import TRANSLATORS_GROUP

TRANSLATOR = ("tradu", "una-clave-larga-y-segura")
TITLE_ES = "Formas prácticas en que la reducción de daños marca la diferencia"
SLUG_ES = "formas-practicas-reduccion-de-danos"


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def translate_every_segment(page, translations: dict[str, str]) -> int:
    """Translate each untranslated segment of the open tab: ``translations`` maps a source
    text to its translation, every other segment gets a numbered Spanish sentence (numbered,
    because the quiz refuses two choices with the same text). Returns how many were done."""
    main = page.get_by_role("main")
    untranslated = main.get_by_role("button", name="Translate", exact=True)
    # A segment shows "Saving..." until the server has stored it, then an "Edit" button.
    saved = main.get_by_role("button", name="Edit", exact=True)
    # count() does not wait: let wagtail-localize's editor (a React app) render its segments,
    # then go on until none is left (not a count taken once, which a slow render cuts short).
    expect(untranslated.first).to_be_visible()
    done = 0
    while untranslated.count() and done < 500:
        done += 1
        already_saved = saved.count()
        untranslated.first.click()
        editor = main.get_by_role("textbox")
        # The innermost list item around the open editor is the segment (``has`` is relative).
        segment = main.get_by_role("listitem").filter(has=page.get_by_role("textbox")).last
        source = segment.inner_text()
        text = next(
            (spanish for english, spanish in translations.items() if english in source),
            f"Texto traducido número {done}.",
        )
        editor.fill(text)
        segment.get_by_role("button", name="Save", exact=True).click()
        # Wait for the server: the next save, or Publish, must not overlap this request.
        expect(saved).to_have_count(already_saved + 1)
    expect(untranslated).to_have_count(0)
    return done


def test_translator_publishes_the_spanish_article(page, reader_url, django_user_model):
    article = ArticlePage.objects.get(locale__language_code="en")
    translator = django_user_model.objects.create_user(TRANSLATOR[0], password=TRANSLATOR[1])
    translator.groups.add(Group.objects.get(name=TRANSLATORS_GROUP))
    log_in(page, reader_url, *TRANSLATOR)

    # "Translate this page" from the article's row in the Articles listing.
    page.goto(f"{reader_url}/admin/pages/{article.get_parent().pk}/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=article.title))
    row.get_by_role("button", name=re.compile("^More options")).click()
    row.get_by_role("link", name="Translate this page").click()
    page.get_by_label("Español").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("successfully submitted for translation into Español")).to_be_visible()

    # wagtail-localize's editor: every segment of the content, then the slug under Promote.
    assert translate_every_segment(page, {article.title: TITLE_ES}) > 30
    page.get_by_role("tab", name="Promote").click()
    assert translate_every_segment(page, {article.slug: SLUG_ES}) == 1
    page.get_by_role("button", name="Publish in Español").click()
    expect(page.get_by_text(f"Published '{TITLE_ES}'")).to_be_visible()

    spanish = ArticlePage.objects.get(locale__language_code="es")
    assert spanish.translation_key == article.translation_key
    assert (spanish.title, spanish.slug, spanish.live) == (TITLE_ES, SLUG_ES, True)
    # The snippets it refers to were translated along with it (see docs/translators.md).
    assert spanish.author.locale.language_code == "es"
    assert spanish.author.translation_key == article.author.translation_key

    # The reader: the English article's language switcher leads to the Spanish one.
    page.goto(f"{reader_url}/?article={article.slug}&locale=en")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(article.title)
    languages = page.get_by_role("navigation", name="Languages")
    expect(languages.get_by_role("link", name="English")).to_have_attribute("aria-current", "page")
    languages.get_by_role("link", name="Español").click()
    title = main.get_by_role("heading", level=1)
    expect(title).to_have_text(TITLE_ES)
    article_element = main.locator("article", has=page.get_by_role("heading", level=1))
    expect(article_element).to_have_attribute("lang", "es")
    expect(languages.get_by_role("link", name="Español")).to_have_attribute("aria-current", "page")
    assert f"article={SLUG_ES}" in page.url
