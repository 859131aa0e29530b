"""Safety-critical content is never served stale in a translation (issue #18, point 5).

A crisis line changed in English is served in English to Spanish readers at once, flagged, until
a translator catches up; the same for a safety-critical callout of a translated article, block by
block; such responses are cached for at most 60 seconds and purged first (pages/safety.py).
"""

import json

import pytest
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Locale
from wagtail_localize.models import Translation

from api.core import edge
from pages.models import ArticlePage
from snippets.models import CrisisLine
from tests import factories

from .conftest import fill_strings

ARTICLE = """
query ($slug: String!, $locale: String) {
  article(slug: $slug, locale: $locale) {
    locale
    body {
      id
      blockType
      ... on CalloutBlock { title kind safetyCritical locale isFallback }
      ... on CrisisLinesBlock {
        heading locale isFallback
        crisisLines { id name phone phoneDisplay hours locale isFallback }
      }
    }
  }
}
"""
FOOTER = """
query ($locale: String, $region: String) {
  crisisLines(locale: $locale, region: $region) {
    id name phone phoneUri sms smsUri hours region coverage languages locale isFallback
  }
}
"""


def crisis_line(name="988 Suicide and Crisis Lifeline", **fields) -> CrisisLine:
    fields = {"phone": "988", "sms": "988", "hours": "24/7", "languages": "en, es", **fields}
    line = CrisisLine(name=name, locale=Locale.get_default(), **fields)
    line.full_clean()
    line.save()
    line.save_revision().publish()
    return line


def publish(obj, publish_on_commit, **changes):
    """Change ``obj`` as an editor would (a revision, published), committing: the response
    cache and the edge are purged when a change commits."""
    for name, value in changes.items():
        setattr(obj, name, value)
    with publish_on_commit():
        obj.full_clean() if not isinstance(obj, ArticlePage) else None
        obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


def catch_up(instance, es, publish_on_commit, spanish=lambda english: english):
    """The translator's turn: sync the source, translate the new strings, publish."""
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=es
    )
    with publish_on_commit():
        translation.source.update_from_db()
        fill_strings(translation, spanish)
        translation.save_target(publish=True)
    return translation.get_target_instance()


def edit_body(page, edit):
    """The page's stored body (with its block ids), changed by ``edit(list of raw blocks)``."""
    page.refresh_from_db()
    raw = [dict(item, value=dict(item["value"])) for item in page.body.raw_data]
    page.body = page.body.stream_block.to_python(edit(raw) or raw)
    return page


def lines_of(result):
    return next(block for block in result["body"] if block["blockType"] == "CrisisLinesBlock")


@pytest.fixture
def line_es(translate):
    line = crisis_line()
    _translation, spanish = translate(line)
    return line, spanish


def test_a_number_changed_in_english_is_served_to_spanish_readers_at_once(
    gql, line_es, translate, es, publish_on_commit
):
    line, spanish = line_es
    page = factories.article(
        "crisis",
        body=[
            {"type": "crisis_lines", "value": {"heading": "Help now", "crisis_lines": [line.pk]}}
        ],
    )
    _translation, page_es = translate(page)
    # Translating the page made wagtail-localize save the Spanish line again, as a draft (not
    # live): the translator publishes it.
    spanish.refresh_from_db()
    assert not spanish.live
    with publish_on_commit():
        spanish.latest_revision.publish()
    before = gql(ARTICLE, {"slug": page_es.slug, "locale": "es"})["data"]["article"]
    block = lines_of(before)
    assert (block["locale"], block["isFallback"]) == ("es", False)
    assert [
        (item["locale"], item["isFallback"], item["phone"]) for item in block["crisisLines"]
    ] == [("es", False, "988")]
    footer = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert [(item["locale"], item["phone"]) for item in footer] == [("es", "988")]

    publish(line, publish_on_commit, phone="1-800-273-8255")

    # The same queries (the responses above were cached): the new number, flagged as English.
    after = gql(ARTICLE, {"slug": page_es.slug, "locale": "es"})["data"]["article"]
    block = lines_of(after)
    assert (block["locale"], block["isFallback"]) == ("es", False)  # the block did not change
    [item] = block["crisisLines"]
    assert (item["phone"], item["phoneDisplay"], item["locale"], item["isFallback"]) == (
        "+18002738255",
        "(800) 273-8255",
        "en",
        True,
    )
    assert item["id"] == f"{line.pk}@es"  # a fallback's own id: no cache mixes the two
    [footer_item] = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert (footer_item["phone"], footer_item["locale"], footer_item["isFallback"]) == (
        "+18002738255",
        "en",
        True,
    )
    # English readers are not affected.
    [english] = gql(FOOTER, {"locale": "en"})["data"]["crisisLines"]
    assert (english["locale"], english["isFallback"], english["phone"]) == (
        "en",
        False,
        "+18002738255",
    )

    # The translator syncs and publishes: Spanish again, with the new number.
    catch_up(line, es, publish_on_commit)
    [footer_item] = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert (footer_item["phone"], footer_item["locale"], footer_item["isFallback"]) == (
        "+18002738255",
        "es",
        False,
    )
    assert footer_item["id"] == str(spanish.pk)


