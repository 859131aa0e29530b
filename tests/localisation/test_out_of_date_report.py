"""The "Translations out of date" report: translations whose source changed after it was last
synced, or that are not fully translated and published since, until someone syncs, translates
and publishes them."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from pages.translation_report import out_of_date_translations
from tests.factories import article, organisation, service
from tests.localisation.conftest import fill_strings

pytestmark = pytest.mark.django_db

REPORT_URL = reverse("pages_translations_out_of_date")


def listed(translation) -> list:
    return [row for row in out_of_date_translations() if row.translation_id == translation.pk]


def sync(instance, translation, publish_on_commit):
    """What "Sync translated pages", translating the new strings and publishing the
    translation do."""
    with publish_on_commit():
        TranslationSource.update_or_create_from_instance(instance)
        translation.refresh_from_db()
        fill_strings(translation)
        translation.save_target(publish=True)


# --- Pages ------------------------------------------------------------------------------------


def test_a_fresh_translation_is_not_listed(translated_article):
    _page, translation, _es_page = translated_article
    assert listed(translation) == []


def test_page_changed_after_sync_is_listed_until_synced(
    translated_article, publish_on_commit, translator_client
):
    page, translation, es_page = translated_article
    synced_at = translation.source.last_updated_at

    page.title = "Naloxone basics, revised"
    page.save_revision().publish()
    page.refresh_from_db()

    [row] = listed(translation)
    assert row.title == es_page.title
    assert row.source_title == "Naloxone basics, revised"
    assert row.type == "Article"
    assert row.languages == "English → Español"
    assert row.source_last_changed == page.last_published_at
    assert row.last_synced == synced_at
    assert row.source_last_changed > row.last_synced
    assert row.edit_url == reverse("wagtailadmin_pages:edit", args=[es_page.pk])
    assert row.update_url.startswith(
        reverse("wagtail_localize:update_translations", args=[translation.source_id])
    )

    response = translator_client.get(REPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert row.edit_url in html
    assert row.update_url.replace("&", "&amp;") in html

    sync(page, translation, publish_on_commit)
    assert listed(translation) == []


def test_translator_syncs_from_the_update_link(
    translated_article, publish_on_commit, translator_client
):
    page, translation, _es_page = translated_article
    page.title = "Naloxone basics, revised"
    page.save_revision().publish()
    [row] = out_of_date_translations(next_url=REPORT_URL)  # as the report links it

    assert translator_client.get(row.update_url).status_code == 200
    with publish_on_commit():
        response = translator_client.post(row.update_url, {"publish_translations": "on"})

    assert response.status_code == 302
    assert response["Location"] == REPORT_URL
    # Synced and published, but the new title is still untranslated: still out of date.
    [row] = listed(translation)
    assert row.status == "1 of 3 strings are not translated."
    assert row.status in translator_client.get(REPORT_URL).content.decode()

    with publish_on_commit():
        fill_strings(translation)
        translation.save_target(publish=True)
    assert listed(translation) == []


def test_a_draft_of_a_live_source_does_not_count(translated_article):
    page, translation, _es_page = translated_article
    page.title = "Not published yet"
    page.save_revision()
    assert listed(translation) == []


def test_disabled_and_deleted_translations_are_not_listed(translated_article):
    page, translation, es_page = translated_article
    page.save_revision().publish()
    assert listed(translation)

    translation.enabled = False  # "Stop synced translation": edited by hand from now on
    translation.save()
    assert listed(translation) == []

    translation.enabled = True
    translation.save()
    es_page.delete()
    assert listed(translation) == []


# --- Snippets ---------------------------------------------------------------------------------


def test_organisation_changed_after_sync_is_listed_until_synced(translate, publish_on_commit):
    org = organisation("Harm Reduction Works")
    translation, es_org = translate(org)
    assert listed(translation) == []

    org.description = "Now with a mobile van."
    org.save_revision().publish()
    org.refresh_from_db()

    [row] = listed(translation)
    assert row.type == "Organisation"
    assert row.title == str(es_org)
    assert row.source_last_changed == org.last_published_at
    assert row.last_synced == translation.source.last_updated_at
    assert row.edit_url == reverse(type(org).snippet_viewset.get_url_name("edit"), args=[es_org.pk])

    sync(org, translation, publish_on_commit)
    assert listed(translation) == []


def test_service_without_timestamps_is_compared_by_content(translate, publish_on_commit):
    naloxone = service("naloxone", "Naloxone")
    translation, _es_service = translate(naloxone)
    assert listed(translation) == []

    naloxone.description = "Free kits and training."
    naloxone.save()

    [row] = listed(translation)
    assert row.type == "Service"
    assert row.source_last_changed is None

    sync(naloxone, translation, publish_on_commit)
    assert listed(translation) == []


# --- The view ---------------------------------------------------------------------------------


def test_csv_export(translated_article, admin_client):
    page, _translation, es_page = translated_article
    page.save_revision().publish()

    response = admin_client.get(REPORT_URL, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["Translation"] == es_page.title
    assert rows[0]["Type"] == "Article"
    assert rows[0]["Source language"] == "English"
    assert rows[0]["Target language"] == "Español"
    assert rows[0]["Source last changed"]
    assert rows[0]["Translation last synced"]


def test_queries_do_not_grow_with_rows(translate):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows = out_of_date_translations()
        return len(rows), len(captured)

    first = article("first")
    translate(first)
    first.save_revision().publish()
    one_row, one_row_queries = queries()

    for slug in ("second", "third"):
        page = article(slug)
        translate(page)
        page.save_revision().publish()
    org = organisation("Harm Reduction Works")
    translate(org)
    org.save_revision().publish()
    more_rows, more_rows_queries = queries()

    assert (one_row, more_rows) == (1, 4)
    assert more_rows_queries <= one_row_queries + 1  # one more model (Organisation)


def test_report_is_for_translators_and_superusers(
    client, django_user_model, translator_client, admin_client
):
    assert translator_client.get(REPORT_URL).status_code == 200
    assert admin_client.get(REPORT_URL).status_code == 200

    editor = django_user_model.objects.create_user("plain", "plain@example.org", "pw")
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)
    response = client.get(REPORT_URL)
    # Wagtail answers an admin view's PermissionDenied with its permission-denied redirect.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert REPORT_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_report_is_in_the_reports_menu_for_translators(translator_client):
    assert REPORT_URL in translator_client.get(reverse("wagtailadmin_home")).content.decode()
