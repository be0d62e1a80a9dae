"""Type-checks tests/typing with mypy --strict and pyright (see README.md here).

- Positive scripts (tests/typing/*.py) must type-check cleanly: every ``assert_type`` in
  them holds under both checkers.
- Negative scripts (tests/typing/negative/*.py) must fail exactly as annotated. Each
  case line carries ``# type: ignore[<mypy codes>]`` and ``# pyright-expect[<rules>]``
  (or ``# pyright: ignore[<rules>]`` for a case only pyright catches). In place, the
  ignores must all be needed (mypy --strict implies --warn-unused-ignores; the files
  enable pyright's reportUnnecessaryTypeIgnoreComment). Then a copy with every
  annotation stripped is checked, and the diagnostics per line must equal the
  annotations exactly: no missing, no extra, no different code.

Skipped when mypy or pyright is not installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
NEGATIVE = HERE / "negative"
THIS = Path(__file__).resolve()

_MYPY_IGNORE = re.compile(r"#\s*type:\s*ignore\[([^\]]*)\]")
_PYRIGHT_EXPECT = re.compile(r"#\s*pyright-expect\[([^\]]*)\]")
_PYRIGHT_IGNORE = re.compile(r"#\s*pyright:\s*ignore\[([^\]]*)\]")
_BARE_IGNORE = re.compile(r"#\s*(type|pyright):\s*ignore(?!\[)")

Expected = dict[tuple[str, int], frozenset[str]]


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    return shutil.which(name)


MYPY = _tool("mypy")
PYRIGHT = _tool("pyright")
needs_mypy = pytest.mark.skipif(MYPY is None, reason="mypy is not installed")
needs_pyright = pytest.mark.skipif(PYRIGHT is None, reason="pyright is not installed")


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": ""}
    return subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _negative_files() -> list[Path]:
    return sorted(NEGATIVE.glob("*.py"))


def _codes(found: str) -> frozenset[str]:
    return frozenset(code.strip() for code in found.split(",") if code.strip())


def _trailing_comments(path: Path) -> Iterator[tuple[int, str]]:
    """(line, comment) of every comment that follows code on its line."""
    with path.open() as stream:
        for token in tokenize.generate_tokens(stream.readline):
            if token.type == tokenize.COMMENT and token.line[: token.start[1]].strip():
                yield token.start[0], token.string


def _annotations() -> tuple[Expected, Expected]:
    """(mypy codes, pyright rules) expected per (file name, line) of the negatives."""
    mypy: Expected = {}
    pyright: Expected = {}
    for path in _negative_files():
        for number, comment in _trailing_comments(path):
            key = (path.name, number)
            assert not _BARE_IGNORE.search(comment), (
                f"{path.name}:{number}: an ignore without codes proves nothing: {comment}"
            )
            if found := _MYPY_IGNORE.search(comment):
                mypy[key] = _codes(found.group(1))
            for pattern in (_PYRIGHT_EXPECT, _PYRIGHT_IGNORE):
                if found := pattern.search(comment):
                    pyright[key] = pyright.get(key, frozenset()) | _codes(found.group(1))
            if key in mypy and key not in pyright:
                pytest.fail(f"{path.name}:{number}: a mypy case without its pyright rule(s)")
    return mypy, pyright


def _strip(line: str) -> str:
    for pattern in (_MYPY_IGNORE, _PYRIGHT_EXPECT, _PYRIGHT_IGNORE):
        line = pattern.sub("", line)
    return line.rstrip()


@pytest.fixture(scope="module")
def stripped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Copies of the negative scripts without their annotations (same line numbers)."""
    target = tmp_path_factory.mktemp("negative_stripped")
    for path in _negative_files():
        lines = [_strip(line) for line in path.read_text().splitlines()]
        (target / path.name).write_text("\n".join(lines) + "\n")
    yield target


def _mypy_errors(output: str) -> Expected:
    found: dict[tuple[str, int], set[str]] = {}
    for line in output.splitlines():
        if not line.startswith("{"):
            continue
        diagnostic = json.loads(line)
        if diagnostic["severity"] != "error":
            continue
        key = (Path(diagnostic["file"]).name, int(diagnostic["line"]))
        found.setdefault(key, set()).add(diagnostic["code"] or "?")
    return {key: frozenset(codes) for key, codes in found.items()}


