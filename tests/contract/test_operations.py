"""The operations of frontend_contract/: valid against the live schema, registered in the
manifest, answered on the demo content as their examples show, typed in types.ts."""

import difflib
import json
import os
import subprocess

import pytest
from graphql import build_schema, validate

from api import contract
from api.schema import schema

from .node import require

REGENERATE = "run `make schema` and commit frontend_contract/"

# What issue 6 asks for at least; later issues add more.
REQUIRED_OPERATIONS = {
    "ArticleBySlug": "query",
    "ArticleList": "query",
    "OrganisationDirectory": "query",
    "Organisation": "query",
    "Services": "query",
    "Authors": "query",
    "Locales": "query",
    "Search": "query",
    "PreviewArticle": "query",
    "PostComment": "mutation",
    "React": "mutation",
    "SubmitQuiz": "mutation",
}


@pytest.fixture(scope="module")
def operations():
    return contract.load_operations()


def test_the_folder_has_every_operation_a_reader_needs(operations):
    found = {operation.name: operation.type for operation in operations}
    assert found.items() >= REQUIRED_OPERATIONS.items()


def test_every_operation_validates_against_the_live_schema(operations):
    failures = {
        operation.file: [error.message for error in errors]
        for operation in operations
        if (errors := validate(schema.graphql_schema, _document(operation)))
    }
    assert not failures, failures


def test_every_operation_validates_against_the_committed_schema(operations):
    committed = build_schema(contract.SCHEMA_PATH.read_text())
    failures = {
        operation.file: [error.message for error in errors]
        for operation in operations
        if (errors := validate(committed, _document(operation)))
    }
    assert not failures, failures


def test_an_operation_file_holds_one_named_operation_and_no_fragment():
    with pytest.raises(contract.ContractError, match="no fragment definitions"):
        contract.parse_operation(
            "query Locales { locales { ...L } }\nfragment L on LocaleInfo { code }",
            "operations/Locales.graphql",
        )
    with pytest.raises(contract.ContractError, match="named after its operation"):
        contract.parse_operation("query Other { locales { code } }", "operations/Locales.graphql")
    with pytest.raises(contract.ContractError, match="must be named"):
        contract.parse_operation("{ locales { code } }", "operations/Locales.graphql")


def test_the_manifest_is_current(operations):
    committed = contract.MANIFEST_PATH.read_text()
    assert committed == contract.manifest_text(operations), (
        f"persisted-operations.json does not match operations/: {REGENERATE}."
    )
    manifest = json.loads(committed)
    for digest, entry in manifest.items():
        text = (contract.CONTRACT_DIR / entry["file"]).read_text()
        assert contract.sha256_hex(text) == digest
    assert contract.read_manifest().keys() == manifest.keys()


def test_every_read_operation_has_an_example_and_nothing_else_does(operations):
    expected = {f"{op.name}.json" for op in contract.example_operations(operations)}
    found = {path.name for path in contract.EXAMPLES_DIR.glob("*.json")}
    assert found == expected, f"examples/ is out of date: {REGENERATE}."


def test_every_read_operation_answers_the_demo_content_as_its_example_shows(
    demo_es, client, operations
):
    # The whole demo content, Spanish included, as export_contract loads it.
    differences = {}
    for operation in contract.example_operations(operations):
        path = contract.example_path(operation)
        committed = path.read_text() if path.exists() else ""
        answered = contract.example_text(contract.make_example(client, operation))
        if json.loads(committed or "null") != json.loads(answered):
            diff = difflib.unified_diff(
                committed.splitlines(), answered.splitlines(), "committed", "answered", lineterm=""
            )
            differences[operation.name] = "\n".join(list(diff)[:60])
    assert not differences, (
        "These examples no longer match the API's answers on the demo content "
        f"({REGENERATE}):\n" + "\n".join(f"{name}:\n{diff}" for name, diff in differences.items())
    )


def test_examples_are_written_as_the_generator_writes_them(operations):
    for operation in contract.example_operations(operations):
        text = contract.example_path(operation).read_text()
        assert text == contract.example_text(json.loads(text)), operation.name


def test_normalise_replaces_only_what_varies():
    response = {
        "data": {
            "article": {
                "id": "12",
                "slug": "a-slug",
                "url": "https://example.org/articles/a-slug/",
                "publicationDate": "2024-11-05",
                "lastPublishedAt": "2026-11-26T10:11:12.123456+00:00",
                "commentFormToken": "eyJhIjo1fQ:1abc:xyz",
                "comments": {"items": [{"id": "3", "createdAt": "2026-11-26T10:11:12Z"}]},
                "body": [{"id": "5f0c7a8e-3b1d-4c1e-9a51-0f0e2b7c9d11", "text": "2024-11-05 x"}],
                "reactions": [{"kind": "HELPFUL", "count": 2}],
            },
            "submitQuiz": {"questions": [{"questionId": "q1", "correctChoiceIds": ["7", "8"]}]},
        }
    }
    assert contract.normalise(response) == {
        "data": {
            "article": {
                "id": "<id>",
                "slug": "a-slug",
                "url": "https://example.org/articles/a-slug/",
                "publicationDate": "<date>",
                "lastPublishedAt": "<datetime>",
                "commentFormToken": "<token>",
                "comments": {"items": [{"id": "<id>", "createdAt": "<datetime>"}]},
                "body": [{"id": "<uuid>", "text": "2024-11-05 x"}],
                "reactions": [{"kind": "HELPFUL", "count": 2}],
            },
            "submitQuiz": {
                "questions": [{"questionId": "<id>", "correctChoiceIds": ["<id>", "<id>"]}]
            },
        }
    }


def test_types_ts_is_current(tmp_path):
    folder = contract.CONTRACT_DIR
    require(".bin/graphql-codegen", purpose="check that types.ts is current")
    out = tmp_path / "types.ts"
    result = subprocess.run(
        ["npx", "--no-install", "graphql-codegen", "--config", "codegen.ts", "--silent"],
        cwd=folder,
        env={**os.environ, "CONTRACT_TYPES_OUT": str(out)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_text() == (folder / "types.ts").read_text(), (
        f"types.ts is not what GraphQL Code Generator makes of the contract: {REGENERATE}."
    )


def _document(operation: contract.Operation):
    from graphql import parse

    return parse(operation.text)
