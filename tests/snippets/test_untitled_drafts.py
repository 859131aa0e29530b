"""A draft saved before its name was written has a readable title in the listing and stays out
of choosers (#20 point 10)."""

import pytest
from django.urls import reverse

from snippets.models import Organisation
from tests import factories
from tests.snippets.test_admin_organisations import ADD, LIST, org_form

pytestmark = pytest.mark.django_db

CHOOSE = "wagtailsnippetchoosers_snippets_organisation:choose"
CHOOSE_RESULTS = "wagtailsnippetchoosers_snippets_organisation:choose_results"


@pytest.fixture
def untitled(admin_client):
    response = admin_client.post(reverse(ADD), org_form(name="", description=""))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Organisation.objects.get(name="")


def test_an_untitled_draft_reads_as_such(untitled):
    assert str(untitled) == f"Untitled organisation #{untitled.pk} (draft, en)"
    assert "object (" not in str(untitled)


def test_the_listing_shows_its_fallback_title_as_a_link(admin_client, untitled):
    page = admin_client.get(reverse(LIST)).content.decode()
    assert f"Untitled organisation #{untitled.pk} (draft, en)" in page
    assert reverse("wagtailsnippets_snippets_organisation:edit", args=[untitled.pk]) in page


def test_choosers_leave_it_out(admin_client, untitled):
    factories.organisation("Prevention Point Philadelphia")
    for name in (CHOOSE, CHOOSE_RESULTS):
        response = admin_client.get(reverse(name))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Prevention Point Philadelphia" in body
        assert "Untitled organisation" not in body
