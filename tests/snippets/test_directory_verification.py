"""Directory verification in the admin: "Mark verified" (listing and edit view), the
"Directory verification" report with its filters and CSV export, the weekly digest to the
"Directory editors" group (a task the scheduler queues), and the demo content's records."""

import csv
import datetime
import html
import io
import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Revision

from cms import scheduler
from cms.models import ScheduledJob
from snippets.models import Coverage, Organisation, OrganisationVerification
from snippets.verification import DIRECTORY_EDITORS_GROUP
from tests import factories

pytestmark = pytest.mark.django_db

EDIT = "wagtailsnippets_snippets_organisation:edit"
LIST = "wagtailsnippets_snippets_organisation:list"
REPORT = "/admin/reports/directory-verification/"


def verify_path(organisation) -> str:
    return f"/admin/directory/organisations/{organisation.pk}/verify/"


def verify(organisation, days_ago: int, method: str = "phone_call"):
    return OrganisationVerification.objects.create(
        translation_key=organisation.translation_key,
        verified_at=timezone.now() - datetime.timedelta(days=days_ago),
        method=method,
    )


# --- Mark verified ------------------------------------------------------------------------------


def test_mark_verified_is_offered_on_the_listing_and_the_edit_view(admin_client):
    organisation = factories.organisation("Fresh Start Outreach", region="PA")
    listing = admin_client.get(reverse(LIST), {"region": "PA", "locale": "en"}).content.decode()
    back = quote(reverse(LIST) + "?region=PA&locale=en", safe="")
    assert f"{verify_path(organisation)}?next={back}" in html.unescape(listing)
    # Filtering reloads the results fragment only: the way back is still the listing.
    results = admin_client.get(
        reverse("wagtailsnippets_snippets_organisation:list_results"), {"region": "PA"}
    ).content.decode()
    back = quote(reverse(LIST) + "?region=PA", safe="")
    assert f"{verify_path(organisation)}?next={back}" in html.unescape(results)
    edit_url = reverse(EDIT, args=(organisation.pk,))
    edit = admin_client.get(edit_url).content.decode()
    assert f"{verify_path(organisation)}?next={quote(edit_url, safe='')}" in edit


def test_marking_verified_records_a_verification_and_no_revision(admin_client, django_user_model):
    organisation = factories.organisation("Fresh Start Outreach")
    verify(organisation, days_ago=200, method="website")
    revisions = Revision.objects.count()
    latest_revision = organisation.latest_revision_id

    form = admin_client.get(verify_path(organisation))
    text = form.content.decode()
    assert "Fresh Start Outreach" in text
    assert "Website" in text  # the history
    edit_url = reverse(EDIT, args=(organisation.pk,))
    response = admin_client.post(
        verify_path(organisation) + f"?next={edit_url}",
        {"method": "in_person", "note": "Visited; hours unchanged."},
    )
    assert response.status_code == 302 and response["Location"] == edit_url

    latest = OrganisationVerification.objects.order_by("-verified_at").first()
    assert latest.method == "in_person"
    assert latest.note == "Visited; hours unchanged."
    assert latest.verified_by == django_user_model.objects.get(username="editor")
    assert abs((timezone.now() - latest.verified_at).total_seconds()) < 60
    assert Revision.objects.count() == revisions
    organisation.refresh_from_db()
    assert organisation.latest_revision_id == latest_revision
    assert not organisation.has_unpublished_changes


def test_the_form_asks_for_a_method(admin_client):
    organisation = factories.organisation("Fresh Start Outreach")
    response = admin_client.post(verify_path(organisation), {"method": "", "note": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not OrganisationVerification.objects.exists()


def test_an_offsite_next_url_is_not_followed(admin_client):
    organisation = factories.organisation("Fresh Start Outreach")
    response = admin_client.post(
        verify_path(organisation) + "?next=https://evil.example/", {"method": "email"}
    )
    assert response["Location"] == reverse(EDIT, args=(organisation.pk,))


def test_only_editors_who_may_change_organisations_can_mark_verified(client, django_user_model):
    organisation = factories.organisation("Fresh Start Outreach")
    user = django_user_model.objects.create_user("viewer", "viewer@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_organisation"),
    )
    client.force_login(user)
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    refused = client.post(verify_path(organisation), {"method": "email"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert client.get(REPORT)["Location"] == "/admin/"
    assert not OrganisationVerification.objects.exists()

    user.groups.add(Group.objects.get(name=DIRECTORY_EDITORS_GROUP))
    user = django_user_model.objects.get(pk=user.pk)  # permissions are cached on the object
    client.force_login(user)
    allowed = client.post(verify_path(organisation), {"method": "email"})
    assert allowed["Location"] == reverse(EDIT, args=(organisation.pk,))
    assert client.get(REPORT).status_code == 200
    assert OrganisationVerification.objects.count() == 1


# --- The report ---------------------------------------------------------------------------------


@pytest.fixture
def directory():
    naloxone = factories.service("naloxone", "Naloxone")
    wound_care = factories.service("wound-care", "Wound care")
    orgs = {
        "Never Checked": factories.organisation("Never Checked", region="PA"),
        "Long Ago": factories.organisation(
            "Long Ago", region="IL", services=[naloxone], coverage=Coverage.REGIONAL
        ),
        "Due Soon": factories.organisation("Due Soon", region="PA", services=[wound_care]),
        "Fresh": factories.organisation("Fresh", region="PA"),
    }
    verify(orgs["Long Ago"], days_ago=400, method="website")
    verify(orgs["Due Soon"], days_ago=160, method="email")
    verify(orgs["Fresh"], days_ago=10)
    return orgs


def report_names(response) -> list[str]:
    """The organisations the report lists (their links' texts), in its order."""
    assert response.status_code == 200
    return re.findall(
        r'<a href="/admin/snippets/snippets/organisation/edit/\d+/">\s*([^<]*?)\s*</a>',
        response.content.decode(),
    )


def test_the_report_lists_stale_and_soon_stale_organisations(admin_client, directory):
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    assert report_names(response) == ["Never Checked", "Long Ago", "Due Soon"]
    text = response.content.decode()
    assert "Due soon" in text and "Never verified" in text and "Stale" in text
    assert f"{verify_path(directory['Long Ago'])}?{urlencode({'next': REPORT})}" in text


def test_marking_verified_from_the_filtered_report_comes_back_to_it(admin_client, directory):
    results = admin_client.get(REPORT + "results/", {"region": "IL"})
    assert report_names(results) == ["Long Ago"]
    back = f"{REPORT}?region=IL"
    link = f"{verify_path(directory['Long Ago'])}?{urlencode({'next': back})}"
    assert link in html.unescape(results.content.decode())
    response = admin_client.post(link, {"method": "website"})
    assert response["Location"] == back
    assert report_names(admin_client.get(back)) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"region": "pa"}, ["Never Checked", "Due Soon"]),
        ({"coverage": "regional"}, ["Long Ago"]),
        ("service:wound-care", ["Due Soon"]),
    ],
)
def test_the_report_filters_by_region_coverage_and_service(
    admin_client, directory, filters, expected
):
    if filters == "service:wound-care":
        filters = {"services": Organisation.objects.get(name="Due Soon").services.get().pk}
    response = admin_client.get(REPORT, filters)
    assert report_names(response) == expected


