"""Locale-aware queries: exact locales for pages, fallback chains for snippets."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from pages.models import ArticlePage
from snippets.localisation import forget_locales
from snippets.models import Author
from tests import factories
from tests.localisation.conftest import fill_strings

pytestmark = pytest.mark.django_db

STATUS = """
query($slug: String!, $locale: String) {
  article(slug: $slug, locale: $locale) {
    title locale url
    translations { locale url slug title }
    translationStatus { isTranslation sourceLocale upToDate sourceUpdatedAt }
    author { name locale isFallback }
  }
}
"""


def spanish():
    return Locale.objects.get(language_code="es")


def translate_page(page, **changes):
    """Translate ``page`` into Spanish with wagtail-localize and publish the translation."""
    translate_object(page, [spanish()])
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=spanish()
    )
    fill_strings(translation)
    translation.save_target(publish=True)
    target = ArticlePage.objects.get(translation_key=page.translation_key, locale=spanish())
    # save_target() publishes on commit, which never comes in a test: publish as a translator
    # would (with the changes, edited by hand).
    for field, value in changes.items():
        setattr(target, field, value)
    target.save_revision().publish()
    return ArticlePage.objects.get(pk=target.pk)


def test_the_same_slug_in_two_locales(gql):
    english = factories.article("same-slug", title="English title")
    translate_page(english, title="Título en español")

    assert gql(STATUS, {"slug": "same-slug"})["data"]["article"]["title"] == "English title"
    spanish_article = gql(STATUS, {"slug": "same-slug", "locale": "es"})["data"]["article"]
    assert spanish_article["title"] == "Título en español"
    assert spanish_article["locale"] == "es"
    assert spanish_article["url"].startswith("/es/")
    # A regional variant of a configured language is served that language.
    mexican = gql(STATUS, {"slug": "same-slug", "locale": "es-MX"})["data"]["article"]
    assert mexican["title"] == "Título en español"


def test_translations_link_every_language_version(gql):
    english = factories.article("guide", title="Guide")
    spanish_page = translate_page(english, title="Guía", slug="guia")

    data = gql(STATUS, {"slug": "guide"})["data"]["article"]
    assert data["translations"] == [
        {"locale": "es", "url": spanish_page.url, "slug": "guia", "title": "Guía"}
    ]
    assert spanish_page.url.startswith("/es/")
    back = gql(STATUS, {"slug": "guia", "locale": "es"})["data"]["article"]["translations"]
    assert [(link["locale"], link["slug"]) for link in back] == [("en", "guide")]
    assert not back[0]["url"].startswith("/en/")


def test_translation_status_follows_the_source(gql):
    english = factories.article("status-article")
    translate_page(english)

    source = gql(STATUS, {"slug": "status-article"})["data"]["article"]["translationStatus"]
    assert source == {
        "isTranslation": False,
        "sourceLocale": None,
        "upToDate": True,
        "sourceUpdatedAt": None,
    }
    status = gql(STATUS, {"slug": "status-article", "locale": "es"})["data"]["article"]
    assert status["translationStatus"]["isTranslation"] is True
    assert status["translationStatus"]["sourceLocale"] == "en"
    assert status["translationStatus"]["upToDate"] is True

    english.title = "Changed in English"
    english.save_revision().publish()
    stale = gql(STATUS, {"slug": "status-article", "locale": "es"})["data"]["article"]
    assert stale["translationStatus"]["upToDate"] is False
    english.refresh_from_db()
    assert stale["translationStatus"]["sourceUpdatedAt"].startswith(
        english.last_published_at.isoformat()[:19]
    )

    # Synced and published, but the new title is not translated yet.
    source_record = TranslationSource.objects.get(object_id=english.translation_key)
    source_record.update_from_db()
    translation = Translation.objects.get(source=source_record, target_locale=spanish())
    translation.save_target(publish=False)
    translation.get_target_instance().get_latest_revision().publish()
    synced = gql(STATUS, {"slug": "status-article", "locale": "es"})["data"]["article"]
    assert synced["translationStatus"]["upToDate"] is False

    fill_strings(translation)
    translation.save_target(publish=False)
    translation.get_target_instance().get_latest_revision().publish()
    translated = gql(STATUS, {"slug": "status-article", "locale": "es"})["data"]["article"]
    assert translated["translationStatus"]["upToDate"] is True


@pytest.fixture
def portuguese(settings):
    """Languages en (default), es, pt and pt-br, as CONTENT_LANGUAGES would configure them."""
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [
        ("en", "English"),
        ("es", "Español"),
        ("pt", "Português"),
        ("pt-br", "Português (Brasil)"),
    ]
    for code in ("pt", "pt-br"):
        Locale.objects.get_or_create(language_code=code)
    yield settings
    # The rows go with the test's transaction; the process's copy of the locales must too.
    forget_locales()


def test_snippets_fall_back_along_the_chain_with_a_regional_code(gql, portuguese):
    pt = Locale.objects.get(language_code="pt")
    naloxone = factories.service("naloxone-distribution", "Naloxone distribution")
    portuguese_naloxone = naloxone.copy_for_translation(pt)
    portuguese_naloxone.name = "Distribuição de naloxona"
    portuguese_naloxone.save()
    Author.objects.create(name="Only English")

    data = gql(
        '{ services(locale: "pt-BR") { name locale isFallback } '
        'authors(locale: "pt-BR") { name locale isFallback } }'
    )["data"]
    assert data["services"] == [
        {"name": "Distribuição de naloxona", "locale": "pt", "isFallback": True}
    ]
    assert data["authors"] == [{"name": "Only English", "locale": "en", "isFallback": True}]
    exact = gql('{ services(locale: "pt") { name locale isFallback } }')["data"]["services"]
    assert exact == [{"name": "Distribuição de naloxona", "locale": "pt", "isFallback": False}]


def test_a_configured_fallback_comes_before_the_default(gql, portuguese):
    portuguese.LOCALE_FALLBACKS = {"pt-br": ["es"]}
    service = factories.service("wound-care", "Wound care")
    spanish_service = service.copy_for_translation(spanish())
    spanish_service.name = "Cuidado de heridas"
    spanish_service.save()

    data = gql('{ services(locale: "pt-BR") { name locale isFallback } }')["data"]
    assert data["services"] == [{"name": "Cuidado de heridas", "locale": "es", "isFallback": True}]


def test_locales(gql, portuguese):
    locales = gql("{ locales { code name isDefault } }")["data"]["locales"]
    assert locales[0] == {"code": "en", "name": "English", "isDefault": True}
    assert {"code": "pt-br", "name": "Português (Brasil)", "isDefault": False} in locales


def test_unknown_language_is_an_error(gql):
    body = gql('{ services(locale: "xx") { name } }', errors=True)
    assert "Unknown locale 'xx'" in body["errors"][0]["message"]


def organisation_in_spanish(org, name):
    spanish_org = org.copy_for_translation(spanish())
    spanish_org.name = name
    spanish_org.live = True
    spanish_org.save()
    spanish_org.services.set(org.services.all())
    return spanish_org


def test_directory_and_author_follow_the_article_language(gql):
    translated = factories.organisation("Translated Org")
    organisation_in_spanish(translated, "Organización traducida")
    untranslated = factories.organisation("Untranslated Org")
    author = Author.objects.create(name="Damilola Amire", bio="English bio")
    spanish_author = author.copy_for_translation(spanish())
    spanish_author.bio = "Biografía"
    spanish_author.save()
    english = factories.article(
        "directory-article",
        author=author,
        body=[
            {
                "type": "organisation_directory",
                "value": {"organisations": [translated.pk, untranslated.pk]},
            }
        ],
    )
    # A plain Wagtail copy keeps the English choices: the API must map them to Spanish.
    spanish_page = english.copy_for_translation(spanish(), copy_parents=True)
    spanish_page.save_revision().publish()

    query = """
    query($slug: String!, $locale: String) {
      article(slug: $slug, locale: $locale) {
        body { ... on OrganisationDirectoryBlock { organisations { name locale isFallback } } }
      }
    }
    """
    article = gql(query, {"slug": "directory-article", "locale": "es"})["data"]["article"]
    organisations = article["body"][0]["organisations"]
    assert [(o["name"], o["locale"], o["isFallback"]) for o in organisations] == [
        ("Organización traducida", "es", False),
        ("Untranslated Org", "en", True),
    ]
    author_data = gql(STATUS, {"slug": "directory-article", "locale": "es"})["data"]["article"]
    assert author_data["author"] == {"name": "Damilola Amire", "locale": "es", "isFallback": False}


def test_organisations_list_and_one_organisation_in_spanish(gql):
    translated = factories.organisation("Alpha Org", region="PA")
    spanish_org = organisation_in_spanish(translated, "Organización Alfa")
    factories.organisation("Beta Org", region="PA")

    items = gql('{ organisations(locale: "es", region: "PA") { items { name isFallback } } }')
    assert items["data"]["organisations"]["items"] == [
        {"name": "Beta Org", "isFallback": True},
        {"name": "Organización Alfa", "isFallback": False},
    ]
    query = "query($id: ID!, $locale: String) { organisation(id: $id, locale: $locale) { name } }"
    by_english_id = gql(query, {"id": str(translated.pk), "locale": "es"})
    assert by_english_id["data"]["organisation"]["name"] == "Organización Alfa"
    by_spanish_id = gql(query, {"id": str(spanish_org.pk)})
    assert by_spanish_id["data"]["organisation"]["name"] == "Alpha Org"


def test_search_in_a_language(gql):
    english = factories.article("naloxone-article", title="Naloxone saves lives")
    translate_page(english, title="La naloxona salva vidas", slug="naloxona")
    organisation = factories.organisation("Naloxone Org", description="Naloxone kits.")
    organisation_in_spanish(organisation, "Organización de naloxona")

    query = """{ search(query: "naloxone", locale: "es") {
      __typename ... on ArticlePage { title } ... on Organisation { name locale } } }"""
    results = gql(query)["data"]["search"]
    organisations = [r for r in results if r["__typename"] == "Organisation"]
    assert organisations == [
        {"__typename": "Organisation", "name": "Organización de naloxona", "locale": "es"}
    ]
    english_results = gql('{ search(query: "naloxone") { ... on ArticlePage { title } } }')
    assert {"title": "Naloxone saves lives"} in english_results["data"]["search"]


def test_stale_translation_dates_are_iso(gql):
    english = factories.article("dates")
    translate_page(english)
    english.last_published_at = timezone.now() + datetime.timedelta(days=1)
    english.save(update_fields=["last_published_at"])
    data = gql(STATUS, {"slug": "dates", "locale": "es"})["data"]["article"]["translationStatus"]
    assert data["upToDate"] is False
    assert "T" in data["sourceUpdatedAt"]


def test_the_directory_chooses_each_organisations_best_language_in_the_database(gql, portuguese):
    """Three languages deep (pt-BR → pt → es → en), filters and pages apply to the chosen
    versions, and the statement does not grow with the directory (no id list)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    portuguese.LOCALE_FALLBACKS = {"pt-br": ["es"]}
    pt = Locale.objects.get(language_code="pt")
    only_english = factories.organisation("A only English", region="PA")
    in_spanish = factories.organisation("B in Spanish", region="PA")
    organisation_in_spanish(in_spanish, "B en español")
    in_portuguese = factories.organisation("C in Portuguese and Spanish", region="PA")
    organisation_in_spanish(in_portuguese, "C en español")
    portuguese_org = in_portuguese.copy_for_translation(pt)
    portuguese_org.name = "C em português"
    portuguese_org.live = True
    portuguese_org.save()
    # A draft translation does not count: the live fallback is served.
    draft = only_english.copy_for_translation(pt)
    draft.name = "A rascunho"
    draft.live = False
    draft.save()

    query = (
        'query ($page: Int) { organisations(locale: "pt-BR", region: "PA", perPage: 2, '
        "page: $page) { items { name locale isFallback } pagination { total } } }"
    )
    first = gql(query, {"page": 1})["data"]["organisations"]
    second = gql(query, {"page": 2})["data"]["organisations"]
    assert first["pagination"]["total"] == 3
    assert first["items"] + second["items"] == [
        {"name": "A only English", "locale": "en", "isFallback": True},
        {"name": "B en español", "locale": "es", "isFallback": True},
        {"name": "C em português", "locale": "pt", "isFallback": True},
    ]

    portuguese.RESPONSE_CACHE_ENABLED = False

    def statement_sizes():
        with CaptureQueriesContext(connection) as captured:
            gql(query, {"page": 1})
        return [len(q["sql"]) for q in captured.captured_queries]

    before = statement_sizes()
    for n in range(30):
        factories.organisation(f"Z filler {n}", region="PA")
    assert statement_sizes() == before
