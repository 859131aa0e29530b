"""The seed article through /graphql/: every block typed, nothing secret, nothing unpublished."""

import json
import re

import pytest
from wagtail.models import PageViewRestriction

from tests import factories
from tests.api.queries import ARTICLE

SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"

pytestmark = pytest.mark.django_db


def blocks_of(article: dict, block_type: str) -> list[dict]:
    found = [block for block in article["body"] if block["blockType"] == block_type]
    assert found, f"no {block_type} in the article"
    return found


def test_article_has_page_fields_author_and_dates(demo, gql):
    article = gql(ARTICLE, {"slug": SLUG})["data"]["article"]

    assert article["title"] == "Practical Ways Harm Reduction Techniques Make a Difference"
    assert article["slug"] == SLUG
    assert article["url"].endswith(f"/articles/{SLUG}/")
    assert article["author"]["name"] == "Damilola Amire"
    assert article["greeting"] == "Hello, Mindful Recovery Hub community!"
    assert article["intro"].startswith("<p>In case you need a quick refresher")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["publicationDate"])
    # ISO 8601 datetimes, not Python's str() of a datetime.
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}.*", article["firstPublishedAt"])
    assert article["commentsEnabled"] is True
    assert article["reactionsEnabled"] is True
    assert article["tags"]


def test_article_body_follows_the_seed(demo, gql):
    article = gql(ARTICLE, {"slug": SLUG})["data"]["article"]

    headings = [block["text"] for block in blocks_of(article, "HeadingBlock")]
    for heading in (
        "Harm Reduction vs. Abstinence",
        "How Harm Reduction Helps Addiction Recovery",
        "Harm Reduction Programs",
    ):
        assert heading in headings
    assert {block["level"] for block in blocks_of(article, "HeadingBlock")} <= {"H2", "H3", "H4"}

    (quiz,) = blocks_of(article, "QuizBlock")
    assert quiz["title"].startswith("Test Your Harm Reduction Knowledge")
    first, second = quiz["questions"]
    assert first["prompt"] == "Harm reduction is only about illegal drug use."
    assert first["kind"] == "TRUE_FALSE"
    assert [choice["text"] for choice in first["choices"]] == ["True", "False"]
    assert second["prompt"] == "Which of these is an example of a harm reduction strategy?"
    assert second["kind"] == "SINGLE_CHOICE"
    assert "Naloxone distribution" in [choice["text"] for choice in second["choices"]]
    ids = [first["id"], second["id"]] + [c["id"] for q in (first, second) for c in q["choices"]]
    assert all(ids) and len(set(ids)) == len(ids)

    (prompt,) = blocks_of(article, "DiscussionPromptBlock")
    assert prompt["question"].startswith("Do you think harm reduction could be a helpful approach")

    (programmes,) = blocks_of(article, "ProgrammeListBlock")
    names = [(p["name"], p["abbreviation"]) for p in programmes["programmes"]]
    assert names[0] == ("Needle Exchange Programs", "NEPs")
    assert [name for name, _ in names[1:]] == [
        "Supervised Consumption Sites",
        "Naloxone Distribution",
        "Educational Programs",
    ]

    (sign_off,) = blocks_of(article, "SignOffBlock")
    assert sign_off == {
        **sign_off,
        "closing": "Best,",
        "signature": "The Mindful Recovery Hub Team",
    }
    paragraphs = blocks_of(article, "ParagraphBlock")
    assert all(block["value"].startswith("<p>") for block in paragraphs)
    assert any("Harm reduction is not anti-abstinence" in block["value"] for block in paragraphs)
    # blockType names the GraphQL type, so frontends can switch on either.
    assert all(block["__typename"] == block["blockType"] for block in article["body"])


