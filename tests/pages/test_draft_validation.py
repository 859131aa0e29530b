"""Editors never lose work on "Save draft": incomplete blocks save as drafts, publishing names
the missing fields.

Wagtail defers required checks on draft saves, autosave and previews; every article body block
must then accept whatever is half typed. The cases are generated from the block definitions
(ArticleBodyBlock's children, recursively), so a new block is covered as soon as it is added:
for each block, every field empty, each field alone filled in, and each field alone left
empty. Each case goes through the admin's edit view twice: "Save draft" keeps exactly what was
typed; "Publish" answers the form with an error on each empty required field.
"""

import itertools
import json
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.test.utils.form_data import rich_text

from pages.blocks import ArticleBodyBlock
from pages.models import ArticlePage
from snippets.models import CrisisLine, Organisation, Service
from tests import factories
from tests.pages.admin_forms import article_form, band, valid_quiz

pytestmark = pytest.mark.django_db

# What a filled-in sample needs beyond the generic one, by (struct block class, child name),
# so that the fully filled block publishes: a quiz question needs two choices, and with both
# ticked correct it must be multiple choice; one result band covers 0–100 %.
LIST_LENGTHS = {("QuizQuestionBlock", "choices"): 2}
SAMPLE_VALUES = {
    ("QuizQuestionBlock", "kind"): "multiple_choice",
    ("QuizResultBandBlock", "min_percent"): 0,
    ("QuizResultBandBlock", "max_percent"): 100,
    ("OrganisationDirectoryBlock", "region"): "PA",  # clean() upper-cases it
}
TYPED_TEXT = "Typed"


@dataclass(frozen=True)
class Leaf:
    """One field an editor fills in: where it is in the block, what they type, what is stored."""

    path: tuple
    block: blocks.Block
    typed: object  # the form value
    stored: object  # the value in the revision's JSON
    blank_typed: object = ""
    blank_stored: tuple = (None, "", False)

    @property
    def required(self) -> bool:
        return bool(getattr(self.block, "required", False))

    def keeps(self, stored) -> bool:
        if isinstance(self.block, blocks.RichTextBlock):
            return TYPED_TEXT in (stored or "")
        return stored == self.stored


class Fixtures:
    """The objects chooser fields point at, created on demand."""

    def __init__(self):
        self.counter = itertools.count(1)

    def text(self, block) -> str:
        max_length = getattr(block.field, "max_length", None) or 50
        return f"{TYPED_TEXT} {next(self.counter)}"[:max_length]

    def image(self) -> int:
        image = Image.objects.first() or Image.objects.create(
            title="Kit", file=get_test_image_file()
        )
        return image.pk

    def snippet(self, model) -> int:
        number = next(self.counter)
        if model is Organisation:
            return factories.organisation(f"Organisation {number}").pk
        if model is Service:
            return factories.service(f"service-{number}").pk
        if model is CrisisLine:
            line = CrisisLine(name=f"Crisis line {number}", phone="988", hours="24/7")
            line.save()
            line.save_revision().publish()
            return line.pk
        raise AssertionError(f"Give tests/pages/test_draft_validation.py a sample {model}.")


class DryFixtures(Fixtures):
    """Sample shapes without a database, for collecting the cases."""

    def image(self):
        return 0

    def snippet(self, model):
        return 0


def leaf_sample(block, path, parent, name, fixtures) -> Leaf:
    override = SAMPLE_VALUES.get((type(parent).__name__, name))
    if isinstance(block, blocks.RichTextBlock):
        # An empty Draftail editor posts "null".
        return Leaf(path, block, rich_text(f"<p>{TYPED_TEXT}</p>"), None, "null")
    if isinstance(block, blocks.BooleanBlock):
        return Leaf(path, block, "on", True)
    if isinstance(block, blocks.IntegerBlock):
        number = override if override is not None else (block.field.min_value or 0)
        return Leaf(path, block, str(number), number)
    if isinstance(block, blocks.ChoiceBlock):
        choice = override or next(key for key, _label in block.field.choices if key)
        return Leaf(path, block, choice, choice)
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        text = override or fixtures.text(block)
        return Leaf(path, block, text, text)
    if isinstance(block, ImageChooserBlock):
        pk = fixtures.image()
        return Leaf(path, block, str(pk), pk)
    if isinstance(block, SnippetChooserBlock):
        pk = fixtures.snippet(block.target_model)
        return Leaf(path, block, str(pk), pk)
    raise AssertionError(
        f"No sample value for a {type(block).__name__} at {path}: add one to leaf_sample()."
    )


