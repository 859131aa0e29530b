"""How far a reader can trust a directory entry, in the reference reader (issue #18, points 1
and 2): when editors last checked it, a notice when that is too long ago, and a "Report a
problem" form after which the entry says it is being checked."""

import re

from playwright.sync_api import expect


def entry(page, name: str):
    return page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(name)))
    )


def test_a_reader_sees_when_details_were_checked_and_reports_a_problem(page, reader_url):
    from snippets.models import DirectoryProblemReport

    page.goto(f"{reader_url}/?directory=1&region=PA")
    philadelphia = entry(page, "Prevention Point Philadelphia")
    expect(philadelphia).to_contain_text("Checked by our editors on")
    expect(philadelphia.locator(".stale")).to_have_count(0)
    # Next Distro (national) was last checked longer ago than the re-verification interval.
    next_distro = entry(page, "Next Distro")
    expect(next_distro.locator(".stale")).to_have_text(
        "These details have not been checked for a while: confirm them before you rely on them."
    )

    philadelphia.get_by_text("Report a problem").click()
    philadelphia.get_by_label("What is wrong?").select_option("CLOSED")
    philadelphia.get_by_label("Details (optional)").fill("Closed since last week.")
    philadelphia.get_by_role("button", name="Send report").click()
    expect(philadelphia.get_by_role("status")).to_have_text(
        "Thank you: an editor will check these details."
    )
    report = DirectoryProblemReport.objects.get()
    assert (report.organisation.name, report.kind, report.note) == (
        "Prevention Point Philadelphia",
        "closed",
        "Closed since last week.",
    )

    page.reload()
    expect(entry(page, "Prevention Point Philadelphia").locator(".being-checked")).to_have_text(
        "A reader reported a problem with these details: we are checking them."
    )
    expect(entry(page, "Next Distro").locator(".being-checked")).to_have_count(0)


def test_the_trust_lines_are_in_spanish_for_a_spanish_reader(page, reader_url):
    page.goto(f"{reader_url}/?directory=1&region=PA&locale=es")
    expect(entry(page, "Next Distro").locator(".stale")).to_contain_text(
        "Estos datos no se comprueban desde hace tiempo"
    )
    expect(entry(page, "Prevention Point Philadelphia")).to_contain_text(
        "Comprobado por nuestro equipo el"
    )
