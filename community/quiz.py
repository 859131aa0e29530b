"""Scoring quiz submissions on the server, and counting results anonymously.

The answer key never leaves the server until a reader submits: ``submit_quiz`` scores the
answers against the live (published) version of the quiz and returns, for each question,
whether it was right, the correct choices and the explanation.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from cms.ids import scoped, unscoped

from .clients import client_hash
from .conf import community_setting
from .models import QuizChoiceCount, QuizQuestionCount, QuizScoreCount, QuizTally
from .ratelimit import allow
from .services import ARTICLE_NOT_FOUND, ErrorCode, FieldError, public_article

SINGLE_ANSWER_KINDS = {"true_false", "single_choice"}
QUIZ_BLOCK = "quiz"


@dataclass(frozen=True)
class KeyQuestion:
    id: str
    kind: str
    prompt: str
    explanation: str
    choice_ids: tuple[str, ...]
    correct_ids: frozenset[str]


@dataclass(frozen=True)
class AnswerKey:
    """What scoring needs from a quiz block, in the editor's order."""

    title: str
    questions: tuple[KeyQuestion, ...]
    bands: tuple[tuple[int, int, str], ...]

    @classmethod
    def from_block_value(cls, value) -> "AnswerKey":
        questions = []
        for question in value["questions"].bound_blocks:
            choices = question.value["choices"].bound_blocks
            questions.append(
                KeyQuestion(
                    id=question.id,
                    kind=question.value["kind"],
                    prompt=question.value["prompt"],
                    explanation=question.value["explanation"],
                    choice_ids=tuple(choice.id for choice in choices),
                    correct_ids=frozenset(
                        choice.id for choice in choices if choice.value["is_correct"]
                    ),
                )
            )
        bands = tuple(
            (band["min_percent"], band["max_percent"], band["message"])
            for band in value["result_bands"]
        )
        return cls(title=value["title"], questions=tuple(questions), bands=bands)

    @property
    def version(self) -> str:
        """Changes whenever scoring would: questions, choices or which are correct (not when
        wording, explanations or result messages are edited)."""
        structure = [
            [q.id, q.kind, list(q.choice_ids), sorted(q.correct_ids)] for q in self.questions
        ]
        return hashlib.sha256(json.dumps(structure).encode()).hexdigest()

    def message_for(self, percent: int) -> str:
        for low, high, message in self.bands:
            if low <= percent <= high:
                return message
        if percent == 100:
            return "Well done: you got every question right."
        if percent >= 50:
            return "Good effort! The explanations below say more about each answer."
        return "Thanks for taking the quiz. The explanations below can help."


def find_quiz(article, quiz_id: str) -> AnswerKey | None:
    """The quiz with block id ``quiz_id`` in the article's live body, or None."""
    # blocks_by_name() converts only the quiz blocks, not images or directories.
    for child in article.body.blocks_by_name(QUIZ_BLOCK):
        if child.id == quiz_id:
            return AnswerKey.from_block_value(child.value)
    return None


@dataclass
class QuestionResult:
    question_id: str
    correct: bool
    correct_choice_ids: list[str]
    explanation: str


@dataclass
class QuizResult:
    score: int | None = None
    max_score: int | None = None
    percent: int | None = None
    message: str | None = None
    questions: list[QuestionResult] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)


def _check_answers(
    key: AnswerKey, answers: list[dict], page_id: int
) -> tuple[dict, list[FieldError]]:
    """Chosen choice ids by question id, or errors (nothing is counted when there are any).
    Ids may be sent as served (scoped to the article, cms.ids) or bare."""
    by_id = {question.id: question for question in key.questions}
    chosen: dict[str, set[str]] = {}
    errors = []
    if len(answers) > len(key.questions):
        # One error, not one per answer: 100,000 answers must not cost a 100,000-error reply.
        return chosen, [
            FieldError(
                "answers",
                f"Send at most one answer per question: this quiz has {len(key.questions)}.",
                ErrorCode.TOO_LONG,
            )
        ]
    for index, answer in enumerate(answers):
        question_id = unscoped(answer.get("question_id") or "", page_id)
        choice_ids = [unscoped(choice, page_id) for choice in answer.get("choice_ids") or []]
        question = by_id.get(question_id)
        if question is None:
            errors.append(
                FieldError(
                    f"answers.{index}.questionId",
                    "This quiz has no question with this id; reload the article.",
                    ErrorCode.NOT_FOUND,
                )
            )
            continue
        if question_id in chosen:
            errors.append(
                FieldError(
                    f"answers.{index}.questionId",
                    "This question is answered twice; send one answer per question.",
                    ErrorCode.DUPLICATE,
                )
            )
            continue
        foreign = [choice for choice in choice_ids if choice not in question.choice_ids]
        if foreign:
            errors.append(
                FieldError(
                    f"answers.{index}.choiceIds",
                    "A chosen choice does not belong to this question.",
                    ErrorCode.INVALID,
                )
            )
        elif len(set(choice_ids)) != len(choice_ids):
            errors.append(
                FieldError(
                    f"answers.{index}.choiceIds",
                    "The same choice is sent twice.",
                    ErrorCode.INVALID,
                )
            )
        elif question.kind in SINGLE_ANSWER_KINDS and len(choice_ids) > 1:
            errors.append(
                FieldError(
                    f"answers.{index}.choiceIds",
                    "Choose only one answer for this question.",
                    ErrorCode.INVALID,
                )
            )
        chosen[question_id] = set(choice_ids)
    return chosen, errors


