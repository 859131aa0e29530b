"""The names of what responses depend on (pages/cache_tags.py): what a change makes stale."""

import pytest
from wagtail.models import Locale

from pages import cache_tags
from tests import factories


@pytest.fixture
def spanish(db):
    return Locale.objects.get_or_create(language_code="es")[0]


def test_object_tags_name_the_kind_and_the_key(db):
    article = factories.article("naloxone")
    organisation = factories.organisation("Prevention Point")
    assert cache_tags.object_tag(article) == f"page:{article.pk}"
    # Any page type, specific or not, is a page.
    assert cache_tags.object_tag(article.page_ptr) == f"page:{article.pk}"
    assert cache_tags.object_tag(organisation) == f"organisation:{organisation.pk}"


def test_an_english_change_touches_every_language_that_falls_back_to_english(spanish):
    organisation = factories.organisation("Prevention Point")
    assert cache_tags.changed_by(organisation) == {
        f"organisation:{organisation.pk}",
        "list:organisation:en",
        "list:organisation:es",
    }


def test_a_spanish_change_leaves_english_lists_alone_but_names_the_translations(spanish):
    organisation = factories.organisation("Prevention Point")
    translated = organisation.copy_for_translation(spanish)
    translated.save()
    assert cache_tags.changed_by(translated) == {
        f"organisation:{organisation.pk}",
        f"organisation:{translated.pk}",
        "list:organisation:es",
    }


def test_a_deleted_object_still_names_itself(db):
    article = factories.article("naloxone")
    pk = article.pk
    article.delete()
    article.pk = pk
    assert f"page:{pk}" in cache_tags.changed_by(article)


def test_header_value_is_stable():
    assert cache_tags.header_value(["b", "a", "b"]) == "a b"
