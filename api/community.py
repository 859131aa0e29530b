"""Reader participation in the API: approved comments and reactions on articles, and the
``postComment``, ``react`` and ``submitQuiz`` mutations.

Readers' email addresses and client hashes are in no type here: a comment exposes its id,
author name, body, date and approved replies, nothing else.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from enum import Enum as PyEnum

import graphene
from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from graphql import GraphQLError
from grapple.types.structures import PaginationType

from cms.batch import load_for
from community.directory_reports import report_problem
from community.models import Comment as CommentModel
from community.models import ReactionCount as ReactionCountModel
from community.models import ReactionKind as ReactionKindChoices
from community.quiz import submit_quiz
from community.services import ErrorCode as ErrorCodeChoices
from community.services import FieldError as FieldErrorData
from community.services import make_form_token, post_comment, react
from pages.models import ArticlePage
from snippets.models import Organisation
from snippets.models import ProblemKind as ProblemKindChoices

from .core.state import state_of
from .fields import (
    AFTER_ARG,
    BEFORE_ARG,
    Keyset,
    PageInfo,
    _type,
    page_bounds,
    paginated,
    with_cursors,
)

# Oldest first.
COMMENT_ORDER = Keyset("comments", CommentModel, ("created_at", "pk"))


def _enum(name: str, choices, description: str) -> type[graphene.Enum]:
    """A GraphQL enum from Django choices: values upper-cased, each described by its label."""
    labels = dict(choices.choices)
    python_enum = PyEnum(name, [(value.upper(), value) for value in choices.values])
    return graphene.Enum.from_enum(
        python_enum,
        description=lambda member: description if member is None else labels[member.value],
    )


ErrorCode = _enum(
    "ErrorCode",
    ErrorCodeChoices,
    "Why an input was refused. Mutations return these as data in `errors`, never as "
    "GraphQL errors.",
)
ReactionKind = _enum(
    "ReactionKind",
    ReactionKindChoices,
    "How a reader can react to an article. Chosen for people who use drugs and their "
    "families: supportive, never judgemental, and there is no negative reaction.",
)


DirectoryProblemKind = _enum(
    "DirectoryProblemKind",
    ProblemKindChoices,
    "What a reader found wrong with a directory entry.",
)


class CommentStatus(graphene.Enum):
    """What happened to a posted comment: PENDING awaits moderation and is not shown to
    readers until a moderator approves it; APPROVED is published on the article."""

    PENDING = "pending"
    APPROVED = "approved"


class FieldError(graphene.ObjectType):
    """A problem with the input, for the reader (``message``) and the program (``code``)."""

    field = graphene.String(
        description="The input field at fault (camelCase, e.g. `authorEmail`), or null when "
        "the problem is with the request as a whole."
    )
    message = graphene.String(required=True, description="Plain text to show the reader.")
    code = graphene.Field(ErrorCode, required=True)


def field_errors(errors: list[FieldErrorData]) -> list[FieldError]:
    # str(): Django's TextChoices members are Python enums that graphene would not match
    # (https://github.com/graphql-python/graphene-django/issues/1476).
    return [FieldError(field=e.field, message=e.message, code=str(e.code)) for e in errors]


class Comment(graphene.ObjectType):
    """A published reader comment. Authors' email addresses are never published."""

    id = graphene.ID(required=True)
    author_name = graphene.String(required=True)
    body = graphene.String(required=True, description="Plain text: no markup is ever stored.")
    created_at = graphene.DateTime(required=True)
    replies = graphene.List(
        graphene.NonNull(lambda: Comment),
        required=True,
        description="Approved replies, oldest first (replies have no replies).",
    )

    def resolve_replies(root: CommentModel, info):
        replies = getattr(root, "approved_replies", None)
        if replies is None:
            replies = root.replies.approved().order_by("created_at", "pk")
        return replies


