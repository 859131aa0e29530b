"""The "Quiz results" report in the admin's Reports menu (registered in ``wagtail_hooks``).

For every quiz in the live body of every live article, the anonymous counts of its *current*
version (see ``QuizTally``): submissions, average score, how often each question was answered
correctly, how often each choice was chosen, and the score histogram. Counts of earlier versions
(before an editor changed the questions, choices or correct answers) never mix with these: the
report only says how many submissions they hold.

The listing is one row per choice (what the CSV / XLSX export holds); the HTML template groups
the rows by article, quiz and question. Pages hold whole quizzes, never part of one.

Queries do not grow with the number of articles or quizzes: the live articles, every tally of
them, then the question, choice and score counts of the current tallies (prefetched).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from pages.models import ArticlePage

from .models import QuizTally
from .quiz import QUIZ_BLOCK, AnswerKey

VIEW_ACTION = "view_quiz_results"
QUIZ_RESULTS_PERMISSION = f"community.{VIEW_ACTION}"


class QuizResultsPermissionPolicy(ModelPermissionPolicy):
    """Model permissions on QuizTally, where an action named like one of the model's custom
    permissions (``view_quiz_results``) means that permission, not ``<action>_quiztally``."""

    def _get_permission_codename(self, action):
        custom = {codename for codename, _name in self.auth_model._meta.permissions}
        if action in custom:
            return action
        return super()._get_permission_codename(action)


quiz_results_permission_policy = QuizResultsPermissionPolicy(QuizTally)


def can_view_quiz_results(user) -> bool:
    return quiz_results_permission_policy.user_has_permission(user, VIEW_ACTION)


class QuizResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_quiz_results(request.user)


# --- Data -------------------------------------------------------------------------------------


def percent(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole`` to one decimal, or None when there is no whole."""
    return round(part * 100 / whole, 1) if whole else None


@dataclass(eq=False)
class ArticleRef:
    id: int
    title: str
    edit_url: str
    language: str  # the article's language, by name: "English", "Español"


@dataclass(eq=False)
class ChoiceResult:
    id: str
    text: str
    is_correct: bool
    chosen: int
    percent: float | None  # of submissions choosing it


@dataclass(eq=False)
class QuestionResult:
    id: str
    prompt: str
    kind: str
    correct: int
    correct_rate: float | None  # % of submissions answering it correctly
    choices: list[ChoiceResult] = field(default_factory=list)

    @property
    def allows_several_answers(self) -> bool:
        return self.kind == "multiple_choice"


@dataclass(eq=False)
class ScoreBar:
    score: int
    count: int
    percent: float | None


@dataclass(eq=False)
class QuizResults:
    """One quiz's current version, with its counts (zeros when nobody has submitted it)."""

    article: ArticleRef
    quiz_id: str
    title: str
    version: str
    max_score: int
    submissions: int = 0
    score_total: int = 0
    earlier_submissions: int = 0  # to other versions of this quiz, never counted here
    questions: list[QuestionResult] = field(default_factory=list)
    histogram: list[ScoreBar] = field(default_factory=list)

    @property
    def average_score(self) -> float | None:
        return round(self.score_total / self.submissions, 2) if self.submissions else None

    @property
    def rows(self) -> list["ChoiceRow"]:
        """One row per choice, in the editor's order (a row without a choice, or without a
        question, stands for a question without choices or a quiz without questions)."""
        if not self.questions:
            return [ChoiceRow(self)]
        return [
            ChoiceRow(self, question, choice)
            for question in self.questions
            for choice in (question.choices or [None])
        ]


@dataclass(eq=False)
class ChoiceRow:
    """A row of the report: the attributes named in ``list_export`` are the export's columns;
    the template groups rows by ``quiz_results.article``, ``quiz_results`` and
    ``question_result``."""

    quiz_results: QuizResults
    question_result: QuestionResult | None = None
    choice_result: ChoiceResult | None = None

    @property
    def article(self) -> str:
        return self.quiz_results.article.title

    @property
    def language(self) -> str:
        return self.quiz_results.article.language

    @property
    def quiz(self) -> str:
        return self.quiz_results.title

    @property
    def question(self) -> str:
        return self.question_result.prompt if self.question_result else ""

    @property
    def choice(self) -> str:
        return self.choice_result.text if self.choice_result else ""

    @property
    def choice_is_correct(self) -> bool | None:
        return self.choice_result.is_correct if self.choice_result else None

    @property
    def submissions(self) -> int:
        return self.quiz_results.submissions

    @property
    def average_score(self) -> float | None:
        return self.quiz_results.average_score

    @property
    def max_score(self) -> int:
        return self.quiz_results.max_score

    @property
    def question_correct_rate(self) -> float | None:
        return self.question_result.correct_rate if self.question_result else None

    @property
    def choice_percent(self) -> float | None:
        return self.choice_result.percent if self.choice_result else None


def _choice_texts(block_value) -> dict[str, str]:
    """Choice text by choice id (the answer key holds ids only)."""
    return {
        choice.id: choice.value["text"]
        for question in block_value["questions"].bound_blocks
        for choice in question.value["choices"].bound_blocks
    }


