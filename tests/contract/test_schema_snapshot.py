"""The committed SDL in frontend_contract/ is the live schema."""

from pathlib import Path

from api.contract import schema_sdl

SNAPSHOT = Path(__file__).resolve().parents[2] / "frontend_contract" / "schema.graphql"


def test_live_schema_matches_the_committed_snapshot():
    live = schema_sdl().strip()
    committed = SNAPSHOT.read_text().strip()
    assert live == committed, (
        "The GraphQL schema changed: run `make schema` and commit frontend_contract/schema.graphql "
        "(and describe the change for frontend developers)."
    )


def test_answer_key_is_not_in_the_schema():
    sdl = SNAPSHOT.read_text()
    assert "isCorrect" not in sdl
    assert "resultBands" not in sdl
