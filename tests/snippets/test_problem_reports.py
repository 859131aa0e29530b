"""The admin's queue of readers' directory problem reports: grouped by organisation (every
language together) with counts; resolving a group as fixed records a verification, as
dismissed records nothing else; the API's hasOpenReports follows."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale, Revision

from snippets.models import (
    DirectoryProblemReport,
    OrganisationVerification,
    ProblemKind,
    ProblemReportStatus,
)
from snippets.verification import DIRECTORY_EDITORS_GROUP
from tests import factories

pytestmark = pytest.mark.django_db

QUEUE = "/admin/reports/directory-problems/"
OPEN = 'query { organisations(locale: "es") { items { name hasOpenReports } } }'


def resolve_path(organisation) -> str:
    return f"{QUEUE}{organisation.translation_key}/resolve/"


@pytest.fixture
def reported():
    """Two organisations with open reports (one of them also reported in Spanish), and an
    old dismissed report that is not in the queue."""
    needle = factories.organisation("Needle Exchange North")
    spanish = needle.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.name = "Intercambio de jeringas Norte"
    spanish.live = True
    spanish.save()
    outreach = factories.organisation("Fresh Start Outreach")
    for organisation, kind, note in [
        (needle, ProblemKind.WRONG_PHONE, "Number disconnected"),
        (spanish, ProblemKind.WRONG_PHONE, "El número no funciona"),
        (needle, ProblemKind.CLOSED, ""),
        (outreach, ProblemKind.MOVED, "Now on 5th Street"),
    ]:
        DirectoryProblemReport.objects.create(organisation=organisation, kind=kind, note=note)
    DirectoryProblemReport.objects.create(
        organisation=outreach, kind=ProblemKind.OTHER, status=ProblemReportStatus.DISMISSED
    )
    return {"needle": needle, "spanish": spanish, "outreach": outreach}


def test_the_queue_groups_open_reports_by_organisation_with_counts(
    admin_client, reported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        response = admin_client.get(QUEUE)
    assert response.status_code == 200
    text = response.content.decode()
    # The most reported first; the Spanish report counts with its English source, shown once.
    assert text.index("Needle Exchange North") < text.index("Fresh Start Outreach")
    assert "Intercambio de jeringas Norte" not in text
    assert "3 open" in text and "1 open" in text
    assert "Wrong phone number: 2" in text and "Closed: 1" in text and "Moved: 1" in text
    assert "El número no funciona" in text and "Now on 5th Street" in text
    assert "Other" not in text  # the dismissed report
    assert resolve_path(reported["needle"]) in text
    assert QUEUE in admin_client.get("/admin/").content.decode()  # in the Reports menu


def test_the_queue_costs_the_same_queries_for_more_reports(admin_client, reported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin_client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(QUEUE)
    for i in range(10):
        organisation = factories.organisation(f"Org {i}")
        DirectoryProblemReport.objects.create(organisation=organisation, kind=ProblemKind.OTHER)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(QUEUE)
    assert len(many) == len(few)


def test_resolving_as_fixed_records_a_verification_for_every_language(
    admin_client, reported, gql, django_user_model
):
    needle = reported["needle"]
    revisions = Revision.objects.count()
    assert {i["name"]: i["hasOpenReports"] for i in gql(OPEN)["data"]["organisations"]["items"]}[
        "Intercambio de jeringas Norte"
    ]
    response = admin_client.post(
        resolve_path(needle),
        {"resolution": "fixed", "method": "phone_call", "note": "New number entered."},
    )
    assert response.status_code == 302 and response["Location"] == QUEUE

    verification = OrganisationVerification.objects.get()
    assert verification.translation_key == needle.translation_key
    assert (verification.method, verification.note) == ("phone_call", "New number entered.")
    editor = django_user_model.objects.get(username="editor")
    assert verification.verified_by == editor
    fixed = DirectoryProblemReport.objects.filter(status=ProblemReportStatus.FIXED)
    assert fixed.count() == 3
    assert {(r.verification, r.resolved_by) for r in fixed} == {(verification, editor)}
    assert all(r.resolved_at for r in fixed)
    # The other organisation's report is still open; no revision was made.
    assert DirectoryProblemReport.objects.filter(status=ProblemReportStatus.OPEN).count() == 1
    assert Revision.objects.count() == revisions

    served = {i["name"]: i["hasOpenReports"] for i in gql(OPEN)["data"]["organisations"]["items"]}
    assert served == {"Intercambio de jeringas Norte": False, "Fresh Start Outreach": True}
    text = admin_client.get(QUEUE).content.decode()
    assert "3 report(s) about “Needle Exchange North” resolved as fixed and verified" in text
    assert f'data-report-group="{needle.translation_key}"' not in text
    assert f'data-report-group="{reported["outreach"].translation_key}"' in text


def test_resolving_as_fixed_needs_the_method(admin_client, reported):
    response = admin_client.post(resolve_path(reported["needle"]), {"resolution": "fixed"})
    assert response.status_code == 302
    assert not OrganisationVerification.objects.exists()
    assert DirectoryProblemReport.objects.filter(status=ProblemReportStatus.OPEN).count() == 4
    followed = admin_client.get(QUEUE).content.decode()
    assert "Say how you checked" in followed


def test_dismissing_records_no_verification(admin_client, reported):
    response = admin_client.post(resolve_path(reported["outreach"]), {"resolution": "dismissed"})
    assert response.status_code == 302
    assert not OrganisationVerification.objects.exists()
    report = DirectoryProblemReport.objects.get(note="Now on 5th Street")
    assert report.status == ProblemReportStatus.DISMISSED and report.verification is None
    # Resolving again finds nothing to resolve.
    admin_client.post(resolve_path(reported["outreach"]), {"resolution": "dismissed"})
    assert "already resolved" in admin_client.get(QUEUE).content.decode()


def test_the_queue_is_for_directory_editors(client, reported, django_user_model):
    user = django_user_model.objects.create_user("viewer", "viewer@example.org")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(QUEUE)["Location"] == "/admin/"
    refused = client.post(resolve_path(reported["needle"]), {"resolution": "dismissed"})
    assert refused["Location"] == "/admin/"
    assert DirectoryProblemReport.objects.filter(status=ProblemReportStatus.OPEN).count() == 4

    user.groups.add(Group.objects.get(name=DIRECTORY_EDITORS_GROUP))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(QUEUE).status_code == 200
    client.post(resolve_path(reported["needle"]), {"resolution": "fixed", "method": "email"})
    assert OrganisationVerification.objects.get().verified_by == user


def test_resolved_reports_are_purged_on_the_personal_data_schedule(reported, settings):
    import datetime
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    long_ago = timezone.now() - datetime.timedelta(days=181)
    old_fixed = DirectoryProblemReport.objects.get(note="Number disconnected")
    old_fixed.status, old_fixed.resolved_at = ProblemReportStatus.FIXED, long_ago
    old_fixed.verification = reported["needle"].record_verification(user=None, method="email")
    old_fixed.save()
    DirectoryProblemReport.objects.filter(status=ProblemReportStatus.DISMISSED).update(
        resolved_at=timezone.now() - datetime.timedelta(days=10)
    )
    # An open report stays however old: it waits for an editor.
    DirectoryProblemReport.objects.filter(note="Now on 5th Street").update(created_at=long_ago)

    def purge(*args) -> str:
        out = StringIO()
        call_command("purge_comment_personal_data", *args, stdout=out)
        return out.getvalue()

    assert "Would delete 1 directory problem report(s) resolved more than 180" in purge("--dry-run")
    assert DirectoryProblemReport.objects.count() == 5
    assert "Deleted 1 directory problem report(s)" in purge()
    assert not DirectoryProblemReport.objects.filter(pk=old_fixed.pk).exists()
    assert DirectoryProblemReport.objects.count() == 4
    assert OrganisationVerification.objects.count() == 1  # the verification stays
