"""StreamField blocks for the article body.

Each block says what it is for (``Meta.description``), validates in ``clean()`` with a message an
editor can act on, and declares its public GraphQL fields in ``graphql_fields``. Blocks are
registered with :func:`register_block_type`, which gives each one a GraphQL type made of its
declared fields only: grapple's generic ``blocks`` escape hatch would otherwise expose every child
value, including the quiz's answer key.

Drafts may be incomplete. On "Save draft", autosave and preview Wagtail defers required checks
(``Block.defer_required_validation``: child blocks stop being required, so an empty number is
``None`` and an empty text ``""``). Our ``clean()`` methods follow the same rule: a check that
asks for something missing (a heading's text, a second choice, a band up to 100 %) waits for
publishing (``self.is_deferred_validation`` is true on a draft save); a check that contradicts
something present (two correct answers in a single-choice question, overlapping bands,
duplicates) applies to drafts too, on the values that are filled in. Either way the only
exception is a ``ValidationError`` with a field to show it on.
"""

import itertools
import json

import graphene
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.utils import ErrorList
from grapple.helpers import register_streamfield_block, streamfield_types
from grapple.models import GraphQLField, GraphQLImage, GraphQLRichText, GraphQLString
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from snippets.localisation import default_language_code
from snippets.models import Coverage

from . import graphql_types as types
from .directory import directory_organisations, with_unpublished_choices
from .safety import block_crisis_lines, served_locale

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class PublicStructBlock(blocks.StructBlock):
    """A struct block whose GraphQL ``rawValue`` is its stored JSON (override to hide parts)."""

    def graphql_raw_value(self, info, values, **kwargs) -> str:
        return json.dumps(self.get_prep_value(values), cls=DjangoJSONEncoder)


def register_block_type(cls):
    """Register ``cls`` with grapple as a type of its declared ``graphql_fields`` only."""
    # grapple's own rawValue resolver hands a StructValue (a dict) to a String field and fails
    # (https://github.com/torchbox/wagtail-grapple/issues/349).
    cls.graphql_fields = [
        *cls.graphql_fields,
        GraphQLString(
            "raw_value",
            required=True,
            source="graphql_raw_value",
            description="The block's value as JSON.",
        ),
    ]
    register_streamfield_block(cls)
    # grapple bases a StructBlock subclass's type on its generic StructBlock type, whose
    # ``blocks`` field returns every child with its raw value. Ours expose declared fields only.
    streamfield_types[-1]["base_type"] = graphene.ObjectType
    return cls


def _list_errors(message: str, code: str) -> ListBlockValidationError:
    return ListBlockValidationError(non_block_errors=ErrorList([ValidationError(message, code)]))


@register_block_type
class HeadingBlock(PublicStructBlock):
    """A section heading; the level keeps the page outline accessible."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)"), ("h4", "Minor (h4)")],
        default="h2",
    )

    graphql_fields = [
        GraphQLString("text", required=True),
        GraphQLField("level", types.HeadingLevel, required=True),
    ]

    class Meta:
        icon = "title"
        template = "pages/blocks/heading_block.html"
        description = "A heading that starts a section, e.g. “Harm Reduction vs. Abstinence”."

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation and not (value["text"] or "").strip():
            raise StructBlockValidationError(
                {"text": ValidationError("Write the heading text.", code="required")}
            )
        return value


@register_streamfield_block
class ParagraphBlock(blocks.RichTextBlock):
    """Running text. Exposed as ``value``: HTML with internal links resolved to real URLs."""

    graphql_fields = []

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        description = "Paragraphs of text with bold, italics, links and lists."


@register_block_type
class FigureBlock(PublicStructBlock):
    """An illustration with the alternative text that screen-reader users hear."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        default="",
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        default=False,
        help_text="Tick only if the image adds nothing to the text; it then needs no alt text.",
    )
    caption = blocks.CharBlock(required=False, default="", max_length=250)

    graphql_fields = [
        GraphQLImage("image", required=True),
        GraphQLString("alt_text", required=True),
        GraphQLField("decorative", graphene.Boolean, required=True),
        GraphQLString("caption", required=True),
    ]

    class Meta:
        icon = "image"
        template = "pages/blocks/figure_block.html"
        description = "An image with alternative text and an optional caption."

    def clean(self, value):
        value = super().clean(value)
        if (
            not self.is_deferred_validation
            and not value["decorative"]
            and not (value["alt_text"] or "").strip()
        ):
            raise StructBlockValidationError(
                {
                    "alt_text": ValidationError(
                        "Add alternative text, or tick “decorative” if the image adds nothing "
                        "to the text.",
                        code="required",
                    )
                }
            )
        return value


