"""“Find help near you” in the reference reader: a reader picks their state and sees its
organisations first, then the national ones (LocalDirectory; issue #18, point 6)."""

import re

from playwright.sync_api import expect


def test_a_reader_picks_their_state_and_sees_local_then_national_help(page, reader_url):
    page.goto(f"{reader_url}/")
    page.get_by_role("link", name="Find help near you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find help near you")

    page.get_by_label("Your state").select_option("PA")
    expect(page).to_have_url(re.compile(r"region=PA"))
    local = page.get_by_role("list", name="In your state")
    national = page.get_by_role("list", name="Everywhere in the country")
    expect(
        local.get_by_role("heading", name=re.compile("Prevention Point Philadelphia"))
    ).to_be_visible()
    expect(
        national.get_by_role("heading", name=re.compile("National Harm Reduction Coalition"))
    ).to_be_visible()
    # A local organisation of another state is in neither list.
    expect(page.get_by_role("heading", name=re.compile("Chicago Recovery Alliance"))).to_have_count(
        0
    )
    expect(local.get_by_role("link", name="(215) 634-5272")).to_have_attribute(
        "href", "tel:+12156345272"
    )

    # In Spanish, the same list, with the reader's words in Spanish.
    page.goto(f"{reader_url}/?directory=1&region=PA&locale=es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Encuentra ayuda cerca de ti")
    expect(page.get_by_role("list", name="En tu estado").get_by_role("article")).not_to_have_count(
        0
    )
