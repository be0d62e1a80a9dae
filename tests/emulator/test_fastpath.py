"""The fast completion of plain lists answers exactly what graphql-core's general path
answers (real HTTP, the same documents with the fast path on and off)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from labelbox_emulator import Emulator
from labelbox_emulator import fastpath as fp

from .conftest import Api

DOCUMENTS = [
    # fragments, aliases, __typename, enum and JSON and DateTime scalars, transforms
    "query($d:ID!){dataset(where:{id:$d}){dataRows{...F x:id __typename}}} "
    "fragment F on DataRow{id externalId rowData createdAt mediaAttributes}",
    "query($d:ID!){dataset(where:{id:$d}){dataRows{... on DataRow{id} rowData}}}",
    "query($d:ID!,$s:Boolean!){dataset(where:{id:$d}){dataRows{id externalId @skip(if:$s) "
    "rowData @include(if:$s)}}}",
    "{user{createdTasks{id name status completionPercentage}}}",
    "{projects{id name description setupComplete deleted}}",
    "{labelingFrontends{id name iframeUrlPath}}",
    "{roles{id name}}",
    # not eligible (nested objects, arguments): the general path as before
    "query($d:ID!){dataset(where:{id:$d}){dataRows{id dataset{id} labels{id}}}}",
    "{projects{id datasets(first:1){id name}}}",
]


@pytest.fixture
def seeded(emu: Emulator, api: Api) -> Iterator[tuple[Api, dict[str, Any]]]:
    p = api.project("p")
    ds = api.dataset("ds", project=p)
    for i in range(3):
        api.data_row(ds, f"https://x/{i}.jpg", ext=None if i == 1 else str(i))
    api.data_row(ds, api.upload(b"img", "i.png", "image/png"), "uploaded")
    api(
        "mutation($d:ID!,$u:String!){appendRowsToDataset(data:{datasetId:$d "
        "jsonFileUrl:$u}){taskId}}",
        {"d": ds, "u": api.upload(b'[{"data": "https://x/9.jpg"}]')},
    )
    yield api, {"d": ds, "s": False}


def _both(api: Api, query: str, variables: dict[str, Any], monkeypatch: Any) -> tuple[Any, Any]:
    fast = api.body(query, variables)
    with monkeypatch.context() as patch:
        patch.setattr(fp.FastExecutionContext, "_completer", lambda self, t, nodes: None)
        general = api.body(query, variables)
    return fast, general


@pytest.mark.parametrize("query", DOCUMENTS)
def test_fast_path_answers_like_the_general_path(
    seeded: tuple[Api, dict[str, Any]], query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    api, variables = seeded
    used = [k for k in ("d", "s") if f"${k}" in query]
    fast, general = _both(api, query, {k: variables[k] for k in used}, monkeypatch)
    assert "errors" not in fast, fast
    assert fast == general


def test_a_null_in_a_non_null_field_fails_like_the_general_path(
    seeded: tuple[Api, dict[str, Any]], emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    api, variables = seeded
    rows = emu.state.store.select("DataRow", '"DataRow".dataset_id = ?', [variables["d"]])
    emu.state.store.execute('UPDATE "DataRow" SET "rowData" = NULL WHERE id = ?', [rows[1]["id"]])
    query = "query($d:ID!){dataset(where:{id:$d}){dataRows{id rowData}}}"
    fast, general = _both(api, query, {"d": variables["d"]}, monkeypatch)
    assert fast == general
    assert fast["errors"][0]["message"] == (
        "Cannot return null for non-nullable field DataRow.rowData."
    )
    assert fast["errors"][0]["path"] == ["dataset", "dataRows", 1, "rowData"]


def test_the_fast_path_is_taken(seeded: tuple[Api, dict[str, Any]], monkeypatch: Any) -> None:
    api, variables = seeded
    calls: list[str] = []
    compile_ = fp._compile

    def spy(item_type: Any, shape: Any) -> Any:
        calls.append(item_type.name)
        return compile_(item_type, shape)

    monkeypatch.setattr(fp, "_compile", spy)
    fp._compiled.clear()
    query = "query($d:ID!){dataset(where:{id:$d}){dataRows{id rowData}}}"
    api(query, {"d": variables["d"]})
    api(query, {"d": variables["d"]})
    assert calls == ["DataRow"]  # compiled once, then reused