def _pyright_errors(output: str) -> Expected:
    found: dict[tuple[str, int], set[str]] = {}
    for diagnostic in json.loads(output)["generalDiagnostics"]:
        if diagnostic["severity"] != "error":
            continue
        key = (Path(diagnostic["file"]).name, int(diagnostic["range"]["start"]["line"]) + 1)
        found.setdefault(key, set()).add(diagnostic.get("rule", "?"))
    return {key: frozenset(rules) for key, rules in found.items()}


def _differences(expected: Expected, actual: Mapping[tuple[str, int], frozenset[str]]) -> str:
    lines = []
    for key in sorted(set(expected) | set(actual)):
        want, got = expected.get(key, frozenset()), actual.get(key, frozenset())
        if want != got:
            lines.append(f"{key[0]}:{key[1]}: expected {sorted(want)}, got {sorted(got)}")
    return "\n".join(lines)


def test_generated_package_ships_py_typed() -> None:
    """Without it a user's mypy sees every generated type (enums...) as Any."""
    import labelbox_gen

    assert (Path(labelbox_gen.__file__).parent / "py.typed").is_file()


def test_positive_scripts_pin_every_field_and_relationship() -> None:
    """A field or relationship added to an entity needs its assert_type lines here:
    on the class (``assert_type(Project.name, ...)``) and on an instance
    (``assert_type(project.name, ...)`` / ``assert_type(project.datasets(), ...)``)."""
    import importlib

    from labelbox._generated.entities import ENTITY_MODULES
    from labelbox.orm.db_object import _REGISTRY

    for module in sorted(set(ENTITY_MODULES.values())):  # defining each class registers it
        importlib.import_module(module)

    text = " ".join(path.read_text() for path in sorted(HERE.glob("*.py")) if path != THIS)
    text = re.sub(r"\s+", "", text)
    missing = []
    for name, cls in sorted(_REGISTRY.items()):
        public = [r for r in cls.relationships() if not r.startswith("_")]
        for attribute in [*cls.fields(), *public]:
            if f"assert_type({name}.{attribute}," not in text:
                missing.append(f"class-level {name}.{attribute}")
        for attribute in cls.fields():
            if not re.search(rf"assert_type\(\w+\.{attribute},", text):
                missing.append(f"instance-level {name}.{attribute}")
        for attribute in public:
            if not re.search(rf"assert_type\(\w+\.{attribute}\(\),", text):
                missing.append(f"call of {name}.{attribute}()")
    assert not missing, "\n".join(missing)


def test_negative_cases_are_annotated() -> None:
    mypy, pyright = _annotations()
    assert len(mypy) >= 50, "the negative cases were not found"
    assert set(mypy) <= set(pyright)


@needs_mypy
def test_mypy_strict_in_place() -> None:
    """Positives hold; every negative ignore is needed and has the right code."""
    assert MYPY is not None
    result = _run([MYPY, "--strict", "--warn-unused-ignores", str(HERE)])
    assert result.returncode == 0, result.stdout + result.stderr


@needs_pyright
def test_pyright_in_place() -> None:
    """Positives hold (strict mode, per-file comment); no unnecessary ignore."""
    assert PYRIGHT is not None
    result = _run([PYRIGHT, "--pythonpath", sys.executable, str(HERE)])
    assert result.returncode == 0, result.stdout + result.stderr


@needs_mypy
def test_mypy_negative_cases_fail_exactly_as_annotated(stripped: Path) -> None:
    assert MYPY is not None
    expected, _ = _annotations()
    result = _run([MYPY, "--strict", "--output", "json", "--no-incremental", str(stripped)])
    actual = _mypy_errors(result.stdout)
    assert not _differences(expected, actual), _differences(expected, actual)


@needs_pyright
def test_pyright_negative_cases_fail_exactly_as_annotated(stripped: Path) -> None:
    assert PYRIGHT is not None
    _, expected = _annotations()
    result = _run([PYRIGHT, "--pythonpath", sys.executable, "--outputjson", str(stripped)])
    actual = _pyright_errors(result.stdout)
    assert not _differences(expected, actual), _differences(expected, actual)
