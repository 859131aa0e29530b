"""The "Quiz results" report (Reports menu): what editors and moderators see, the CSV export,
who may open it, and that changing a quiz never mixes old counts into the new version's."""

import copy
import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.menu import reports_menu

from community.models import QuizTally
from community.quiz import submit_quiz
from pages.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db

REPORT = "community_quiz_results"
REPORT_RESULTS = "community_quiz_results_results"
EARLIER_NOTE = "submissions to an earlier version of this quiz are not included"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.COMMUNITY = {**getattr(settings, "COMMUNITY", {}), "QUIZ_SUBMISSIONS_PER_HOUR": 1000}


def overdose_quiz(title="Overdose quiz") -> dict:
    return factories.quiz_value(
        title=title,
        questions=[
            {
                "prompt": "Naloxone reverses opioid overdoses.",
                "kind": "true_false",
                "choices": [
                    {"text": "True", "is_correct": True},
                    {"text": "False", "is_correct": False},
                ],
                "explanation": "It displaces opioids.",
            },
            {
                "prompt": "Which services reduce harm?",
                "kind": "multiple_choice",
                "choices": [
                    {"text": "Syringe services", "is_correct": True},
                    {"text": "Test strips", "is_correct": True},
                    {"text": "Arrests", "is_correct": False},
                ],
                "explanation": "Both meet people where they are.",
            },
        ],
    )


class QuizIds:
    """Block, question and choice ids of an article's quiz, read from its live body."""

    def __init__(self, article, index=0):
        page = ArticlePage.objects.get(pk=article.pk)
        quizzes = [child for child in page.body if child.block_type == "quiz"]
        block = quizzes[index]
        self.article_id = page.pk
        self.id = block.id
        self.questions = []  # [(question id, {choice text: choice id})]
        for question in block.value["questions"].bound_blocks:
            choices = {c.value["text"]: c.id for c in question.value["choices"].bound_blocks}
            self.questions.append((question.id, choices))

    def question(self, index) -> str:
        return self.questions[index][0]

    def choice(self, question, text) -> str:
        return self.questions[question][1][text]

    def submit(self, *texts_per_question):
        answers = [
            {
                "question_id": self.question(index),
                "choice_ids": [self.choice(index, t) for t in texts],
            }
            for index, texts in enumerate(texts_per_question)
        ]
        request = RequestFactory().post("/graphql/")
        result = submit_quiz(request, article_id=self.article_id, quiz_id=self.id, answers=answers)
        assert result.errors == [], result.errors
        return result


@pytest.fixture
def article():
    return factories.article(
        "naloxone-basics",
        title="Naloxone basics",
        body=[
            {"type": "paragraph", "value": "<p>Before the quiz.</p>"},
            {"type": "quiz", "value": overdose_quiz()},
        ],
    )


@pytest.fixture
def quiz(article):
    """Four submissions: scores 2, 1, 0 and 2 (out of 2)."""
    ids = QuizIds(article)
    ids.submit(["True"], ["Syringe services", "Test strips"])
    ids.submit(["True"], ["Syringe services"])
    ids.submit(["False"], ["Syringe services", "Arrests"])
    ids.submit(["True"], ["Syringe services", "Test strips"])
    return ids


@pytest.fixture
def unanswered():
    """A published article whose quiz nobody has taken yet."""
    page = factories.article(
        "test-strips",
        title="Test strips",
        body=[{"type": "quiz", "value": overdose_quiz("Strips")}],
    )
    return QuizIds(page)


def user_with(django_user_model, username, *perms, groups=()):
    user = django_user_model.objects.create_user(username, f"{username}@staff.example", "pw")
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def editor(django_user_model):
    """A member of Wagtail's "Editors" group: admin access and the group's permissions."""
    return user_with(
        django_user_model, "editor-in-group", "wagtailadmin.access_admin", groups=["Editors"]
    )


@pytest.fixture
def outsider(django_user_model):
    """Admin access, but not the quiz results permission."""
    return user_with(django_user_model, "outsider", "wagtailadmin.access_admin")


def as_user(client, user):
    client.force_login(user)
    return client


def report(client, url_name=REPORT, **params) -> BeautifulSoup:
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text().split())


def quiz_section(soup, ids):
    section = soup.select_one(f'[data-quiz="{ids.id}"]')
    assert section is not None, f"quiz {ids.id} is not listed"
    return section


