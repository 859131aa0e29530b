"""The frontend contract (``frontend_contract/``): the schema as SDL, the named operations and
their persisted-query manifest, the example responses and the breaking-change gate.

Everything that writes the folder (``manage.py export_contract``, ``make schema``) and
everything that checks it (``tests/contract/``, the persisted-query endpoint) uses the
functions here, so that generation, validation and hashing always agree.

Operations: ``frontend_contract/operations/<Name>.graphql`` holds exactly one named operation
``<Name>`` and nothing else: no shared fragments (inline fragments only), so that every file is
a self-contained document that can be hashed, sent, validated and fed to GraphQL Code
Generator on its own. The manifest maps the SHA-256 of each file's exact text to it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import build_schema, lexicographic_sort_schema, print_schema

CONTRACT_DIR = Path(__file__).resolve().parent.parent / "frontend_contract"
SCHEMA_PATH = CONTRACT_DIR / "schema.graphql"
RELEASED_SCHEMA_PATH = CONTRACT_DIR / "schema.released.graphql"
OPERATIONS_DIR = CONTRACT_DIR / "operations"
EXAMPLES_DIR = CONTRACT_DIR / "examples"
MANIFEST_PATH = CONTRACT_DIR / "persisted-operations.json"
POSSIBLE_TYPES_PATH = CONTRACT_DIR / "possible-types.json"
CHANGELOG_PATH = CONTRACT_DIR.parent / "CHANGELOG.md"


# --- The schema ---------------------------------------------------------------------------


def schema_sdl() -> str:
    """The schema as SDL, every type, field, argument, enum value and interface list in name
    order.

    grapple collects a model's interfaces in a set, whose order changes from one process to
    the next (no upstream issue found), so the schema's own order is not stable: printing it
    sorted is. It is sorted once rebuilt from its SDL: ``lexicographic_sort_schema`` copies
    graphene's enum types as plain ones, which cannot print an argument's default given as the
    enum's Python value (grapple's ``searchOperator = "and"``; see
    https://github.com/graphql-python/graphene/issues/691).
    """
    from api.schema import schema

    rebuilt = build_schema(print_schema(schema.graphql_schema))
    return print_schema(lexicographic_sort_schema(rebuilt)) + "\n"


def possible_types_text() -> str:
    """``{"possibleTypes": {abstract type: [object types]}}`` for every interface and union of
    the schema, sorted: what Apollo Client's ``InMemoryCache({possibleTypes})`` needs to match
    fragments on abstract types (the shape of GraphQL Code Generator's fragment-matcher)."""
    from graphql import GraphQLInterfaceType, GraphQLUnionType

    schema = build_schema(schema_sdl())
    possible = {
        name: sorted(kind.name for kind in schema.get_possible_types(abstract))
        for name, abstract in sorted(schema.type_map.items())
        if isinstance(abstract, GraphQLInterfaceType | GraphQLUnionType)
        and not name.startswith("__")
    }
    return json.dumps({"possibleTypes": possible}, indent=2) + "\n"


# --- Operations and the persisted-query manifest ------------------------------------------


class ContractError(Exception):
    """An operation file or the manifest breaks the folder's rules."""


@dataclass(frozen=True)
class Operation:
    name: str
    type: str  # "query" or "mutation"
    file: str  # relative to frontend_contract/, e.g. "operations/Locales.graphql"
    text: str  # the file's exact text: what is hashed, executed and sent

    @property
    def sha256(self) -> str:
        return sha256_hex(self.text)

    @property
    def is_read(self) -> bool:
        return self.type == "query"


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_operation(text: str, file: str) -> Operation:
    """The one named operation in ``text``; a ContractError if the file breaks the rules."""
    from graphql import GraphQLSyntaxError, OperationDefinitionNode, parse

    try:
        document = parse(text)
    except GraphQLSyntaxError as error:
        raise ContractError(f"{file}: {error.message}") from None
    definitions = document.definitions
    if len(definitions) != 1 or not isinstance(definitions[0], OperationDefinitionNode):
        raise ContractError(
            f"{file}: must hold exactly one operation and no fragment definitions "
            "(use inline fragments: each file is a self-contained document)."
        )
    operation = definitions[0]
    if operation.name is None:
        raise ContractError(f"{file}: the operation must be named.")
    name = operation.name.value
    if Path(file).stem != name:
        raise ContractError(f"{file}: the file must be named after its operation ({name}).")
    kind = operation.operation.value
    if kind not in {"query", "mutation"}:
        raise ContractError(f"{file}: {kind} operations are not supported.")
    return Operation(name=name, type=kind, file=file, text=text)


def load_operations(directory: Path = OPERATIONS_DIR) -> list[Operation]:
    """Every operation in ``operations/``, by name."""
    operations = [
        parse_operation(path.read_text(encoding="utf-8"), f"operations/{path.name}")
        for path in sorted(directory.glob("*.graphql"))
    ]
    names = [operation.name for operation in operations]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ContractError(f"Operation names used twice: {', '.join(duplicates)}")
    return operations


def build_manifest(operations: list[Operation]) -> dict[str, dict[str, str]]:
    """``{sha256: {operationName, type, file}}``, by hash."""
    entries = {
        operation.sha256: {
            "operationName": operation.name,
            "type": operation.type,
            "file": operation.file,
        }
        for operation in operations
    }
    return dict(sorted(entries.items()))


def manifest_text(operations: list[Operation]) -> str:
    return json.dumps(build_manifest(operations), indent=2, ensure_ascii=False) + "\n"


def read_manifest(path: Path = MANIFEST_PATH) -> dict[str, Operation]:
    """The persisted operations by SHA-256, read from the manifest and the files it names.

    Fails (ContractError) if a file's text no longer has the hash the manifest gives it: the
    manifest is generated (``make schema``), never edited.
    """
    manifest = json.loads(path.read_text(encoding="utf-8"))
    operations = {}
    for digest, entry in manifest.items():
        operation = parse_operation(
            (path.parent / entry["file"]).read_text(encoding="utf-8"), entry["file"]
        )
        if operation.sha256 != digest or operation.name != entry["operationName"]:
            raise ContractError(
                f"{path.name}: {entry['file']} changed since the manifest was generated: "
                "run `make schema`."
            )
        operations[digest] = operation
    return operations


# --- Examples -----------------------------------------------------------------------------

# Placeholders for values that differ from one database to the next.
ID = "<id>"
UUID = "<uuid>"
DATE = "<date>"
DATETIME = "<datetime>"
TOKEN = "<token>"

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
TOKEN_KEYS = frozenset({"commentFormToken", "directoryReportFormToken", "formToken", "token"})
# Cursors hold the ordering values and the id of an item (api/fields.Keyset).
CURSOR_KEYS = frozenset({"startCursor", "endCursor", "after", "before"})
CURSOR = "<cursor>"


def _is_id_key(key: str | None) -> bool:
    return key is not None and (key == "id" or key.endswith(("Id", "Ids")))


def normalise(value: Any, key: str | None = None) -> Any:
    """``value`` (a decoded JSON response or variables) with its varying values replaced.

    - a string that is a UUID (block ids, translation keys) → ``"<uuid>"``;
    - the value of ``id``, or of a key ending in ``Id``/``Ids`` (``articleId``,
      ``correctChoiceIds``), when not a UUID → ``"<id>"``;
    - an ISO date → ``"<date>"``; an ISO date-time → ``"<datetime>"``;
    - ``commentFormToken`` (and ``formToken``, ``token``) → ``"<token>"``;
    - ``startCursor``, ``endCursor`` (and ``after``, ``before``) → ``"<cursor>"``;
    - everything else as it is: order, numbers, text, URLs with their host.
    """
    if isinstance(value, dict):
        return {name: normalise(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [normalise(item, key) for item in value]
    if value is None or isinstance(value, bool):
        return value
    if key in TOKEN_KEYS and isinstance(value, str):
        return TOKEN
    if key in CURSOR_KEYS and isinstance(value, str):
        return CURSOR
    if isinstance(value, str) and UUID_RE.match(value):
        return UUID
    if _is_id_key(key):
        return ID
    if isinstance(value, str) and DATE_RE.match(value):
        return DATE
    if isinstance(value, str) and DATETIME_RE.match(value):
        return DATETIME
    return value


DEMO_ARTICLE_SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"


def _an_organisation_id() -> dict:
    from snippets.models import Organisation

    organisation = (
        Organisation.objects.filter(live=True, locale__language_code="en").order_by("name").first()
    )
    if organisation is None:
        raise ContractError("The Organisation example needs the demo content's directory.")
    return {"id": str(organisation.pk)}


# The variables each read operation's example is made with (a callable when they depend on
# the database). Every read operation except PreviewArticle (it needs an editor's preview
# token) has an example.
EXAMPLE_VARIABLES: dict[str, dict | Callable[[], dict]] = {
    "ArticleBySlug": {"slug": DEMO_ARTICLE_SLUG, "locale": "en"},
    "ArticleFeed": {"locale": "en", "perPage": 10},
    "ArticleList": {"locale": "en", "page": 1, "perPage": 10},
    "Authors": {"locale": "en"},
    "LocalDirectory": {"region": "PA", "locale": "en", "perPage": 5},
    "LocalDirectoryTrusted": {"region": "PA", "locale": "en", "perPage": 5},
    "Locales": {},
    "Organisation": _an_organisation_id,
    "OrganisationDirectory": {"locale": "en", "page": 1, "perPage": 3},
    "OrganisationTrust": lambda: {**_an_organisation_id(), "locale": "en"},
    "Search": {"query": "naloxone", "locale": "en"},
    "Services": {"locale": "en"},
    "CrisisLines": {"locale": "es", "region": "PA"},
    "Sitemap": {"locale": "en", "perPage": 100},
}
WITHOUT_EXAMPLE = frozenset(
    # A preview token; tokens that differ on every request.
    {"PreviewArticle", "CommentForm", "DirectoryReportForm"}
)


def example_variables(operation: Operation) -> dict:
    variables = EXAMPLE_VARIABLES.get(operation.name)
    if variables is None:
        raise ContractError(
            f"No example variables for {operation.name}: add them to EXAMPLE_VARIABLES in "
            "api/contract.py (or list it in WITHOUT_EXAMPLE)."
        )
    return variables() if callable(variables) else dict(variables)


def example_operations(operations: list[Operation]) -> list[Operation]:
    return [op for op in operations if op.is_read and op.name not in WITHOUT_EXAMPLE]


def make_example(client, operation: Operation) -> dict:
    """Run ``operation`` through ``/graphql/`` with ``client`` (a Django test client) as a
    frontend would, and return its normalised example: operation name, variables, response."""
    variables = example_variables(operation)
    response = client.post(
        "/graphql/",
        json.dumps({"query": operation.text, "variables": variables}),
        content_type="application/json",
    )
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise ContractError(f"{operation.name} failed on the demo content: {body}")
    return {
        "operationName": operation.name,
        "variables": normalise(variables),
        "response": normalise(body),
    }


def example_text(example: dict) -> str:
    return json.dumps(example, indent=2, ensure_ascii=False) + "\n"


def example_path(operation: Operation) -> Path:
    return EXAMPLES_DIR / f"{operation.name}.json"


# --- The breaking-change gate -------------------------------------------------------------

UNRELEASED_RE = re.compile(r"^## \[Unreleased\][^\n]*\n(.*?)(?=^## |\Z)", re.M | re.S)
CONTRACT_VERSION_RE = re.compile(r"^## \[contract (\d+)\.(\d+)\.(\d+)\]", re.M)


def unreleased_section(changelog: str) -> str:
    match = UNRELEASED_RE.search(changelog)
    if match is None:
        raise ContractError("CHANGELOG.md has no “## [Unreleased]” section.")
    return match.group(1)


def declared_breaking_changes(changelog: str) -> list[str]:
    """The bullets under ``### Breaking`` in the Unreleased section, backticks removed and
    whitespace collapsed (a bullet may wrap over several lines)."""
    section = unreleased_section(changelog)
    match = re.search(r"^### Breaking[^\n]*\n(.*?)(?=^### |\Z)", section, re.M | re.S)
    if match is None:
        return []
    bullets = re.split(r"^[-*] ", match.group(1), flags=re.M)[1:]
    return [" ".join(bullet.replace("`", "").split()) for bullet in bullets]


@dataclass(frozen=True)
class GateResult:
    breaking: list[str]  # every breaking change since the released schema
    undeclared: list[str]  # those CHANGELOG.md's Unreleased section does not declare
    dangerous: list[str]  # to print, never to fail on


def check_breaking_changes(released_sdl: str, live_sdl: str, changelog: str) -> GateResult:
    """Compare the released contract with the live schema (graphql-core's
    ``find_breaking_changes`` and ``find_dangerous_changes``).

    A breaking change is declared when a bullet under ``### Breaking`` in CHANGELOG.md's
    ``## [Unreleased]`` section contains graphql-core's exact description of it, e.g.
    ``- ArticlePage.greeting was removed. Use intro instead.`` (backticks are ignored).
    """
    from graphql import build_schema, find_breaking_changes, find_dangerous_changes

    released, live = build_schema(released_sdl), build_schema(live_sdl)
    breaking = [change.description for change in find_breaking_changes(released, live)]
    dangerous = [change.description for change in find_dangerous_changes(released, live)]
    declared = declared_breaking_changes(changelog) if breaking else []
    undeclared = [
        description
        for description in breaking
        if not any(" ".join(description.split()) in bullet for bullet in declared)
    ]
    return GateResult(breaking=breaking, undeclared=undeclared, dangerous=dangerous)


def latest_contract_version(changelog: str) -> tuple[int, int, int] | None:
    versions = [tuple(map(int, match)) for match in CONTRACT_VERSION_RE.findall(changelog)]
    return max(versions) if versions else None