def _count(article, quiz_id: str, key: AnswerKey, chosen: dict, correct_ids: list, score: int):
    """Add one submission to the tallies, atomically (concurrent submissions lose nothing).

    Counter rows are created if missing (ignoring conflicts with a concurrent creator) and
    incremented in the database with ``F()``; updating the tally row first serialises
    concurrent submissions to the same quiz version.
    """
    now = timezone.now()
    version = key.version
    with transaction.atomic():
        QuizTally.objects.bulk_create(
            [
                QuizTally(
                    article=article,
                    quiz_id=quiz_id,
                    version=version,
                    max_score=len(key.questions),
                    first_submission_at=now,
                )
            ],
            ignore_conflicts=True,
        )
        tallies = QuizTally.objects.filter(article=article, quiz_id=quiz_id, version=version)
        tallies.update(
            submissions=F("submissions") + 1,
            score_total=F("score_total") + score,
            last_submission_at=now,
        )
        tally = tallies.get()
        QuizQuestionCount.objects.bulk_create(
            [QuizQuestionCount(tally=tally, question_id=q.id) for q in key.questions],
            ignore_conflicts=True,
        )
        QuizChoiceCount.objects.bulk_create(
            [
                QuizChoiceCount(tally=tally, question_id=q.id, choice_id=choice_id)
                for q in key.questions
                for choice_id in q.choice_ids
            ],
            ignore_conflicts=True,
        )
        QuizScoreCount.objects.bulk_create(
            [QuizScoreCount(tally=tally, score=score)], ignore_conflicts=True
        )
        if correct_ids:
            QuizQuestionCount.objects.filter(tally=tally, question_id__in=correct_ids).update(
                correct=F("correct") + 1
            )
        all_chosen = [choice for choices in chosen.values() for choice in choices]
        if all_chosen:
            QuizChoiceCount.objects.filter(tally=tally, choice_id__in=all_chosen).update(
                chosen=F("chosen") + 1
            )
        QuizScoreCount.objects.filter(tally=tally, score=score).update(count=F("count") + 1)


def submit_quiz(
    request: HttpRequest, *, article_id, quiz_id: str, answers: list[dict]
) -> QuizResult:
    """Score ``answers`` (``[{"question_id", "choice_ids"}]``) against the live quiz."""
    article = public_article(request, article_id)
    if article is None:
        return QuizResult(errors=[ARTICLE_NOT_FOUND])
    quiz_id = unscoped(quiz_id or "", article.pk)
    key = find_quiz(article, quiz_id)
    if key is None:
        return QuizResult(
            errors=[
                FieldError(
                    "quizId",
                    "This article has no quiz with this id; reload the article.",
                    ErrorCode.NOT_FOUND,
                )
            ]
        )
    chosen, errors = _check_answers(key, answers, article.pk)
    if errors:
        return QuizResult(errors=errors)
    if not allow(
        "quiz-hour", client_hash(request), community_setting("QUIZ_SUBMISSIONS_PER_HOUR"), 3600
    ):
        return QuizResult(
            errors=[
                FieldError(
                    None,
                    "You have submitted this quiz many times. Try again later.",
                    ErrorCode.RATE_LIMITED,
                )
            ]
        )

    results = []
    for question in key.questions:
        answer = chosen.get(question.id, set())
        # Single answer: the one chosen choice is the correct one. Multiple answers: the chosen
        # set is exactly the correct set. Unanswered questions are wrong.
        correct = bool(answer) and answer == question.correct_ids
        results.append(
            QuestionResult(
                question_id=question.id,
                correct=correct,
                correct_choice_ids=[c for c in question.choice_ids if c in question.correct_ids],
                explanation=question.explanation,
            )
        )
    score = sum(result.correct for result in results)
    max_score = len(results)
    percent = score * 100 // max_score if max_score else 0
    _count(
        article,
        quiz_id,
        key,
        chosen,
        [result.question_id for result in results if result.correct],
        score,
    )
    return QuizResult(
        score=score,
        max_score=max_score,
        percent=percent,
        message=key.message_for(percent),
        # Ids as the article serves them (scoped to it); the tallies above keep the block's.
        questions=[
            QuestionResult(
                question_id=scoped(article.pk, result.question_id),
                correct=result.correct,
                correct_choice_ids=[scoped(article.pk, c) for c in result.correct_choice_ids],
                explanation=result.explanation,
            )
            for result in results
        ],
    )
