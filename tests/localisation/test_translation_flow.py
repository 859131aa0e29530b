"""Translating through the admin, as a translator does it: "Translate" starts a draft that
readers do not see; the translation is up to date (API, report, editor) only once every string
is translated and published after the source's latest change."""

import io

import polib
import pytest
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import Translation

from pages.models import ArticlePage
from pages.translation_report import out_of_date_translations
from snippets.models import Organisation
from tests.factories import article, organisation

pytestmark = pytest.mark.django_db

REPORT_URL = reverse("pages_translations_out_of_date")

SPANISH = """
query($slug: String!) {
  article(slug: $slug, locale: "es") { title translationStatus { isTranslation upToDate } }
  articles(locale: "es") { items { title } }
}
"""


@pytest.fixture
def browser(translator):
    """The translator's own browser (``gql`` posts as an anonymous reader)."""
    client = Client()
    client.force_login(translator)
    return client


def spanish_page(page) -> ArticlePage:
    return ArticlePage.objects.get(translation_key=page.translation_key, locale__language_code="es")


def translate_strings(browser, translation, spanish) -> None:
    """Download the PO file from the translation editor, translate every untranslated string
    with ``spanish`` and upload it, as a translator does."""
    response = browser.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    for entry in po:
        if not entry.msgstr:
            entry.msgstr = spanish(entry.msgid)
    upload = io.BytesIO(str(po).encode())
    upload.name = "translation.po"
    response = browser.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload}
    )
    assert response.status_code == 302


def publish(browser, target, publish_on_commit) -> None:
    """The translation editor's Publish button."""
    if isinstance(target, ArticlePage):
        url = reverse("wagtailadmin_pages:edit", args=[target.pk])
    else:
        url = reverse(target.snippet_viewset.get_url_name("edit"), args=[target.pk])
    with publish_on_commit():
        response = browser.post(url, {"action": "publish"})
    assert response.status_code == 302


def editor_warning(browser, target) -> str | None:
    """The warning the translation editor shows on opening, if any."""
    response = browser.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert response.status_code == 200
    assert b"js-translation-editor" in response.content  # wagtail-localize's editor
    for message in response.context["messages"]:
        if "not up to date" in message.message:
            return message.message
    return None


def spanish_title(english: str) -> str:
    return {"Naloxone basics": "Lo básico de la naloxona"}.get(english, english)


# --- 2. Starting a translation does not publish an untranslated copy ----------------------------


def test_translate_starts_a_draft_that_readers_see_once_published(
    browser, es, gql, publish_on_commit
):
    page = article("naloxone-basics", title="Naloxone basics")

    with publish_on_commit():  # nothing is published on commit either
        response = browser.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [es.pk]},
        )
    assert response.status_code == 302
    draft = spanish_page(page)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live
    assert draft.title == "Naloxone basics"  # the English text, waiting for a translator
    data = gql(SPANISH, {"slug": "naloxone-basics"})["data"]
    assert data["article"] is None
    assert data["articles"]["items"] == []

    assert "never been published" in editor_warning(browser, draft)

    translation = Translation.objects.get(source__object_id=page.translation_key)
    translate_strings(browser, translation, spanish_title)
    publish(browser, draft, publish_on_commit)

    data = gql(SPANISH, {"slug": "naloxone-basics"})["data"]
    assert data["article"] == {
        "title": "Lo básico de la naloxona",
        "translationStatus": {"isTranslation": True, "upToDate": True},
    }
    assert data["articles"]["items"] == [{"title": "Lo básico de la naloxona"}]
    assert editor_warning(browser, spanish_page(page)) is None


def test_translating_an_organisation_starts_a_draft(browser, es):
    org = organisation("Harm Reduction Works")
    response = browser.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["snippets", "organisation", org.pk],
        ),
        {"locales": [es.pk]},
    )
    assert response.status_code == 302
    spanish = Organisation.objects.get(translation_key=org.translation_key, locale=es)
    assert not spanish.live
    response = browser.get(reverse(spanish.snippet_viewset.get_url_name("edit"), args=[spanish.pk]))
    warnings = [str(message) for message in response.context["messages"]]
    assert any("never been published" in message for message in warnings), warnings


# --- 3. "Up to date" only when it is ------------------------------------------------------------


def test_update_alone_does_not_make_a_translation_up_to_date(
    browser, translated_article, gql, publish_on_commit
):
    page, translation, es_page = translated_article
    assert editor_warning(browser, es_page) is None
    assert gql(SPANISH, {"slug": "naloxone-basics"})["data"]["article"]["translationStatus"] == {
        "isTranslation": True,
        "upToDate": True,
    }

    page.title = "Naloxone basics"  # unchanged title; a new introduction
    page.intro = "<p>Carry it everywhere.</p>"
    page.save_revision().publish()

    def status():
        return gql(SPANISH, {"slug": "naloxone-basics"})["data"]["article"]

    assert status()["translationStatus"]["upToDate"] is False
    [row] = out_of_date_translations()
    assert row.status.startswith("The source has changed since the translation was last synced")

    # "Update" in the translation flow, with and without "Publish immediately".
    update_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    for form in ({}, {"publish_translations": "on"}):
        with publish_on_commit():
            assert browser.post(update_url, form).status_code == 302
        assert status()["translationStatus"]["upToDate"] is False
        [row] = out_of_date_translations()
        assert "1 of 3 strings are not translated." in row.status
        assert row.status in browser.get(REPORT_URL).content.decode()
        warning = editor_warning(browser, es_page)
        assert "1 of 3 strings are not translated." in warning

    # The translator translates the new string and publishes: up to date everywhere.
    translate_strings(
        browser, translation, lambda english: "Llévala siempre." if "Carry" in english else english
    )
    publish(browser, es_page, publish_on_commit)
    assert status() == {
        "title": es_page.title,
        "translationStatus": {"isTranslation": True, "upToDate": True},
    }
    assert out_of_date_translations() == []
    assert editor_warning(browser, es_page) is None


def test_translated_but_unpublished_strings_are_not_up_to_date(
    browser, translated_article, gql, publish_on_commit
):
    page, translation, es_page = translated_article
    page.intro = "<p>Carry it everywhere.</p>"
    page.save_revision().publish()
    with publish_on_commit():
        browser.post(
            reverse("wagtail_localize:update_translations", args=[translation.source_id]),
            {"publish_translations": "on"},
        )
    translate_strings(browser, translation, lambda english: english)  # translated, not published

    data = gql(SPANISH, {"slug": "naloxone-basics"})["data"]["article"]
    assert data["translationStatus"]["upToDate"] is False
    [row] = out_of_date_translations()
    assert row.status == "Translated strings have not been published yet."
    assert "Translated strings have not been published yet." in editor_warning(browser, es_page)


def test_editing_a_published_string_makes_it_out_of_date_at_once(browser, translated_article, gql):
    """A cached API answer does not keep claiming up to date."""
    _page, translation, _es_page = translated_article
    assert gql(SPANISH, {"slug": "naloxone-basics"})["data"]["article"]["translationStatus"][
        "upToDate"
    ]

    response = browser.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(response.content.decode())
    for entry in po:
        if entry.msgid == "Naloxone basics":
            entry.msgstr = "Lo básico de la naloxona"
    upload = io.BytesIO(str(po).encode())
    upload.name = "translation.po"
    browser.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload})

    data = gql(SPANISH, {"slug": "naloxone-basics"})["data"]["article"]
    assert data["title"] == "Naloxone basics"  # readers still get the published text
    assert data["translationStatus"]["upToDate"] is False