def test_a_text_change_waits_for_its_translation(gql, line_es, es, publish_on_commit):
    line, _spanish = line_es
    publish(line, publish_on_commit, hours="8am to midnight, every day")
    [item] = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert (item["hours"], item["locale"], item["isFallback"]) == (
        "8am to midnight, every day",
        "en",
        True,
    )
    # Synced, but the new string is not translated yet: wagtail-localize cannot write the
    # Spanish line, so English is still served.
    translation = Translation.objects.get(source__object_id=line.translation_key, target_locale=es)
    with publish_on_commit():
        translation.source.update_from_db()
    [item] = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert item["locale"] == "en"

    catch_up(line, es, publish_on_commit, spanish=lambda english: "De 8 a 24 h, todos los días")
    [item] = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert (item["hours"], item["locale"], item["isFallback"]) == (
        "De 8 a 24 h, todos los días",
        "es",
        False,
    )


def test_a_number_a_translator_set_for_their_language_is_kept(gql, line_es, es, publish_on_commit):
    """wagtail-localize lets a translator override a synchronised field for a language (a
    line's own number for Spanish speakers): that is not an outdated translation."""
    from wagtail_localize.models import SegmentOverride, TranslationContext

    line, spanish = line_es
    translation = Translation.objects.get(source__object_id=line.translation_key, target_locale=es)
    context = TranslationContext.objects.get(object_id=line.translation_key, path="phone")
    SegmentOverride.objects.create(locale=es, context=context, data_json=json.dumps("+18886289454"))
    with publish_on_commit():
        translation.save_target(publish=True)
    spanish.refresh_from_db()
    assert spanish.phone == "+18886289454"
    [item] = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert (item["phone"], item["locale"], item["isFallback"]) == ("+18886289454", "es", False)
    # Its other facts still follow the source: a changed SMS number serves the source.
    publish(line, publish_on_commit, sms="741741")
    [item] = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert (item["sms"], item["locale"], item["isFallback"]) == ("741741", "en", True)


def test_a_saved_draft_of_the_source_changes_nothing(gql, line_es):
    line, _spanish = line_es
    line.phone = "1-800-273-8255"
    line.full_clean()
    line.save_revision()  # a draft: readers of either language still get 988
    [item] = gql(FOOTER, {"locale": "es"})["data"]["crisisLines"]
    assert (item["phone"], item["locale"]) == ("988", "es")


def test_a_withdrawn_line_is_served_in_no_language(gql, line_es, publish_on_commit):
    line, _spanish = line_es
    with publish_on_commit():
        line.unpublish()
    assert gql(FOOTER, {"locale": "es"})["data"]["crisisLines"] == []
    assert gql(FOOTER, {"locale": "en"})["data"]["crisisLines"] == []


def test_the_footer_lists_national_lines_and_the_readers_states(gql, db):
    crisis_line("988", footer_order=1)
    crisis_line("PA Get Help Now", phone="1-800-662-4357", sms="", region="PA", coverage="regional")
    crisis_line("Not in the footer", phone="741741", sms="", show_in_footer=False)
    names = [item["name"] for item in gql(FOOTER, {})["data"]["crisisLines"]]
    assert names == ["988"]
    names = [item["name"] for item in gql(FOOTER, {"region": "pa"})["data"]["crisisLines"]]
    assert names == ["PA Get Help Now", "988"]  # footer order 0 before 1


def callout(title, *, safety_critical):
    return {
        "type": "callout",
        "value": {
            "kind": "emergency",
            "title": title,
            "body": f"<p>{title}: call 911.</p>",
            "safety_critical": safety_critical,
        },
    }


@pytest.fixture
def callouts_es(translate):
    page = factories.article(
        "overdose",
        body=[
            callout("If someone is not breathing", safety_critical=True),
            callout("Naloxone", safety_critical=True),
            callout("Good to know", safety_critical=False),
        ],
    )
    _translation, page_es = translate(page)
    return page, page_es