def stat(element, name) -> str:
    return text(element.select_one(f'[data-stat="{name}"]'))


def choice_cell(section, ids, question, choice) -> str:
    row = section.select_one(f'[data-choice="{ids.choice(question, choice)}"]')
    return stat(row, "chosen")


def export_rows(client) -> list[list[str]]:
    response = client.get(reverse(REPORT), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def menu_names(user) -> set[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in reports_menu.menu_items_for_request(request)}


def edit_quiz(article, change) -> None:
    """As an editor would: change the live quiz in the body, then publish."""
    page = ArticlePage.objects.get(pk=article.pk)
    body = copy.deepcopy(list(page.body.raw_data))
    quiz = next(block for block in body if block["type"] == "quiz")
    change(quiz["value"])
    page.body = body
    page.save_revision().publish()


def mark_arrests_correct(value):
    value["questions"][1]["value"]["choices"][2]["value"]["is_correct"] = True


def remove_second_question(value):
    del value["questions"][1]


def reword_explanations(value):
    for question in value["questions"]:
        question["value"]["explanation"] += " More in the article."


# --- What the report shows ----------------------------------------------------------------------


def assert_shows_quiz_results(soup, quiz):
    article = soup.select_one(f'[data-article="{quiz.article_id}"]')
    link = article.select_one("h2 a")
    assert text(link) == "Naloxone basics"
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=(quiz.article_id,))
    # Translations share titles' subjects: each is labelled with its language.
    assert stat(article.select_one("h2"), "language") == "English"

    section = quiz_section(article, quiz)
    assert text(section.select_one("h3")) == "Overdose quiz"
    assert stat(section, "submissions") == "4"
    assert stat(section, "average") == "1.25 / 2"  # (2 + 1 + 0 + 2) / 4
    assert section.select_one('[data-stat="earlier"]') is None

    questions = section.select("[data-question]")
    assert [q["data-question"] for q in questions] == [quiz.question(0), quiz.question(1)]
    assert "Naloxone reverses opioid overdoses." in text(questions[0].caption)
    assert stat(questions[0], "correct-rate") == "75 %"
    assert stat(questions[1], "correct-rate") == "50 %"

    assert choice_cell(section, quiz, 0, "True") == "75 % (3)"
    assert choice_cell(section, quiz, 0, "False") == "25 % (1)"
    assert choice_cell(section, quiz, 1, "Syringe services") == "100 % (4)"
    assert choice_cell(section, quiz, 1, "Test strips") == "50 % (2)"
    assert choice_cell(section, quiz, 1, "Arrests") == "25 % (1)"
    correct = [stat(row, "is-correct") for row in section.select("[data-choice]")]
    assert correct == ["Yes", "No", "Yes", "Yes", "No"]

    histogram = {
        row["data-score"]: stat(row, "count")
        for row in section.select("[data-histogram] [data-score]")
    }
    assert histogram == {"0": "1", "1": "1", "2": "2"}


def test_superuser_sees_each_quiz_with_its_numbers(admin_client, quiz):
    assert_shows_quiz_results(report(admin_client), quiz)


def test_editors_group_sees_the_report(client, quiz, editor):
    as_user(client, editor)
    assert_shows_quiz_results(report(client), quiz)
    assert_shows_quiz_results(report(client, REPORT_RESULTS), quiz)
    assert "quiz-results" in menu_names(editor)


def test_quiz_without_submissions_is_listed_with_zero(admin_client, quiz, unanswered):
    soup = report(admin_client)
    section = quiz_section(soup, unanswered)
    assert text(section.select_one("h3")) == "Strips"
    assert stat(section, "submissions") == "0"
    assert stat(section, "average") == "— / 2"
    assert [stat(q, "correct-rate") for q in section.select("[data-question]")] == ["—", "—"]
    # No bar is drawn full for nobody.
    assert not section.select("progress")
    assert len(section.select("[data-choice]")) == 5
    # Articles by title: "Naloxone basics" before "Test strips".
    assert [a["data-article"] for a in soup.select("[data-article]")] == [
        str(quiz.article_id),
        str(unanswered.article_id),
    ]


