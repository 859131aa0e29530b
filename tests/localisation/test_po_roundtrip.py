"""Translators can work offline with PO files: export, translate, import, publish."""

import polib
import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from pages.models import ArticlePage
from snippets.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def test_po_export_edit_import_publish_for_an_article_and_an_organisation(
    gql, django_capture_on_commit_callbacks
):
    spanish = Locale.objects.get(language_code="es")
    organisation = factories.organisation(
        "Harm Reduction Org", description="Free naloxone by mail.", coverage_note="Nationwide"
    )
    article = factories.article(
        "po-article",
        title="Naloxone by mail",
        body=[
            {"type": "heading", "value": {"text": "How to order", "level": "h2"}},
            {"type": "organisation_directory", "value": {"organisations": [organisation.pk]}},
        ],
    )
    translate_object(article, [spanish])

    spanish_texts = {
        "Naloxone by mail": "Naloxona por correo",
        "How to order": "Cómo pedirla",
        "Intro.": "Introducción.",
        "Harm Reduction Org": "Organización de reducción de daños",
        "Free naloxone by mail.": "Naloxona gratis por correo.",
        "Nationwide": "En todo el país",
    }
    for translation in Translation.objects.filter(target_locale=spanish):
        po = polib.pofile(translation.export_po().__unicode__())
        assert po, "every translation has strings to translate"
        for entry in po:
            entry.msgstr = spanish_texts.get(entry.msgid, entry.msgid)
        translation.import_po(po)
        # wagtail-localize publishes when the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)

    spanish_article = ArticlePage.objects.get(
        translation_key=article.translation_key, locale=spanish
    )
    assert spanish_article.live
    assert spanish_article.title == "Naloxona por correo"
    spanish_org = Organisation.objects.get(
        translation_key=organisation.translation_key, locale=spanish
    )
    assert spanish_org.description == "Naloxona gratis por correo."
    # Contact details and location codes are facts: copied, never offered for translation.
    assert (spanish_org.email, spanish_org.region) == (organisation.email, organisation.region)

    query = """
    query($slug: String!) {
      article(slug: $slug, locale: "es") {
        title
        body {
          ... on HeadingBlock { text }
          ... on OrganisationDirectoryBlock { organisations { name locale isFallback } }
        }
      }
    }
    """
    data = gql(query, {"slug": spanish_article.slug})["data"]["article"]
    assert data["title"] == "Naloxona por correo"
    assert data["body"][0]["text"] == "Cómo pedirla"
    assert data["body"][1]["organisations"] == [
        {"name": "Organización de reducción de daños", "locale": "es", "isFallback": False}
    ]