def sample(block, fixtures, path=(), parent=None, name=None, lists=None):
    """A filled-in value of ``block`` whose form publishes, as a tree (dicts for structs,
    lists for lists, a Leaf per field), and the (path, ListBlock) of every list in it."""
    lists = [] if lists is None else lists
    if isinstance(block, blocks.StructBlock):
        tree = {
            child_name: sample(child, fixtures, (*path, child_name), block, child_name, lists)[0]
            for child_name, child in block.child_blocks.items()
        }
    elif isinstance(block, blocks.ListBlock):
        lists.append((path, block))
        length = LIST_LENGTHS.get((type(parent).__name__, name), max(block.meta.min_num or 1, 1))
        tree = [
            sample(block.child_block, fixtures, (*path, index), None, None, lists)[0]
            for index in range(length)
        ]
    else:
        tree = leaf_sample(block, path, parent, name, fixtures)
    return tree, lists


def leaves(tree) -> list[Leaf]:
    if isinstance(tree, dict):
        return [leaf for child in tree.values() for leaf in leaves(child)]
    if isinstance(tree, list):
        return [leaf for child in tree for leaf in leaves(child)]
    return [tree]


def form_value(tree, filled: set, empty_lists: bool = False):
    """The block's form data with only the leaves in ``filled`` typed in."""
    if isinstance(tree, dict):
        return {name: form_value(child, filled, empty_lists) for name, child in tree.items()}
    if isinstance(tree, list):
        items = [] if empty_lists else [form_value(child, filled) for child in tree]
        data = {
            str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
            for index, value in enumerate(items)
        }
        data["count"] = str(len(items))
        return data
    return tree.typed if tree.path in filled else tree.blank_typed


def stored_at(raw, path):
    for step in path:
        raw = raw[step]["value"] if isinstance(step, int) else raw[step]
    return raw


def error_at(error, path):
    """The error a StreamField's error tree holds at ``path``, or None."""
    for step in path:
        children = getattr(error, "block_errors", None) or {}
        if step not in children:
            return None
        error = children[step]
    return error


@dataclass(frozen=True)
class Case:
    block_name: str
    label: str
    filled: frozenset
    empty_lists: bool = False

    def __str__(self):
        return f"{self.block_name}: {self.label}"


def cases_for(block_name, block) -> list[Case]:
    """Every field empty, each one alone filled in, each one alone left empty; lists emptied."""
    tree, lists = sample(block, DryFixtures())
    paths = [leaf.path for leaf in leaves(tree)]
    found = {frozenset(): "every field empty", frozenset(paths): "all filled"}
    for path in paths:
        label = "/".join(map(str, path)) or "value"
        found.setdefault(frozenset([path]), f"only {label} filled")
        found.setdefault(frozenset(paths) - {path}, f"all but {label} filled")
    cases = [Case(block_name, label, filled) for filled, label in found.items()]
    if lists:
        cases.append(Case(block_name, "lists emptied", frozenset(paths), empty_lists=True))
    return cases


CASES = [
    case
    for block_name, block in ArticleBodyBlock.base_blocks.items()
    for case in cases_for(block_name, block)
]


def post_edit(client, page, body, publish=False, **headers):
    data = article_form("Draft in progress", body, slug=page.slug)
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data, **headers)