def callouts(gql, page_es):
    body = gql(ARTICLE, {"slug": page_es.slug, "locale": "es"})["data"]["article"]["body"]
    return [(b["title"], b["locale"], b["isFallback"]) for b in body]


def test_a_changed_safety_critical_callout_is_served_from_the_source_block_by_block(
    gql, callouts_es, es, publish_on_commit
):
    page, page_es = callouts_es
    assert callouts(gql, page_es) == [
        ("If someone is not breathing", "es", False),
        ("Naloxone", "es", False),
        ("Good to know", "es", False),
    ]

    def edit(body):
        body[0]["value"]["title"] = "If someone is not breathing or will not wake up"
        body[2]["value"]["title"] = "Worth knowing"

    publish(edit_body(page, edit), publish_on_commit)

    # The changed safety-critical callout: the source's current version, flagged. The unchanged
    # one stays Spanish; so does the changed callout that is not safety-critical.
    assert callouts(gql, page_es) == [
        ("If someone is not breathing or will not wake up", "en", True),
        ("Naloxone", "es", False),
        ("Good to know", "es", False),
    ]
    # Block ids are the translation's, whichever version is served.
    ids = [
        b["id"]
        for b in gql(ARTICLE, {"slug": page_es.slug, "locale": "es"})["data"]["article"]["body"]
    ]
    assert all(block_id.startswith(f"{page_es.pk}:") for block_id in ids)

    catch_up(page, es, publish_on_commit)
    assert callouts(gql, page_es) == [
        ("If someone is not breathing or will not wake up", "es", False),
        ("Naloxone", "es", False),
        ("Worth knowing", "es", False),
    ]


def test_a_crisis_lines_block_changed_in_english_serves_its_lines_in_spanish(
    gql, line_es, translate, publish_on_commit
):
    line, spanish = line_es
    other = crisis_line("SAMHSA National Helpline", phone="1-800-662-4357", sms="")
    page = factories.article(
        "crisis",
        body=[
            {"type": "crisis_lines", "value": {"heading": "Help now", "crisis_lines": [line.pk]}}
        ],
    )
    _translation, page_es = translate(page)
    with publish_on_commit():
        spanish.refresh_from_db()
        spanish.latest_revision.publish()

    def edit(body):
        body[0]["value"]["heading"] = "Get help now"
        body[0]["value"]["crisis_lines"] = [line.pk, other.pk]

    publish(edit_body(page, edit), publish_on_commit)
    block = lines_of(gql(ARTICLE, {"slug": page_es.slug, "locale": "es"})["data"]["article"])
    # The source's block (its heading, its lines), each line in Spanish where it is current.
    assert (block["heading"], block["locale"], block["isFallback"]) == ("Get help now", "en", True)
    assert [
        (item["name"], item["locale"], item["isFallback"]) for item in block["crisisLines"]
    ] == [
        (spanish.name, "es", False),
        ("SAMHSA National Helpline", "en", True),
    ]


def test_a_safety_critical_callout_the_source_removed_is_left_out(
    gql, callouts_es, publish_on_commit
):
    page, page_es = callouts_es
    publish(edit_body(page, lambda body: body[1:]), publish_on_commit)
    assert callouts(gql, page_es) == [("Naloxone", "es", False), ("Good to know", "es", False)]


def test_a_translation_published_before_the_sync_serves_the_source_for_safety_blocks(
    gql, callouts_es, es, publish_on_commit
):
    """Synced after an English change, not yet published in Spanish: which version the
    Spanish was written from is unknown, so every safety-critical block is the source's."""
    page, page_es = callouts_es

    def edit(body):
        body[2]["value"]["title"] = "Worth knowing"

    publish(edit_body(page, edit), publish_on_commit)
    assert [locale for _t, locale, _f in callouts(gql, page_es)] == ["es", "es", "es"]
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=es)
    with publish_on_commit():
        translation.source.update_from_db()
    assert callouts(gql, page_es) == [
        ("If someone is not breathing", "en", True),
        ("Naloxone", "en", True),
        ("Good to know", "es", False),
    ]


def test_a_preview_of_the_translation_shows_the_translators_draft(callouts_es):
    """The replacement is for readers: an editor previewing a draft sees what was written."""
    _page, page_es = callouts_es
    page_es._cms_preview = True
    assert next(child.value["title"] for child in page_es.graphql_body(None)) == (
        "If someone is not breathing"
    )


# --- Organisations' contact details ----------------------------------------------------------

DIRECTORY = """
query ($locale: String) {
  organisations(locale: $locale) { items { name locale isFallback phone email } }
  search(query: "Naloxone", locale: $locale) { ... on Organisation { name phone } }
}
"""