class QuizChoiceBlock(blocks.StructBlock):
    """One answer a reader can pick."""

    text = blocks.CharBlock(max_length=255)
    is_correct = blocks.BooleanBlock(required=False, default=False, label="Correct answer")

    class Meta:
        icon = "radio-full"


class QuizQuestionBlock(blocks.StructBlock):
    """A quiz question with its choices and the explanation shown after answering."""

    prompt = blocks.CharBlock(max_length=500)
    kind = blocks.ChoiceBlock(
        choices=[
            ("true_false", "True or false"),
            ("single_choice", "Single choice"),
            ("multiple_choice", "Multiple choice"),
        ],
        default="single_choice",
    )
    choices = blocks.ListBlock(QuizChoiceBlock())
    explanation = blocks.TextBlock(
        help_text="Shown after the reader answers; explain why the correct answer is correct."
    )

    class Meta:
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        choices = list(value["choices"])
        correct = [choice for choice in choices if choice["is_correct"]]
        kind = value["kind"]
        complete = not self.is_deferred_validation
        message = None
        if len(choices) < 2:
            if complete:
                message = "Give this question at least two choices."
        elif kind == "true_false" and len(choices) != 2:
            message = "A true/false question needs exactly two choices: “True” and “False”."
        elif not correct:
            if complete:
                message = "Mark the correct choice (tick “Correct answer” on at least one)."
        elif kind in ("true_false", "single_choice") and len(correct) > 1:
            label = "true/false" if kind == "true_false" else "single-choice"
            message = (
                f"Only one choice can be correct in a {label} question. "
                "Untick the others, or make it a multiple-choice question."
            )
        # Blank choices are a draft's unfinished ones (on publish their text is required).
        texts = [text for choice in choices if (text := (choice["text"] or "").strip().lower())]
        if message is None and len(set(texts)) != len(texts):
            message = "Two choices have the same text; readers could not tell them apart."
        if message:
            raise StructBlockValidationError({"choices": _list_errors(message, "invalid_choices")})
        return value


class QuizResultBandBlock(blocks.StructBlock):
    """The message shown for scores within a range of percentages."""

    min_percent = blocks.IntegerBlock(min_value=0, max_value=100, label="From %")
    max_percent = blocks.IntegerBlock(min_value=0, max_value=100, label="To %")
    message = blocks.CharBlock(max_length=500)

    class Meta:
        icon = "order"


@register_block_type
class QuizBlock(PublicStructBlock):
    """An embedded quiz. Readers see the questions; answers are scored on the server.

    The answer key (which choice is correct) and the explanations never appear in the public
    content API; ``submitQuiz`` returns them after a reader answers.
    """

    title = blocks.CharBlock(max_length=200)
    intro = blocks.TextBlock(required=False, default="")
    questions = blocks.ListBlock(QuizQuestionBlock(), min_num=1)
    result_bands = blocks.ListBlock(
        QuizResultBandBlock(),
        required=False,
        default=[],
        help_text="Messages by score, from 0 % to 100 % without gaps or overlaps, "
        "e.g. 0–49, 50–99, 100.",
    )

    graphql_fields = [
        GraphQLString("title", required=True),
        GraphQLString("intro", required=True),
        GraphQLField(
            "questions",
            graphene.List(graphene.NonNull(types.QuizQuestion)),
            required=True,
            source="public_questions",
        ),
    ]

    class Meta:
        icon = "tasks"
        template = "pages/blocks/quiz_block.html"
        description = "A short quiz with true/false or multiple-choice questions and a score."

    def public_questions(self, info, values, **kwargs):
        return [
            types.QuizQuestion.from_bound_block(child, types.page_id_of(values["questions"]))
            for child in values["questions"].bound_blocks
        ]

    def graphql_raw_value(self, info, values, **kwargs):
        # The stored value holds the answer key: expose only what the quiz query shows.
        return json.dumps(
            {
                "title": values["title"],
                "intro": values["intro"],
                "questions": [
                    question.as_public_dict() for question in self.public_questions(info, values)
                ],
            }
        )

    def clean(self, value):
        value = super().clean(value)
        message = result_bands_problem(
            value["result_bands"], complete=not self.is_deferred_validation
        )
        if message:
            raise StructBlockValidationError(
                {"result_bands": _list_errors(message, "invalid_bands")}
            )
        return value


