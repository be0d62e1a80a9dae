"""The Python examples of the README and the documentation, as programs.

A page's ``python`` blocks run in order as one module. A comment line right above a block
says when it is something else:

* ``<!-- example: type-errors -->``: lines marked ``# error: ...`` must be type errors
  for mypy and pyright and every other line must type-check; the block is not run.
* ``<!-- example: file=PATH -->`` / ``<!-- example: append=PATH -->``: the block is (the
  rest of) a file of a small project; the page's files are type-checked and their tests
  run with pytest.
* ``<!-- examples: prelude=bare -->`` anywhere on a page: its project starts without an
  ontology.

The names the examples take as given come from ``tests/docs/example_prelude.py``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
_BLOCK = re.compile(
    r"(?:<!-- example: (?P<marker>[^>]*?) -->\n)?^```python\n(?P<body>.*?)^```",
    re.MULTILINE | re.DOTALL,
)
_PRELUDE_NAMES = re.compile(r"^__all__ = \[(.*?)\]", re.MULTILINE | re.DOTALL)


@dataclass
class Page:
    """The examples of one Markdown page, sorted by what is done with them."""

    path: Path
    prelude: str = "default"
    program: list[str] = field(default_factory=list)
    type_errors: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """A module-friendly name of the page (``docs_guides_quickstart``)."""
        relative = self.path.relative_to(ROOT).with_suffix("")
        return re.sub(r"\W", "_", relative.as_posix())


def pages() -> list[Page]:
    """Every page with at least one Python example."""
    found = []
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        page = Page(
            path, prelude="bare" if "<!-- examples: prelude=bare -->" in text else "default"
        )
        for match in _BLOCK.finditer(text):
            marker, body = match.group("marker") or "", match.group("body")
            if marker == "type-errors":
                # With the imports of the page's examples so far, which it continues.
                imports = [
                    line
                    for block in page.program
                    for line in block.splitlines()
                    if line.startswith(("from ", "import "))
                ]
                page.type_errors.append("\n".join([*imports, "", body]))
            elif marker.startswith("file="):
                page.files[marker.removeprefix("file=")] = body
            elif marker.startswith("append="):
                page.files[marker.removeprefix("append=")] += "\n\n" + body
            elif marker:
                raise ValueError(f"{path}: unknown example marker {marker!r}")
            else:
                page.program.append(body)
        if page.program or page.type_errors or page.files:
            found.append(page)
    return found


def prelude_names() -> list[str]:
    """The names ``example_prelude`` exports."""
    source = (Path(__file__).parent / "example_prelude.py").read_text(encoding="utf-8")
    match = _PRELUDE_NAMES.search(source)
    assert match is not None
    return re.findall(r'"(\w+)"', match.group(1))


def _free_names(source: str) -> set[str]:
    """Names the code reads before it binds them itself (or never binds)."""
    first_load: dict[str, int] = {}
    first_bind: dict[str, int] = {}

    def note(table: dict[str, int], name: str, line: int) -> None:
        table[name] = min(line, table.get(name, line))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            note(first_load if isinstance(node.ctx, ast.Load) else first_bind, node.id, node.lineno)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            note(first_bind, node.name, node.lineno)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                note(first_bind, (alias.asname or alias.name).split(".")[0], node.lineno)
    return {
        name
        for name, line in first_load.items()
        if name not in first_bind or line < first_bind[name]
    }


def module_source(blocks: list[str]) -> str:
    """One module of ``blocks`` that imports the prelude's names it needs."""
    body = "\n\n".join(blocks)
    needed = sorted(set(prelude_names()) & _free_names(body))
    # The prelude starts the emulator and points LABELBOX_* at it, also for ``Client()``.
    header = "from __future__ import annotations\n\nimport example_prelude  # noqa: F401\n"
    if needed:
        header += f"from example_prelude import {', '.join(needed)}\n\n"
    return header + body


def expected_error_lines(source: str) -> set[int]:
    """The 1-based numbers of the lines marked ``# error:``."""
    return {n for n, line in enumerate(source.splitlines(), 1) if "# error:" in line}