def test_an_organisations_new_phone_reaches_spanish_readers_at_once(
    gql, translate, es, publish_on_commit
):
    """Contact details are the same in every language: a number changed in English is served
    with the Spanish text at once, in every list, not when someone next syncs."""
    organisation = factories.organisation(
        "Naloxone Now", phone="(215) 634-5272", description="Naloxone by mail."
    )
    _translation, spanish = translate(organisation)
    page = factories.article(
        "directory",
        body=[
            {
                "type": "organisation_directory",
                "value": {"heading": "Help", "organisations": [organisation.pk]},
            }
        ],
    )
    _translation, page_es = translate(page)
    with publish_on_commit():
        spanish.refresh_from_db()
        spanish.latest_revision.publish()

    publish(organisation, publish_on_commit, phone="(267) 555-0100", email="new@example.org")

    data = gql(DIRECTORY, {"locale": "es"})["data"]
    [item] = data["organisations"]["items"]
    assert (item["locale"], item["isFallback"]) == ("es", False)
    assert (item["phone"], item["email"]) == ("+12675550100", "new@example.org")
    assert [hit["phone"] for hit in data["search"] if hit] == ["+12675550100"]
    body = gql(
        """query ($slug: String!) { article(slug: $slug, locale: "es") { body {
        ... on OrganisationDirectoryBlock { organisations { phone locale } } } } }""",
        {"slug": page_es.slug},
    )["data"]["article"]["body"]
    assert [org for block in body for org in block.get("organisations", [])] == [
        {"phone": "+12675550100", "locale": "es"}
    ]
    # Nothing was saved: the translation is as wagtail-localize left it, until synced.
    spanish.refresh_from_db()
    assert spanish.phone == "+12156345272"


# --- Caching ----------------------------------------------------------------------------------


def max_age(response) -> int:
    public, age = response["Cache-Control"].split(", ")
    assert public == "public"
    return int(age.removeprefix("max-age="))


def test_safety_critical_responses_are_kept_60_seconds_at_most(client, ids, settings, line_es):
    settings.PERSISTED_QUERY_MAX_AGE = 600
    settings.RESPONSE_CACHE_TIMEOUT = 3600
    variables = json.dumps({"locale": "es", "region": "PA"})
    response = client.get("/graphql/", {"id": ids["CrisisLines"], "variables": variables})
    assert response.status_code == 200
    assert max_age(response) in (59, 60)  # whole seconds left, rounded down
    assert "safety" in response["Cache-Tag"].split()
    hit = client.get("/graphql/", {"id": ids["CrisisLines"], "variables": variables})
    assert hit["X-Response-Cache"] == "hit"
    assert max_age(hit) <= 60
    # Not safety-critical: the configured max-age.
    response = client.get("/graphql/", {"id": ids["Services"], "variables": "{}"})
    assert response["Cache-Control"] == "public, max-age=600"
    assert "safety" not in response["Cache-Tag"].split()


def test_the_servers_copy_expires_after_60_seconds(client, ids, settings, line_es):
    settings.RESPONSE_CACHE_TIMEOUT = 3600
    params = {"id": ids["CrisisLines"], "variables": json.dumps({"locale": "es"})}
    with freeze_time(timezone.now()) as clock:
        assert client.get("/graphql/", params)["X-Response-Cache"] == "miss"
        clock.tick(59)
        assert client.get("/graphql/", params)["X-Response-Cache"] == "hit"
        clock.tick(2)
        assert client.get("/graphql/", params)["X-Response-Cache"] == "miss"


def test_the_edge_purges_safety_critical_responses_first():
    registry = edge.LocalRegistry()
    registry.add(["organisation:1", "all"], "http://x/graphql/?id=a")
    registry.add(["crisisline:1", "safety", "all"], "http://x/graphql/?id=z")
    registry.add(["organisation:1", "crisisline:1", "safety", "all"], "http://x/graphql/?id=m")
    found = registry.pop("organisation:1") | registry.pop("crisisline:1")
    first = registry.take("safety", found)
    assert first == {"http://x/graphql/?id=z", "http://x/graphql/?id=m"}
    assert registry.take("safety", found) == set()  # taken once


def test_outdated_is_decided_from_dates(line_es, es):
    from pages.translation import outdated

    line, spanish = line_es
    translation = Translation.objects.get(source__object_id=line.translation_key, target_locale=es)
    assert not outdated(translation, line, spanish)
    line.last_published_at = timezone.now()
    assert outdated(translation, line, spanish)
    spanish.live = False
    assert outdated(None, line, spanish)
