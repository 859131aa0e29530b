import json

import pytest

from api import contract


@pytest.fixture(scope="session")
def ids() -> dict[str, str]:
    """The contract's persisted operations: operation name → the SHA-256 clients send as `id`."""
    manifest = json.loads(contract.MANIFEST_PATH.read_text())
    return {entry["operationName"]: digest for digest, entry in manifest.items()}
