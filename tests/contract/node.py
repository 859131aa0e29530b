"""The contract's Node.js tools (pinned in frontend_contract/package-lock.json): a test that
needs one skips when it is not installed, except under CI, which must install them."""

import os
import shutil
from pathlib import Path

import pytest

CONTRACT = Path(__file__).resolve().parents[2] / "frontend_contract"


def require(*paths: str, purpose: str, folder: Path = CONTRACT) -> None:
    """Skip (fail under CI) unless Node.js and each of ``paths`` under ``folder``'s
    node_modules/ exist (``folder``: frontend_contract/ or its clients/ suite)."""
    reason = None
    if shutil.which("node") is None:
        reason = "Node.js is not installed"
    else:
        missing = [path for path in paths if not (folder / "node_modules" / path).exists()]
        if missing:
            prefix = folder.relative_to(CONTRACT.parent)
            reason = f"{', '.join(missing)} not installed: run `npm ci --prefix {prefix}`"
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must {purpose})")
        pytest.skip(f"{reason}, needed to {purpose}")
