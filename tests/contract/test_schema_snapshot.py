"""The committed SDL in frontend_contract/ is the live schema."""

import json
import os
import subprocess
import sys
from pathlib import Path

from api.contract import POSSIBLE_TYPES_PATH, possible_types_text, schema_sdl

SNAPSHOT = Path(__file__).resolve().parents[2] / "frontend_contract" / "schema.graphql"


def test_live_schema_matches_the_committed_snapshot():
    live = schema_sdl().strip()
    committed = SNAPSHOT.read_text().strip()
    assert live == committed, (
        "The GraphQL schema changed: run `make schema` and commit frontend_contract/schema.graphql "
        "(and describe the change for frontend developers)."
    )


def test_possible_types_are_current_and_cover_every_abstract_type():
    assert POSSIBLE_TYPES_PATH.read_text() == possible_types_text(), (
        "frontend_contract/possible-types.json is stale: run `make schema` and commit it."
    )
    possible = json.loads(POSSIBLE_TYPES_PATH.read_text())["possibleTypes"]
    # What the contract operations spread fragments on: the body's blocks and search hits.
    assert "QuizBlock" in possible["StreamFieldInterface"]
    assert {"ArticlePage", "Organisation", "Author", "Service"} <= set(possible["SearchResult"])


def test_answer_key_is_not_in_the_schema():
    sdl = SNAPSHOT.read_text()
    assert "isCorrect" not in sdl
    assert "resultBands" not in sdl


def test_the_printed_schema_is_the_same_in_every_process(tmp_path):
    """grapple collects interfaces in sets, whose order follows the hash seed: the SDL is
    printed sorted, so `make schema` writes the same file whatever the process."""
    for seed in ("1", "2"):
        out = tmp_path / f"schema-{seed}.graphql"
        subprocess.run(
            [sys.executable, "manage.py", "export_schema", "--out", str(out)],
            cwd=SNAPSHOT.parents[1],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        assert out.read_text() == SNAPSHOT.read_text(), seed
