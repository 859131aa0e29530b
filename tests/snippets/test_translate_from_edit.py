"""“Translate” is on a snippet's edit screen, not only in the listing's “…” menu (#20 point 12)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Locale

from tests import factories

pytestmark = pytest.mark.django_db


def translate_url(org):
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["snippets", "organisation", org.pk],
    )


@pytest.fixture
def spanish(db):
    return Locale.objects.get_or_create(language_code="es")[0]


def test_the_edit_screen_offers_translate(admin_client, spanish):
    org = factories.organisation("Prevention Point Philadelphia")
    page = admin_client.get(reverse("wagtailsnippets_snippets_organisation:edit", args=[org.pk]))
    assert page.status_code == 200
    assert translate_url(org) in page.content.decode()


def test_not_once_every_language_has_it(admin_client, spanish):
    org = factories.organisation("Prevention Point Philadelphia")
    org.copy_for_translation(spanish).save()
    page = admin_client.get(reverse("wagtailsnippets_snippets_organisation:edit", args=[org.pk]))
    assert translate_url(org) not in page.content.decode()


def test_not_for_someone_who_may_not_translate(client, django_user_model, spanish):
    org = factories.organisation("Prevention Point Philadelphia")
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.user_permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "change_organisation", "view_organisation"]
        )
    )
    client.force_login(editor)
    page = client.get(reverse("wagtailsnippets_snippets_organisation:edit", args=[org.pk]))
    assert page.status_code == 200
    assert not editor.has_perm("wagtail_localize.submit_translation")
    assert translate_url(org) not in page.content.decode()
