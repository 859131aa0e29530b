"""The Translators group: what its migration grants, and that a translator can translate but not
change source-language (default locale) pages and snippets."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from pages.wagtail_hooks import is_translator_only
from snippets.models import Organisation
from tests.factories import organisation

pytestmark = pytest.mark.django_db

EDITOR_TEMPLATE = "wagtail_localize/admin/edit_translation.html"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def snippet_edit_url(instance):
    return reverse(type(instance).snippet_viewset.get_url_name("edit"), args=[instance.pk])


def assert_denied(response):
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert any("source language" in str(m) for m in get_messages(response.wsgi_request))


# --- The group --------------------------------------------------------------------------------


def test_translators_group_has_exactly_the_workflow_permissions():
    group = Group.objects.get(name="Translators")
    assert {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} == {
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "snippets.change_organisation",
        "snippets.publish_organisation",
        "snippets.change_service",
        "snippets.change_author",
    }
    page_permissions = GroupPagePermission.objects.filter(group=group)
    assert {p.permission.codename for p in page_permissions} == {"change_page", "publish_page"}
    assert {p.page_id for p in page_permissions} == {Page.get_first_root_node().pk}


def test_only_translators_are_restricted(translator, django_user_model):
    assert is_translator_only(translator)
    both = django_user_model.objects.create_user("both", "both@example.org", "pw")
    both.groups.add(*Group.objects.filter(name__in=["Translators", "Editors"]))
    assert not is_translator_only(both)
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    admin.groups.add(Group.objects.get(name="Translators"))
    assert not is_translator_only(admin)


# --- Pages ------------------------------------------------------------------------------------


def test_translator_opens_the_translation_editor_of_the_spanish_page(
    translator_client, translated_article
):
    _page, _translation, es_page = translated_article
    response = translator_client.get(edit_url(es_page))
    assert response.status_code == 200
    assert EDITOR_TEMPLATE in [t.name for t in response.templates]


def test_translator_publishes_the_spanish_translation(
    translator_client, translated_article, publish_on_commit
):
    _page, _translation, es_page = translated_article
    revisions = es_page.revisions.count()

    with publish_on_commit():
        response = translator_client.post(edit_url(es_page), {"action": "publish"})

    assert response.status_code == 302
    assert es_page.revisions.count() == revisions + 1
    es_page.refresh_from_db()
    assert es_page.live
    assert not es_page.has_unpublished_changes


def test_translator_cannot_open_the_english_page(translator_client, translated_article):
    page, _translation, _es_page = translated_article
    assert_denied(translator_client.get(edit_url(page)))


def test_translator_cannot_publish_the_english_page(translator_client, translated_article):
    page, _translation, _es_page = translated_article
    revisions = page.revisions.count()

    response = translator_client.post(
        edit_url(page),
        {"title": "Hacked", "slug": page.slug, "action-publish": "action-publish"},
    )

    assert_denied(response)
    page.refresh_from_db()
    assert page.title == "Naloxone basics"
    assert page.revisions.count() == revisions


def test_translator_cannot_unpublish_the_english_page(translator_client, translated_article):
    page, _translation, _es_page = translated_article

    response = translator_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    assert_denied(response)
    page.refresh_from_db()
    assert page.live


def test_translator_cannot_bulk_publish_english_pages(translator_client, translated_article):
    page, _translation, _es_page = translated_article
    page.save_revision()  # a draft for a bulk publish to publish
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"

    response = translator_client.post(url, {"include_descendants": ""})

    assert_denied(response)
    page.refresh_from_db()
    assert page.has_unpublished_changes


def test_editor_in_both_groups_can_still_edit_english(client, translated_article, translator):
    translator.groups.add(Group.objects.get(name="Editors"))
    client.force_login(translator)
    page, _translation, _es_page = translated_article
    assert client.get(edit_url(page)).status_code == 200


# --- Snippets ---------------------------------------------------------------------------------


@pytest.fixture
def translated_organisation(translate):
    org = organisation("Harm Reduction Works")
    translation, es_org = translate(org)
    return org, translation, es_org


def test_translator_opens_the_translation_editor_of_the_spanish_organisation(
    translator_client, translated_organisation
):
    _org, _translation, es_org = translated_organisation
    response = translator_client.get(snippet_edit_url(es_org))
    assert response.status_code == 200
    assert EDITOR_TEMPLATE in [t.name for t in response.templates]


def test_translator_cannot_open_or_change_the_english_organisation(
    translator_client, translated_organisation
):
    org, _translation, _es_org = translated_organisation
    assert_denied(translator_client.get(snippet_edit_url(org)))

    response = translator_client.post(
        snippet_edit_url(org), {"name": "Hacked", "action-publish": "action-publish"}
    )

    assert_denied(response)
    org.refresh_from_db()
    assert org.name == "Harm Reduction Works"


def test_translator_cannot_unpublish_the_english_organisation(
    translator_client, translated_organisation
):
    org, _translation, _es_org = translated_organisation
    url = reverse(Organisation.snippet_viewset.get_url_name("unpublish"), args=[org.pk])

    assert_denied(translator_client.post(url))
    org.refresh_from_db()
    assert org.live


def test_translator_cannot_create_snippets(translator_client):
    url = reverse(Organisation.snippet_viewset.get_url_name("add"))
    assert translator_client.get(url).status_code in (302, 403)
