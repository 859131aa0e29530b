"""submitQuiz through /graphql/: scoring, errors as data, tallies, and the seed quiz."""

import functools
import json

import pytest

from cms.ids import unscoped
from community.models import QuizChoiceCount, QuizQuestionCount, QuizScoreCount, QuizTally
from pages.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db

SUBMIT = """
mutation Submit($input: SubmitQuizInput!) {
  submitQuiz(input: $input) {
    score maxScore percent message
    questions { questionId correct correctChoiceIds explanation }
    errors { field message code }
  }
}
"""

QUIZ = """
query($slug: String!) {
  article(slug: $slug) {
    id
    body { id ... on QuizBlock { questions { id kind choices { id text } } } }
  }
}
"""


def send(client, variables, agent="reader", address="127.0.0.1", **headers):
    response = client.post(
        "/graphql/",
        json.dumps({"query": SUBMIT, "variables": {"input": variables}}),
        content_type="application/json",
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
        **headers,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["submitQuiz"]


class Quiz:
    """The public view of a quiz, as a frontend gets it, plus helpers to answer it."""

    def __init__(self, client, slug):
        data = client.post(
            "/graphql/",
            json.dumps({"query": QUIZ, "variables": {"slug": slug}}),
            content_type="application/json",
        ).json()["data"]["article"]
        self.article_id = data["id"]
        block = next(block for block in data["body"] if "questions" in block)
        self.id = block["id"]
        self.questions = block["questions"]

    def choice(self, question: int, text: str) -> str:
        return next(c["id"] for c in self.questions[question]["choices"] if c["text"] == text)

    def answer(self, *choices_per_question) -> dict:
        return {
            "articleId": self.article_id,
            "quizId": self.id,
            "answers": [
                {
                    "questionId": self.questions[index]["id"],
                    "choiceIds": [self.choice(index, text) for text in texts],
                }
                for index, texts in enumerate(choices_per_question)
                if texts is not None
            ],
        }


def three_question_quiz():
    return factories.quiz_value(
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
                    {"text": "Fentanyl test strips", "is_correct": True},
                    {"text": "Arrests", "is_correct": False},
                ],
                "explanation": "Both meet people where they are.",
            },
            {
                "prompt": "Best first step in an overdose?",
                "kind": "single_choice",
                "choices": [
                    {"text": "Call for help", "is_correct": True},
                    {"text": "Leave them to sleep", "is_correct": False},
                ],
                "explanation": "Call, then give naloxone.",
            },
        ],
        result_bands=[
            {"min_percent": 0, "max_percent": 49, "message": "Keep learning"},
            {"min_percent": 50, "max_percent": 99, "message": "Nearly there"},
            {"min_percent": 100, "max_percent": 100, "message": "Perfect"},
        ],
    )


@pytest.fixture
def quiz(client):
    factories.article("quiz-article", body=[{"type": "quiz", "value": three_question_quiz()}])
    return Quiz(client, "quiz-article")


def test_seed_quiz_your_score_is_2_of_2(demo, client):
    seed = Quiz(client, "practical-ways-harm-reduction-techniques-make-a-difference")
    result = send(client, seed.answer(["False"], ["Naloxone distribution"]))

    assert result["errors"] == []
    assert (result["score"], result["maxScore"], result["percent"]) == (2, 2, 100)
    assert result["message"]
    assert all(question["correct"] for question in result["questions"])
    assert all(question["explanation"] for question in result["questions"])
    assert result["questions"][0]["correctChoiceIds"] == [seed.choice(0, "False")]


def test_all_correct(client, quiz):
    answers = quiz.answer(["True"], ["Syringe services", "Fentanyl test strips"], ["Call for help"])
    result = send(client, answers)
    assert (result["score"], result["maxScore"], result["percent"]) == (3, 3, 100)
    assert result["message"] == "Perfect"


def test_partly_correct_multiple_choice_needs_the_exact_set(client, quiz):
    result = send(client, quiz.answer(["True"], ["Syringe services"], ["Leave them to sleep"]))
    assert [q["correct"] for q in result["questions"]] == [True, False, False]
    assert (result["score"], result["percent"]) == (1, 33)
    assert result["message"] == "Keep learning"
    assert sorted(result["questions"][1]["correctChoiceIds"]) == sorted(
        [quiz.choice(1, "Syringe services"), quiz.choice(1, "Fentanyl test strips")]
    )
    over = send(
        client,
        quiz.answer(["True"], ["Syringe services", "Fentanyl test strips", "Arrests"], None),
        agent="another",
    )
    assert [q["correct"] for q in over["questions"]] == [True, False, False]


def test_empty_answers_are_all_wrong_and_still_explained(client, quiz):
    result = send(client, {"articleId": quiz.article_id, "quizId": quiz.id, "answers": []})
    assert (result["score"], result["maxScore"], result["percent"]) == (0, 3, 0)
    assert [q["questionId"] for q in result["questions"]] == [q["id"] for q in quiz.questions]
    assert all(q["explanation"] and not q["correct"] for q in result["questions"])
    skipped = send(client, quiz.answer([], None, None), agent="other")
    assert skipped["score"] == 0 and skipped["errors"] == []


def test_default_message_without_bands(client):
    factories.article("plain-quiz", body=[{"type": "quiz", "value": factories.quiz_value()}])
    plain = Quiz(client, "plain-quiz")
    assert send(client, plain.answer(["True"]))["message"].startswith("Well done")
    assert send(client, plain.answer(["False"]), agent="b")["message"].startswith("Thanks")


def codes(result):
    return {error["field"]: error["code"] for error in result["errors"]}