def test_the_report_exports_csv(admin_client, directory):
    response = admin_client.get(REPORT, {"export": "csv", "region": "PA"})
    assert response.status_code == 200
    assert "directory-verification-" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["Name"] for row in rows] == ["Never Checked", "Due Soon"]
    due = rows[1]
    assert due["Verification"] == "Due soon"
    assert due["Method"] == "Email"
    assert due["Region"] == "PA"
    assert due["Open reader reports"] == "no"
    assert due["Re-verify by"] == str(
        timezone.localdate(timezone.now() + datetime.timedelta(days=20))
    )


def test_the_report_is_in_the_reports_menu(admin_client):
    response = admin_client.get("/admin/")
    assert REPORT in response.content.decode()


# --- The weekly digest ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # As in tests/deploy/conftest.py: the scheduler closes "old" connections between jobs,
    # which on PostgreSQL is the test's own (inside its transaction).
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)


def test_the_directory_editors_group_gets_a_weekly_digest(directory, django_user_model, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://cms.example.org"
    group = Group.objects.get(name=DIRECTORY_EDITORS_GROUP)
    for name in ("dana", "eli"):
        user = django_user_model.objects.create_user(name, f"{name}@example.org")
        user.groups.add(group)
    django_user_model.objects.create_user("other", "other@example.org")
    job = scheduler.JOBS["directory_verification_digest"]
    assert job.every == datetime.timedelta(weeks=1)

    assert scheduler.run_due([job]) == ["directory_verification_digest"]
    assert ScheduledJob.objects.get(name=job.name).last_succeeded is True
    [message] = mail.outbox
    assert sorted(message.bcc) == ["dana@example.org", "eli@example.org"]
    assert message.to == []
    assert message.subject == "Directory verification: 2 stale, 1 due soon"
    long_ago = timezone.localdate(timezone.now() - datetime.timedelta(days=400))
    assert "- Never Checked (never verified)\n" in message.body
    assert f"- Long Ago (stale, last verified {long_ago})\n" in message.body
    assert "- Due Soon (due soon, last verified " in message.body
    assert "Fresh" not in message.body
    assert "https://cms.example.org/admin/reports/directory-verification/" in message.body

    assert scheduler.run_due([job]) == []  # not again within the week
    assert len(mail.outbox) == 1


def test_no_digest_when_nothing_needs_verifying(django_user_model):
    user = django_user_model.objects.create_user("dana", "dana@example.org")
    user.groups.add(Group.objects.get(name=DIRECTORY_EDITORS_GROUP))
    verify(factories.organisation("Fresh"), days_ago=1)
    scheduler.run_due([scheduler.JOBS["directory_verification_digest"]])
    assert mail.outbox == []


# --- Demo content -----------------------------------------------------------------------------


def test_the_demo_directory_has_verification_records_one_of_them_stale(demo):
    from demo.content import load_demo_content

    organisations = list(Organisation.objects.with_verification())
    assert all(organisation.latest_verified_at for organisation in organisations)
    assert [o.name for o in organisations if o.is_stale] == ["Next Distro"]
    assert "Due soon" in {organisation.verification_status for organisation in organisations}
    count = OrganisationVerification.objects.count()
    report = load_demo_content(translations=False)
    assert OrganisationVerification.objects.count() == count
    assert "Verifications: 0 created, 0 updated, 7 unchanged" in report.lines()


def test_the_report_costs_the_same_queries_for_more_organisations(admin_client, directory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(params) -> int:
        admin_client.get(REPORT, params)
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(REPORT, params)
            if response.streaming:  # the CSV is written as it is sent
                rows = b"".join(response.streaming_content).count(b"\n")
                assert rows >= 4
        assert response.status_code == 200
        return len(queries)

    few = count({}), count({"export": "csv"})
    for i in range(15):
        verify(factories.organisation(f"Extra {i:02}"), days_ago=170 + i, method="email")
    assert (count({}), count({"export": "csv"})) == few