def result_bands_problem(bands, *, complete: bool = True) -> str | None:
    """What is wrong with a quiz's result bands, for the editor, or None.

    Bands are whole percentages, inclusive at both ends; together they must cover 0–100
    exactly once, so every score gets exactly one message. No bands at all is fine (a default
    message is used).

    A band with a number missing is left out (its empty field says what is missing). With
    ``complete`` false (a draft) only contradictions count: a band that ends before it starts,
    bands that overlap; coverage from 0 to 100 without gaps waits for publishing.
    """
    bands = sorted(
        (
            band
            for band in bands
            if band["min_percent"] is not None and band["max_percent"] is not None
        ),
        key=lambda band: band["min_percent"],
    )
    if not bands:
        return None
    for band in bands:
        if band["min_percent"] > band["max_percent"]:
            low, high = band["min_percent"], band["max_percent"]
            return f"The band {low}–{high} % ends before it starts; swap the two numbers."
    if complete and bands[0]["min_percent"] != 0:
        return f"The bands must start at 0 %; the lowest starts at {bands[0]['min_percent']} %."
    if complete and bands[-1]["max_percent"] != 100:
        return f"The bands must end at 100 %; the highest ends at {bands[-1]['max_percent']} %."
    for previous, band in itertools.pairwise(bands):
        if band["min_percent"] <= previous["max_percent"]:
            return (
                f"The bands {previous['min_percent']}–{previous['max_percent']} % and "
                f"{band['min_percent']}–{band['max_percent']} % overlap."
            )
        if complete and band["min_percent"] > previous["max_percent"] + 1:
            gap = f"{previous['max_percent'] + 1}–{band['min_percent'] - 1}"
            return f"No band covers {gap} %; close the gap."
    return None


@register_block_type
class DiscussionPromptBlock(PublicStructBlock):
    """A question that invites readers to answer in the comments."""

    question = blocks.CharBlock(max_length=300)
    invitation = blocks.CharBlock(
        max_length=300,
        required=False,
        default="Share your thoughts in the comments below!",
    )

    graphql_fields = [
        GraphQLString("question", required=True),
        GraphQLString("invitation", required=True),
    ]

    class Meta:
        icon = "openquote"
        template = "pages/blocks/discussion_prompt_block.html"
        description = "An interactive question that readers answer in the comments."


class ProgrammeBlock(blocks.StructBlock):
    """One programme: a name, its usual abbreviation, and what it does."""

    name = blocks.CharBlock(max_length=150)
    abbreviation = blocks.CharBlock(
        max_length=20, required=False, default="", help_text="e.g. NEPs"
    )
    description = blocks.TextBlock()

    class Meta:
        icon = "list-ul"


@register_block_type
class ProgrammeListBlock(PublicStructBlock):
    """A list of harm-reduction programmes (needle exchange, naloxone distribution, ...)."""

    heading = blocks.CharBlock(max_length=150, required=False, default="")
    intro = blocks.TextBlock(required=False, default="")
    programmes = blocks.ListBlock(ProgrammeBlock(), min_num=1)

    graphql_fields = [
        GraphQLString("heading", required=True),
        GraphQLString("intro", required=True),
        GraphQLField(
            "programmes",
            graphene.List(graphene.NonNull(types.Programme)),
            required=True,
            source="public_programmes",
        ),
    ]

    class Meta:
        icon = "list-ul"
        template = "pages/blocks/programme_list_block.html"
        description = "Programmes, each with a name, an abbreviation and a description."

    def public_programmes(self, info, values, **kwargs):
        return list(values["programmes"])

    def clean(self, value):
        value = super().clean(value)
        # Blank names are a draft's unfinished programmes (on publish the name is required).
        names = [
            name
            for programme in value["programmes"]
            if (name := (programme["name"] or "").strip().lower())
        ]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise StructBlockValidationError(
                {
                    "programmes": _list_errors(
                        f"“{duplicates[0]}” is listed twice; remove one.", "duplicate"
                    )
                }
            )
        return value


