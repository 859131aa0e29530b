"""Labels translators understand for the segments of a quiz, in wagtail-localize's editor.

wagtail-localize labels a StreamField segment with its block's label and the label of the
block's first field only: every prompt, choice and explanation of a quiz reads "Quiz ›
Questions", band messages show no score range, and nothing says which choice is the correct
one. It has no hook for this (``get_segment_location_info`` in
``wagtail_localize.views.edit_translation``, called for every segment; no upstream issue found),
so :func:`install` wraps that function: for a segment inside a quiz it sets

* ``subField``: where the text is, e.g. "Question 2 › choice 3 (correct answer)",
  "Question 2 › explanation (shown after answering)", "Result message for 40–79 %";
* ``fieldHelpText``: the context a translator needs, e.g. a choice's question.

Other segments keep wagtail-localize's labels.
"""

from __future__ import annotations

import functools

QUIZ = "quiz"


def _child(list_value, item_id: str):
    """(1-based position, value) of the item ``item_id`` of a ListBlock value, or (None, None)."""
    for position, bound in enumerate(list_value.bound_blocks, start=1):
        if bound.id == item_id:
            return position, bound.value
    return None, None


def quiz_location(quiz, path: list[str]) -> tuple[str, str] | None:
    """``(label, help)`` for the segment at ``path`` (its content path after the block id)
    inside the quiz value ``quiz``, or None when it is not one this module knows."""
    if path == ["title"]:
        return "Quiz title", "Shown above the questions."
    if path == ["intro"]:
        return "Quiz introduction", "Shown under the title, before the questions."
    if len(path) >= 3 and path[0] == "questions":
        number, question = _child(quiz["questions"], path[1])
        if question is None:
            return None
        where = f"Question {number}"
        if path[2:] == ["prompt"]:
            return f"{where} › prompt", "The question readers answer."
        if path[2:] == ["explanation"]:
            return (
                f"{where} › explanation (shown after answering)",
                f"Explains the answer to: “{question['prompt']}”",
            )
        if len(path) == 5 and path[2] == "choices" and path[4] == "text":
            position, choice = _child(question["choices"], path[3])
            if choice is None:
                return None
            verdict = "correct answer" if choice["is_correct"] else "wrong answer"
            return (
                f"{where} › choice {position} ({verdict})",
                f"An answer to: “{question['prompt']}”",
            )
    if len(path) == 3 and path[0] == "result_bands" and path[2] == "message":
        _position, band = _child(quiz["result_bands"], path[1])
        if band is None:
            return None
        low, high = band["min_percent"], band["max_percent"]
        return (
            f"Result message for {low}–{high} %",
            f"Shown to readers who scored from {low} % to {high} % of the questions right.",
        )
    return None


def label_quiz_segments(get_location):
    @functools.wraps(get_location)
    def located(source_instance, tab_helper, content_path, field_path, widget=False):
        info = get_location(source_instance, tab_helper, content_path, field_path, widget)
        parts = content_path.split(".")
        fields = field_path.split(".")
        if len(parts) < 3 or len(fields) < 2 or fields[1] != QUIZ:
            return info
        stream = getattr(source_instance, parts[0], None)
        block = next((child for child in stream or () if child.id == parts[1]), None)
        found = quiz_location(block.value, parts[2:]) if block is not None else None
        if found is not None:
            info["subField"], info["fieldHelpText"] = found
        return info

    located.cms_labels_quiz = True
    return located


def install() -> None:
    """Wrap wagtail-localize's segment locations (once; from PagesConfig.ready)."""
    from wagtail_localize.views import edit_translation

    if not getattr(edit_translation.get_segment_location_info, "cms_labels_quiz", False):
        edit_translation.get_segment_location_info = label_quiz_segments(
            edit_translation.get_segment_location_info
        )
