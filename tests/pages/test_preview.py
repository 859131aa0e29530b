"""Editors preview articles in the admin before publishing."""

import pytest
from django.urls import reverse

from tests.pages.admin_forms import article_form, valid_quiz

pytestmark = pytest.mark.django_db


def test_seed_article_preview_shows_every_block(demo, admin_client):
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(demo.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Practical Ways Harm Reduction Techniques Make a Difference</h1>" in html
    assert "Harm reduction is only about illegal drug use." in html
    assert '<a href="tel:+12122136376">(212) 213-6376</a>' in html
    assert "Email through website contact form" in html
    assert "Needle Exchange Programs (NEPs)" in html
    assert "The Mindful Recovery Hub Team" in html


def test_unsaved_changes_preview(demo, admin_client):
    data = article_form(
        "Draft preview",
        [("heading", {"text": "Only in the preview", "level": "h3"}), ("quiz", valid_quiz())],
    )
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("pages", "articlepage", demo.get_parent().pk)
    )
    posted = admin_client.post(url, data)
    assert posted.json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "<h3>Only in the preview</h3>" in html


# What the editor's Checks panel needs in a preview (Wagtail 8, wagtailadmin/js/core.js and
# userbar.js): the <wagtail-userbar> element, whose script loads axe-core into the preview and
# posts "w-userbar:axe-ready" to the admin, which then runs the checks; the checker's axe-core
# configuration; and a <main> element, whose text the word count and reading time are taken from.
USERBAR_MARKUP = [
    "<wagtail-userbar></wagtail-userbar>",
    '<template id="wagtail-userbar-template">',
    "wagtailadmin/js/userbar.js",
    '<script id="checker-axe-configuration" type="application/json">',
    "<main>",
]


def assert_checks_can_run(html: str):
    missing = [markup for markup in USERBAR_MARKUP if markup not in html]
    assert missing == [], missing


def test_article_preview_in_the_preview_panel_runs_the_checks(demo, admin_client):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(demo.pk,))
    data = article_form("Checked draft", [("quiz", valid_quiz())], slug=demo.slug)
    assert admin_client.post(url, data).json()["is_valid"] is True

    html = admin_client.get(url, {"in_preview_panel": "true"}).content.decode()

    assert_checks_can_run(html)
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    assert "<h1>Checked draft</h1>" in main and "Harm reduction is only about" in main


def test_saved_draft_and_index_previews_carry_the_userbar(demo, admin_client):
    for page in (demo, demo.get_parent().specific, demo.get_parent().get_parent().specific):
        html = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
        assert_checks_can_run(html.content.decode())


def test_organisation_preview_runs_the_checks(demo, admin_client):
    from snippets.models import Organisation
    from tests.snippets.test_admin_organisations import org_form

    organisation = Organisation.objects.filter(live=True).first()
    url = reverse("wagtailsnippets_snippets_organisation:preview_on_edit", args=(organisation.pk,))
    data = org_form(
        name="Checked Org",
        acronym="",
        description="Draft.",
        phone="",
        email="draft@example.org",
        address="",
        city="",
        region="",
        coverage_note="",
        last_verified="2026-11-01",
    )
    assert admin_client.post(url, data).json()["is_valid"] is True

    html = admin_client.get(url, {"in_preview_panel": "true"}).content.decode()

    assert_checks_can_run(html)
    assert "<h1>Checked Org</h1>" in html


def test_readers_never_get_the_userbar(demo, client):
    """Wagtail's own serving of the page, to someone not logged in to the admin."""
    html = client.get(demo.url).content.decode()
    assert "<h1>" in html and "wagtail-userbar" not in html
