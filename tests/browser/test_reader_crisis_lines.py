"""The reader's footer lists the crisis lines of the page's language (issue #18, point 4), and
a number changed in English reaches Spanish readers at once, marked as English (point 5)."""

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def bilingual(reader_url):
    """The demo content in English and Spanish (the crisis lines too)."""
    from demo.content import load_demo_content

    load_demo_content()
    return reader_url


def footer(page):
    return page.get_by_role("contentinfo").get_by_role("region")


def test_the_footer_lists_the_crisis_lines_in_the_pages_language(page, bilingual, axe):
    page.goto(f"{bilingual}/")
    lines = footer(page)
    expect(lines.get_by_role("heading", level=2)).to_have_text("Help right now")
    lifeline = lines.get_by_role("article", name="988 Suicide and Crisis Lifeline")
    expect(lifeline.get_by_role("link", name="988").first).to_have_attribute("href", "tel:988")
    expect(lifeline.locator("a.crisis-text")).to_have_attribute("href", "sms:988")
    expect(lifeline).to_contain_text("24 hours a day, 7 days a week")
    samhsa = lines.get_by_role("article", name="SAMHSA National Helpline")
    expect(samhsa.get_by_role("link", name="1-800-662-HELP (4357)")).to_have_attribute(
        "href", "tel:+18006624357"
    )
    expect(samhsa).to_contain_text("Spanish")
    # The emergency line stays above them.
    expect(page.get_by_role("contentinfo")).to_contain_text("call your local emergency number")
    assert axe(page, "footer") == []

    page.goto(f"{bilingual}/?locale=es")
    lines = footer(page)
    expect(lines.get_by_role("heading", level=2)).to_have_text("Ayuda ahora mismo")
    lifeline = lines.get_by_role("article", name="988 Línea de Prevención del Suicidio y Crisis")
    expect(lifeline).to_contain_text("Llama al 988")
    expect(lifeline).to_contain_text("Las 24 horas del día")
    expect(lifeline).not_to_have_attribute("lang", re.compile("."))
    expect(lifeline.locator(".notice")).to_have_count(0)


def test_a_number_changed_in_english_is_shown_to_spanish_readers_at_once(page, bilingual):
    from snippets.models import CrisisLine

    page.goto(f"{bilingual}/?locale=es")
    expect(footer(page).get_by_role("article").first).to_contain_text("Llama al 988")

    # An editor changes the 988 line's number in English and publishes it.
    line = CrisisLine.objects.get(
        name="988 Suicide and Crisis Lifeline", locale__language_code="en"
    )
    line.phone = "1-800-273-8255"
    line.full_clean()
    line.save_revision().publish()

    page.reload()
    updated = footer(page).get_by_role("article", name="988 Suicide and Crisis Lifeline")
    expect(updated).to_have_attribute("lang", "en")
    expect(updated.get_by_role("link", name="(800) 273-8255")).to_have_attribute(
        "href", "tel:+18002738255"
    )
    expect(updated.locator(".notice")).to_have_text(
        re.compile(r"Se muestra en inglés mientras se actualiza su traducción\.")
    )
    # The other line is current: still in Spanish.
    expect(
        footer(page).get_by_role("article", name="Línea Nacional de Ayuda de SAMHSA")
    ).to_be_visible()