class PaginatedComments(graphene.ObjectType):
    """One page of an article's approved comments, oldest first."""

    items = graphene.List(graphene.NonNull(Comment), required=True)
    pagination = graphene.Field(PaginationType, required=True)
    page_info = graphene.Field(PageInfo, required=True)


class ReactionCount(graphene.ObjectType):
    kind = graphene.Field(ReactionKind, required=True)
    label = graphene.String(required=True, description="Suggested text, e.g. “This helped me”.")
    count = graphene.Int(required=True)


def reaction_counts(counts: dict[str, int]) -> list[ReactionCount]:
    labels = dict(ReactionKindChoices.choices)
    return [
        ReactionCount(kind=kind, label=labels[kind], count=counts[kind])
        for kind in ReactionKindChoices.values
    ]


class ReaderParticipation(graphene.Interface):
    """Comments and reactions on an article."""

    comment_count = graphene.Int(required=True, description="Approved comments and replies.")
    comments = graphene.Field(
        graphene.NonNull(PaginatedComments),
        page=graphene.Int(description="1-based page number. Default 1."),
        per_page=graphene.Int(description="Comments per page, 1–100. Default 10."),
        after=AFTER_ARG,
        before=BEFORE_ARG,
        description="Approved top-level comments, oldest first, each with its approved replies.",
    )
    comment_form_token = graphene.String(
        required=True,
        description="Send back as `formToken` in postComment. Valid from a few seconds to a day "
        "after the article was loaded, for this article and one comment.",
    )
    reactions = graphene.List(
        graphene.NonNull(ReactionCount),
        required=True,
        description="Every reaction kind with its count (zero included).",
    )

    def resolve_comment_count(root, info):
        state_of(info.context).shows_article(root.pk)
        annotated = getattr(root, "approved_comment_count", None)
        if annotated is not None:
            return annotated
        return root.reader_comments.approved().count()

    def resolve_comments(root, info, page=None, per_page=None, after=None, before=None):
        state_of(info.context).shows_article(root.pk)
        if after is None and before is None:
            page, per_page = page_bounds(page, per_page)
            load = functools.partial(_comments, page=page, per_page=per_page)
        else:
            cursor = COMMENT_ORDER.beyond(after or before, forward=after is not None)
            if page is not None or (after is not None and before is not None):
                raise GraphQLError("Give one of `page`, `after` or `before`.")
            _first, per_page = page_bounds(1, per_page)
            load = functools.partial(
                _comments_by_cursor, per_page=per_page, cursor=cursor, forward=after is not None
            )
        # One load per page: aliases may ask for several pages of the same list.
        key = f"comments:{page}:{per_page}:{after}:{before}"
        return load_for(root, key, load)

    def resolve_comment_form_token(root, info):
        return make_form_token(root.pk)

    def resolve_reactions(root, info):
        state_of(info.context).shows_article(root.pk)
        return reaction_counts(load_for(root, "reactions", _reaction_counts))


def _top_level(articles: list):
    return CommentModel.objects.approved().filter(
        article_id__in=[article.pk for article in articles], parent__isnull=True
    )


def _counts(comments) -> dict[int, int]:
    counted = comments.order_by().values("article_id").annotate(total=Count("pk"))
    return dict(counted.values_list("article_id", "total"))


def _numbered_rows(comments, ordering, first: int, last: int, *, single: bool) -> dict[int, list]:
    """Each article's ``comments`` numbered ``first + 1`` to ``last`` in ``ordering``, with
    their approved replies: the database numbers them (one query, and one for replies). When
    they are all of one article (``single``: an article's page, the commonest read), a plain
    ``LIMIT``/``OFFSET`` gives the same rows without the window."""
    if single:
        rows = comments.order_by(*ordering)[first:last]
    else:
        numbered = comments.annotate(
            number=Window(RowNumber(), partition_by=F("article_id"), order_by=ordering)
        )
        rows = numbered.filter(number__gt=first, number__lte=last).order_by("article_id", "number")
    rows = rows.prefetch_related(
        Prefetch(
            "replies",
            queryset=CommentModel.objects.approved().order_by("created_at", "pk"),
            to_attr="approved_replies",
        )
    )
    by_article: dict[int, list] = defaultdict(list)
    for comment in rows:
        for reply in comment.approved_replies:
            reply.approved_replies = []  # replies have no replies
        by_article[comment.article_id].append(comment)
    return by_article


