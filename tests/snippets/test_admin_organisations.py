"""Editors manage the directory through the Wagtail admin snippet views."""

import datetime

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse

from snippets.models import Author, Organisation, Service
from tests import factories

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_snippets_organisation:add"
EDIT = "wagtailsnippets_snippets_organisation:edit"
LIST = "wagtailsnippets_snippets_organisation:list"

LIVE_NAMES = "{ organisations(perPage: 100) { items { name phone } } }"


def org_form(*, publish: bool = False, services=(), **overrides) -> dict:
    """The organisation form as the admin posts it."""
    data = {
        "name": "Prevention Point Philadelphia",
        "acronym": "PPP",
        "description": "Syringe exchange, naloxone distribution and wound care.",
        "services": [str(service.pk) for service in services],
        "phone": "(215) 634-5272",
        "email": "info@ppponline.org",
        "website": "",
        "contact_note": "",
        "address": "2913-15 Kensington Avenue",
        "city": "Philadelphia",
        "region": "pa",
        "country": "US",
        "coverage": "local",
        "coverage_note": "2913-15 Kensington Avenue, Philadelphia, PA",
        "last_verified": "2026-01-15",
    }
    data.update(overrides)
    if publish:
        data["action-publish"] = "action-publish"
    return data


def served(gql) -> dict[str, str]:
    """Live organisations as the GraphQL API serves them: name -> phone."""
    items = gql(LIVE_NAMES)["data"]["organisations"]["items"]
    return {item["name"]: item["phone"] for item in items}


def page_text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# --- Creating ---------------------------------------------------------------------------------


def test_publishing_a_new_organisation_normalises_and_serves_it(admin_client, gql):
    wound_care = factories.service("wound-care", "Wound care")
    housing = factories.service("housing-assistance", "Housing assistance")

    response = admin_client.post(
        reverse(ADD), org_form(publish=True, services=[wound_care, housing])
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="Prevention Point Philadelphia")
    assert org.phone == "+12156345272"
    assert org.region == "PA"
    assert org.country == "US"
    assert org.last_verified == datetime.date(2026, 1, 15)
    assert set(org.services.values_list("slug", flat=True)) == {"wound-care", "housing-assistance"}
    assert org.live
    assert not org.has_unpublished_changes
    assert served(gql) == {"Prevention Point Philadelphia": "+12156345272"}


def test_saving_a_new_organisation_without_publishing_keeps_it_a_draft(admin_client, gql):
    response = admin_client.post(reverse(ADD), org_form(name="Draft Only Org"))

    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="Draft Only Org")
    assert not org.live
    assert org.phone == "+12156345272"
    assert "Draft Only Org" not in served(gql)
    one = "query($id: ID!) { organisation(id: $id) { name } }"
    assert gql(one, {"id": str(org.pk)})["data"]["organisation"] is None


def test_a_draft_without_contact_details_is_saved_and_publishing_asks_for_one(admin_client):
    """An editor saving a half-filled draft loses nothing; readers never get an entry they
    cannot reach."""
    empty = {"phone": "", "email": "", "website": "", "contact_note": ""}
    response = admin_client.post(reverse(ADD), org_form(name="Half Filled", **empty))
    assert response.status_code == 302, page_text(response)[:2000]
    org = Organisation.objects.get(name="Half Filled")
    assert not org.live

    edit = reverse(EDIT, args=[org.pk])
    refused = admin_client.post(edit, org_form(name="Half Filled", publish=True, **empty))
    assert "at least one way to reach" in page_text(refused)
    org.refresh_from_db()
    assert not org.live

    fixed = admin_client.post(
        edit, org_form(name="Half Filled", publish=True, **{**empty, "email": "hi@example.org"})
    )
    assert fixed.status_code == 302
    org.refresh_from_db()
    assert org.live and org.email == "hi@example.org"


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"phone": "555-12"}, ("not a valid phone number", "is not a phone number")),
        ({"phone": "call us"}, ("not a valid phone number", "is not a phone number")),
        (
            {"phone": "", "email": "", "website": "", "contact_note": ""},
            ("at least one way to reach",),
        ),
        ({"country": "XX"}, ("two-letter ISO country code",)),
        # Three letters fail the field's length check before the model's clean() runs, so the
        # editor sees Django's length message; either message tells them what to fix.
        ({"country": "USA"}, ("two-letter ISO country code", "at most 2 characters")),
        ({"region": "P-A"}, ("postal subdivision code",)),
    ],
    ids=["short-phone", "letters-phone", "no-contact", "unknown-country", "usa", "bad-region"],
)
def test_invalid_organisations_are_refused_with_a_clear_message(
    admin_client, overrides, field_message
):
    response = admin_client.post(reverse(ADD), org_form(publish=True, **overrides))

    html = page_text(response)  # re-rendered form, not a redirect
    assert any(message in html for message in field_message), field_message
    assert not Organisation.objects.exists()


