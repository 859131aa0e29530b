"""Quiz question and choice ids stay the same however the content was saved."""

import pytest

from pages.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db


def quiz_ids(page):
    quiz = page.body[0].value
    return [
        (question.id, [choice.id for choice in question.value["choices"].bound_blocks])
        for question in quiz["questions"].bound_blocks
    ]


def test_ids_of_content_saved_as_raw_json_are_stable_across_loads():
    factories.article("raw-json", body=[{"type": "quiz", "value": factories.quiz_value()}])
    first = quiz_ids(ArticlePage.objects.get(slug="raw-json"))
    second = quiz_ids(ArticlePage.objects.get(slug="raw-json"))
    assert first == second
    assert all(question_id for question_id, _ in first)
