"""Wire truth: what the SDK sends rests on evidence.

* The documented API, driven end to end (the classic 2.6.0 scenario of tests/compat, run
  unchanged through this SDK's facade against an emulator), sends only documents that
  declare attested type names (schema.provenance.toml) and contradict no evidence (e.g. a
  ``first`` declared ``Int`` where the evidence shows ``PageSize``). Every request that
  reaches the emulator is captured there, as sent.
* Every operation the SDK can send, in its wire form, passes ``labelbox-schema check``
  against a schema built only from attested facts (tests/fidelity/attested_schema.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from graphql import build_schema, parse

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fidelity import wire_check

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
SCENARIO = ROOT / "tests/compat/classic_scenario.py"
TIMEOUT = 300


def _env() -> dict[str, str]:
    from labelbox import __version__

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.pop("LABELBOX_API_KEY", None)
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return {**env, "PYTHONPATH": str(SRC), "LABELBOX_SCENARIO_VERSION": __version__}


def _sdk_operations() -> set[str]:
    from labelbox.schema_tool.sdk import sdk_operations

    return {op.name for op in sdk_operations()}


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Every request body the facade sent of its own while running the documented API's
    scenario (documents the scenario wrote itself, through ``Client.execute``, are its
    own and left out)."""
    from labelbox_emulator import Emulator

    bodies: list[dict[str, Any]] = []
    with Emulator(transitions="immediate") as emu:
        executor = emu.state.executor
        assert executor is not None
        run = executor.run

        def recording(body: Any, ctx: Any) -> Any:
            if isinstance(body, dict) and isinstance(body.get("query"), str):
                bodies.append(body)
            return run(body, ctx)

        executor.run = recording  # type: ignore[method-assign]
        work = tmp_path_factory.mktemp("wire")
        result = subprocess.run(
            [sys.executable, str(SCENARIO), emu.endpoint, emu.api_key, str(work)],
            capture_output=True, text=True, timeout=TIMEOUT, env=_env(),
        )  # fmt: skip
    assert result.returncode == 0, f"the scenario failed:\n{result.stdout}\n{result.stderr}"
    ours = _sdk_operations()
    return [body for body in bodies if body.get("operationName") in ours]


@pytest.fixture(scope="module")
def schema() -> Any:
    return build_schema((ROOT / "schema.graphql").read_text())


def test_the_documented_api_declares_only_attested_type_names(sent: list[dict[str, Any]]) -> None:
    documents = [parse(body["query"]) for body in sent]
    assert len({body["operationName"] for body in sent}) >= 60, "the scenario drove too little"
    unattested = wire_check.unattested(documents, wire_check.attested_names())
    assert unattested == {}, "\n".join(f"{op}: {sorted(n)}" for op, n in sorted(unattested.items()))


def test_the_documented_api_contradicts_no_evidence(
    sent: list[dict[str, Any]], schema: Any
) -> None:
    shown = wire_check.evidenced_types(schema)
    assert shown[("arg", "Project", "labels", "first")] == {"PageSize"}
    found = {
        problem
        for body in sent
        for problem in wire_check.contradictions(schema, parse(body["query"]), shown)
    }
    assert not found, "\n".join(sorted(found))


def test_values_of_unattested_types_travel_inline(sent: list[dict[str, Any]]) -> None:
    """The rewrite is what kept them off the wire: inlined data, filters and files."""
    queries = [body["query"] for body in sent]
    assert any("createProject(data: {" in q for q in queries)
    assert any("projects(where: {" in q for q in queries)
    uploads = [b for b in sent if "createBulkImportRequest(data: {" in b["query"]]
    assert any(": Upload!" in b["query"] for b in uploads)


def test_a_contradiction_is_detected(schema: Any) -> None:
    """The check itself: a first declared Int where evidence shows PageSize."""
    shown = wire_check.evidenced_types(schema)
    bad = parse(
        "query Q($id: ID!, $first: Int!) "
        "{ project(where: {id: $id}) { labels(first: $first) { id } } }"
    )
    [problem] = wire_check.contradictions(schema, bad, shown)
    assert "$first: Int at Project/labels/first" in problem


def test_check_against_the_attested_only_schema_rejects_nothing(tmp_path: Path) -> None:
    from tests.fidelity import provenance
    from tests.fidelity.attested_schema import build_attested

    package = provenance.find_classic_package()
    if package is None:
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail("the classic labelbox 2.6.0 source is required when CI=true")
        pytest.skip("the classic labelbox 2.6.0 source is missing (scripts/classic-venv)")
    attested = tmp_path / "attested.graphql"
    attested.write_text(build_attested(provenance.build(package)))
    tool = Path(sys.executable).with_name("labelbox-schema")
    result = subprocess.run(
        [str(tool), "check", "--schema", str(attested)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(" operations checked, 0 rejected"), result.stdout
