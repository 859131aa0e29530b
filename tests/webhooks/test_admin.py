"""Endpoints and the delivery log in the Wagtail admin: who may manage them, the secret shown
once, the URL checked when saved, and redelivery."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from standardwebhooks.webhooks import Webhook

from tests import factories
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db

ADD = reverse("webhooks_endpoint:add")
INDEX = reverse("webhooks_endpoint:index")
LOG = reverse("webhooks_delivery:index")


def form(url, **overrides):
    return {
        "name": "Website",
        "url": url,
        "events": ["article.published", "organisation.saved"],
        "locale": "",
        "object_types": [],
        "active": "on",
        **overrides,
    }


@pytest.fixture
def editor(client, django_user_model):
    """A member of Wagtail's "Editors" group: admin access, no webhook permission."""
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_creating_an_endpoint_shows_its_secret_once(admin_client, receiver):
    response = admin_client.post(ADD, form(receiver.url))
    assert response.status_code == 200
    endpoint = Endpoint.objects.get()
    assert endpoint.events == ["article.published", "organisation.saved"] and endpoint.active
    shown = re.search(r"<code data-webhook-secret>(whsec_[^<]+)</code>", response.text)[1]
    assert shown == endpoint.secret
    assert Webhook(shown)  # a secret the reference library accepts
    assert "not shown again" in response.text

    # Never again: not in the listing, the edit form or anywhere in the admin.
    for url in (INDEX, reverse("webhooks_endpoint:edit", args=(endpoint.pk,))):
        page = admin_client.get(url)
        assert page.status_code == 200 and endpoint.url in page.text
        assert endpoint.secret not in page.text and "whsec_" not in page.text


def test_each_endpoint_gets_its_own_secret(admin_client, receiver):
    admin_client.post(ADD, form(receiver.url))
    admin_client.post(ADD, form(receiver.url, name="Preview site"))
    first, second = Endpoint.objects.order_by("pk")
    assert first.secret != second.secret
    assert all(len(e.secret) == len("whsec_") + 44 for e in (first, second))  # 32 bytes


def test_editing_keeps_the_secret(admin_client, receiver):
    admin_client.post(ADD, form(receiver.url))
    endpoint = Endpoint.objects.get()
    edit = reverse("webhooks_endpoint:edit", args=(endpoint.pk,))
    response = admin_client.post(edit, form(receiver.url, events=["author.saved"]))
    assert response.status_code == 302
    after = Endpoint.objects.get()
    assert after.secret == endpoint.secret and after.events == ["author.saved"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8000/hook", "127.0.0.1"),
        ("http://localhost/hook", "loopback, private or reserved"),
        ("http://10.1.2.3/hook", "10.1.2.3"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]/hook", "::1"),
        ("http://[::ffff:192.168.0.1]/hook", "::ffff:192.168.0.1"),
        ("http://0.0.0.0/hook", "0.0.0.0"),
        ("http://224.0.0.1/hook", "224.0.0.1"),
        ("http://100.64.0.1/hook", "100.64.0.1"),
        ("ftp://93.184.215.14/hook", "Only http and https URLs are allowed."),
    ],
)
def test_an_endpoint_on_a_private_address_is_refused_when_saved(admin_client, url, reason):
    response = admin_client.post(ADD, form(url))
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Endpoint.objects.exists()


def test_a_public_address_is_accepted(admin_client):
    response = admin_client.post(ADD, form("https://93.184.215.14/api/revalidate?x=1"))
    assert response.status_code == 200 and "data-webhook-secret" in response.text
    assert Endpoint.objects.get().url == "https://93.184.215.14/api/revalidate?x=1"


def test_an_endpoint_that_became_private_is_refused_at_delivery(
    settings, db, receiver, django_capture_on_commit_callbacks
):
    """Saved while allowed (or while its name resolved elsewhere): checked again at delivery."""
    endpoint = Endpoint.objects.create(name="x", url=receiver.url, events=["article.published"])
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    with django_capture_on_commit_callbacks(execute=True):
        factories.article("naloxone-basics")
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.status == Delivery.Status.FAILED and delivery.response_code is None
    assert "loopback, private or reserved address (127.0.0.1)" in delivery.error
    assert receiver.received == []