def _comments(articles: list, page: int, per_page: int) -> dict[int, dict]:
    """One page of approved top-level comments (with their approved replies) for each of
    ``articles``: three queries in all, numbering each article's comments in the database."""
    top_level = _top_level(articles)
    totals = _counts(top_level)
    order = [F("created_at"), F("pk")]
    by_article = _numbered_rows(
        top_level, order, (page - 1) * per_page, page * per_page, single=len(articles) == 1
    )
    return {
        article.pk: with_cursors(
            paginated(
                by_article[article.pk],
                per_page,
                PageInfo(
                    has_next_page=page * per_page < totals.get(article.pk, 0),
                    has_previous_page=page > 1,
                ),
                totals.get(article.pk, 0),
                page,
            ),
            COMMENT_ORDER,
        )
        for article in articles
    }


def _comments_by_cursor(articles: list, per_page: int, cursor, forward: bool) -> dict[int, dict]:
    """The page of each article's comments after (``forward``) or before a cursor: four
    queries in all, whatever the depth."""
    top_level = _top_level(articles)
    totals = _counts(top_level)
    # The comments before this page's first one (for its page number).
    earlier = _counts(top_level.exclude(cursor) if forward else top_level.filter(cursor))
    order = [F("created_at"), F("pk")] if forward else [F("created_at").desc(), F("pk").desc()]
    by_article = _numbered_rows(
        top_level.filter(cursor), order, 0, per_page + 1, single=len(articles) == 1
    )
    result = {}
    for article in articles:
        rows = by_article[article.pk]
        items = rows[:per_page] if forward else rows[:per_page][::-1]
        more = len(rows) > per_page
        skipped = earlier.get(article.pk, 0) - (0 if forward else len(items))
        page_info = PageInfo(
            has_next_page=more if forward else True,
            has_previous_page=True if forward else more,
        )
        result[article.pk] = with_cursors(
            paginated(
                items, per_page, page_info, totals.get(article.pk, 0), skipped // per_page + 1
            ),
            COMMENT_ORDER,
        )
    return result


def _reaction_counts(articles: list) -> dict[int, dict[str, int]]:
    return ReactionCountModel.counts_for([article.pk for article in articles])


class PostCommentInput(graphene.InputObjectType):
    article_id = graphene.ID(required=True)
    parent_id = graphene.ID(
        description="To reply: the id of an approved top-level comment on the same article."
    )
    author_name = graphene.String(required=True, description="1–100 characters; published.")
    author_email = graphene.String(
        required=True, description="Required, at most 254 characters; never published."
    )
    body = graphene.String(
        required=True, description="1–5,000 characters of plain text; any HTML is removed."
    )
    form_token = graphene.String(
        required=True, description="The article's `commentFormToken`, as loaded with the form."
    )
    website = graphene.String(
        description="Anti-spam trap: render a field named “website” that people cannot see or "
        "reach (off-screen, `tabindex=-1`, `autocomplete=off`) and send its value, which must "
        "be empty."
    )
    commenter_key = graphene.String(
        description="The `commenterKey` a previous postComment returned to this reader, if "
        "any. It is what makes a returning commenter trusted (the email is not): once a "
        "moderator approves one of their comments, later comments carrying the key are "
        "published at once. Send null when you have none."
    )


