"""Editors can tell languages apart in the directory: one language at a time in the listings
(and their search and export), a Language column when all are shown, a Status column for
organisations, and an organisation's services offered in its own language only."""

import csv
import io
import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from snippets.models import Author, Organisation, Service
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_snippets_organisation:list"
LIST_RESULTS = "wagtailsnippets_snippets_organisation:list_results"
EDIT = "wagtailsnippets_snippets_organisation:edit"
ADD = "wagtailsnippets_snippets_organisation:add"


@pytest.fixture
def es():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def directory(es):
    """An English organisation (live), its Spanish copy (a draft), an English draft, and a
    service in each language."""
    naloxone = factories.service("naloxone", "Naloxone distribution")
    naloxona = naloxone.copy_for_translation(es)
    naloxona.name = "Distribución de naloxona"
    naloxona.save()
    english = factories.organisation("Harm Reduction Works", services=[naloxone])
    spanish = english.copy_for_translation(es)
    spanish.live = False
    spanish.save()
    draft = factories.organisation("Next Distro", live=False)
    return {
        "english": english,
        "spanish": spanish,
        "draft": draft,
        "naloxone": naloxone,
        "naloxona": naloxona,
    }


def listed(admin_client, **params) -> list[Organisation]:
    response = admin_client.get(reverse(LIST), params)
    assert response.status_code == 200
    return list(response.context["object_list"])


def column_labels(response) -> list[str]:
    return [str(column.label) for column in response.context["table"].columns.values()]


def exported(admin_client, **params) -> list[dict]:
    response = admin_client.get(reverse(LIST), {"export": "csv", **params})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_listing_shows_the_default_language_by_default(admin_client, directory):
    assert set(listed(admin_client)) == {directory["english"], directory["draft"]}
    response = admin_client.get(reverse(LIST))
    assert "Language" not in column_labels(response)
    assert "Status" in column_labels(response)


def test_locale_es_shows_spanish(admin_client, directory):
    assert listed(admin_client, locale="es") == [directory["spanish"]]
    # The results-only view (the filters' live update) filters the same way.
    response = admin_client.get(reverse(LIST_RESULTS), {"locale": "es"})
    assert list(response.context["object_list"]) == [directory["spanish"]]


def test_all_languages_adds_a_language_column(admin_client, directory):
    assert set(listed(admin_client, locale="all")) == {
        directory["english"],
        directory["spanish"],
        directory["draft"],
    }
    response = admin_client.get(reverse(LIST), {"locale": "all"})
    assert column_labels(response)[1:3] == ["Name", "Language"]
    html = response.content.decode()
    assert "Español" in html and "English" in html


def test_search_keeps_to_one_language(admin_client, directory):
    response = admin_client.get(reverse(LIST), {"q": "Harm"})
    assert list(response.context["object_list"]) == [directory["english"]]
    response = admin_client.get(reverse(LIST), {"q": "Harm", "locale": "es"})
    assert list(response.context["object_list"]) == [directory["spanish"]]


def test_the_status_column_tells_drafts_from_live_entries(admin_client, directory):
    html = admin_client.get(reverse(LIST)).content.decode()
    statuses = {org.name: org.publication_status for org in listed(admin_client)}
    assert statuses == {"Harm Reduction Works": "live", "Next Distro": "draft"}
    tags = re.findall(r'class="w-status[^"]*"[^>]*>\s*(\w[\w +]*?)\s*<', html)
    assert sorted(tags) == ["draft", "live"]


def test_csv_export_has_language_and_status_columns(admin_client, directory):
    rows = exported(admin_client, locale="all")
    by_language = {(row["Name"], row["Language"]): row["Status"] for row in rows}
    assert by_language == {
        ("Harm Reduction Works", "English"): "live",
        ("Harm Reduction Works", "Español"): "draft",
        ("Next Distro", "English"): "draft",
    }
    assert [row["Language"] for row in exported(admin_client)] == ["English", "English"]
    assert [row["Language"] for row in exported(admin_client, locale="es")] == ["Español"]


@pytest.mark.parametrize(
    ("model", "name"), [(Service, "Distribución de naloxona"), (Author, "Autora")]
)
def test_services_and_authors_listings_show_one_language(admin_client, es, model, name):
    if model is Service:
        english = factories.service("naloxone", "Naloxone distribution")
    else:
        english = Author.objects.create(name="Author")
    spanish = english.copy_for_translation(es)
    spanish.name = name
    spanish.save()
    url = reverse(model.snippet_viewset.get_url_name("list"))
    assert list(admin_client.get(url).context["object_list"]) == [english]
    assert list(admin_client.get(url, {"locale": "es"}).context["object_list"]) == [spanish]


def test_an_english_organisation_is_offered_english_services_only(admin_client, directory):
    response = admin_client.get(reverse(EDIT, args=[directory["english"].pk]))
    choices = list(response.context["form"].fields["services"].queryset)
    assert choices == [directory["naloxone"]]
    html = response.content.decode()
    assert "Naloxone distribution" in html
    assert "Distribución de naloxona" not in html

    # A new organisation in Spanish is offered the Spanish services.
    response = admin_client.get(reverse(ADD), {"locale": "es"})
    assert list(response.context["form"].fields["services"].queryset) == [directory["naloxona"]]


def test_a_service_of_another_language_cannot_be_posted(admin_client, directory):
    from tests.snippets.test_admin_organisations import org_form

    response = admin_client.post(
        reverse(EDIT, args=[directory["english"].pk]),
        org_form(name="Harm Reduction Works", services=[directory["naloxona"]]),
    )
    assert response.status_code == 200
    assert "services" in response.context["form"].errors
