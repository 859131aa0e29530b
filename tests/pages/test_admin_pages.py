"""Editors create every page type in the admin, with a realistic body, and get clear errors."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from pages.models import ArticleIndexPage, ArticlePage, HomePage
from snippets.models import Author
from tests import factories
from tests.pages.admin_forms import (
    article_form,
    band,
    choice,
    listblock,
    question,
    quiz,
    valid_quiz,
)


def realistic_body(organisations, service) -> list:
    return [
        ("heading", {"text": "Harm Reduction vs. Abstinence", "level": "h2"}),
        ("paragraph", rich_text("<p>People often wonder which is better.</p>")),
        ("quiz", valid_quiz()),
        (
            "discussion_prompt",
            {
                "question": "Could harm reduction help someone you know?",
                "invitation": "Share your thoughts in the comments below!",
            },
        ),
        (
            "programme_list",
            {
                "heading": "Harm Reduction Programs",
                "intro": "",
                "programmes": listblock(
                    [
                        {
                            "name": "Needle Exchange Programs",
                            "abbreviation": "NEPs",
                            "description": "Clean needles.",
                        },
                        {
                            "name": "Naloxone Distribution",
                            "abbreviation": "",
                            "description": "Reverses overdoses.",
                        },
                    ]
                ),
            },
        ),
        (
            "organisation_directory",
            {
                "heading": "Resources",
                "intro": "",
                "organisations": listblock([org.pk for org in organisations]),
                "service": str(service.pk),
                "region": "pa",
                "coverage": "",
            },
        ),
        (
            "callout",
            {"kind": "emergency", "title": "Overdose?", "body": rich_text("<p>Call 911.</p>")},
        ),
        ("sign_off", {"closing": "Best,", "signature": "The Mindful Recovery Hub Team"}),
    ]


@pytest.mark.django_db
class TestEditorsCreatePages(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = factories.article_index()
        self.home = self.index.get_parent().specific

    def test_page_tree_rules(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertAllowedSubpageTypes(ArticlePage, {})

    def test_create_home_page(self):
        # assertCanCreate expects a redirect to the parent's listing, but for the tree's root
        # Wagtail sends editors to the dashboard; check the outcome directly.
        root = Page.get_first_root_node()
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("pages", "homepage", root.pk)),
            nested_form_data(
                {
                    "title": "Second site",
                    "slug": "second",
                    "intro": rich_text("<p>Hi</p>"),
                    "action-publish": "action-publish",
                }
            ),
        )
        assert response.status_code == 302
        assert HomePage.objects.get(slug="second").live

    def test_create_article_index(self):
        self.assertCanCreate(
            self.home,
            ArticleIndexPage,
            nested_form_data(
                {"title": "Guides", "slug": "guides", "intro": rich_text("<p>Guides.</p>")}
            ),
        )

    def test_create_article_with_every_block(self):
        naloxone = factories.service("naloxone-distribution")
        organisations = [factories.organisation("Org One"), factories.organisation("Org Two")]
        author = Author.objects.create(name="Damilola Amire")
        data = article_form(
            "Naloxone basics",
            realistic_body(organisations, naloxone),
            author=str(author.pk),
        )
        self.assertCanCreate(self.index, ArticlePage, data)

        page = ArticlePage.objects.get(slug="naloxone-basics")
        assert page.live
        assert page.author == author
        assert [child.block_type for child in page.body] == [
            "heading",
            "paragraph",
            "quiz",
            "discussion_prompt",
            "programme_list",
            "organisation_directory",
            "callout",
            "sign_off",
        ]
        directory = page.body[5].value
        assert [org.pk for org in directory["organisations"]] == [o.pk for o in organisations]
        assert directory["region"] == "PA"  # normalised by the block's clean()
        questions = page.body[2].value["questions"]
        assert all(child.id for child in questions.bound_blocks)
        assert sorted(tag.name for tag in page.tags.all()) == ["naloxone", "overdose"]


QUIZ_CASES = [
    (
        "fewer than two choices",
        [question("Q?", "single_choice", [choice("Only", correct=True)])],
        None,
        "at least two choices",
    ),
    (
        "no correct choice",
        [question("Q?", "single_choice", [choice("A"), choice("B")])],
        None,
        "Mark the correct choice",
    ),
    (
        "two correct in single choice",
        [question("Q?", "single_choice", [choice("A", True), choice("B", True)])],
        None,
        "Only one choice can be correct in a single-choice question",
    ),
    (
        "two correct in true/false",
        [question("Q?", "true_false", [choice("True", True), choice("False", True)])],
        None,
        "Only one choice can be correct in a true/false question",
    ),
    (
        "true/false with three choices",
        [question("Q?", "true_false", [choice("True", True), choice("False"), choice("Maybe")])],
        None,
        "exactly two choices",
    ),
    (
        "overlapping bands",
        [question("Q?", "true_false", [choice("True", True), choice("False")])],
        [band(0, 60), band(50, 100)],
        "overlap",
    ),
    (
        "gap between bands",
        [question("Q?", "true_false", [choice("True", True), choice("False")])],
        [band(0, 40), band(60, 100)],
        "No band covers 41–59 %",
    ),
    (
        "bands not reaching 100",
        [question("Q?", "true_false", [choice("True", True), choice("False")])],
        [band(0, 90)],
        "must end at 100 %",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "questions", "bands", "message"), QUIZ_CASES)
def test_admin_refuses_invalid_quiz_with_a_clear_message(
    admin_client, case, questions, bands, message
):
    index = factories.article_index()
    data = article_form("Bad quiz", [("quiz", quiz(questions, bands))])
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("pages", "articlepage", index.pk)),
        {**data, "action-publish": "action-publish"},
    )
    assert response.status_code == 200, case
    assert not ArticlePage.objects.filter(slug="bad-quiz").exists()
    # Block errors travel to the editor's StreamField widget as JSON.
    content = response.content.decode()
    assert message in content or json.dumps(message)[1:-1] in content, case


@pytest.mark.django_db
def test_admin_refuses_an_empty_directory_block(admin_client):
    index = factories.article_index()
    data = article_form(
        "Empty directory",
        [
            (
                "organisation_directory",
                {
                    "heading": "",
                    "intro": "",
                    "organisations": listblock([]),
                    "service": "",
                    "region": "",
                    "coverage": "",
                },
            )
        ],
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("pages", "articlepage", index.pk)),
        {**data, "action-publish": "action-publish"},
    )
    assert response.status_code == 200
    assert "Choose at least one organisation" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="empty-directory").exists()


@pytest.mark.django_db
def test_seed_article_opens_in_the_editor(demo, admin_client):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(demo.pk,)))
    assert response.status_code == 200
    assert "Practical Ways Harm Reduction Techniques Make a Difference" in response.content.decode()
