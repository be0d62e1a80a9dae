"""Worked examples of reacting to a schema change (CONTRIBUTING.md), on a throwaway copy
of the repository, with the real tools: labelbox-schema diff, scripts/regenerate, mypy
and pyright.

1. The server renames ``Dataset.description`` to ``summary`` (schema and fragment):
   ``labelbox-schema diff`` reports a breaking change naming the operations and the
   facade methods; after ``scripts/regenerate`` both type checkers report an error at
   every use in the sample user module (and nothing else breaks silently).
2. The server adds ``Project.priority: Int``: after schema → fragment → regenerate,
   ``project.priority`` is typed ``int | None`` on ``Project`` for both checkers.

Slow-ish (two regenerations, four type-checker runs): marked ``schema_change``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
SAMPLE = "tests/schema_change/user_pipeline.py"
MARK = "# uses Dataset.description"

pytestmark = pytest.mark.schema_change


def _copy_repo(tmp_path: Path) -> Path:
    """The inputs of generation and the sources, as a new checkout would have them."""
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("schema.graphql", "schema.provenance.toml", "codegen.toml", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for directory in ("queries", "codegen", "scripts", "src/labelbox", "src/labelbox_gen"):
        shutil.copytree(REPO / directory, root / directory, ignore=ignore)
    (root / "tests/schema_change").mkdir(parents=True)
    shutil.copy(REPO / SAMPLE, root / SAMPLE)
    return root


def _run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHON": sys.executable}
    result = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _mypy_errors(root: Path, *files: str) -> set[tuple[str, int]]:
    result = _run(
        root,
        str(VENV_BIN / "mypy"),
        "--strict",
        "--no-incremental",
        "--cache-dir=/dev/null",
        "--config-file=pyproject.toml",
        *files,
        check=False,
    )
    found = set()
    for line in result.stdout.splitlines():
        match = re.match(r"(.+?\.py):(\d+): error:", line)
        if match:
            found.add((match.group(1), int(match.group(2))))
    return found


def _pyright_errors(root: Path, *files: str) -> set[tuple[str, int]]:
    (root / "pyrightconfig.json").write_text(
        json.dumps({"extraPaths": ["src"], "pythonVersion": "3.10", "typeCheckingMode": "standard"})
    )
    result = _run(
        root,
        str(VENV_BIN / "pyright"),
        "--outputjson",
        "--pythonpath",
        sys.executable,
        *files,
        check=False,
    )
    report = json.loads(result.stdout)
    return {
        (str(Path(d["file"]).relative_to(root)), d["range"]["start"]["line"] + 1)
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }


def _marked_lines(path: Path) -> set[tuple[str, int]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {(SAMPLE, number) for number, line in enumerate(lines, 1) if MARK in line}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return _copy_repo(tmp_path)


def test_rename_is_reported_by_diff_and_by_both_type_checkers(repo: Path) -> None:
    checked = ("src/labelbox", SAMPLE)
    assert _mypy_errors(repo, *checked) == set(), "the copy must type-check before the change"

    old_schema = repo / "old.graphql"
    shutil.copy(repo / "schema.graphql", old_schema)
    schema = repo / "schema.graphql"
    text = schema.read_text(encoding="utf-8")
    type_start = text.index("type Dataset {")
    type_end = text.index("\n}", type_start)
    body = text[type_start:type_end].replace("  description: String", "  summary: String", 1)
    schema.write_text(text[:type_start] + body + text[type_end:], encoding="utf-8")
    _edit(
        repo / "queries/dataset.graphql",
        "fragment DatasetFields on Dataset {\n  id\n  name\n  description",
        "fragment DatasetFields on Dataset {\n  id\n  name\n  summary",
    )

    # 1. labelbox-schema diff: breaking, naming the operations and facade methods.
    diff = _run(
        repo,
        sys.executable,
        "-m",
        "labelbox.schema_tool",
        "diff",
        str(old_schema),
        str(schema),
        "--format",
        "json",
        check=False,
    )
    assert diff.returncode == 1, diff.stdout + diff.stderr
    changes = json.loads(diff.stdout)
    removed = [c for c in changes if c["kind"] == "breaking" and "description" in c["description"]]
    assert removed, changes
    operations = {op for change in removed for op in change["operations"]}
    methods = {m for change in removed for m in change["methods"]}
    assert {"GetDataset", "GetDatasets", "CreateDataset"} <= operations, operations
    assert {"Client.get_dataset", "Client.create_dataset"} <= methods, methods

    # 2. regenerate, then both checkers flag every use in the user's module.
    _run(repo, "scripts/regenerate")
    assert "summary" in (repo / "src/labelbox/_generated/entities.py").read_text(encoding="utf-8")
    expected = _marked_lines(repo / SAMPLE)
    assert len(expected) == 5
    for errors in (_mypy_errors(repo, *checked), _pyright_errors(repo, *checked)):
        in_sample = {e for e in errors if e[0] == SAMPLE}
        assert in_sample == expected, f"flagged {sorted(in_sample)}, expected {sorted(expected)}"
        # The facade itself still type-checks: no hand-written code used the field.
        assert {e for e in errors if e[0] != SAMPLE} == set(), errors


def test_added_field_is_typed_after_the_documented_steps(repo: Path) -> None:
    _edit(
        repo / "schema.graphql",
        "type Project {\n",
        'type Project {\n  "How soon to label it (a field the server added)."\n  priority: Int\n',
    )
    _edit(
        repo / "queries/project.graphql",
        "fragment ProjectFields on Project {\n  id\n",
        "fragment ProjectFields on Project {\n  id\n  priority\n",
    )
    _edit(
        repo / SAMPLE,
        "    return 0\n",
        "    from typing_extensions import assert_type\n\n"
        "    from labelbox import Field, Project\n\n"
        '    project = client.get_project("p")\n'
        "    assert_type(project.priority, int | None)\n"
        "    assert_type(Project.priority, Field[Project, int | None])\n"
        "    return project.priority or 0\n",
    )
    before = _mypy_errors(repo, SAMPLE)
    assert before, "Project.priority must not type-check before regeneration"
    _run(repo, "scripts/regenerate")
    checked = ("src/labelbox", SAMPLE)
    assert _mypy_errors(repo, *checked) == set()
    assert _pyright_errors(repo, *checked) == set()
