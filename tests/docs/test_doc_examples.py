"""Every Python example of the README and the documentation type-checks (mypy --strict
and pyright) and runs, against an emulator of its own (see ``doc_examples.py``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.docs.doc_examples import Page, expected_error_lines, module_source, pages

HERE = Path(__file__).resolve().parent
PAGES = pages()
_MYPY_LINE = re.compile(r"^(?P<file>[^:\n]+\.py):(?P<line>\d+): error: (?P<message>.*)$")


@dataclass
class Checked:
    """Where the examples were written, and the type errors each checker found there."""

    root: Path
    errors: dict[str, dict[tuple[str, int], list[str]]]

    def found(self, checker: str, file: str) -> dict[int, list[str]]:
        """Line → messages of ``checker`` in ``file`` (relative to :attr:`root`)."""
        return {
            line: messages
            for (name, line), messages in self.errors[checker].items()
            if name == file
        }


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOX_")}
    return {**env, **extra}


def _write_examples(root: Path) -> list[Path]:
    shutil.copy(HERE / "example_prelude.py", root / "example_prelude.py")
    written = []
    for page in PAGES:
        if page.program:
            written.append(root / f"{page.name}.py")
            written[-1].write_text(module_source(page.program), encoding="utf-8")
        for n, block in enumerate(page.type_errors):
            written.append(root / f"{page.name}__errors_{n}.py")
            written[-1].write_text(module_source([block]), encoding="utf-8")
        for relative, text in page.files.items():
            target = root / page.name / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def _mypy(root: Path, files: list[Path]) -> dict[tuple[str, int], list[str]]:
    paths = os.pathsep.join([str(root), *(str(p) for p in root.glob("*/src"))])
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--explicit-package-bases"]
        + [str(f.relative_to(root)) for f in files],
        cwd=root,
        env=_clean_env(MYPYPATH=paths),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    errors: dict[tuple[str, int], list[str]] = defaultdict(list)
    for line in result.stdout.splitlines():
        match = _MYPY_LINE.match(line)
        if match:
            key = (Path(match["file"]).as_posix(), int(match["line"]))
            errors[key].append(match["message"])
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return errors


def _pyright(root: Path, files: list[Path]) -> dict[tuple[str, int], list[str]]:
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if pyright is None:
        pytest.skip("pyright is not installed beside this interpreter")
    extra = [str(p) for p in root.glob("*/src")]
    (root / "pyrightconfig.json").write_text(
        json.dumps({"extraPaths": [str(root), *extra]}), encoding="utf-8"
    )
    result = subprocess.run(
        [pyright, "--outputjson", "--pythonpath", sys.executable]
        + [str(f.relative_to(root)) for f in files],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    errors: dict[tuple[str, int], list[str]] = defaultdict(list)
    for diagnostic in json.loads(result.stdout)["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            name = Path(diagnostic["file"]).resolve().relative_to(root.resolve()).as_posix()
            errors[(name, diagnostic["range"]["start"]["line"] + 1)].append(diagnostic["message"])
    return errors


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checked]:
    root = tmp_path_factory.mktemp("doc_examples")
    files = _write_examples(root)
    yield Checked(root, {"mypy": _mypy(root, files), "pyright": _pyright(root, files)})


def _ids(page: Page) -> str:
    return page.name


def test_the_examples_are_found() -> None:
    names = {page.name for page in PAGES}
    assert {"README", "docs_guides_quickstart", "docs_guides_testing_offline"} <= names
    assert sum(len(page.program) for page in PAGES) >= 20


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
@pytest.mark.parametrize("page", [p for p in PAGES if p.program], ids=_ids)
def test_the_examples_type_check(checked: Checked, page: Page, checker: str) -> None:
    assert checked.found(checker, f"{page.name}.py") == {}


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
@pytest.mark.parametrize("page", [p for p in PAGES if p.type_errors], ids=_ids)
def test_the_marked_lines_and_only_they_are_type_errors(
    checked: Checked, page: Page, checker: str
) -> None:
    for n in range(len(page.type_errors)):
        file = f"{page.name}__errors_{n}.py"
        source = (checked.root / file).read_text(encoding="utf-8")
        assert set(checked.found(checker, file)) == expected_error_lines(source), file


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
@pytest.mark.parametrize("page", [p for p in PAGES if p.files], ids=_ids)
def test_the_example_projects_type_check(checked: Checked, page: Page, checker: str) -> None:
    for relative in page.files:
        assert checked.found(checker, f"{page.name}/{relative}") == {}, relative


@pytest.mark.parametrize("page", [p for p in PAGES if p.program], ids=_ids)
def test_the_examples_run(checked: Checked, page: Page, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(checked.root / f"{page.name}.py")],
        cwd=tmp_path,
        env=_clean_env(PYTHONPATH=str(checked.root), EXAMPLE_PRELUDE=page.prelude),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("page", [p for p in PAGES if p.files], ids=_ids)
def test_the_example_projects_tests_pass(checked: Checked, page: Page) -> None:
    project = checked.root / page.name
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project,
        env=_clean_env(PYTHONPATH=str(project / "src")),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout
