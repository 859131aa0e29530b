"""Organisations' verification and open reports through /graphql/: `lastVerifiedAt`,
`verificationMethod`, `isStale` and `hasOpenReports`, shared by every translation, annotated
on lists (no query per organisation) and fresh after an editor records a verification."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from snippets.models import (
    DirectoryProblemReport,
    Organisation,
    OrganisationVerification,
    ProblemKind,
    ProblemReportStatus,
)
from tests import factories

pytestmark = pytest.mark.django_db

VERIFICATION_FIELDS = "id name lastVerifiedAt verificationMethod isStale hasOpenReports"
LIST = (
    "query Organisations($perPage: Int, $locale: String) {"
    f" organisations(perPage: $perPage, locale: $locale) {{ items {{ {VERIFICATION_FIELDS} }} }} }}"
)
ONE = (
    "query Organisation($id: ID!, $locale: String) {"
    f" organisation(id: $id, locale: $locale) {{ {VERIFICATION_FIELDS} locale }} }}"
)


def by_name(body) -> dict:
    return {item["name"]: item for item in body["data"]["organisations"]["items"]}


def verify(organisation, days_ago: int, method: str = "phone_call"):
    return OrganisationVerification.objects.create(
        translation_key=organisation.translation_key,
        verified_at=timezone.now() - datetime.timedelta(days=days_ago),
        method=method,
    )


def test_the_demo_directory_shows_every_verification_state(demo, gql):
    organisations = by_name(gql(LIST, {"perPage": 50}))
    stale = {name for name, item in organisations.items() if item["isStale"]}
    assert stale == {"Next Distro"}
    michigan = organisations["Harm Reduction Michigan"]
    assert michigan["lastVerifiedAt"] is not None
    assert michigan["verificationMethod"] in {"PHONE_CALL", "EMAIL", "WEBSITE", "IN_PERSON"}
    assert not any(item["hasOpenReports"] for item in organisations.values())


def test_latest_verification_wins_and_staleness_follows_the_setting(gql, settings):
    # Staleness is judged at read time; a cached response keeps it at most
    # RESPONSE_CACHE_TIMEOUT (a setting change is no content change).
    settings.RESPONSE_CACHE_ENABLED = False
    organisation = factories.organisation("Fresh Start Outreach")
    body = gql(ONE, {"id": organisation.pk})["data"]["organisation"]
    assert body["lastVerifiedAt"] is None
    assert body["verificationMethod"] is None
    assert body["isStale"] is True  # never verified

    verify(organisation, days_ago=40, method="website")
    latest = verify(organisation, days_ago=12, method="in_person")
    body = gql(ONE, {"id": organisation.pk})["data"]["organisation"]
    assert body["verificationMethod"] == "IN_PERSON"
    assert datetime.datetime.fromisoformat(body["lastVerifiedAt"]) == latest.verified_at
    assert body["isStale"] is False

    settings.DIRECTORY_REVERIFY_DAYS = 10
    body = gql(ONE, {"id": organisation.pk})["data"]["organisation"]
    assert body["isStale"] is True


def test_translations_share_verifications_and_reports(gql):
    organisation = factories.organisation("Fresh Start Outreach")
    spanish = organisation.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.live = True
    spanish.save()
    verify(organisation, days_ago=3, method="email")
    DirectoryProblemReport.objects.create(organisation=spanish, kind=ProblemKind.CLOSED)

    for locale in ("en", "es"):
        items = gql(LIST, {"locale": locale})["data"]["organisations"]["items"]
        assert [item["verificationMethod"] for item in items] == ["EMAIL"]
        assert [item["hasOpenReports"] for item in items] == [True]
        assert [item["isStale"] for item in items] == [False]

    report = DirectoryProblemReport.objects.get()
    report.status = ProblemReportStatus.DISMISSED
    report.save()  # as the admin's queue does: the cached responses are dropped
    items = gql(LIST, {"locale": "es"})["data"]["organisations"]["items"]
    assert [item["hasOpenReports"] for item in items] == [False]


def count_queries(client, query: str, variables: dict) -> int:
    def run():
        response = client.post(
            "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
        )
        assert response.status_code == 200 and "errors" not in response.json()

    run()
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def test_a_page_of_50_costs_the_same_queries_as_a_page_of_2(client, settings):
    settings.RESPONSE_CACHE_ENABLED = False
    service = factories.service("naloxone", "Naloxone")
    first = [factories.organisation(f"Org {i:02}", services=[service]) for i in range(2)]
    for organisation in first:
        verify(organisation, days_ago=5)
    small = count_queries(client, LIST, {"perPage": 50})

    more = [factories.organisation(f"Org {i:02}", services=[service]) for i in range(2, 50)]
    for organisation in more[::2]:
        verify(organisation, days_ago=300)
        DirectoryProblemReport.objects.create(organisation=organisation, kind=ProblemKind.MOVED)
    assert count_queries(client, LIST, {"perPage": 50}) == small
    assert Organisation.objects.count() == 50


def test_organisations_per_page_50_query_count(client, settings, django_assert_num_queries):
    settings.RESPONSE_CACHE_ENABLED = False
    for i in range(50):
        verify(factories.organisation(f"Org {i:02}"), days_ago=i * 5)
    variables = {"perPage": 50}
    client.post(
        "/graphql/", {"query": LIST, "variables": variables}, content_type="application/json"
    )
    # The page (with its verification and reports annotated) and its count; services are not
    # selected here.
    with django_assert_num_queries(2):
        response = client.post(
            "/graphql/", {"query": LIST, "variables": variables}, content_type="application/json"
        )
    items = response.json()["data"]["organisations"]["items"]
    assert len(items) == 50
    assert sum(item["isStale"] for item in items) == 14  # verified 180 days ago or more


def test_recording_a_verification_refreshes_cached_responses(admin_client, settings, gql):
    settings.RESPONSE_CACHE_ENABLED = True
    organisation = factories.organisation("Fresh Start Outreach")
    assert gql(ONE, {"id": organisation.pk})["data"]["organisation"]["isStale"] is True
    response = admin_client.post(
        f"/admin/directory/organisations/{organisation.pk}/verify/",
        {"method": "phone_call", "note": "Called the front desk."},
    )
    assert response.status_code == 302
    body = gql(ONE, {"id": organisation.pk})["data"]["organisation"]
    assert body["isStale"] is False
    assert body["verificationMethod"] == "PHONE_CALL"