class PostCommentPayload(graphene.ObjectType):
    comment = graphene.Field(Comment, description="The comment as stored; null on errors.")
    status = graphene.Field(CommentStatus, description="Null on errors.")
    commenter_key = graphene.String(
        description="A new secret key for this reader, returned when the input carried no "
        "`commenterKey` or one this server does not know; null otherwise and on errors. Keep it "
        "on the reader's device only (e.g. local storage), never in a URL, log or analytics, "
        "and send it back as `commenterKey` with the reader's later comments."
    )
    article = graphene.Field(
        _type(ArticlePage),
        description="The article commented on, for a client cache to refresh "
        "(`commentCount`, `comments`: they change once the comment is published); null on "
        "errors.",
    )
    errors = graphene.List(graphene.NonNull(FieldError), required=True)


class PostComment(graphene.Mutation):
    """Post a comment or a reply. It waits for moderation (status PENDING) unless it carries a
    `commenterKey` of which a moderator approved a comment (and it has at most two links).
    The answer does not depend on the email address. Each `formToken` posts one comment
    (FORM_ALREADY_USED: load the form again). Limited per client address: one every 15
    seconds, five an hour (RATE_LIMITED); the same text twice on an article within an hour is
    DUPLICATE.
    """

    class Arguments:
        input = PostCommentInput(required=True)

    Output = PostCommentPayload

    def mutate(root, info, input):
        result = post_comment(
            info.context,
            article_id=input.article_id,
            parent_id=input.parent_id,
            author_name=input.author_name,
            author_email=input.author_email,
            body=input.body,
            form_token=input.form_token,
            honeypot=input.website or "",
            commenter_key=input.commenter_key,
        )
        return PostCommentPayload(
            comment=result.comment,
            article=result.comment.article if result.comment else None,
            status=str(result.public_status) if result.public_status else None,
            commenter_key=result.commenter_key,
            errors=field_errors(result.errors),
        )


class ReactPayload(graphene.ObjectType):
    reactions = graphene.List(
        graphene.NonNull(ReactionCount),
        required=True,
        description="The article's counts after this reaction (empty if the article is unknown).",
    )
    article = graphene.Field(
        _type(ArticlePage),
        description="The article with its `reactions` after this reaction, for a client cache "
        "to update (select `id` and `reactions`); null when the article is unknown.",
    )
    errors = graphene.List(graphene.NonNull(FieldError), required=True)


class React(graphene.Mutation):
    """Add one reaction to an article. Anonymous: only counts are kept. Limited per client
    address (30 an hour by default: RATE_LIMITED)."""

    class Arguments:
        article_id = graphene.ID(required=True)
        kind = ReactionKind(required=True)

    Output = ReactPayload

    def mutate(root, info, article_id, kind):
        result = react(info.context, article_id=article_id, kind=kind.value)
        return ReactPayload(
            reactions=reaction_counts(result.counts) if result.counts else [],
            article=result.article,
            errors=field_errors(result.errors),
        )


class QuizAnswer(graphene.InputObjectType):
    question_id = graphene.ID(required=True, description="A question id from the quiz block.")
    choice_ids = graphene.List(
        graphene.NonNull(graphene.ID),
        required=True,
        description="The chosen choice ids (one for TRUE_FALSE and SINGLE_CHOICE questions); "
        "empty when the question was skipped.",
    )


class SubmitQuizInput(graphene.InputObjectType):
    article_id = graphene.ID(required=True)
    quiz_id = graphene.ID(required=True, description="The quiz block's `id`.")
    answers = graphene.List(graphene.NonNull(QuizAnswer), required=True)


class QuestionResult(graphene.ObjectType):
    question_id = graphene.ID(required=True)
    correct = graphene.Boolean(
        required=True,
        description="TRUE_FALSE and SINGLE_CHOICE: the one chosen choice is the correct one. "
        "MULTIPLE_CHOICE: the chosen choices are exactly the correct ones. Unanswered: false.",
    )
    correct_choice_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)
    explanation = graphene.String(required=True)


class SubmitQuizPayload(graphene.ObjectType):
    score = graphene.Int(description="Questions answered correctly; null on errors.")
    max_score = graphene.Int(description="Questions in the quiz; null on errors.")
    percent = graphene.Int(description="score × 100 ÷ maxScore, rounded down; null on errors.")
    message = graphene.String(description="The quiz's message for this percentage.")
    questions = graphene.List(
        graphene.NonNull(QuestionResult),
        required=True,
        description="Every question of the quiz, answered or not, in the quiz's order.",
    )
    errors = graphene.List(graphene.NonNull(FieldError), required=True)


