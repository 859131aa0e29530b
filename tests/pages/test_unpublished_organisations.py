"""A directory block that lists an organisation readers cannot see (never published, or
unpublished) still saves and publishes; the editor is told which organisation, in which block,
when saving, publishing and opening the editor; the preview shows it marked, Wagtail's Checks
count it; readers (the API, Wagtail's own serving) never see it."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from tests import factories
from tests.pages.admin_forms import article_form, listblock

pytestmark = pytest.mark.django_db

MARKER = "Unpublished — readers will not see this organisation."
DIRECTORY = """
query($slug: String!) {
  article(slug: $slug) { body { ... on OrganisationDirectoryBlock { organisations { name } } } }
}
"""


def directory(*organisations, heading="Where to get help") -> dict:
    return {
        "heading": heading,
        "intro": "",
        "organisations": listblock([str(organisation.pk) for organisation in organisations]),
        "service": "",
        "region": "",
        "coverage": "",
    }


def edit(client, page, body, *, publish=False):
    data = article_form("Where to get naloxone", body, slug=page.slug)
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data, follow=True)


def warnings_in(response) -> list[str]:
    return [
        str(message) for message in response.context["messages"] if message.level_tag == "warning"
    ]


def axe_configuration(html: str) -> dict:
    """The configuration Wagtail's content checker runs axe-core with, from a page of the admin
    or a preview."""
    script = html.split('<script id="checker-axe-configuration" type="application/json">', 1)[1]
    return json.loads(script.split("</script>", 1)[0])


@pytest.fixture(params=["never published", "unpublished"])
def hidden_org(request):
    """An organisation readers cannot see, in either way it happens."""
    if request.param == "never published":
        return factories.organisation("Next Distro", live=False)
    organisation = factories.organisation("Next Distro")
    organisation.unpublish()
    return organisation


def test_save_draft_keeps_the_choice_and_warns_naming_it(admin_client, hidden_org):
    page = factories.article("naloxone-help")
    live = factories.organisation("Prevention Point", acronym="PPP")

    response = edit(admin_client, page, [("organisation_directory", directory(live, hidden_org))])

    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    page.refresh_from_db()
    [saved] = page.get_latest_revision_as_object().body.raw_data
    assert saved["value"]["organisations"][1]["value"] == hidden_org.pk
    assert warnings_in(response) == [
        "The directory “Where to get help” lists “Next Distro”, which is not published: readers "
        "will not see it until the organisation is published. The preview shows it marked "
        "“Unpublished”."
    ]
    # Opening the editor again says it again, for as long as the draft lists it.
    again = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert len(warnings_in(again)) == 1


def test_publishing_publishes_and_warns(admin_client, hidden_org, gql, client):
    page = factories.article("naloxone-help")
    live = factories.organisation("Prevention Point")
    other = factories.organisation("Closed Clinic", live=False)

    response = edit(
        admin_client,
        page,
        [
            ("paragraph", rich_text("<p>Naloxone reverses overdoses.</p>")),
            ("organisation_directory", directory(live, hidden_org, other, heading="")),
        ],
        publish=True,
    )

    page.refresh_from_db()
    assert page.title == "Where to get naloxone"  # published all the same
    assert warnings_in(response) == [
        "The directory (block 2) lists “Next Distro”, “Closed Clinic”, which are not published: "
        "readers will not see them until the organisations are published. The preview shows "
        "them marked “Unpublished”."
    ]
    # Readers: the API and Wagtail's own serving leave them out.
    [block] = gql(DIRECTORY, {"slug": "naloxone-help"})["data"]["article"]["body"][1:]
    assert block == {"organisations": [{"name": "Prevention Point"}]}
    served = client.get(page.url).content.decode()
    assert "Prevention Point" in served
    assert "Next Distro" not in served and MARKER not in served


def test_no_warning_once_the_organisation_is_published(admin_client, hidden_org):
    page = factories.article("naloxone-help")
    edit(admin_client, page, [("organisation_directory", directory(hidden_org))])
    hidden_org.save_revision().publish()

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))

    assert warnings_in(response) == []


def test_preview_shows_it_in_place_marked_unpublished(admin_client, hidden_org):
    page = factories.article("naloxone-help")
    first = factories.organisation("Prevention Point")
    last = factories.organisation("Trac Services")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = article_form(
        "Draft", [("organisation_directory", directory(first, hidden_org, last))], slug=page.slug
    )
    assert admin_client.post(url, data).json()["is_valid"] is True

    html = admin_client.get(url, {"in_preview_panel": "true"}).content.decode()

    entries = html.split('<section class="directory">', 1)[1].split("</ul>", 1)[0]
    entries = entries.split("<li")[1:]
    assert len(entries) == 3
    names = ["Prevention Point", "Next Distro", "Trac Services"]
    assert [name in entry for name, entry in zip(names, entries, strict=True)] == [True] * 3
    marked = ["data-unpublished-organisation" in entry and MARKER in entry for entry in entries]
    assert marked == [False, True, False]
    assert html.count(MARKER) == 1


def test_checks_panel_counts_it(admin_client):
    """The editor's Checks panel and the preview's userbar run axe-core with a rule that finds
    the marked entries; each lists it among the rules it runs, with the message shown.
    (tests/browser/test_preview_checks.py sees the panel report it.)"""
    page = factories.article("naloxone-help")
    hidden_org = factories.organisation("Next Distro", live=False)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = article_form("Draft", [("organisation_directory", directory(hidden_org))], slug="x")
    assert admin_client.post(url, data).json()["is_valid"] is True

    for html in (
        admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode(),
        admin_client.get(url, {"in_preview_panel": "true"}).content.decode(),
    ):
        config = axe_configuration(html)
        assert "unpublished-organisation" in config["options"]["runOnly"]
        [rule] = [r for r in config["spec"]["rules"] if r["id"] == "unpublished-organisation"]
        assert rule["selector"] == "[data-unpublished-organisation]"
        assert config["messages"]["unpublished-organisation"]["error_name"] == (
            "Organisation not published"
        )