def typed_case(case):
    """The case's sample tree, its lists, and the form value the editor posts."""
    tree, lists = sample(ArticleBodyBlock.base_blocks[case.block_name], Fixtures())
    return tree, lists, form_value(tree, case.filled, case.empty_lists)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_save_draft_keeps_what_was_typed(admin_client, case):
    page = factories.article("half-typed", title="Published title")
    tree, lists, value = typed_case(case)

    response = post_edit(admin_client, page, [(case.block_name, value)])

    assert response.status_code == 302, case
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Draft in progress"
    [saved] = draft.body.raw_data
    assert saved["type"] == case.block_name
    if case.empty_lists:
        for path, _list_block in lists:
            if not any(isinstance(step, int) for step in path):  # not inside an emptied list
                assert stored_at(saved["value"], path) == [], (case, path)
        return
    for leaf in leaves(tree):
        stored = stored_at(saved["value"], leaf.path)
        if leaf.path in case.filled:
            assert leaf.keeps(stored), (case, leaf.path, stored)
        else:
            assert stored in leaf.blank_stored, (case, leaf.path, stored)
    page.refresh_from_db()
    assert page.live and page.title == "Published title"  # the reader's version is untouched
    # Back in the editor, the block is there.
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200


@pytest.mark.parametrize("case", CASES, ids=str)
def test_publish_names_each_missing_field(admin_client, case):
    page = factories.article("half-typed", title="Published title")
    tree, lists, value = typed_case(case)

    response = post_edit(admin_client, page, [(case.block_name, value)], publish=True)

    page.refresh_from_db()
    if case.empty_lists:
        expected = [path for path, list_block in lists if list_block.meta.min_num]
    else:
        expected = [
            leaf.path for leaf in leaves(tree) if leaf.required and leaf.path not in case.filled
        ]
    if not expected and case.label == "all filled":
        assert response.status_code == 302, case  # the samples are complete
        assert page.title == "Draft in progress"
        return
    if not expected:
        # Only optional fields are empty: publishing may succeed, or a block rule (alt text,
        # an empty directory) answers the form; never a server error.
        assert response.status_code in (200, 302), case
        if response.status_code == 200:
            assert error_at(response.context["form"].errors.as_data()["body"][0], (0,)), case
        return
    assert response.status_code == 200, case
    assert page.title == "Published title"
    body_error = response.context["form"].errors.as_data()["body"][0]
    for path in expected:
        assert error_at(body_error, (0, *path)) is not None, (case, path)


def half_band_quiz(low, high) -> dict:
    value = valid_quiz()
    value["result_bands"] = {
        "0": {"value": band(low, high), "deleted": "", "order": "0", "id": ""},
        "count": "1",
    }
    return value


REPORTED = [
    ("min filled, max empty", 50, "", "max_percent"),
    ("max filled, min empty", "", 49, "min_percent"),
]


@pytest.mark.parametrize(("case", "low", "high", "missing"), REPORTED)
def test_quiz_band_with_one_number_saves_as_draft(admin_client, case, low, high, missing):
    """The reported case: one number of a result band typed, then "Save draft"."""
    page = factories.article("quiz-draft", [("quiz", factories.quiz_value())])

    response = post_edit(admin_client, page, [("quiz", half_band_quiz(low, high))])

    assert response.status_code == 302, case
    page.refresh_from_db()
    [quiz] = page.get_latest_revision_as_object().body.raw_data
    [saved_band] = quiz["value"]["result_bands"]
    assert saved_band["value"]["min_percent"] == (low if low != "" else None)
    assert saved_band["value"]["max_percent"] == (high if high != "" else None)
    assert len(quiz["value"]["questions"]) == 2  # the rest of the quiz is kept too


@pytest.mark.parametrize(("case", "low", "high", "missing"), REPORTED)
def test_quiz_band_with_one_number_does_not_publish(admin_client, case, low, high, missing):
    page = factories.article("quiz-draft", [("quiz", factories.quiz_value())])

    response = post_edit(admin_client, page, [("quiz", half_band_quiz(low, high))], publish=True)

    assert response.status_code == 200, case
    body_error = response.context["form"].errors.as_data()["body"][0]
    error = error_at(body_error, (0, "result_bands", 0, missing))
    assert error is not None and "This field is required." in error.messages, case
    assert "This field is required." in response.content.decode()