def _fill(quiz: QuizResults, key: AnswerKey, texts: dict[str, str], tally) -> None:
    """Set the quiz's numbers from ``tally`` (the current version's, or None: all zeros)."""
    if tally is not None:
        quiz.submissions = tally.submissions
        quiz.score_total = tally.score_total
        # Prefetched: .all() reads the prefetch cache, no query.
        correct = {count.question_id: count.correct for count in tally.question_counts.all()}
        chosen = {count.choice_id: count.chosen for count in tally.choice_counts.all()}
        scores = {count.score: count.count for count in tally.score_counts.all()}
    else:
        correct, chosen, scores = {}, {}, {}
    submissions = quiz.submissions
    for question in key.questions:
        quiz.questions.append(
            QuestionResult(
                id=question.id,
                prompt=question.prompt,
                kind=question.kind,
                correct=correct.get(question.id, 0),
                correct_rate=percent(correct.get(question.id, 0), submissions),
                choices=[
                    ChoiceResult(
                        id=choice_id,
                        text=texts.get(choice_id, ""),
                        is_correct=choice_id in question.correct_ids,
                        chosen=chosen.get(choice_id, 0),
                        percent=percent(chosen.get(choice_id, 0), submissions),
                    )
                    for choice_id in question.choice_ids
                ],
            )
        )
    quiz.histogram = [
        ScoreBar(score, scores.get(score, 0), percent(scores.get(score, 0), submissions))
        for score in range(quiz.max_score + 1)
    ]


def quiz_results() -> list[QuizResults]:
    """Every quiz of every live article (articles by title), with its current version's counts.

    Five queries whatever the number of quizzes: live articles, their tallies, and the three
    kinds of counts of the current tallies.
    """
    articles = ArticlePage.objects.live().select_related("locale").order_by("title", "pk")
    quizzes: list[tuple[QuizResults, AnswerKey, dict[str, str]]] = []
    for article in articles:
        ref = ArticleRef(
            id=article.pk,
            title=article.title,
            edit_url=reverse("wagtailadmin_pages:edit", args=(article.pk,)),
            language=article.locale.get_display_name(),
        )
        # Only quiz blocks are converted: other blocks (images, directories...) would query.
        for child in article.body.blocks_by_name(QUIZ_BLOCK):
            key = AnswerKey.from_block_value(child.value)
            quiz = QuizResults(
                article=ref,
                quiz_id=child.id,
                title=key.title,
                version=key.version,
                max_score=len(key.questions),
            )
            quizzes.append((quiz, key, _choice_texts(child.value)))

    current_keys = {(quiz.article.id, quiz.quiz_id, quiz.version) for quiz, _, _ in quizzes}
    current = {}
    earlier = Counter()
    if quizzes:
        for tally in QuizTally.objects.filter(article__live=True).order_by("pk"):
            tally_key = (tally.article_id, tally.quiz_id, tally.version)
            if tally_key in current_keys:
                current[tally_key] = tally
            else:
                earlier[tally.article_id, tally.quiz_id] += tally.submissions
        prefetch_related_objects(
            list(current.values()), "question_counts", "choice_counts", "score_counts"
        )

    for quiz, key, texts in quizzes:
        quiz.earlier_submissions = earlier[quiz.article.id, quiz.quiz_id]
        _fill(quiz, key, texts, current.get((quiz.article.id, quiz.quiz_id, quiz.version)))
    return [quiz for quiz, _, _ in quizzes]


# --- View -------------------------------------------------------------------------------------


class QuizResultsReportView(ReportView):
    page_title = "Quiz results"
    header_icon = "tasks"
    template_name = "community/reports/quiz_results.html"
    results_template_name = "community/reports/quiz_results_results.html"
    index_url_name = "community_quiz_results"
    index_results_url_name = "community_quiz_results_results"
    permission_policy = quiz_results_permission_policy
    permission_required = VIEW_ACTION
    paginate_by = 20  # quizzes per page (see paginate_queryset)
    verbose_name_plural = "quizzes"
    columns = []  # the template lays the rows out itself

    list_export = [
        "article",
        "language",
        "quiz",
        "question",
        "choice",
        "choice_is_correct",
        "submissions",
        "average_score",
        "max_score",
        "question_correct_rate",
        "choice_percent",
    ]
    export_headings = {
        "article": "Article",
        "language": "Language",
        "quiz": "Quiz",
        "question": "Question",
        "choice": "Choice",
        "choice_is_correct": "Choice is correct",
        "submissions": "Submissions",
        "average_score": "Average score",
        "max_score": "Max score",
        "question_correct_rate": "Question correct rate (%)",
        "choice_percent": "Choice chosen (%)",
    }

    def get_filename(self):
        return f"quiz-results-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self) -> list[ChoiceRow]:
        return [row for quiz in quiz_results() for row in quiz.rows]

    def paginate_queryset(self, queryset, page_size):
        """Paginate by quiz, so that a quiz never runs over two pages; the page's object list
        is still its quizzes' rows. (Exports are not paginated: see SpreadsheetExportMixin.)"""
        quizzes = list(dict.fromkeys(row.quiz_results for row in queryset))
        paginator, page, page_quizzes, is_paginated = super().paginate_queryset(quizzes, page_size)
        on_page = set(page_quizzes)
        rows = [row for row in queryset if row.quiz_results in on_page]
        return paginator, page, rows, is_paginated