@register_block_type
class OrganisationDirectoryBlock(PublicStructBlock):
    """Organisations from the shared directory: chosen by hand and/or matched by a filter.

    Resolves to live organisations in the article's language, so a directory entry edited once
    updates every article that shows it. A chosen organisation that is not live is accepted (an
    article may be written before its directory entry is published): readers do not see it, the
    editor is warned on saving and publishing, and the preview shows it marked “Unpublished”.
    """

    heading = blocks.CharBlock(max_length=150, required=False, default="")
    intro = blocks.TextBlock(required=False, default="")
    organisations = blocks.ListBlock(
        SnippetChooserBlock("snippets.Organisation"),
        required=False,
        default=[],
        help_text="Shown in this order, before any organisations the filter adds.",
    )
    service = SnippetChooserBlock(
        "snippets.Service",
        required=False,
        help_text="Also list every live organisation offering this service.",
    )
    region = blocks.CharBlock(
        max_length=3,
        required=False,
        default="",
        help_text="Also filter by postal subdivision code, e.g. PA.",
    )
    coverage = blocks.ChoiceBlock(
        choices=Coverage.choices,
        required=False,
        default="",
        help_text="Also filter by how far services reach.",
    )

    graphql_fields = [
        GraphQLString("heading", required=True),
        GraphQLString("intro", required=True),
        GraphQLField(
            "organisations",
            graphene.List(graphene.NonNull(types.organisation_type)),
            required=True,
            source="public_organisations",
            description="Live organisations in the article's language: the chosen ones in "
            "order, then those matching the filter, by name.",
        ),
    ]

    class Meta:
        icon = "group"
        template = "pages/blocks/organisation_directory_block.html"
        description = "A directory of organisations with their contact details."

    def public_organisations(self, info, values, **kwargs):
        return directory_organisations(values)

    def get_searchable_content(self, value):
        """The heading, the intro and what the article shows of each organisation (name,
        description, services), so that the admin's search finds the article by it: an editor
        looking for “fentanyl” finds the article listing fentanyl test strips."""
        content = super().get_searchable_content(value)
        for organisation in directory_organisations(value):
            content += [organisation.name, organisation.description]
            content += [service.name for service in organisation.services.all()]
        return content

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        locale_id = page.locale_id if page is not None else None
        organisations = directory_organisations(value, locale_id)
        unpublished_ids = set()
        if getattr((parent_context or {}).get("request"), "is_preview", False):
            # Editors see what they chose, with what readers will not see marked.
            organisations, unpublished_ids = with_unpublished_choices(value, organisations)
        context["organisations"] = organisations
        context["unpublished_ids"] = unpublished_ids
        return context

    def clean(self, value):
        value = super().clean(value)
        value["region"] = (value["region"] or "").strip().upper()
        chosen = [organisation for organisation in value["organisations"] if organisation]
        has_filter = value["service"] or value["region"] or value["coverage"]
        if not chosen and not has_filter and not self.is_deferred_validation:
            raise StructBlockValidationError(
                non_block_errors=ErrorList(
                    [
                        ValidationError(
                            "Choose at least one organisation, or set a service, region or "
                            "coverage to list matching organisations.",
                            code="empty_directory",
                        )
                    ]
                )
            )
        ids = [organisation.pk for organisation in chosen]
        if len(set(ids)) != len(ids):
            raise StructBlockValidationError(
                {
                    "organisations": _list_errors(
                        "An organisation is chosen twice; remove one.", "duplicate"
                    )
                }
            )
        return value


class ServedLanguage:
    """GraphQL fields of a safety-critical block: the language it is served in, and whether
    it is the source's current version standing in for an outdated translation
    (pages/safety.py)."""

    @staticmethod
    def language_graphql_fields():
        return [
            GraphQLString(
                "locale",
                required=True,
                source="graphql_locale",
                description="Language code of this version of the block, e.g. “en”.",
            ),
            GraphQLField(
                "is_fallback",
                graphene.Boolean,
                required=True,
                source="graphql_is_fallback",
                description="True when the translation's version of this safety-critical block "
                "is older than its source's, and the source's current version (see `locale`) "
                "is served instead until a translator updates it.",
            ),
        ]

    # The child value that carries the marks (pages.safety.mark_served).
    served_carrier: str

    def graphql_locale(self, info, values, **kwargs) -> str:
        code, _fallback = served_locale(self, values)
        return code or default_language_code()

    def graphql_is_fallback(self, info, values, **kwargs) -> bool:
        return served_locale(self, values)[1]


