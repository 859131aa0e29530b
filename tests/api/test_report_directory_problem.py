"""Readers report problems with directory entries through /graphql/: reportDirectoryProblem,
with the comment form's protections (single-use form token, honeypot, rate limits) and no
personal data kept."""

import time

import pytest
from django.core.cache import caches

from community.directory_reports import make_report_form_token
from snippets.models import DirectoryProblemReport, ProblemReportStatus
from tests import factories

pytestmark = pytest.mark.django_db

REPORT = """
mutation Report($input: ReportDirectoryProblemInput!) {
  reportDirectoryProblem(input: $input) {
    status
    organisation { id name hasOpenReports }
    errors { field message code }
  }
}
"""
FORM = "query { directoryReportFormToken }"
OPEN_REPORTS = "query { organisations { items { name hasOpenReports } } }"


@pytest.fixture
def unthrottled(settings):
    """The 15-second burst limit off, so that a test can send reports in a row."""
    settings.COMMUNITY = {**settings.COMMUNITY, "DIRECTORY_REPORT_MIN_INTERVAL": 0}


@pytest.fixture
def organisation():
    return factories.organisation("Fresh Start Outreach")


def report_input(organisation, **overrides) -> dict:
    """A valid input, with a form token loaded a minute ago."""
    data = {
        "organisationId": str(organisation.pk),
        "kind": "WRONG_PHONE",
        "note": "The number is disconnected; they now answer on (215) 555-0100.",
        "formToken": make_report_form_token(issued_at=time.time() - 60),
        "website": "",
    }
    data.update(overrides)
    return data


def report(gql, organisation, **overrides) -> dict:
    return gql(REPORT, {"input": report_input(organisation, **overrides)})["data"][
        "reportDirectoryProblem"
    ]


def cache_keys(store) -> list[str]:
    """Every key in the cache: local memory (tests) or Redis (REDIS_URL)."""
    if isinstance(store._cache, dict):
        return list(store._cache)
    return [key.decode() for key in store._cache.get_client().keys("*")]


def codes(payload) -> list[tuple]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_a_report_is_stored_without_personal_data_and_flags_the_organisation(
    gql, organisation, client
):
    assert gql(OPEN_REPORTS)["data"]["organisations"]["items"][0]["hasOpenReports"] is False
    payload = report(gql, organisation, note="<b>Closed</b> since May")
    assert payload["errors"] == []
    assert payload["status"] == "RECEIVED"
    assert payload["organisation"]["hasOpenReports"] is True

    stored = DirectoryProblemReport.objects.get()
    assert (stored.organisation, stored.kind, stored.status) == (
        organisation,
        "wrong_phone",
        ProblemReportStatus.OPEN,
    )
    assert stored.note == "Closed since May"  # plain text
    # Nothing about the reader: the model has no field that could hold it.
    fields = {f.name for f in DirectoryProblemReport._meta.get_fields()}
    assert not fields & {"email", "ip", "client_hash", "address", "user_agent"}
    # The (cached) directory says the entry is being checked at once.
    assert gql(OPEN_REPORTS)["data"]["organisations"]["items"][0]["hasOpenReports"] is True


def test_the_note_is_optional_and_bounded(gql, organisation, unthrottled):
    assert report(gql, organisation, note=None)["status"] == "RECEIVED"
    assert report(gql, organisation, note="   ")["status"] == "RECEIVED"
    assert codes(report(gql, organisation, note="x" * 1001)) == [("note", "TOO_LONG")]
    assert [r.note for r in DirectoryProblemReport.objects.all()] == ["", ""]


def test_unknown_or_unpublished_organisations_are_refused(gql, organisation):
    draft = factories.organisation("Draft Outreach", live=False)
    for organisation_id in (str(draft.pk), "999999", "1 OR 1=1", "-1"):
        payload = report(gql, organisation, organisationId=organisation_id)
        assert codes(payload) == [("organisationId", "NOT_FOUND")]
        assert payload["status"] is None and payload["organisation"] is None
    assert not DirectoryProblemReport.objects.exists()


def test_form_tokens_are_checked_like_the_comment_forms(gql, organisation, unthrottled):
    from community.services import make_form_token

    comment_token = make_form_token(0, issued_at=time.time() - 60)
    expired = make_report_form_token(issued_at=time.time() - 2 * 24 * 3600)
    assert codes(report(gql, organisation, formToken="forged")) == [("formToken", "INVALID")]
    assert codes(report(gql, organisation, formToken=comment_token)) == [("formToken", "INVALID")]
    assert codes(report(gql, organisation, formToken=expired)) == [("formToken", "EXPIRED")]

    token = make_report_form_token(issued_at=time.time() - 60)
    assert report(gql, organisation, formToken=token)["status"] == "RECEIVED"
    again = report(gql, organisation, formToken=token)
    assert codes(again) == [("formToken", "FORM_ALREADY_USED")]
    assert "reload the page" in again["errors"][0]["message"]
    assert DirectoryProblemReport.objects.count() == 1


def test_the_honeypot_and_a_too_fast_form_are_answered_alike_and_not_stored(
    gql, organisation, unthrottled
):
    trapped = report(gql, organisation, website="http://spam.example")
    assert trapped["status"] == "RECEIVED" and trapped["errors"] == []
    too_fast = report(gql, organisation, formToken=make_report_form_token())
    assert too_fast["status"] == "RECEIVED" and too_fast["errors"] == []
    assert not DirectoryProblemReport.objects.exists()


def test_reports_are_rate_limited_per_client(gql, organisation, settings):
    settings.COMMUNITY = {
        **settings.COMMUNITY,
        "DIRECTORY_REPORT_MIN_INTERVAL": 0,
        "DIRECTORY_REPORTS_PER_HOUR": 2,
    }
    assert report(gql, organisation)["status"] == "RECEIVED"
    assert report(gql, organisation)["status"] == "RECEIVED"
    limited = report(gql, organisation)
    assert codes(limited) == [(None, "RATE_LIMITED")] and limited["status"] is None
    assert DirectoryProblemReport.objects.count() == 2
    # Only counters under a keyed hash of the client, which expire: no address in the cache.
    keys = [key for key in cache_keys(caches["ratelimit"]) if "directory-report" in key]
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_the_burst_limit_spaces_reports(gql, organisation):
    assert report(gql, organisation)["status"] == "RECEIVED"
    assert codes(report(gql, organisation)) == [(None, "RATE_LIMITED")]


def test_the_form_token_field_is_never_cached(client, settings):
    settings.RESPONSE_CACHE_ENABLED = True
    tokens = set()
    for _ in range(2):
        response = client.post("/graphql/", {"query": FORM}, content_type="application/json")
        assert response["Cache-Control"] == "no-store"
        tokens.add(response.json()["data"]["directoryReportFormToken"])
    assert len(tokens) == 2


def test_invalid_kinds_are_graphql_errors(gql, organisation):
    body = gql(REPORT, {"input": report_input(organisation, kind="SPAM")}, errors=True)
    assert "kind" in body["errors"][0]["message"]
