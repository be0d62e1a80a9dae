"""Size budgets for hand-written code: no module over 500 lines of code and no function
over 80 (docstrings, comments and blank lines excluded). Generated code
(``src/labelbox_gen``, ``src/labelbox/_generated``) is exempt: it is measured by the
inputs it comes from. A module or function that grows past its budget is split by
concern, not granted an exception here."""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAND_WRITTEN = ("src", "codegen", "bench", "docs", "examples", "tests")
GENERATED = ({"labelbox_gen"}, {"labelbox", "_generated"})
MODULE_BUDGET = 500
FUNCTION_BUDGET = 80


def _modules() -> list[Path]:
    paths = []
    for top in HAND_WRITTEN:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = set(path.relative_to(ROOT).parts)
            if any(generated <= parts for generated in GENERATED):
                continue
            paths.append(path)
    return paths


def _docstring_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                end = body[0].end_lineno or body[0].lineno
                lines.update(range(body[0].lineno, end + 1))
    return lines


_NOT_CODE = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENDMARKER,
}


def code_lines(source: str) -> tuple[set[int], ast.Module]:
    """The numbers of the lines holding code, and the module's syntax tree."""
    tree = ast.parse(source)
    docstrings = _docstring_lines(tree)
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _NOT_CODE:
            lines.update(n for n in range(token.start[0], token.end[0] + 1) if n not in docstrings)
    return lines, tree


def _over_budget() -> list[str]:
    found = []
    for path in _modules():
        lines, tree = code_lines(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT).as_posix()
        if len(lines) > MODULE_BUDGET:
            found.append(f"{name}: {len(lines)} lines of code")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                end = node.end_lineno or node.lineno
                size = sum(1 for n in lines if node.lineno <= n <= end)
                if size > FUNCTION_BUDGET:
                    found.append(f"{name}:{node.lineno} {node.name}: {size} lines of code")
    return found


def test_the_budget_sees_the_hand_written_code() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in _modules()}
    assert "src/labelbox/client.py" in names
    assert not any(name.startswith("src/labelbox_gen/") for name in names)


def test_counts_code_not_docstrings_or_comments() -> None:
    source = (
        'def f():\n    """Doc.\n\n    More."""\n    # comment\n\n    return (\n        1\n    )\n'
    )
    lines, _ = code_lines(source)
    assert lines == {1, 7, 8, 9}


def test_hand_written_code_keeps_its_size_budget() -> None:
    assert _over_budget() == []