def test_only_live_quizzes_of_live_articles(admin_client, quiz):
    draft = factories.article(
        "draft", body=[{"type": "quiz", "value": overdose_quiz("Draft quiz")}], publish=False
    )
    # A draft revision of the live article adds a quiz: not live, not listed.
    page = ArticlePage.objects.get(pk=quiz.article_id)
    page.body = [*page.body.raw_data, {"type": "quiz", "value": overdose_quiz("Unpublished")}]
    page.save_revision()

    soup = report(admin_client)
    assert [q["data-quiz"] for q in soup.select("[data-quiz]")] == [quiz.id]
    assert "Draft quiz" not in text(soup) and "Unpublished" not in text(soup)
    assert not soup.select(f'[data-article="{draft.pk}"]')


def test_no_quizzes(admin_client):
    factories.article("no-quiz", body=[{"type": "paragraph", "value": "<p>Hi.</p>"}])
    assert "No published article has a quiz yet." in text(report(admin_client))


def test_report_pages_hold_whole_quizzes(admin_client, quiz, unanswered, monkeypatch):
    from community.reports import QuizResultsReportView

    monkeypatch.setattr(QuizResultsReportView, "paginate_by", 1)
    first = report(admin_client)
    second = report(admin_client, p=2)
    assert [q["data-quiz"] for q in first.select("[data-quiz]")] == [quiz.id]
    assert len(first.select("[data-choice]")) == 5
    assert [q["data-quiz"] for q in second.select("[data-quiz]")] == [unanswered.id]
    # The export is never paginated.
    assert len(export_rows(admin_client)) == 1 + 10


# --- Export -------------------------------------------------------------------------------------


def test_csv_export_has_one_row_per_choice(admin_client, quiz, unanswered):
    rows = export_rows(admin_client)
    assert rows[0] == [
        "Article",
        "Language",
        "Quiz",
        "Question",
        "Choice",
        "Choice is correct",
        "Submissions",
        "Average score",
        "Max score",
        "Question correct rate (%)",
        "Choice chosen (%)",
    ]
    q1, q2 = "Naloxone reverses opioid overdoses.", "Which services reduce harm?"
    article, title = "Naloxone basics", "Overdose quiz"
    en = "English"
    assert rows[1:6] == [
        [article, en, title, q1, "True", "True", "4", "1.25", "2", "75.0", "75.0"],
        [article, en, title, q1, "False", "False", "4", "1.25", "2", "75.0", "25.0"],
        [article, en, title, q2, "Syringe services", "True", "4", "1.25", "2", "50.0", "100.0"],
        [article, en, title, q2, "Test strips", "True", "4", "1.25", "2", "50.0", "50.0"],
        [article, en, title, q2, "Arrests", "False", "4", "1.25", "2", "50.0", "25.0"],
    ]
    # No submissions: zero, and no averages or rates.
    assert rows[6] == ["Test strips", en, "Strips", q1, "True", "True", "0", "", "2", "", ""]
    assert len(rows) == 1 + 10


