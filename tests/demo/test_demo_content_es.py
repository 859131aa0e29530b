"""The Spanish demo content that `manage.py load_demo_content` makes through wagtail-localize."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import (
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from cms.ids import unscoped
from demo import content as demo_content
from demo import content_es as demo_content_es
from pages.models import ArticleIndexPage, ArticlePage, HomePage
from snippets.models import Author, Organisation, Service
from tests.api.queries import ARTICLE

pytestmark = pytest.mark.django_db

ARTICLE_SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"
ARTICLE_SLUG_ES = "formas-practicas-en-que-la-reduccion-de-danos-marca-la-diferencia"
MICHIGAN = "Harm Reduction Michigan"

# Keys of block values that are settings, not text.
NOT_TEXT = {"id", "type", "kind", "level", "region", "coverage"}


def load() -> str:
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def es():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def articles(es):
    output = load()
    assert "Demo content loaded." in output
    english = ArticlePage.objects.get(locale__language_code="en", slug=ARTICLE_SLUG)
    spanish = ArticlePage.objects.get(locale=es, slug=ARTICLE_SLUG_ES)
    return english, spanish


def block(article, block_type):
    (value,) = [child.value for child in article.body if child.block_type == block_type]
    return value


def texts(data, key=None) -> set[str]:
    """Every non-empty text in raw StreamField data (settings like ids and kinds left out)."""
    if isinstance(data, dict):
        found = set()
        for name, value in data.items():
            if name not in NOT_TEXT:
                found |= texts(value, name)
        return found
    if isinstance(data, list):
        return set().union(*(texts(item, key) for item in data)) if data else set()
    if isinstance(data, str) and data.strip():
        return {data}
    return set()


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "organisations": Organisation.objects.count(),
        "services": Service.objects.count(),
        "authors": Author.objects.count(),
        "revisions": Revision.objects.count(),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "translation_logs": TranslationLog.objects.count(),
        "string_translations": StringTranslation.objects.count(),
    }


def translation_of(obj, locale) -> Translation:
    return Translation.objects.get(source__object_id=obj.translation_key, target_locale=locale)


# --- The Spanish article ----------------------------------------------------------------------


def test_the_spanish_article_is_a_live_synced_translation(articles, es):
    english, spanish = articles
    assert spanish.live and not spanish.has_unpublished_changes
    assert spanish.translation_key == english.translation_key
    assert spanish.url.startswith("/es/")
    assert spanish.url == f"/es/articulos/{ARTICLE_SLUG_ES}/"

    # A synced translation: the admin finds its source and shows it as translated in full.
    translation = translation_of(english, es)
    assert translation.enabled
    assert translation.source.locale.language_code == "en"
    assert translation.source.get_source_instance().pk == english.pk
    assert translation.get_target_instance().pk == spanish.pk
    total, translated = translation.get_progress()
    assert total == translated > 40


def test_every_spanish_translation_is_up_to_date(articles, gql):
    """Nothing for translators to do after loading (the report and the API agree)."""
    from pages.translation_report import out_of_date_translations

    assert out_of_date_translations() == []
    query = """query($slug: String!) {
      article(slug: $slug, locale: "es") { translationStatus { isTranslation upToDate } }
    }"""
    status = gql(query, {"slug": ARTICLE_SLUG_ES})["data"]["article"]["translationStatus"]
    assert status == {"isTranslation": True, "upToDate": True}


def test_the_spanish_home_and_articles_section_are_translations_too(articles, es):
    _english, spanish = articles
    index = spanish.get_parent().specific
    home = index.get_parent().specific
    assert isinstance(index, ArticleIndexPage) and isinstance(home, HomePage)
    assert (index.title, index.slug, index.locale) == ("Artículos", "articulos", es)
    assert (home.title, home.locale) == ("Mindful Recovery Hub", es)
    assert index.live and home.live
    assert not index.alias_of_id and not home.alias_of_id
    for page, model in ((index, ArticleIndexPage), (home, HomePage)):
        source = model.objects.get(locale__language_code="en")
        assert page.translation_key == source.translation_key
        assert translation_of(source, es).get_target_instance().pk == page.pk
    assert home.intro.startswith("<p>Información práctica y compasiva")
    assert home.url == "/es/"


def test_the_spanish_article_reads_in_spanish(articles):
    english, spanish = articles
    assert spanish.title == "Formas prácticas en que la reducción de daños marca la diferencia"
    assert spanish.greeting == "¡Hola, comunidad de Mindful Recovery Hub!"
    assert spanish.intro.startswith("<p>Por si necesitas un repaso rápido:")

    quiz = block(spanish, "quiz")
    assert quiz["title"] == "Pon a prueba lo que sabes sobre reducción de daños 🧠"
    first, second = quiz["questions"]
    assert first["prompt"] == (
        "La reducción de daños solo tiene que ver con el consumo de drogas ilegales."
    )
    assert [choice["text"] for choice in first["choices"]] == ["Verdadero", "Falso"]
    assert second["prompt"] == (
        "¿Cuál de estas opciones es un ejemplo de estrategia de reducción de daños?"
    )
    assert [choice["text"] for choice in second["choices"] if choice["is_correct"]] == [
        "Distribución de naloxona"
    ]
    assert "Arrestar a las personas que usan drogas" in [c["text"] for c in second["choices"]]

    headings = [child.value["text"] for child in spanish.body if child.block_type == "heading"]
    assert headings[0] == "Reducción de daños frente a abstinencia"
    programmes = block(spanish, "programme_list")["programmes"]
    assert programmes[0]["name"] == "Programas de intercambio de jeringas"
    assert block(spanish, "discussion_prompt")["question"].startswith("¿Crees que")
    directory = block(spanish, "organisation_directory")
    assert directory["heading"] == "Recursos de programas de reducción de daños"
    sign_off = block(spanish, "sign_off")
    assert (sign_off["closing"], sign_off["signature"]) == (
        "Saludos,",
        "El equipo de Mindful Recovery Hub",
    )

    assert spanish.author.locale.language_code == "es"
    assert spanish.author.translation_key == english.author.translation_key
    assert spanish.author.name == "Damilola Amire"
    assert spanish.author.bio.startswith("Damilola Amire escribe para Mindful Recovery Hub")


def test_no_english_text_is_left_in_the_spanish_article(articles, es):
    english, spanish = articles
    english_texts = texts(english.body.get_prep_value())
    spanish_texts = texts(spanish.body.get_prep_value())
    assert len(spanish_texts) > 30
    assert spanish_texts & english_texts == set()
    for name in ("title", "greeting", "intro", "slug"):
        assert getattr(spanish, name) != getattr(english, name), name

    # Every string wagtail-localize offers for translation has Spanish; only proper names are
    # the same in both languages.
    for entry in translation_of(english, es).export_po():
        assert entry.msgstr, entry.msgid
        if entry.msgstr == entry.msgid:
            assert entry.msgid in demo_content_es.KEPT_IN_ENGLISH, entry.msgid


def test_the_body_keeps_the_english_block_ids(articles):
    """wagtail-localize copies the source's StreamField (ids included) and replaces only its
    strings, so every block, quiz question and choice has the same id in both languages: a
    quiz answer names the same question and choice whichever language it was read in."""
    english, spanish = articles
    assert [child.id for child in spanish.body] == [child.id for child in english.body]
    english_quiz, spanish_quiz = block(english, "quiz"), block(spanish, "quiz")
    for english_q, spanish_q in zip(
        english_quiz["questions"].bound_blocks,
        spanish_quiz["questions"].bound_blocks,
        strict=True,
    ):
        assert spanish_q.id == english_q.id
        assert [c.id for c in spanish_q.value["choices"].bound_blocks] == [
            c.id for c in english_q.value["choices"].bound_blocks
        ]
        assert [c["is_correct"] for c in spanish_q.value["choices"]] == [
            c["is_correct"] for c in english_q.value["choices"]
        ]


def test_the_api_serves_the_spanish_quiz_as_the_same_blocks_under_ids_of_its_own(articles, gql):
    _english, spanish = articles

    def quiz(slug, locale):
        article = gql(ARTICLE, {"slug": slug, "locale": locale})["data"]["article"]
        (value,) = [b for b in article["body"] if b["blockType"] == "QuizBlock"]
        return article, value

    english_article, english_quiz = quiz(ARTICLE_SLUG, "en")
    spanish_article, spanish_quiz = quiz(ARTICLE_SLUG_ES, "es")
    assert spanish_article["title"] == spanish.title
    assert spanish_article["url"].startswith("/es/")
    # The translation keeps the quiz's blocks; the API scopes their ids to each article, so
    # that a client cache never takes one language's question for the other's (cms.ids).
    english_ids = [q["id"] for q in english_quiz["questions"]]
    spanish_ids = [q["id"] for q in spanish_quiz["questions"]]
    assert not set(english_ids) & set(spanish_ids)
    assert [unscoped(i, spanish_article["id"]) for i in spanish_ids] == [
        unscoped(i, english_article["id"]) for i in english_ids
    ]
    assert spanish_quiz["questions"][0]["prompt"] != english_quiz["questions"][0]["prompt"]


# --- Snippets ---------------------------------------------------------------------------------


def test_six_organisations_are_translated_and_michigan_is_not(articles, es):
    english = {org.name: org for org in Organisation.objects.filter(locale__language_code="en")}
    spanish = {org.name: org for org in Organisation.objects.filter(locale=es)}
    assert set(spanish) == set(english) - {MICHIGAN}
    assert len(spanish) == 6
    for name, org in spanish.items():
        source = english[name]
        assert org.translation_key == source.translation_key, name
        assert org.live and not org.has_unpublished_changes, name
        # Proper names and contact details are the same; descriptions are in Spanish.
        for field in ("acronym", "phone", "email", "website", "city", "region", "country"):
            assert getattr(org, field) == getattr(source, field), (name, field)
        assert org.description != source.description, name
        assert translation_of(source, es).get_target_instance().pk == org.pk
    assert spanish["Next Distro"].contact_note == (
        "Correo electrónico a través del formulario de contacto de su sitio web"
    )

    michigan = english[MICHIGAN]
    assert not michigan.has_translation(es)
    assert not Translation.objects.filter(source__object_id=michigan.translation_key).exists()


def test_the_spanish_directory_lists_michigan_in_english(articles, es):
    english, spanish = articles
    english_orgs = list(block(english, "organisation_directory")["organisations"])
    spanish_orgs = list(block(spanish, "organisation_directory")["organisations"])
    assert len(spanish_orgs) == 7
    assert [org.name for org in spanish_orgs] == [org.name for org in english_orgs]
    assert [org.locale.language_code for org in spanish_orgs] == ["es"] * 6 + ["en"]
    assert spanish_orgs[-1].pk == english_orgs[-1].pk
    assert spanish_orgs[-1].name == MICHIGAN


def test_services_and_the_author_are_translated(articles, es):
    english = {s.slug: s for s in Service.objects.filter(locale__language_code="en")}
    spanish = {s.slug: s for s in Service.objects.filter(locale=es)}
    assert set(spanish) == set(english)
    assert spanish["naloxone-distribution"].name == "Distribución de naloxona"
    for slug, service in spanish.items():
        assert service.translation_key == english[slug].translation_key
        assert service.name != english[slug].name, slug
        assert service.description != english[slug].description, slug
        assert translation_of(english[slug], es).get_target_instance().pk == service.pk
    author = Author.objects.get(locale__language_code="en")
    assert translation_of(author, es).get_target_instance().locale == es


def test_the_admin_opens_spanish_objects_in_the_translation_editor(articles, admin_client, es):
    _english, spanish = articles
    organisation = Organisation.objects.filter(locale=es).first()
    for obj in (spanish, organisation):
        url = AdminURLFinder().get_edit_url(obj)
        response = admin_client.get(url)
        assert response.status_code == 200, url
        templates = [template.name for template in response.templates]
        assert "wagtail_localize/admin/edit_translation.html" in templates, url
    assert (
        admin_client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk])).status_code == 200
    )


# --- Loading again ----------------------------------------------------------------------------


def test_loading_again_creates_nothing(articles):
    first = counts()
    revisions = set(Revision.objects.values_list("pk", flat=True))
    latest = {page.pk: page.latest_revision_id for page in Page.objects.all()}
    strings = dict(StringTranslation.objects.values_list("pk", "data"))

    output = load()

    assert counts() == first
    assert set(Revision.objects.values_list("pk", flat=True)) == revisions
    assert {page.pk: page.latest_revision_id for page in Page.objects.all()} == latest
    assert dict(StringTranslation.objects.values_list("pk", "data")) == strings
    assert re.findall(r"[1-9]\d* (?:created|updated)", output) == []
    assert "Organisations (es): 0 created, 0 updated, 6 unchanged" in output
    assert "Pages (es): 0 created, 0 updated, 3 unchanged" in output
    assert f"Left in English on purpose: {MICHIGAN}" in output
    assert f"Spanish article: {ARTICLE_SLUG_ES} (at /es/articulos/{ARTICLE_SLUG_ES}/)" in output


def test_a_changed_english_text_is_synced_to_spanish(articles, es, monkeypatch):
    english, spanish = articles
    monkeypatch.setitem(demo_content.ARTICLE, "greeting", "Hi, friends!")
    monkeypatch.setitem(demo_content_es.SPANISH, "Hi, friends!", "¡Hola, amistades!")
    before = counts()

    output = load()

    assert "Pages: 0 created, 1 updated, 2 unchanged" in output
    assert "Pages (es): 0 created, 1 updated, 2 unchanged" in output
    assert "Organisations (es): 0 created, 0 updated, 6 unchanged" in output
    spanish.refresh_from_db()
    assert spanish.greeting == "¡Hola, amistades!"
    assert spanish.live and not spanish.has_unpublished_changes
    assert spanish.title == "Formas prácticas en que la reducción de daños marca la diferencia"
    assert counts()["pages"] == before["pages"]
    assert counts()["translations"] == before["translations"]
    source = translation_of(english, es).source
    assert '"Hi, friends!"' in source.content_json


def test_english_text_without_spanish_stops_the_loader(articles, monkeypatch):
    english, spanish = articles
    monkeypatch.setitem(demo_content.ARTICLE, "greeting", "Hi there, everyone!")
    before = counts()

    with pytest.raises(CommandError, match=r"No Spanish for 1 string.*“Hi there, everyone!”"):
        load()

    # Nothing was half done: the whole load is rolled back.
    assert counts() == before
    english.refresh_from_db()
    spanish.refresh_from_db()
    assert english.greeting == "Hello, Mindful Recovery Hub community!"
    assert spanish.greeting == "¡Hola, comunidad de Mindful Recovery Hub!"
