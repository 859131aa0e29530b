"""The organisation directory, services and authors through /graphql/."""

import json

import pytest

from tests import factories
from tests.api.queries import ORGANISATION_FIELDS, ORGANISATIONS

pytestmark = pytest.mark.django_db


def names(body):
    return [org["name"] for org in body["data"]["organisations"]["items"]]


def test_directory_lists_the_seed_organisations_by_name(demo, gql):
    body = gql(ORGANISATIONS, {"perPage": 50})
    assert names(body) == [
        "Chicago Recovery Alliance",
        "Harm Reduction Michigan",
        "National Harm Reduction Coalition",
        "Next Distro",
        "North American Syringe Exchange Network",
        "Prevention Point Philadelphia",
        "The DOPE Project",
    ]
    assert body["data"]["organisations"]["pagination"]["total"] == 7


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"service": "wound-care"}, ["Prevention Point Philadelphia"]),
        (
            {"service": "fentanyl-test-strips"},
            ["Chicago Recovery Alliance", "Harm Reduction Michigan"],
        ),
        ({"region": "pa"}, ["Prevention Point Philadelphia"]),
        ({"region": "MI"}, ["Harm Reduction Michigan"]),
        ({"coverage": "REGIONAL"}, ["Harm Reduction Michigan"]),
        (
            {"coverage": "LOCAL"},
            ["Chicago Recovery Alliance", "Prevention Point Philadelphia"],
        ),
        (
            {"service": "syringe-services", "coverage": "LOCAL", "region": "IL"},
            ["Chicago Recovery Alliance"],
        ),
        ({"search": "Tacoma"}, ["North American Syringe Exchange Network"]),
        ({"search": "Philadelphia"}, ["Prevention Point Philadelphia"]),
        ({"search": "no such words anywhere"}, []),
        ({"service": "no-such-service"}, []),
    ],
)
def test_directory_filters(demo, gql, variables, expected):
    assert names(gql(ORGANISATIONS, variables)) == expected


def test_directory_pagination(demo, gql):
    body = gql(ORGANISATIONS, {"perPage": 3, "page": 3})["data"]["organisations"]
    assert [org["name"] for org in body["items"]] == ["The DOPE Project"]
    assert body["pagination"] == {
        "total": 7,
        "count": 1,
        "perPage": 3,
        "currentPage": 3,
        "totalPages": 3,
    }
    past_the_end = gql(ORGANISATIONS, {"perPage": 3, "page": 9})["data"]["organisations"]
    assert past_the_end["items"] == []


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"perPage": 101}, "perPage on organisations must be at most 100"),
        ({"page": 0}, "page must be 1"),
    ],
)
def test_directory_refuses_bad_paging(demo, gql, variables, message):
    body = gql(ORGANISATIONS, variables, errors=True)
    assert message in body["errors"][0]["message"]


def test_unpublished_and_draft_organisations_are_never_served(demo, gql):
    hidden = factories.organisation("Hidden Org", live=False)
    edited = factories.organisation("Published Name")
    edited.name = "Draft Name"
    edited.save_revision()

    listed = names(gql(ORGANISATIONS, {"perPage": 100}))
    assert "Hidden Org" not in listed
    assert "Published Name" in listed and "Draft Name" not in listed

    one = "query($id: ID!) { organisation(id: $id) { name } }"
    assert gql(one, {"id": str(hidden.pk)})["data"]["organisation"] is None
    assert gql(one, {"id": str(edited.pk)})["data"]["organisation"]["name"] == "Published Name"
    assert gql(one, {"id": "not-a-number"})["data"]["organisation"] is None

    found = json.dumps(gql('{ search(query: "Name") { ... on Organisation { name } } }'))
    assert "Draft Name" not in found
    assert "Published Name" in found


def test_organisation_by_id_has_every_public_field(demo, gql):
    from snippets.models import Organisation

    nasen = Organisation.objects.get(acronym="NASEN")
    query = "query($id: ID!) { organisation(id: $id) { " + ORGANISATION_FIELDS + " } }"
    org = gql(query, {"id": str(nasen.pk)})["data"]["organisation"]
    assert org["name"] == "North American Syringe Exchange Network"
    assert org["acronym"] == "NASEN"
    assert org["phone"] == "+12532724857"
    assert org["phoneDisplay"] == "(253) 272-4857"
    assert org["email"] == "info@nasen.org"
    assert org["coverageNote"] == "Based in Tacoma, WA but operates nationally"
    assert org["coverage"] == "NATIONAL"


def test_services_and_authors(demo, gql):
    data = gql("{ services { name slug } authors { name bio } }")["data"]
    slugs = {service["slug"] for service in data["services"]}
    assert {
        "naloxone-distribution",
        "syringe-services",
        "fentanyl-test-strips",
        "overdose-response-training",
        "wound-care",
        "housing-assistance",
        "case-management",
    } <= slugs
    assert [author["name"] for author in data["authors"]] == ["Damilola Amire"]
    # Nothing is translated here: Spanish readers get English, flagged as a fallback.
    spanish = gql('{ services(locale: "es") { slug locale isFallback } }')["data"]["services"]
    assert {service["slug"] for service in spanish} == slugs
    assert all(s["locale"] == "en" and s["isFallback"] for s in spanish)
