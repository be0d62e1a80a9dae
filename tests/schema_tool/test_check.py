"""``labelbox-schema check``: every SDK operation validated against a schema."""

from __future__ import annotations

import json
from pathlib import Path

from graphql import NamedTypeNode, Visitor, visit

from labelbox.schema_tool.sdk import sdk_operations
from labelbox.schema_tool.usage import usage_map
from labelbox_emulator import Emulator

from .conftest import rename_type, run_inprocess, run_subprocess

#: The type renamed on the "server" side in the rename test.
RENAMED = "Review"


class _TypeNames(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_named_type(self, node: NamedTypeNode, *_: object) -> None:
        self.names.add(node.name.value)


def operations_naming(type_name: str) -> set[str]:
    """Names of the SDK operations whose document names ``type_name`` (a fragment's
    type condition or a variable type), walked here independently of the tool."""
    found: set[str] = set()
    for op in sdk_operations():
        collector = _TypeNames()
        visit(op.document, collector)
        if type_name in collector.names:
            found.add(op.name)
    return found


def test_live_emulator_accepts_every_operation(emulator: Emulator) -> None:
    run = run_subprocess(
        "check", "--endpoint", emulator.endpoint, env={"LABELBOX_API_KEY": emulator.api_key}
    )
    assert run.code == 0, run.out + run.err
    assert run.out == f"{len(sdk_operations())} operations checked, 0 rejected\n"
    assert emulator.api_key not in run.out + run.err


def test_renamed_type_rejects_exactly_the_operations_naming_it(
    bundled_sdl: str, tmp_path: Path
) -> None:
    path = tmp_path / "renamed.graphql"
    path.write_text(rename_type(bundled_sdl, RENAMED, "ProjectReview"), encoding="utf-8")
    expected = operations_naming(RENAMED)
    assert expected  # the test means something

    run = run_inprocess("check", "--schema", str(path))
    assert run.code == 1
    rejected = {line.split()[1] for line in run.out.splitlines() if line.startswith("REJECTED ")}
    assert rejected == expected
    assert f"Unknown type '{RENAMED}'" in run.out
    assert run.out.endswith(
        f"{len(sdk_operations())} operations checked, {len(expected)} rejected\n"
    )

    body = json.loads(run_inprocess("check", "--schema", str(path), "--format", "json").out)
    assert {r["operation"] for r in body["rejected"]} == expected
    usage = usage_map()
    for rejection in body["rejected"]:
        assert rejection["methods"] == list(usage.methods([rejection["operation"]]))
    named = {m for r in body["rejected"] for m in r["methods"]}
    assert named, "no facade method found for any operation naming " + RENAMED


def test_bundled_schema_accepts_every_operation() -> None:
    run = run_inprocess("check", "--schema", "bundled")
    assert run.code == 0 and run.out.endswith(" 0 rejected\n")


def test_needs_an_endpoint_or_a_schema(no_env_key: None) -> None:
    run = run_inprocess("check")
    assert run.code == 2 and "--endpoint" in run.err