class SubmitQuiz(graphene.Mutation):
    """Score a reader's answers on the server against the published quiz, and count them in the
    quiz's anonymous tallies. Nothing is counted when there are errors. Limited per client
    address (30 an hour by default: RATE_LIMITED)."""

    class Arguments:
        input = SubmitQuizInput(required=True)

    Output = SubmitQuizPayload

    def mutate(root, info, input):
        result = submit_quiz(
            info.context,
            article_id=input.article_id,
            quiz_id=input.quiz_id,
            answers=[
                {"question_id": answer.question_id, "choice_ids": answer.choice_ids}
                for answer in input.answers
            ],
        )
        return SubmitQuizPayload(
            score=result.score,
            max_score=result.max_score,
            percent=result.percent,
            message=result.message,
            questions=[
                QuestionResult(
                    question_id=q.question_id,
                    correct=q.correct,
                    correct_choice_ids=q.correct_choice_ids,
                    explanation=q.explanation,
                )
                for q in result.questions
            ],
            errors=field_errors(result.errors),
        )


class ReportDirectoryProblemInput(graphene.InputObjectType):
    organisation_id = graphene.ID(
        required=True, description="The `id` of the organisation (any of its translations)."
    )
    kind = DirectoryProblemKind(required=True)
    note = graphene.String(
        description="Optional, at most 1,000 characters of plain text (any HTML is removed): "
        "what is wrong, e.g. the number that works now. Ask readers not to write personal "
        "details; editors read it."
    )
    form_token = graphene.String(
        required=True,
        description="`directoryReportFormToken`, as loaded with the form (one report each).",
    )
    website = graphene.String(
        description="Anti-spam trap, as in postComment: render a field named “website” that "
        "people cannot see or reach and send its value, which must be empty."
    )


class DirectoryReportStatus(graphene.Enum):
    """What happened to a report: RECEIVED, it waits for an editor."""

    RECEIVED = "received"


class ReportDirectoryProblemPayload(graphene.ObjectType):
    status = graphene.Field(DirectoryReportStatus, description="Null on errors.")
    organisation = graphene.Field(
        _type(Organisation),
        description="The organisation reported, for a client cache to refresh "
        "(`hasOpenReports`); null on errors.",
    )
    errors = graphene.List(graphene.NonNull(FieldError), required=True)


class ReportDirectoryProblem(graphene.Mutation):
    """Report that a directory entry is wrong (phone, email, closed, moved, other). The report
    waits in the admin's queue; the organisation's `hasOpenReports` is true until an editor
    resolves it. Nothing about the reader is kept. Each `formToken` sends one report
    (FORM_ALREADY_USED: load a new one); limited per client address: one every 15 seconds,
    five an hour (RATE_LIMITED)."""

    class Arguments:
        input = ReportDirectoryProblemInput(required=True)

    Output = ReportDirectoryProblemPayload

    def mutate(root, info, input):
        result = report_problem(
            info.context,
            organisation_id=input.organisation_id,
            kind=input.kind.value,
            note=input.note or "",
            form_token=input.form_token,
            honeypot=input.website or "",
        )
        organisation = result.organisation
        if organisation is not None:
            # Served as the API serves organisations: with its verification and reports.
            organisation = Organisation.objects.with_verification().get(pk=organisation.pk)
        return ReportDirectoryProblemPayload(
            status=DirectoryReportStatus.RECEIVED.value if result.received else None,
            organisation=organisation,
            errors=field_errors(result.errors),
        )


class Mutation(graphene.ObjectType):
    post_comment = PostComment.Field()
    react = React.Field()
    submit_quiz = SubmitQuiz.Field()
    report_directory_problem = ReportDirectoryProblem.Field()