def test_every_error_is_data_and_counts_nothing(client, quiz):
    other = factories.article("other", body=[{"type": "quiz", "value": factories.quiz_value()}])
    draft = factories.article("draft", publish=False, body=[{"type": "quiz", "value": {}}])
    q0, q1 = quiz.questions[0]["id"], quiz.questions[1]["id"]
    base = {"articleId": quiz.article_id, "quizId": quiz.id}
    cases = [
        ({**base, "articleId": "999999", "answers": []}, {"articleId": "NOT_FOUND"}),
        ({**base, "articleId": str(draft.pk), "answers": []}, {"articleId": "NOT_FOUND"}),
        ({**base, "quizId": "no-such-quiz", "answers": []}, {"quizId": "NOT_FOUND"}),
        (
            {**base, "articleId": str(other.pk), "answers": []},
            {"quizId": "NOT_FOUND"},
        ),
        (
            {**base, "answers": [{"questionId": "nope", "choiceIds": []}]},
            {"answers.0.questionId": "NOT_FOUND"},
        ),
        (
            {**base, "answers": [{"questionId": q0, "choiceIds": [quiz.choice(1, "Arrests")]}]},
            {"answers.0.choiceIds": "INVALID"},
        ),
        (
            {
                **base,
                "answers": [
                    {"questionId": q0, "choiceIds": []},
                    {"questionId": q0, "choiceIds": []},
                ],
            },
            {"answers.1.questionId": "DUPLICATE"},
        ),
        (
            {
                **base,
                "answers": [
                    {
                        "questionId": q0,
                        "choiceIds": [quiz.choice(0, "True"), quiz.choice(0, "False")],
                    }
                ],
            },
            {"answers.0.choiceIds": "INVALID"},
        ),
        (
            {
                **base,
                "answers": [
                    {
                        "questionId": q1,
                        "choiceIds": [quiz.choice(1, "Arrests"), quiz.choice(1, "Arrests")],
                    }
                ],
            },
            {"answers.0.choiceIds": "INVALID"},
        ),
    ]
    for variables, expected in cases:
        result = send(client, variables)
        assert codes(result) == expected, variables
        assert result["score"] is None and result["questions"] == []
    assert not QuizTally.objects.exists()


def test_tallies_count_submissions_choices_and_scores(client, quiz):
    send(
        client,
        quiz.answer(["True"], ["Syringe services", "Fentanyl test strips"], ["Call for help"]),
    )
    send(client, quiz.answer(["False"], ["Arrests"], ["Call for help"]), agent="b")
    send(client, quiz.answer(["True"], [], None), agent="c")

    tally = QuizTally.objects.get()
    assert (tally.submissions, tally.score_total, tally.max_score) == (3, 3 + 1 + 1, 3)
    # Tallies keep the block's own ids; the API serves them scoped to the article (cms.ids).
    block_id = functools.partial(unscoped, scope=quiz.article_id)
    correct = dict(QuizQuestionCount.objects.values_list("question_id", "correct"))
    assert correct == {
        block_id(quiz.questions[0]["id"]): 2,
        block_id(quiz.questions[1]["id"]): 1,
        block_id(quiz.questions[2]["id"]): 2,
    }
    chosen = dict(QuizChoiceCount.objects.values_list("choice_id", "chosen"))
    assert chosen[block_id(quiz.choice(0, "True"))] == 2
    assert chosen[block_id(quiz.choice(0, "False"))] == 1
    assert chosen[block_id(quiz.choice(1, "Arrests"))] == 1
    assert chosen[block_id(quiz.choice(2, "Leave them to sleep"))] == 0
    histogram = dict(QuizScoreCount.objects.values_list("score", "count"))
    assert histogram == {3: 1, 1: 2}


def test_a_quiz_edited_after_submissions_is_scored_and_tallied_afresh(client, quiz):
    send(client, quiz.answer(["True"], [], None))
    page = ArticlePage.objects.get(slug="quiz-article")
    # The editor decides "False" is correct after all (ids are kept: it is the same block).
    stream = page.body.get_prep_value()
    choices = stream[0]["value"]["questions"][0]["value"]["choices"]
    choices[0]["value"]["is_correct"], choices[1]["value"]["is_correct"] = False, True
    page.body = stream
    page.save_revision().publish()

    result = send(client, quiz.answer(["True"], [], None), agent="after the edit")
    assert result["questions"][0]["correct"] is False
    tallies = QuizTally.objects.order_by("first_submission_at")
    assert [tally.submissions for tally in tallies] == [1, 1]
    assert tallies[0].version != tallies[1].version


def test_a_draft_change_does_not_affect_scoring(client, quiz):
    page = ArticlePage.objects.get(slug="quiz-article")
    stream = page.body.get_prep_value()
    stream[0]["value"]["questions"][0]["value"]["choices"][0]["value"]["is_correct"] = False
    page.body = stream
    page.save_revision()  # not published

    result = send(client, quiz.answer(["True"], [], None))
    assert result["questions"][0]["correct"] is True


def test_submissions_are_rate_limited_per_client(client, quiz, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "QUIZ_SUBMISSIONS_PER_HOUR": 2}
    send(client, quiz.answer(["True"], [], None))
    send(client, quiz.answer(["True"], [], None))
    assert codes(send(client, quiz.answer(["True"], [], None))) == {None: "RATE_LIMITED"}
    assert QuizTally.objects.get().submissions == 2
    # Another address is not affected.
    assert send(client, quiz.answer(["True"], [], None), address="192.0.2.7")["errors"] == []