def test_autosave_keeps_a_half_filled_band(admin_client):
    """Autosave posts the edit form asking for JSON; it must save the draft, not fail."""
    page = factories.article("autosaved", [("quiz", factories.quiz_value())])

    response = post_edit(
        admin_client, page, [("quiz", half_band_quiz(50, ""))], HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is True
    revision = page.revisions.get(pk=answer["revision_id"])
    [quiz] = revision.as_object().body.raw_data
    assert quiz["value"]["result_bands"][0]["value"]["min_percent"] == 50


def test_draft_with_contradicting_bands_is_refused_with_an_error(admin_client):
    """Deferral is for missing values only: bands that overlap are an error on a draft too,
    answered as a field error (the form keeps what was typed), and to autosave as JSON."""
    page = factories.article("overlap", [("quiz", factories.quiz_value())])
    value = valid_quiz()
    value["result_bands"] = {
        "0": {"value": band(0, 60), "deleted": "", "order": "0", "id": ""},
        "1": {"value": band(50, ""), "deleted": "", "order": "1", "id": ""},
        "2": {"value": band(40, 100), "deleted": "", "order": "2", "id": ""},
        "count": "3",
    }

    response = post_edit(admin_client, page, [("quiz", value)])
    assert response.status_code == 200
    assert "overlap" in response.content.decode()

    response = post_edit(admin_client, page, [("quiz", value)], HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"


PREVIEW_BODY = """
query($token: String!) {
  article(token: $token) {
    title
    body {
      blockType
      ... on HeadingBlock { text level }
      ... on FigureBlock { altText image { id } }
      ... on QuizBlock { title questions { prompt kind choices { text } } }
      ... on DiscussionPromptBlock { question }
      ... on ProgrammeListBlock { programmes { name } }
      ... on OrganisationDirectoryBlock { organisations { name } }
      ... on CalloutBlock { kind body }
      ... on SignOffBlock { signature }
    }
  }
}
"""


def test_incomplete_draft_previews_in_the_admin_and_through_the_api(admin_client, client):
    """Preview defers required checks like a draft save: a draft with every block empty and a
    half-filled band renders in the admin's preview and answers through /graphql/."""
    page = factories.article("previewed")
    body = []
    for block_name, block in ArticleBodyBlock.base_blocks.items():
        tree, _lists = sample(block, Fixtures())
        body.append((block_name, form_value(tree, frozenset())))
    body.append(("quiz", half_band_quiz(50, "")))
    body.append(("heading", {"text": "Complete heading", "level": "h2"}))
    body.append(("quiz", valid_quiz()))
    data = article_form("Draft preview", body, slug="previewed")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))

    assert admin_client.post(preview_url, data).json()["is_valid"] is True
    assert admin_client.get(preview_url).status_code == 200
    html = admin_client.get(preview_url, {"mode": "frontend"}).content.decode()
    src = html.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    token = parse_qs(urlparse(src).query)["token"][0]

    response = client.post(
        "/graphql/",
        json.dumps({"query": PREVIEW_BODY, "variables": {"token": token}}),
        content_type="application/json",
    )
    answer = response.json()
    assert "errors" not in answer, answer["errors"]
    article = answer["data"]["article"]
    assert article["title"] == "Draft preview"
    # Blocks still being filled in are left out of the API's preview: its types promise their
    # required fields. The admin's own preview above shows them.
    assert [block["blockType"] for block in article["body"]] == ["HeadingBlock", "QuizBlock"]
    assert article["body"][0] == {
        "blockType": "HeadingBlock",
        "text": "Complete heading",
        "level": "H2",
    }
    assert ArticlePage.objects.get(pk=page.pk).live
