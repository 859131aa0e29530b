"""The contract proven with the clients frontend teams use (issue 15), against a live server.

- ``frontend_contract/clients/`` (Node's test runner): Apollo Client 4 with the recommended
  ``InMemoryCache`` and persisted queries over GET, urql with graphcache, graphql-request and
  plain fetch run every operation on the demo content and compare the reads with
  ``frontend_contract/examples/``; a bilingual test loads English, Spanish, then English from
  each normalised cache. The README's client snippets are those files (checked below).
- Python's gql validates every operation against the schema the live server introspects, and
  against ``schema.graphql``.
- Every operation asks for ``__typename`` in each selection set: a persisted query runs the
  registered file, not the client's copy (to which Apollo and urql add ``__typename``), and
  without it their normalised caches key nothing and match no fragment.

Marked ``clients``: CI runs them once, in the PostgreSQL round (``.ci/run``).
"""

import json
import os
import re
import shutil
import subprocess

import pytest
from graphql import FieldNode, parse, visit
from graphql.language import Visitor

from api import contract

from .node import CONTRACT, require

pytestmark = pytest.mark.clients

CLIENTS = CONTRACT / "clients"
README = CONTRACT / "README.md"
# The files the README's "Clients" section shows in full.
SNIPPETS = ("apollo.mjs", "urql.mjs", "fetch.mjs")


class _SelectionSetsWithoutTypename(Visitor):
    def __init__(self):
        super().__init__()
        self.missing: list[str] = []

    def enter_field(self, node: FieldNode, *_):
        selections = node.selection_set.selections if node.selection_set else ()
        if selections and not any(
            isinstance(selection, FieldNode) and selection.name.value == "__typename"
            for selection in selections
        ):
            self.missing.append(node.name.value)


def test_every_selection_set_of_every_operation_asks_for_its_typename():
    missing = {}
    for operation in contract.load_operations():
        visitor = _SelectionSetsWithoutTypename()
        visit(parse(operation.text), visitor)
        if visitor.missing:
            missing[operation.file] = visitor.missing
    assert not missing, (
        "These fields' selection sets have no __typename, so a normalised cache cannot key "
        f"what a persisted query answers: {missing}"
    )


@pytest.mark.parametrize("name", SNIPPETS)
def test_the_readme_shows_the_client_files_the_suite_runs(name):
    code = (CLIENTS / name).read_text()
    blocks = re.findall(r"^```js\n(.*?)^```$", README.read_text(), re.M | re.S)
    assert code in blocks, (
        f"frontend_contract/README.md's Clients section must show clients/{name} verbatim, "
        "in a ```js block of its own"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gql_validates_every_operation_against_the_introspected_schema(live_server):
    from gql import Client, gql
    from gql.transport.requests import RequestsHTTPTransport

    transport = RequestsHTTPTransport(url=f"{live_server.url}/graphql/", timeout=30, retries=0)
    introspected = Client(transport=transport, fetch_schema_from_transport=True)
    with introspected:  # connecting fetches the schema by introspection
        pass
    committed = Client(schema=contract.SCHEMA_PATH.read_text())
    failures = {}
    for operation in contract.load_operations():
        for label, client in (("introspected", introspected), ("schema.graphql", committed)):
            try:
                client.validate(gql(operation.text))
            except Exception as error:  # gql raises GraphQLError (or a list of them)
                failures[f"{operation.file} ({label})"] = str(error)
    assert not failures, failures
    # A document that is not valid is refused: the check checks something.
    with pytest.raises(Exception, match="Cannot query field 'noSuchField'"):
        introspected.validate(gql("query Broken { locales { noSuchField } }"))


# Serialized rollback, like every transactional test here: a plain flush afterwards re-runs
# post_migrate, whose rows would collide with the data later tests restore.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_apollo_urql_graphql_request_and_fetch_run_the_contract(live_server):
    require(
        "@apollo/client",
        "@urql/core",
        "@urql/exchange-graphcache",
        "@urql/exchange-persisted",
        "graphql-request",
        folder=CLIENTS,
        purpose="run the contract's client suite",
    )
    from community.models import Comment, CommentStatus
    from demo.content import load_demo_content

    load_demo_content()  # English and Spanish, as the examples were made
    operations = contract.example_operations(contract.load_operations())
    variables = {operation.name: contract.example_variables(operation) for operation in operations}
    result = subprocess.run(
        [shutil.which("node"), "--conditions=development", "--test"],
        cwd=CLIENTS,
        env={
            **os.environ,
            "CONTRACT_ENDPOINT": f"{live_server.url}/graphql/",
            "CONTRACT_VARIABLES": json.dumps(variables),
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    report = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"the client suite failed:\n{report}"
    assert re.search(r"^# pass [1-9]\d*$", result.stdout, re.M), report
    assert re.search(r"^# fail 0$", result.stdout, re.M), report
    # graphql-request waited as long as a reader would: its comment awaits moderation, not spam.
    comment = Comment.objects.get(author_name="Client suite")
    assert comment.status == CommentStatus.PENDING
    # And its directory problem report is stored (not dropped as too fast).
    from snippets.models import DirectoryProblemReport

    report = DirectoryProblemReport.objects.get(note__contains="contract's client suite")
    assert (report.organisation.name, report.kind) == ("Harm Reduction Michigan", "wrong_phone")
