"""Graphene types for the parts of body blocks that grapple cannot describe on its own."""

import graphene
from grapple.registry import registry
from wagtail.blocks.list_block import ListValue

from cms.ids import scoped

_PAGE_ID = "graphql_page_id"


def mark_body(body, page_id) -> None:
    """Note on each block of ``body`` (and on the lists inside a struct block's value, such as
    a quiz's questions) the page it belongs to, so that block, question and choice ids can be
    scoped to it (cms.ids)."""
    for child in body:
        setattr(child, _PAGE_ID, page_id)
        if isinstance(child.value, dict):
            for value in child.value.values():
                if isinstance(value, ListValue):
                    setattr(value, _PAGE_ID, page_id)


def page_id_of(block_or_value):
    """The page noted by :func:`mark_body`, or None for a block served outside a page."""
    return getattr(block_or_value, _PAGE_ID, None)


class HeadingLevel(graphene.Enum):
    """Outline level of a heading block."""

    H2 = "h2"
    H3 = "h3"
    H4 = "h4"


class CalloutKind(graphene.Enum):
    """How urgent a callout is: EMERGENCY is for crisis lines and overdose instructions."""

    INFO = "info"
    WARNING = "warning"
    EMERGENCY = "emergency"


class QuestionKind(graphene.Enum):
    """How a quiz question is answered: one choice (TRUE_FALSE, SINGLE_CHOICE) or several."""

    TRUE_FALSE = "true_false"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"


class QuizChoice(graphene.ObjectType):
    """A choice a reader can pick. Whether it is correct is only revealed by submitQuiz."""

    id = graphene.ID(required=True, description="Stable id, sent back in submitQuiz.")
    text = graphene.String(required=True)


class QuizQuestion(graphene.ObjectType):
    """A quiz question without its answer key or explanation."""

    id = graphene.ID(required=True, description="Stable id, sent back in submitQuiz.")
    prompt = graphene.String(required=True)
    kind = graphene.Field(QuestionKind, required=True)
    choices = graphene.List(graphene.NonNull(QuizChoice), required=True)

    @classmethod
    def from_bound_block(cls, child, page_id=None) -> "QuizQuestion":
        """Build from a ``ListChild`` of the quiz's questions (ids live on the bound blocks),
        with ids scoped to the page the quiz is on (cms.ids)."""
        return cls(
            id=scoped(page_id, child.id),
            prompt=child.value["prompt"],
            kind=child.value["kind"],
            choices=[
                QuizChoice(id=scoped(page_id, choice.id), text=choice.value["text"])
                for choice in child.value["choices"].bound_blocks
            ],
        )

    def as_public_dict(self) -> dict:
        return {
            "id": self.id,
            "prompt": self.prompt,
            "kind": self.kind,
            "choices": [{"id": choice.id, "text": choice.text} for choice in self.choices],
        }


class Programme(graphene.ObjectType):
    """A harm-reduction programme listed in an article."""

    name = graphene.String(required=True)
    abbreviation = graphene.String(required=True)
    description = graphene.String(required=True)


def organisation_type():
    from snippets.models import Organisation

    return registry.snippets[Organisation]


def crisis_line_type():
    from snippets.models import CrisisLine

    return registry.snippets[CrisisLine]


class TranslationLink(graphene.ObjectType):
    """Another language version of a page."""

    locale = graphene.String(required=True, description="Language code, e.g. “es”.")
    url = graphene.String(required=True, description="Its path, with the language prefix.")
    slug = graphene.String(required=True)
    title = graphene.String(required=True)


class TranslationStatus(graphene.ObjectType):
    """Whether this page is a translation, and whether it has caught up with its source."""

    is_translation = graphene.Boolean(required=True)
    source_locale = graphene.String(description="The source's language; null for a source.")
    up_to_date = graphene.Boolean(
        required=True,
        description="True when every string of the source is translated and the translation "
        "was published after the source's latest change. Always true for a source.",
    )
    source_updated_at = graphene.DateTime(
        description="When the source was last published; null for a source."
    )
