"""Issue 14, point 8: Wagtail's page-password form (still routed, with cms/urls.py's page views)
is rate-limited per client address and view restriction, like the admin login."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


@pytest.fixture
def private(db):
    page = factories.article("private-notes")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="right-password"
    )
    return page, restriction


def attempt(client, restriction, page, password, address=ADDRESS):
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return client.post(url, {"password": password, "return_url": page.url}, REMOTE_ADDR=address)


def test_the_form_is_served_and_the_right_password_lets_a_reader_in(client, private):
    page, restriction = private
    assert b"password" in client.get(page.url, REMOTE_ADDR=ADDRESS).content
    assert attempt(client, restriction, page, "right-password").status_code == 302
    assert client.get(page.url, REMOTE_ADDR=ADDRESS).status_code == 200


def test_password_guesses_are_limited_per_address_and_restriction(client, private, settings):
    page, restriction = private
    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS):
        assert attempt(client, restriction, page, "wrong").status_code == 200  # the form again
    refused = attempt(client, restriction, page, "wrong")
    assert refused.status_code == 429
    assert b"Too many password attempts" in refused.content
    assert int(refused["Retry-After"]) == settings.PAGE_PASSWORD_WINDOW
    # Not even the right password is checked now, from that address...
    assert attempt(client, restriction, page, "right-password").status_code == 429
    # ...nor through another page id in the URL (the restriction is the secret guessed)...
    other = factories.article_index()
    assert attempt(client, restriction, other, "right-password").status_code == 429
    # ...but another address still can get in: a stranger cannot lock readers out.
    assert attempt(client, restriction, page, "right-password", "198.51.100.9").status_code == 302


@pytest.fixture
def private_document(db):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Private notes")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="right-password",
    )
    document = get_document_model().objects.create(
        title="Notes", collection=collection, file=ContentFile(b"private", name="notes.txt")
    )
    return document, restriction


def test_document_password_guesses_are_limited_too(client, private_document, settings):
    document, restriction = private_document
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])

    def guess(password, address=ADDRESS):
        data = {"password": password, "return_url": document.url}
        return client.post(url, data, REMOTE_ADDR=address)

    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS):
        assert guess("wrong").status_code == 200  # the form again
    assert guess("right-password").status_code == 429
    assert guess("right-password", "198.51.100.9").status_code == 302
    assert client.get(document.url, REMOTE_ADDR="198.51.100.9").status_code == 200