@register_block_type
class CalloutBlock(ServedLanguage, PublicStructBlock):
    """A boxed note; ``emergency`` is for crisis lines and overdose instructions.

    One marked safety-critical is never served outdated in a translation (pages/safety.py)."""

    served_carrier = "body"

    kind = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("warning", "Warning"), ("emergency", "Emergency")],
        default="info",
    )
    title = blocks.CharBlock(max_length=150, required=False, default="")
    body = ParagraphBlock()
    safety_critical = blocks.BooleanBlock(
        required=False,
        default=False,
        help_text="Tick for instructions readers may act on in a crisis (overdose response, "
        "where to get help now). A translation that has not caught up with a change to this "
        "callout then shows this language's current version instead, marked as such.",
    )

    graphql_fields = [
        GraphQLField("kind", types.CalloutKind, required=True),
        GraphQLString("title", required=True),
        GraphQLRichText("body", required=True),
        GraphQLField(
            "safety_critical",
            graphene.Boolean,
            required=True,
            description="Marked by an editor as information readers may act on in a crisis: "
            "never served outdated in a translation.",
        ),
        *ServedLanguage.language_graphql_fields(),
    ]

    class Meta:
        icon = "warning"
        template = "pages/blocks/callout_block.html"
        description = "A highlighted box: information, a warning, or emergency instructions."


@register_block_type
class CrisisLinesBlock(ServedLanguage, PublicStructBlock):
    """Crisis lines from the shared list (snippets.CrisisLine), e.g. 988 and SAMHSA's
    National Helpline, with their numbers, hours and languages.

    Always safety-critical: served in the article's language only while its translation is
    current, each line likewise (pages/safety.py)."""

    served_carrier = "crisis_lines"

    heading = blocks.CharBlock(max_length=150, required=False, default="")
    intro = blocks.TextBlock(required=False, default="")
    crisis_lines = blocks.ListBlock(
        SnippetChooserBlock("snippets.CrisisLine"),
        min_num=1,
        help_text="Shown in this order; one that is not published is left out for readers.",
    )

    graphql_fields = [
        GraphQLString("heading", required=True),
        GraphQLString("intro", required=True),
        GraphQLField(
            "crisis_lines",
            graphene.List(graphene.NonNull(types.crisis_line_type)),
            required=True,
            source="public_crisis_lines",
            description="Live crisis lines in the block's language, in the editor's order; a "
            "line whose translation is behind its source is served in the source's language "
            "(`isFallback`).",
        ),
        *ServedLanguage.language_graphql_fields(),
    ]

    class Meta:
        icon = "warning"
        template = "pages/blocks/crisis_lines_block.html"
        description = "Crisis lines to call or text now, from the shared list."

    def public_crisis_lines(self, info, values, **kwargs):
        return block_crisis_lines(values)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        context["crisis_lines"] = block_crisis_lines(
            value, page.locale_id if page is not None else None
        )
        return context

    def clean(self, value):
        value = super().clean(value)
        ids = [line.pk for line in value["crisis_lines"] if line]
        if len(set(ids)) != len(ids):
            raise StructBlockValidationError(
                {
                    "crisis_lines": _list_errors(
                        "A crisis line is chosen twice; remove one.", "duplicate"
                    )
                }
            )
        return value


@register_block_type
class SignOffBlock(PublicStructBlock):
    """The closing of an article, e.g. “Best,” and “The Mindful Recovery Hub Team”."""

    closing = blocks.CharBlock(max_length=100, default="Best,")
    signature = blocks.CharBlock(max_length=150)

    graphql_fields = [
        GraphQLString("closing", required=True),
        GraphQLString("signature", required=True),
    ]

    class Meta:
        icon = "user"
        template = "pages/blocks/sign_off_block.html"
        description = "The closing line and signature at the end of an article."


def publishable_children(body) -> list:
    """The children of a stream (``StreamValue``) that would pass publishing's validation.

    Drafts may hold incomplete blocks (an image block without its image, a heading level not
    chosen yet); this keeps the ones a reader could be shown.
    """
    children = []
    for child in body:
        try:
            child.block.clean(child.value)
        except ValidationError:
            continue
        children.append(child)
    return children


class ArticleBodyBlock(blocks.StreamBlock):
    """The blocks an article body is built from."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    quiz = QuizBlock()
    discussion_prompt = DiscussionPromptBlock()
    programme_list = ProgrammeListBlock()
    organisation_directory = OrganisationDirectoryBlock()
    callout = CalloutBlock()
    crisis_lines = CrisisLinesBlock()
    sign_off = SignOffBlock()
