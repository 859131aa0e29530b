"""A translator sees, for each segment of a quiz, where it is and its context: which question,
which choice and whether it is the correct one, which score range a result message is for
(#20 point 9), in wagtail-localize's editor."""

import json

import pytest
from django.urls import reverse

from tests.community.test_quiz_report import overdose_quiz
from tests.factories import article


@pytest.fixture
def quiz_translation(translate):
    quiz = {
        **overdose_quiz(),
        "result_bands": [
            {"min_percent": 0, "max_percent": 49, "message": "Keep learning!"},
            {"min_percent": 50, "max_percent": 100, "message": "Great job!"},
        ],
    }
    page = article("quiz-article", body=[{"type": "quiz", "value": quiz}])
    _translation, es_page = translate(page)
    return es_page


def segments(client, page) -> dict[str, dict]:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    props = json.loads(response.context["props"])
    return {segment["source"]: segment["location"] for segment in props["segments"]}


def test_quiz_segments_say_where_they_are(translator_client, quiz_translation):
    located = segments(translator_client, quiz_translation)

    def where(source):
        return located[source]["subField"], located[source]["fieldHelpText"]

    prompt = "Naloxone reverses opioid overdoses."
    assert where(prompt) == ("Question 1 › prompt", "The question readers answer.")
    assert where("Syringe services") == (
        "Question 2 › choice 1 (correct answer)",
        "An answer to: “Which services reduce harm?”",
    )
    assert where("Arrests")[0] == "Question 2 › choice 3 (wrong answer)"
    assert where("Overdose quiz")[0] == "Quiz title"
    explanations = [loc for loc in located.values() if "explanation" in (loc["subField"] or "")]
    assert explanations and all(
        "Explains the answer to" in e["fieldHelpText"] for e in explanations
    )
    bands = [
        loc["subField"] for loc in located.values() if "Result message" in (loc["subField"] or "")
    ]
    assert bands and all("%" in band for band in bands)
    assert all(loc["field"] == "Quiz" for loc in located.values() if loc["subField"])
