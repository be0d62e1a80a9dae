"""``labelbox-schema diff``: changes mapped to the SDK operations and methods they touch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    FieldNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    build_schema,
    get_named_type,
    visit,
)

from labelbox.schema_tool.sdk import sdk_operations

from .conftest import rename_field, run_inprocess, run_subprocess


class _Selects(Visitor):
    def __init__(self, info: TypeInfo, type_name: str, field_name: str) -> None:
        super().__init__()
        self.info, self.type_name, self.field_name = info, type_name, field_name
        self.hit = False

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        parent = self.info.get_parent_type()
        if node.name.value == self.field_name and parent is not None:
            self.hit = self.hit or get_named_type(parent).name == self.type_name


def operations_selecting(sdl: str, type_name: str, field_name: str) -> set[str]:
    """Names of the SDK operations selecting ``type_name.field_name`` (walked here,
    independently of the tool)."""
    schema = build_schema(sdl)
    found: set[str] = set()
    for op in sdk_operations():
        info = TypeInfo(schema)
        selects = _Selects(info, type_name, field_name)
        visit(op.document, TypeInfoVisitor(info, selects))
        if selects.hit:
            found.add(op.name)
    return found


@pytest.fixture
def renamed(bundled_sdl: str, tmp_path: Path) -> Path:
    path = tmp_path / "renamed.graphql"
    path.write_text(
        rename_field(bundled_sdl, "Dataset", "description", "summary"), encoding="utf-8"
    )
    return path


def test_renamed_field_is_breaking_and_names_operations_and_methods(
    renamed: Path, bundled_sdl: str
) -> None:
    run = run_subprocess("diff", "bundled", str(renamed))
    assert run.code == 1, run.err
    assert "BREAKING FIELD_REMOVED: Dataset.description was removed." in run.out
    expected = operations_selecting(bundled_sdl, "Dataset", "description")
    assert {"GetDataset", "CreateDataset"} <= expected
    line = next(ln for ln in run.out.splitlines() if ln.strip().startswith("operations:"))
    assert set(line.split(":", 1)[1].strip().split(", ")) == expected
    methods = next(ln for ln in run.out.splitlines() if ln.strip().startswith("methods:"))
    assert {"Client.get_dataset", "Client.create_dataset"} <= set(
        methods.split(":", 1)[1].strip().split(", ")
    )


def test_json_format(renamed: Path, bundled_sdl: str) -> None:
    run = run_inprocess("diff", "bundled", str(renamed), "--format", "json")
    assert run.code == 1
    changes = json.loads(run.out)
    assert [c["kind"] for c in changes] == ["breaking"]
    (change,) = changes
    assert change["type"] == "FIELD_REMOVED"
    assert change["description"] == "Dataset.description was removed."
    assert set(change["operations"]) == operations_selecting(bundled_sdl, "Dataset", "description")
    assert {"Client.get_dataset", "Client.create_dataset"} <= set(change["methods"])


def test_same_schema_has_no_change() -> None:
    run = run_inprocess("diff", "bundled", "bundled", "--format", "json")
    assert run.code == 0 and json.loads(run.out) == []


def test_dangerous_change_only_exits_0(bundled_sdl: str, tmp_path: Path) -> None:
    # A new value of an enum the SDK reads: dangerous (old clients may meet it), not breaking.
    sdl = bundled_sdl.replace("enum TaskStatus {\n", "enum TaskStatus {\n  PAUSED\n", 1)
    assert sdl != bundled_sdl
    path = tmp_path / "new.graphql"
    path.write_text(sdl, encoding="utf-8")
    run = run_inprocess("diff", "bundled", str(path), "--format", "json")
    assert run.code == 0, run.err
    (change,) = json.loads(run.out)
    assert change["kind"] == "dangerous" and change["type"] == "VALUE_ADDED_TO_ENUM"
    # The operations reading a TaskStatus (Task.status), by their fragment TaskFields.
    assert set(change["operations"]) == operations_selecting(bundled_sdl, "Task", "status")
    assert change["methods"]


def test_unreadable_or_invalid_file_is_exit_2(tmp_path: Path) -> None:
    run = run_inprocess("diff", "bundled", str(tmp_path / "missing.graphql"))
    assert run.code == 2 and "cannot read" in run.err
    bad = tmp_path / "bad.graphql"
    bad.write_text("type {", encoding="utf-8")
    run = run_inprocess("diff", str(bad), "bundled")
    assert run.code == 2 and "not a valid GraphQL schema" in run.err
