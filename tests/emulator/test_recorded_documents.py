"""Every GraphQL document labelbox==2.6.0 sends executes without unexpected errors, and
those the real server refuses (tests/fidelity/test_recorded_documents.py) are refused
with GRAPHQL_VALIDATION_FAILED."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import Api

RECORDED = Path(__file__).resolve().parents[1] / "fidelity" / "recorded_documents.json"
#: The recorded ids are fakes, so lookups of them may legitimately be "not found".
ALLOWED = {"RESOURCE_NOT_FOUND"}


def _refused() -> set[str]:
    """The recorded documents the real server refuses (one list, in the fidelity test)."""
    import importlib.util

    path = RECORDED.with_name("test_recorded_documents.py")
    spec = importlib.util.spec_from_file_location("_fidelity_recorded", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    refused: set[str] = module.REFUSED_BY_THE_SERVER
    return refused


def _operation_name(query: str) -> str:
    return query.split("(")[0].split("{")[0].split()[-1]


@pytest.mark.skipif(not RECORDED.exists(), reason="tests/fidelity/recorded_documents.json missing")
def test_recorded_documents_execute(api: Api) -> None:
    records: list[dict[str, Any]] = json.loads(RECORDED.read_text())
    failures = []
    for rec in records:
        headers = {"Authorization": f"Bearer {api.key}"}
        if rec.get("multipart"):
            ops = {"query": rec["query"], "variables": rec.get("variables") or {}}
            mapping = rec.get("map") or {}
            files = {
                part: (
                    f"{part}.ndjson",
                    b'{"uuid":"u","dataRow":{"id":"x"}}\n',
                    "application/octet-stream",
                )
                for part in mapping
            }
            r = api.http.post(
                api.emu.endpoint,
                headers=headers,
                files=files,
                data={"operations": json.dumps(ops), "map": json.dumps(mapping)},
            )
        else:
            r = api.http.post(
                api.emu.endpoint,
                headers=headers,
                json={"query": rec["query"], "variables": rec.get("variables")},
            )
        body = r.json()
        codes = {e.get("extensions", {}).get("code") for e in body.get("errors", [])}
        if _operation_name(rec["query"]) in _refused():
            if codes != {"GRAPHQL_VALIDATION_FAILED"}:
                failures.append((rec.get("method"), "must be refused", body))
        elif codes - ALLOWED:
            failures.append((rec.get("method"), rec["query"][:120], body["errors"][:1]))
    assert not failures, "\n".join(map(str, failures))
    assert len(records) > 10