def test_lowercase_country_is_normalised(admin_client):
    response = admin_client.post(reverse(ADD), org_form(publish=True, country="us"))
    assert response.status_code == 302
    assert Organisation.objects.get().country == "US"


def test_a_website_alone_is_enough_contact(admin_client):
    response = admin_client.post(
        reverse(ADD),
        org_form(
            publish=True,
            name="Next Distro",
            phone="",
            email="",
            website="https://nextdistro.org",
        ),
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Next Distro").phone == ""


# --- Editing ----------------------------------------------------------------------------------


def test_a_draft_phone_change_is_served_only_once_published(admin_client, gql):
    org = factories.organisation(
        "Chicago Recovery Alliance", phone="(773) 989-9400", region="IL", city="Chicago"
    )
    assert served(gql) == {"Chicago Recovery Alliance": "+17739899400"}
    url = reverse(EDIT, args=(quote(org.pk),))
    form = org_form(
        name="Chicago Recovery Alliance",
        acronym="CRA",
        phone="(312) 555-0199",
        region="il",
        city="Chicago",
        coverage_note="Various locations throughout Chicago, IL",
    )

    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    org.refresh_from_db()
    assert org.live
    assert org.has_unpublished_changes
    assert org.phone == "+17739899400"
    assert served(gql) == {"Chicago Recovery Alliance": "+17739899400"}
    # The draft holds the new number, normalised.
    assert org.latest_revision.as_object().phone == "+13125550199"

    response = admin_client.post(url, {**form, "action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    org.refresh_from_db()
    assert not org.has_unpublished_changes
    assert org.phone == "+13125550199"
    assert served(gql) == {"Chicago Recovery Alliance": "+13125550199"}


def test_an_invalid_edit_changes_nothing(admin_client, gql):
    org = factories.organisation("Harm Reduction Michigan", phone="(517) 599-9023")
    revisions = org.revisions.count()

    response = admin_client.post(
        reverse(EDIT, args=(quote(org.pk),)),
        org_form(name="Harm Reduction Michigan", phone="555-12", publish=True),
    )

    assert "not a valid phone number" in page_text(response)
    org.refresh_from_db()
    assert org.phone == "+15175999023"
    assert org.revisions.count() == revisions
    assert served(gql) == {"Harm Reduction Michigan": "+15175999023"}


# --- Listing ----------------------------------------------------------------------------------


@pytest.fixture
def directory():
    wound_care = factories.service("wound-care", "Wound care")
    strips = factories.service("fentanyl-test-strips", "Fentanyl test strips")
    factories.organisation(
        "Prevention Point Philadelphia",
        services=[wound_care],
        region="PA",
        city="Philadelphia",
        coverage="local",
    )
    factories.organisation(
        "Chicago Recovery Alliance",
        services=[strips],
        region="IL",
        city="Chicago",
        coverage="local",
    )
    factories.organisation(
        "Harm Reduction Michigan",
        services=[strips],
        region="MI",
        city="Lansing",
        coverage="regional",
    )
    factories.organisation(
        "North American Syringe Exchange Network",
        acronym="NASEN",
        region="WA",
        city="Tacoma",
        coverage="national",
        coverage_note="Based in Tacoma, WA but operates nationally",
    )
    return {"wound-care": wound_care, "fentanyl-test-strips": strips}


ALL_NAMES = [
    "Prevention Point Philadelphia",
    "Chicago Recovery Alliance",
    "Harm Reduction Michigan",
    "North American Syringe Exchange Network",
]


def listed(admin_client, params) -> list[str]:
    html = page_text(admin_client.get(reverse(LIST), params))
    return sorted(name for name in ALL_NAMES if name in html)


def test_listing_shows_every_organisation(admin_client, directory):
    assert listed(admin_client, {}) == sorted(ALL_NAMES)


@pytest.mark.parametrize(
    ("service", "params", "expected"),
    [
        ("wound-care", {}, ["Prevention Point Philadelphia"]),
        ("fentanyl-test-strips", {}, ["Chicago Recovery Alliance", "Harm Reduction Michigan"]),
        ("fentanyl-test-strips", {"coverage": "local"}, ["Chicago Recovery Alliance"]),
        (None, {"region": "pa"}, ["Prevention Point Philadelphia"]),
        (None, {"region": "MI"}, ["Harm Reduction Michigan"]),
        (
            None,
            {"coverage": "local"},
            ["Chicago Recovery Alliance", "Prevention Point Philadelphia"],
        ),
        (None, {"coverage": "national"}, ["North American Syringe Exchange Network"]),
        (None, {"region": "MI", "coverage": "local"}, []),
    ],
)
def test_listing_filters(admin_client, directory, service, params, expected):
    if service:
        params = {**params, "services": directory[service].pk}
    assert listed(admin_client, params) == expected


def test_listing_search(admin_client, directory):
    assert listed(admin_client, {"q": "Syringe"}) == ["North American Syringe Exchange Network"]
    assert listed(admin_client, {"q": "Chicago"}) == ["Chicago Recovery Alliance"]
    assert listed(admin_client, {"q": "nothing matches this"}) == []


@pytest.mark.parametrize(
    ("model", "factory", "query"),
    [
        ("service", lambda: factories.service("wound-care", "Wound care"), "Wound"),
        ("author", lambda: Author.objects.create(name="Damilola Amire"), "Damilola"),
    ],
)
def test_services_and_authors_listing_search(admin_client, model, factory, query):
    obj = factory()
    url = reverse(f"wagtailsnippets_snippets_{model}:list")
    assert obj.name in page_text(admin_client.get(url, {"q": query}))
    assert obj.name not in page_text(admin_client.get(url, {"q": "nothing matches this"}))


# --- Services and authors ---------------------------------------------------------------------


def test_create_a_service_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_snippets_service:add"),
        {"name": "Wound care", "slug": "wound-care", "description": "Care for abscesses."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get(slug="wound-care")
    assert service.name == "Wound care"
    assert service.locale.language_code == "en"

    # The new service is offered on the organisation form.
    form = page_text(admin_client.get(reverse(ADD)))
    assert f'value="{service.pk}"' in form and "Wound care" in form


def test_a_duplicate_service_slug_is_refused(admin_client):
    factories.service("wound-care", "Wound care")
    response = admin_client.post(
        reverse("wagtailsnippets_snippets_service:add"),
        {"name": "Wound care again", "slug": "wound-care", "description": ""},
    )
    assert response.status_code == 200
    assert Service.objects.filter(slug="wound-care").count() == 1


def test_create_an_author_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_snippets_author:add"),
        {"name": "Damilola Amire", "bio": "Writes about harm reduction.", "image": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    author = Author.objects.get(name="Damilola Amire")
    assert author.bio == "Writes about harm reduction."