def test_directory_block_resolves_organisations_with_contact_details(demo, gql):
    article = gql(ARTICLE, {"slug": SLUG})["data"]["article"]
    (directory,) = blocks_of(article, "OrganisationDirectoryBlock")
    organisations = {org["name"]: org for org in directory["organisations"]}

    assert len(directory["organisations"]) == 7
    assert directory["organisations"][0]["name"] == "National Harm Reduction Coalition"
    nhrc = organisations["National Harm Reduction Coalition"]
    assert nhrc["phone"] == "+12122136376"
    assert nhrc["phoneDisplay"] == "(212) 213-6376"
    assert nhrc["email"] == "info@harmreduction.org"
    assert nhrc["coverage"] == "NATIONAL"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", nhrc["lastVerified"])
    next_distro = organisations["Next Distro"]
    assert next_distro["phone"] == next_distro["email"] == ""
    assert next_distro["contactNote"] == "Email through website contact form"
    ppp = organisations["Prevention Point Philadelphia"]
    assert (ppp["address"], ppp["city"], ppp["region"], ppp["country"]) == (
        "2913-15 Kensington Avenue",
        "Philadelphia",
        "PA",
        "US",
    )
    assert {"wound-care", "housing-assistance", "case-management"} <= {
        service["slug"] for service in ppp["services"]
    }


def test_answer_key_is_nowhere_in_the_public_api(demo, gql):
    query = """
    query($slug: String!) {
      article(slug: $slug) { body { rawValue ... on QuizBlock { rawValue } } }
      route(path: "/articles/practical-ways-harm-reduction-techniques-make-a-difference/") {
        ... on ArticlePage { body { rawValue } }
      }
    }
    """
    data = gql(query, {"slug": SLUG})["data"]
    assert data["route"]["body"] == data["article"]["body"]  # both paths serve the quiz
    body = json.dumps(data)
    assert "is_correct" not in body
    assert "isCorrect" not in body
    assert "explanation" not in body
    quiz = demo.body[[child.block_type for child in demo.body].index("quiz")].value
    for question in quiz["questions"]:
        assert question["explanation"] not in body
    # ... and not in the schema either: there is no field to ask for it.
    schema = gql(
        '{ a: __type(name: "QuizChoice") { fields { name } } '
        'b: __type(name: "QuizQuestion") { fields { name } } '
        'c: __type(name: "QuizBlock") { fields { name } } }'
    )["data"]
    names = {field["name"] for type_ in schema.values() for field in type_["fields"]}
    assert not names & {"isCorrect", "explanation", "resultBands", "blocks"}


def test_unknown_slug_is_null_and_unknown_locale_is_a_clear_error(demo, gql):
    assert gql(ARTICLE, {"slug": "no-such-article"})["data"]["article"] is None
    body = gql(ARTICLE, {"slug": SLUG, "locale": "xx"}, errors=True)
    assert "Unknown locale 'xx'" in body["errors"][0]["message"]
    assert "en, es" in body["errors"][0]["message"]


def test_draft_article_is_never_returned(demo, gql):
    factories.article("draft-article", publish=False)
    assert gql(ARTICLE, {"slug": "draft-article"})["data"]["article"] is None
    route = '{ route(path: "/articles/draft-article/") { id } }'
    assert gql(route)["data"]["route"] is None


def test_unpublished_changes_are_not_served(demo, gql):
    demo.title = "Draft title"
    demo.save_revision()
    article = gql(ARTICLE, {"slug": SLUG})["data"]["article"]
    assert article["title"] == "Practical Ways Harm Reduction Techniques Make a Difference"


def test_private_article_is_never_returned(demo, gql):
    page = factories.article("members-only")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert gql(ARTICLE, {"slug": "members-only"})["data"]["article"] is None
    assert gql('{ route(path: "/articles/members-only/") { id } }')["data"]["route"] is None


def test_article_in_another_locale_is_not_returned_for_the_default(demo, gql):
    assert gql(ARTICLE, {"slug": SLUG, "locale": "es"})["data"]["article"] is None
    assert gql(ARTICLE, {"slug": SLUG, "locale": "en"})["data"]["article"]["slug"] == SLUG
