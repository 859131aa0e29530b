"""GraphQL over HTTP, to the letter: the server audit of the ``graphql-http`` package (the
specification's reference implementation) against ``/graphql/`` on a live server, with no
failed MUST (error) and no failed SHOULD (warning). Failed MAYs (notices) are optional
behaviour and only reported.

The audit is frontend_contract/scripts/graphql-http-audit.mjs, run with Node against
pytest-django's live server. It sends ``{ __typename }`` and broken variants of it, so the
database needs no content.
"""

import shutil
import subprocess

import pytest

from .node import CONTRACT, require

SCRIPT = CONTRACT / "scripts" / "graphql-http-audit.mjs"


def node() -> str:
    require("graphql-http", purpose="run the GraphQL over HTTP audit")
    return shutil.which("node")


# Serialized rollback, like every transactional test here: a plain flush afterwards re-runs
# post_migrate, whose rows would collide with the data later tests restore.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_endpoint_passes_the_graphql_over_http_server_audit(live_server):
    result = subprocess.run(
        [node(), str(SCRIPT), f"{live_server.url}/graphql/"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"the GraphQL over HTTP audit failed:\n{report}"