def test_editors_without_the_permission_cannot_manage_endpoints_or_read_the_log(
    client, editor, receiver
):
    endpoint = Endpoint.objects.create(name="Website", url=receiver.url, events=["author.saved"])
    for url in (
        INDEX,
        ADD,
        reverse("webhooks_endpoint:edit", args=(endpoint.pk,)),
        reverse("webhooks_endpoint:delete", args=(endpoint.pk,)),
        LOG,
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    client.post(ADD, form(receiver.url, name="Sneaky"))
    assert list(Endpoint.objects.values_list("name", flat=True)) == ["Website"]
    delivery = Delivery.objects.create(
        endpoint=endpoint, message_id="msg_1", event="author.saved", payload={}
    )
    response = client.post(reverse("webhooks_delivery:redeliver", args=(delivery.pk,)))
    assert response.status_code in (302, 403) and Delivery.objects.count() == 1
    # No menu item either.
    home = client.get(reverse("wagtailadmin_home")).text
    assert INDEX not in home and LOG not in home


def test_a_user_given_the_permission_manages_endpoints(client, editor, receiver):
    for codename in ("add_endpoint", "change_endpoint"):
        editor.user_permissions.add(Permission.objects.get(codename=codename))
    assert client.post(ADD, form(receiver.url)).status_code == 200
    assert client.get(INDEX).status_code == 200
    assert client.get(LOG).status_code == 200


def test_the_log_shows_deliveries_and_redelivers_one(
    admin_client, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        factories.article("naloxone-basics")
    delivery = Delivery.objects.get(event="article.published")
    assert delivery.status == Delivery.Status.FAILED

    listing = admin_client.get(LOG).text
    assert "article.published" in listing and "Failed" in listing and "500" in listing
    redeliver = reverse("webhooks_delivery:redeliver", args=(delivery.pk,))
    assert redeliver in listing
    inspect = admin_client.get(reverse("webhooks_delivery:inspect", args=(delivery.pk,))).text
    assert delivery.message_id in inspect and "HTTP 500" in inspect

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(redeliver)
    assert response.status_code == 302
    again = Delivery.objects.exclude(pk=delivery.pk).get(event="article.published")
    assert again.status == Delivery.Status.SUCCEEDED and again.attempt == 1
    assert again.message_id == delivery.message_id and again.payload == delivery.payload
    first, second = [r for r in receiver.received if r.payload["type"] == "article.published"]
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body and second.error == ""


def test_a_disabled_endpoint_is_announced_in_the_admin_and_reactivated_by_editing(
    admin_client, settings, endpoint, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_DISABLE_AFTER = 1
    receiver.answers = [500] * 5
    with django_capture_on_commit_callbacks(execute=True):
        factories.article("naloxone-basics")
    endpoint.refresh_from_db()
    assert not endpoint.active
    listing = admin_client.get(INDEX).text
    assert "deliveries failed in a row" in listing and "Inactive" in listing

    edit = reverse("webhooks_endpoint:edit", args=(endpoint.pk,))
    admin_client.post(edit, form(receiver.url, events=endpoint.events))
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 0
    assert endpoint.disabled_reason == ""


def test_the_log_listing_costs_the_same_queries_for_more_deliveries(
    admin_client, endpoint, django_assert_num_queries
):
    def add(count):
        Delivery.objects.bulk_create(
            Delivery(endpoint=endpoint, message_id=f"msg_{i}", event="author.saved", payload={})
            for i in range(count)
        )

    add(2)
    admin_client.get(LOG)  # warm the session and the admin's caches
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(LOG).status_code == 200
    assert len(few) <= 15
    add(20)
    with django_assert_num_queries(len(few)):
        listing = admin_client.get(LOG)
    assert listing.status_code == 200 and listing.text.count("msg_") == 0  # ids: inspect only
    assert listing.text.count("author.saved") >= 20  # a full page of the listing


def test_a_new_secret_is_shown_once_and_the_old_one_stops_verifying(
    admin_client, django_user_model, endpoint, receiver, django_capture_on_commit_callbacks
):
    old = endpoint.secret
    rotate = reverse("webhooks_endpoint:rotate_secret", args=(endpoint.pk,))
    assert rotate in admin_client.get(INDEX).text
    response = admin_client.post(rotate)
    assert response.status_code == 200
    endpoint.refresh_from_db()
    shown = re.search(r"<code data-webhook-secret>(whsec_[^<]+)</code>", response.text)[1]
    assert shown == endpoint.secret != old
    assert "whsec_" not in admin_client.get(INDEX).text

    with django_capture_on_commit_callbacks(execute=True):
        factories.article("naloxone-basics")
    (received,) = receiver.received
    assert "WebhookVerificationError" in received.error  # the receiver still has the old one
    assert Webhook(shown).verify(received.body, received.headers)["type"] == "article.published"

    # Editors without the permission cannot rotate it.
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    other = Client()
    other.force_login(editor)
    assert other.post(rotate).status_code in (302, 403)
    endpoint.refresh_from_db()
    assert endpoint.secret == shown
