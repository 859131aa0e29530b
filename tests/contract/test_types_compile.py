"""types.ts compiles, and is usable, under the TypeScript settings of a strict frontend team
(``strict``, ``noUncheckedIndexedAccess``, ``exactOptionalPropertyTypes``): the compiler runs
on frontend_contract/typecheck/, a file that uses every operation's result and variables
types. A new operation fails here until that file uses it."""

import re
import subprocess

from api import contract

from .node import CONTRACT, require

TYPECHECK = CONTRACT / "typecheck"


def test_every_operation_is_used_by_the_typecheck_file():
    text = (TYPECHECK / "operations.ts").read_text()
    imported = set(re.findall(r"\b(\w+)\b", text[: text.index('from "../types"')]))
    missing = []
    for operation in contract.load_operations():
        result = operation.name + operation.type.capitalize()
        for name in (result, f"{result}Variables"):
            if name not in imported or len(re.findall(rf"\b{name}\b", text)) < 2:
                missing.append(name)
    assert not missing, f"frontend_contract/typecheck/operations.ts does not use {missing}"


def test_types_ts_compiles_under_strict_settings():
    require(".bin/tsc", purpose="check that types.ts compiles")
    result = subprocess.run(
        [str(CONTRACT / "node_modules" / ".bin" / "tsc"), "-p", str(TYPECHECK)],
        cwd=CONTRACT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, "tsc -p typecheck failed:\n" + result.stdout + result.stderr
