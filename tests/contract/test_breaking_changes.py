"""The breaking-change gate: the live schema against the last released contract
(frontend_contract/schema.released.graphql), with CHANGELOG.md declaring what breaks."""

import warnings

import pytest
from django.core.management import CommandError, call_command

from api import contract
from api.management.commands.release_contract import release_changelog

RELEASED = """
type Query {
  article(slug: String!): Article
  articles: [Article!]!
}

type Article {
  title: String!
  greeting: String!
  kind: Kind!
}

enum Kind {
  NEWS
  GUIDE
}
"""

# `greeting` removed (breaking), `intro` added (fine), `Kind.STORY` added (dangerous).
LIVE = """
type Query {
  article(slug: String!): Article
  articles: [Article!]!
}

type Article {
  title: String!
  intro: String!
  kind: Kind!
}

enum Kind {
  NEWS
  GUIDE
  STORY
}
"""

CHANGELOG = """# Changelog

## [Unreleased]

### Added
- `Article.intro`.
{breaking}
## [contract 1.0.0] - 2026-11-26

### Breaking
- Article.greeting was removed.
"""


def test_the_live_schema_breaks_nothing_the_changelog_does_not_declare():
    result = contract.check_breaking_changes(
        contract.RELEASED_SCHEMA_PATH.read_text(),
        contract.schema_sdl(),
        contract.CHANGELOG_PATH.read_text(),
    )
    for change in result.dangerous:
        message = f"Dangerous change since the released contract: {change}"
        print(message)
        warnings.warn(message, stacklevel=1)
    assert not result.undeclared, (
        "These changes break the released GraphQL contract "
        "(frontend_contract/schema.released.graphql) and CHANGELOG.md does not declare them. "
        "Undo them, or declare each one (its exact text) in a bullet under “### Breaking” in "
        "the “## [Unreleased]” section, and release a new major version "
        "(`make release-contract VERSION=x.0.0`):\n"
        + "\n".join(f"- {change}" for change in result.undeclared)
    )


def test_the_released_contract_is_in_the_changelog():
    changelog = contract.CHANGELOG_PATH.read_text()
    assert contract.unreleased_section(changelog) is not None
    assert contract.latest_contract_version(changelog) is not None


def test_the_gate_fails_on_an_undeclared_breaking_change():
    result = contract.check_breaking_changes(RELEASED, LIVE, CHANGELOG.format(breaking=""))

    assert result.breaking == ["Article.greeting was removed."]
    assert result.undeclared == ["Article.greeting was removed."]
    assert result.dangerous == ["STORY was added to enum type Kind."]


def test_a_declaration_in_a_released_section_does_not_count():
    # The 1.0.0 section of CHANGELOG declares the same text: only Unreleased counts.
    result = contract.check_breaking_changes(RELEASED, LIVE, CHANGELOG.format(breaking=""))

    assert result.undeclared


@pytest.mark.parametrize(
    "declaration",
    [
        "- Article.greeting was removed.",
        "- `Article.greeting was removed.` Show `intro` instead.",
        "* The greeting is gone (Article.greeting\n  was removed.): show intro instead.",
    ],
)
def test_the_gate_passes_once_the_unreleased_section_declares_it(declaration):
    changelog = CHANGELOG.format(breaking=f"\n### Breaking\n{declaration}\n")

    result = contract.check_breaking_changes(RELEASED, LIVE, changelog)

    assert result.breaking == ["Article.greeting was removed."]
    assert result.undeclared == []


def test_a_declaration_must_be_under_breaking():
    changelog = CHANGELOG.format(breaking="\n### Removed\n- Article.greeting was removed.\n")

    result = contract.check_breaking_changes(RELEASED, LIVE, changelog)

    assert result.undeclared == ["Article.greeting was removed."]


def test_additions_need_no_declaration():
    result = contract.check_breaking_changes(
        LIVE, LIVE.replace("intro: String!", "intro: String!\n  lede: String"), ""
    )

    assert result.breaking == result.undeclared == result.dangerous == []


def test_release_moves_the_unreleased_entries_under_the_new_version():
    changelog = CHANGELOG.format(breaking="\n### Breaking\n- Article.greeting was removed.\n")

    released = release_changelog(changelog, "2.0.0", "2026-12-01")

    assert released.startswith("# Changelog\n\n## [Unreleased]\n\n## [contract 2.0.0] - 2026-12-01")
    assert contract.declared_breaking_changes(released) == []
    assert "### Added\n- `Article.intro`." in released.split("## [contract 1.0.0]")[0]
    assert contract.latest_contract_version(released) == (2, 0, 0)


def test_release_contract_refuses_a_version_that_is_not_above_the_last(tmp_path, monkeypatch):
    _contract_copy(tmp_path, monkeypatch)

    with pytest.raises(CommandError, match="not above"):
        call_command("release_contract", "1.0.0")
    with pytest.raises(CommandError, match=r"MAJOR\.MINOR\.PATCH"):
        call_command("release_contract", "v2")


def test_release_contract_writes_the_released_schema_and_the_changelog(tmp_path, monkeypatch):
    paths = _contract_copy(tmp_path, monkeypatch)
    paths["released"].write_text("type Query { old: String }\n")  # `old` is gone since
    unreleased = "## [Unreleased]\n\n### Added\n- Something.\n"
    changelog = paths["changelog"].read_text()
    paths["changelog"].write_text(changelog.replace("## [Unreleased]\n", unreleased, 1))
    # Versions after the last release of the real CHANGELOG.md (copied above).
    major = contract.latest_contract_version(changelog)[0]
    next_major, next_minor = f"{major + 1}.0.0", f"{major}.1.0"

    with pytest.raises(
        CommandError, match=r"(?s)Undeclared breaking changes.*- Query\.old was removed"
    ):
        call_command("release_contract", next_major)
    declared = unreleased + "\n### Breaking\n- Query.old was removed.\n"
    paths["changelog"].write_text(changelog.replace("## [Unreleased]\n", declared, 1))
    with pytest.raises(CommandError, match="must bump the major version"):
        call_command("release_contract", next_minor)
    call_command("release_contract", next_major, "--date", "2026-12-01")

    assert paths["released"].read_text() == contract.schema_sdl()
    text = paths["changelog"].read_text()
    released = f"## [Unreleased]\n\n## [contract {next_major}] - 2026-12-01\n\n### Added\n"
    assert released + "- Something." in text
    assert contract.declared_breaking_changes(text) == []
    with pytest.raises(CommandError, match="Unreleased section is empty"):
        call_command("release_contract", f"{major + 1}.0.1")


def _contract_copy(tmp_path, monkeypatch) -> dict:
    """The command, pointed at copies of CHANGELOG.md and the schemas."""
    paths = {
        "changelog": tmp_path / "CHANGELOG.md",
        "schema": tmp_path / "schema.graphql",
        "released": tmp_path / "schema.released.graphql",
    }
    paths["changelog"].write_text(contract.CHANGELOG_PATH.read_text())
    paths["schema"].write_text(contract.schema_sdl())
    paths["released"].write_text(contract.RELEASED_SCHEMA_PATH.read_text())
    monkeypatch.setattr(contract, "CHANGELOG_PATH", paths["changelog"])
    monkeypatch.setattr(contract, "SCHEMA_PATH", paths["schema"])
    monkeypatch.setattr(contract, "RELEASED_SCHEMA_PATH", paths["released"])
    return paths
