"""Admin form data for articles, in the shape Wagtail's page editor posts."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def listblock(items: list) -> dict:
    """Form data of a ListBlock, like streamfield() for a StreamBlock."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def choice(text: str, correct: bool = False) -> dict:
    return {"text": text, "is_correct": "on"} if correct else {"text": text}


def question(prompt: str, kind: str, choices: list, explanation: str = "Because.") -> dict:
    return {
        "prompt": prompt,
        "kind": kind,
        "choices": listblock(choices),
        "explanation": explanation,
    }


def band(low: int, high: int, message: str = "Well done") -> dict:
    return {"min_percent": str(low), "max_percent": str(high), "message": message}


def quiz(questions: list, bands: list | None = None) -> dict:
    return {
        "title": "Test Your Harm Reduction Knowledge",
        "intro": "",
        "questions": listblock(questions),
        "result_bands": listblock(bands or []),
    }


def valid_quiz() -> dict:
    return quiz(
        [
            question(
                "Harm reduction is only about illegal drug use.",
                "true_false",
                [choice("True"), choice("False", correct=True)],
            ),
            question(
                "Which of these is an example of a harm reduction strategy?",
                "single_choice",
                [choice("Naloxone distribution", correct=True), choice("Arrests")],
            ),
        ],
        [band(0, 49, "Keep learning"), band(50, 99, "Good start"), band(100, 100, "Great")],
    )


def article_form(title: str, body: list, **fields) -> dict:
    data = {
        "title": title,
        "slug": fields.pop("slug", title.lower().replace(" ", "-")),
        "author": "",
        "publication_date": "2026-11-01",
        "tags": "naloxone, overdose",
        "greeting": "Hello, community!",
        "intro": rich_text("<p>Why this matters.</p>"),
        "hero_image": "",
        "comments_enabled": "on",
        "reactions_enabled": "on",
        "body": streamfield(body),
        "comments": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)