def test_xlsx_export(admin_client, quiz):
    from openpyxl import load_workbook

    response = admin_client.get(reverse(REPORT), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Article" and len(values) == 1 + 5
    assert values[1] == (
        "Naloxone basics",
        "English",
        "Overdose quiz",
        "Naloxone reverses opioid overdoses.",
        "True",
        True,
        4,
        1.25,
        2,
        75.0,
        75.0,
    )


def test_editors_group_can_export(client, quiz, editor):
    as_user(client, editor)
    assert len(export_rows(client)) == 1 + 5


# --- Who may see it -----------------------------------------------------------------------------


def denied(response) -> bool:
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_users_without_the_permission_are_refused(client, quiz, outsider):
    as_user(client, outsider)
    assert denied(client.get(reverse(REPORT)))
    assert denied(client.get(reverse(REPORT_RESULTS)))
    assert denied(client.get(reverse(REPORT), {"export": "csv"}))
    assert "quiz-results" not in menu_names(outsider)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Quiz results" not in dashboard
    assert reverse(REPORT) not in dashboard


def test_menu_item_on_the_dashboard_for_allowed_users(client, admin_client, editor):
    assert "Quiz results" in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    as_user(client, editor)
    assert "Quiz results" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_users_go_to_the_login_page(client, quiz):
    response = client.get(reverse(REPORT))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_the_permission_alone_is_not_admin_access(client, quiz, django_user_model):
    user = user_with(django_user_model, "no-admin", "community.view_quiz_results")
    as_user(client, user)
    response = client.get(reverse(REPORT))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


# --- Versions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("change", [mark_arrests_correct, remove_second_question])
def test_changed_quiz_starts_from_zero(client, quiz, editor, change):
    edit_quiz(ArticlePage.objects.get(pk=quiz.article_id), change)
    new = QuizIds(ArticlePage.objects.get(pk=quiz.article_id))
    assert new.id == quiz.id  # the same block, a new version

    as_user(client, editor)
    section = quiz_section(report(client), new)
    assert stat(section, "submissions") == "0"
    assert stat(section, "average").startswith("— / ")
    assert stat(section, "earlier") == f"4 {EARLIER_NOTE}: the quiz has been changed since."
    assert {stat(q, "correct-rate") for q in section.select("[data-question]")} == {"—"}

    # One submission to the new version: all correct.
    if change is mark_arrests_correct:
        new.submit(["True"], ["Syringe services", "Test strips", "Arrests"])
        max_score = 2
    else:
        new.submit(["True"])
        max_score = 1
    section = quiz_section(report(client), new)
    assert stat(section, "submissions") == "1"
    assert stat(section, "average") == f"{max_score}.00 / {max_score}"
    assert stat(section, "correct-rate") == "100 %"
    assert choice_cell(section, new, 0, "True") == "100 % (1)"
    assert choice_cell(section, new, 0, "False") == "0 % (0)"
    assert "4 " + EARLIER_NOTE in text(section)

    # The old counts are kept apart, untouched.
    tallies = QuizTally.objects.filter(article_id=quiz.article_id, quiz_id=quiz.id)
    assert sorted(tallies.values_list("submissions", flat=True)) == [1, 4]

    rows = export_rows(client)
    assert {row[6] for row in rows[1:]} == {"1"}
    assert rows[1][9:] == ["100.0", "100.0"]


def test_one_earlier_submission_is_singular(admin_client, article):
    ids = QuizIds(article)
    ids.submit(["True"], ["Arrests"])
    edit_quiz(article, mark_arrests_correct)
    section = quiz_section(report(admin_client), ids)
    assert stat(section, "earlier").startswith(
        "1 submission to an earlier version of this quiz is not included"
    )


def test_rewording_keeps_the_version(admin_client, quiz):
    edit_quiz(ArticlePage.objects.get(pk=quiz.article_id), reword_explanations)
    section = quiz_section(report(admin_client), quiz)
    assert stat(section, "submissions") == "4"
    assert section.select_one('[data-stat="earlier"]') is None


# --- Queries ------------------------------------------------------------------------------------


def count_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(REPORT), params)
        if params.get("export"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_quizzes(client, editor):
    """From 1 quiz to 5 (over 3 articles, with submissions to current and earlier versions),
    the report and its export make the same number of queries."""

    def add_article(n, quizzes):
        page = factories.article(
            f"quiz-{n}",
            body=[
                {"type": "paragraph", "value": "<p>Intro.</p>"},
                *({"type": "quiz", "value": overdose_quiz(f"Quiz {n}{i}")} for i in range(quizzes)),
            ],
        )
        for index in range(quizzes):
            ids = QuizIds(page, index)
            ids.submit(["True"], ["Syringe services"])
            ids.submit(["False"], ["Test strips"])
        # An earlier version with submissions, too.
        edit_quiz(page, remove_second_question)
        QuizIds(page).submit(["True"])

    as_user(client, editor)
    add_article(1, quizzes=1)
    assert len(report(client).select("[data-quiz]")) == 1
    one = count_queries(client)
    one_export = count_queries(client, export="csv")

    add_article(2, quizzes=2)
    add_article(3, quizzes=2)
    assert len(report(client).select("[data-quiz]")) == 5
    assert count_queries(client) == one
    assert count_queries(client, export="csv") == one_export


def test_a_score_nobody_got_draws_an_empty_bar(admin_client, article):
    ids = QuizIds(article)
    ids.submit(["True"], ["Syringe services", "Test strips"])  # 2 out of 2; nobody got 0 or 1
    section = quiz_section(report(admin_client), ids)
    bars = {
        row["data-score"]: row.select_one("progress")["value"]
        for row in section.select("[data-histogram] [data-score]")
    }
    assert bars == {"0": "0", "1": "0", "2": "100.0"}
