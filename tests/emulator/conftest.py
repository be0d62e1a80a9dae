"""Fixtures for the emulator tests: a session emulator plus GraphQL helpers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import httpx
import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from labelbox_emulator import Emulator  # noqa: E402

if not any(
    ep.value == "labelbox_emulator.pytest_plugin" for ep in entry_points(group="pytest11")
):  # not installed: load it ourselves
    pytest_plugins = ["labelbox_emulator.pytest_plugin"]


class Api:
    """Sends GraphQL over real HTTP with one API key."""

    def __init__(self, emu: Emulator, key: str) -> None:
        self.emu = emu
        self.key = key
        self.http = httpx.Client(timeout=30)

    def raw(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        return self.http.post(
            self.emu.endpoint,
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.key}"},
        )

    def body(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.raw(query, variables).json()  # type: ignore[no-any-return]

    def __call__(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.body(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]  # type: ignore[no-any-return]

    def upload(self, data: bytes, filename: str = "f.json", ctype: str = "application/json") -> str:
        ops = {
            "query": "mutation($file: Upload!, $n: Int!){uploadFile(file: $file, contentLength: $n)"
            "{url filename}}",
            "variables": {"file": None, "n": len(data)},
        }
        import json

        r = self.http.post(
            self.emu.endpoint,
            data={"operations": json.dumps(ops), "map": json.dumps({"1": ["variables.file"]})},
            files={"1": (filename, data, ctype)},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        body = r.json()
        assert "errors" not in body, body
        return body["data"]["uploadFile"]["url"]  # type: ignore[no-any-return]

    # small builders
    def project(self, name: str = "proj") -> str:
        return self("mutation($n:String!){createProject(data:{name:$n}){id}}", {"n": name})[
            "createProject"
        ]["id"]

    def dataset(self, name: str = "ds", project: str | None = None) -> str:
        if project:
            q = "mutation($n:String!,$p:ID!){createDataset(data:{name:$n projects:{connect:[{id:$p}]}}){id}}"
            return self(q, {"n": name, "p": project})["createDataset"]["id"]
        return self("mutation($n:String!){createDataset(data:{name:$n}){id}}", {"n": name})[
            "createDataset"
        ]["id"]

    def data_row(self, dataset: str, row: str = "https://x/1.jpg", ext: str | None = None) -> str:
        q = (
            "mutation($d:ID!,$r:String!,$e:String){createDataRow(data:{rowData:$r externalId:$e "
            "dataset:{connect:{id:$d}}}){id}}"
        )
        return self(q, {"d": dataset, "r": row, "e": ext})["createDataRow"]["id"]

    def label(
        self, project: str, data_row: str, label: str = '{"objects":[]}', secs: float = 3.0
    ) -> str:
        q = (
            "mutation($p:ID!,$d:ID!,$l:String!,$s:Float){createLabel(data:{label:$l secondsToLabel:$s "
            'project:{connect:{id:$p}} dataRow:{connect:{id:$d}} type:{connect:{name:"Any"}}}){id}}'
        )
        return self(q, {"p": project, "d": data_row, "l": label, "s": secs})["createLabel"]["id"]


@pytest.fixture
def emu(labelbox_emulator_reset: Emulator) -> Emulator:
    """The session emulator, reset before each test."""
    return labelbox_emulator_reset


@pytest.fixture
def api(emu: Emulator) -> Iterator[Api]:
    """GraphQL helper for the default organization."""
    a = Api(emu, emu.api_key)
    yield a
    a.http.close()


@pytest.fixture
def other(emu: Emulator) -> Iterator[Api]:
    """GraphQL helper for a second organization."""
    a = Api(emu, emu.extra_organizations[0][1])
    yield a
    a.http.close()
