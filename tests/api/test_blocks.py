"""Blocks the seed article does not use, and rich-text links, through /graphql/."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests import factories
from tests.api.queries import ARTICLE

pytestmark = pytest.mark.django_db


def body_of(gql, slug):
    return gql(ARTICLE, {"slug": slug})["data"]["article"]["body"]


def test_callout_image_and_internal_links(gql):
    target = factories.article("naloxone-guide")
    link = f'<a linktype="page" id="{target.pk}">this</a>'
    image = Image.objects.create(title="Kit", file=get_test_image_file())
    factories.article(
        "with-callout",
        body=[
            {
                "type": "callout",
                "value": {
                    "kind": "emergency",
                    "title": "Overdose?",
                    "body": f"<p>Call 911, then read {link}.</p>",
                },
            },
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "A naloxone kit", "caption": "Kit"},
            },
        ],
    )
    callout, image_block = body_of(gql, "with-callout")
    assert callout["kind"] == "EMERGENCY"
    assert callout["title"] == "Overdose?"
    # Internal links are stored as ids and served as real URLs.
    assert '<a href="/articles/naloxone-guide/">this</a>' in callout["body"]
    assert "linktype" not in callout["body"]
    assert image_block["image"]["id"] == str(image.pk)
    assert image_block["altText"] == "A naloxone kit"
    assert image_block["decorative"] is False


def test_directory_filter_lists_live_organisations_in_the_articles_locale(gql):
    naloxone = factories.service("naloxone-distribution", "Naloxone distribution")
    wound = factories.service("wound-care", "Wound care")
    factories.organisation("Chosen Org", services=[wound])
    factories.organisation("Alpha Naloxone", services=[naloxone], region="PA")
    factories.organisation("Beta Naloxone", services=[naloxone], region="IL")
    factories.organisation("Draft Naloxone", services=[naloxone], region="PA", live=False)
    chosen = factories.organisation("Chosen First", services=[naloxone], region="PA")
    factories.article(
        "filtered-directory",
        body=[
            {
                "type": "organisation_directory",
                "value": {
                    "heading": "Naloxone in Pennsylvania",
                    "organisations": [chosen.pk],
                    "service": naloxone.pk,
                    "region": "PA",
                    "coverage": "",
                },
            },
            {
                "type": "organisation_directory",
                "value": {"heading": "Everyone with naloxone", "service": naloxone.pk},
            },
        ],
    )
    pennsylvania, everyone = body_of(gql, "filtered-directory")
    assert [org["name"] for org in pennsylvania["organisations"]] == [
        "Chosen First",
        "Alpha Naloxone",
    ]
    assert [org["name"] for org in everyone["organisations"]] == [
        "Alpha Naloxone",
        "Beta Naloxone",
        "Chosen First",
    ]


def test_directory_leaves_out_chosen_organisations_that_are_no_longer_live(gql):
    org = factories.organisation("Closed Org")
    factories.article(
        "stale-directory",
        body=[{"type": "organisation_directory", "value": {"organisations": [org.pk]}}],
    )
    org.unpublish()
    (directory,) = body_of(gql, "stale-directory")
    assert directory["organisations"] == []
