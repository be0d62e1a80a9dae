"""Model-assisted labeling end to end against the emulator: an ontology built in code,
project.setup, data rows, then 1,000 mixed annotations uploaded from each input form
(generator, local file as Path and str, URL) → FINISHED with one status per annotation;
server-side failures (validate=False) reported per line; client-side failures upload
nothing."""

from __future__ import annotations

import json
import tempfile
import tracemalloc
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from labelbox import BulkImportRequest, Client, DataRow, Project
from labelbox.exceptions import (
    LabelboxError,
    MALValidationError,
    NetworkError,
    ResourceNotFoundError,
    UuidError,
)
from labelbox.schema import annotation_ndjson
from labelbox.schema.annotation_ndjson import Spool, spool_objects
from labelbox.schema.annotation_validation import AnnotationValidator, OntologyIndex
from labelbox.schema.enums import BulkImportRequestState
from labelbox_emulator import Emulator

from .annotations import mixed

FORMS = ["generator", "path", "str path", "url"]


def normalized_of(project: Project) -> dict[str, Any]:
    ontology = project.ontology()
    assert ontology is not None and isinstance(ontology.normalized, dict)
    return ontology.normalized


def ndjson(annotations: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(a) + "\n" for a in annotations).encode()


def source(
    form: str, annotations: list[dict[str, Any]], client: Client, tmp_path: Path
) -> str | Path | Iterator[dict[str, Any]]:
    """``annotations`` in one of the input forms of ``upload_annotations``."""
    if form == "generator":
        return (a for a in annotations)
    if form == "url":
        return client.upload_data(
            ndjson(annotations), filename="remote.ndjson", content_type="application/x-ndjson"
        )
    path = tmp_path / f"{uuid.uuid4()}.ndjson"
    path.write_bytes(ndjson(annotations))
    return path if form == "path" else str(path)


@pytest.mark.parametrize("form", FORMS)
def test_upload_1000_mixed_annotations(
    client: Client, project: Project, data_rows: list[DataRow], form: str, tmp_path: Path
) -> None:
    sent = list(mixed(normalized_of(project), [r.uid for r in data_rows], 1000, seed=1))
    kinds = {k for a in sent for k in a if k not in ("uuid", "schemaId", "dataRow")}
    assert kinds >= {
        "bbox",
        "polygon",
        "line",
        "point",
        "location",
        "mask",
        "answer",
        "answers",
        "classifications",
        "frames",
    }
    annotations = source(form, sent, client, tmp_path)
    request = project.upload_annotations(f"import {form}", annotations)
    assert isinstance(request, BulkImportRequest)
    assert request.name == f"import {form}"
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == BulkImportRequestState.FINISHED
    statuses = request.statuses
    assert [s["uuid"] for s in statuses] == [a["uuid"] for a in sent]
    assert [s["dataRow"]["id"] for s in statuses] == [a["dataRow"]["id"] for a in sent]
    assert {s["status"] for s in statuses} == {"SUCCESS"}
    assert request.errors == []
    assert request.inputs == sent
    if form == "url":  # the server was given the URL itself
        assert request.input_file_url == annotations
    assert request.project() == project
    assert request.created_by() == client.get_user()
    assert request.status_file_url and request.error_file_url and request.created_at
    fetched = BulkImportRequest.from_name(client, project_id=project.uid, name=request.name)
    assert fetched.uid == request.uid and fetched.state == "FINISHED"
    fetched.refresh()
    assert fetched.status_file_url == request.status_file_url


def _failing_lines(normalized: dict[str, Any], row: str) -> list[tuple[dict[str, Any], set[str]]]:
    """Lines with a valid shape the server rejects, and the error names it gives."""
    car, road = normalized["tools"][0], normalized["tools"][1]
    weather = normalized["classifications"][0]
    bbox = {"top": 1, "left": 2, "height": 3, "width": 4}

    def base(schema_id: str, row_id: str = row) -> dict[str, Any]:
        return {"uuid": str(uuid.uuid4()), "schemaId": schema_id, "dataRow": {"id": row_id}}

    return [
        ({**base(car["featureSchemaId"], "c" + "0" * 24), "bbox": bbox}, {"DataRowNotFound"}),
        ({**base("c" + "1" * 24), "bbox": bbox}, {"InvalidSchemaId"}),
        ({**base(road["featureSchemaId"]), "bbox": bbox}, {"SchemaKindMismatch"}),
        (
            {**base(weather["featureSchemaId"]), "answer": {"schemaId": "c" + "2" * 24}},
            {"InvalidAnswer"},
        ),
        (
            {
                **base(car["featureSchemaId"]),
                "bbox": bbox,
                "classifications": [{"schemaId": weather["featureSchemaId"], "answer": "x"}],
            },
            {"InvalidSchemaId"},
        ),
        (
            {**base("c" + "3" * 24, "c" + "4" * 24), "point": {"x": 1, "y": 1}},
            {"DataRowNotFound", "InvalidSchemaId"},
        ),
    ]


@pytest.mark.parametrize("form", FORMS)
def test_server_reports_failing_lines_without_validation(
    client: Client, project: Project, data_rows: list[DataRow], form: str, tmp_path: Path
) -> None:
    normalized = normalized_of(project)
    sent = list(mixed(normalized, [r.uid for r in data_rows], 1000, seed=2))
    failing = _failing_lines(normalized, data_rows[0].uid)
    positions = [0, 137, 500, 501, 998, 1000 + len(failing) - 1]
    expected: dict[str, set[str]] = {}
    for position, (line, names) in zip(positions, failing, strict=True):
        sent.insert(position, line)
        expected[line["uuid"]] = names
    # Client-side validation catches what it can see (not the unknown data row).
    with pytest.raises(MALValidationError):
        project.upload_annotations("checked", source(form, sent, client, tmp_path))
    request = project.upload_annotations(
        f"unchecked {form}", source(form, sent, client, tmp_path), validate=False
    )
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == BulkImportRequestState.FINISHED
    statuses = request.statuses
    assert [s["uuid"] for s in statuses] == [a["uuid"] for a in sent]
    for status in statuses:
        if status["uuid"] in expected:
            assert status["status"] == "FAILURE"
            assert {e["name"] for e in status["errors"]} == expected[status["uuid"]], status
            assert all(e["message"] for e in status["errors"])
        else:
            assert status["status"] == "SUCCESS" and status["errors"] == [], status
    errors = request.errors
    assert [e["uuid"] for e in errors] == [a["uuid"] for a in sent if a["uuid"] in expected]
    assert all(e["status"] == "FAILURE" for e in errors)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("problem", ["invalid", "duplicate uuid"])
def test_nothing_uploaded_when_validation_fails(
    client: Client,
    project: Project,
    data_rows: list[DataRow],
    form: str,
    problem: str,
    tmp_path: Path,
    mal_emulator: Emulator,
) -> None:
    sent = list(mixed(normalized_of(project), [r.uid for r in data_rows], 1000, seed=3))
    if problem == "invalid":
        del sent[900]["schemaId"]
        error: type[Exception] = MALValidationError
        match = f"line 900 \\(uuid '{sent[900]['uuid']}'\\), field 'schemaId'"
    else:
        sent[950]["uuid"] = sent[10]["uuid"]
        error, match = UuidError, "line 950.* used on line 10"
    annotations = source(form, sent, client, tmp_path)  # (the URL form uploads here)
    files_before = _stored_files(mal_emulator)
    with pytest.raises(error, match=match):
        project.upload_annotations(f"never {form}", annotations)
    with pytest.raises(ResourceNotFoundError):
        BulkImportRequest.from_name(client, project_id=project.uid, name=f"never {form}")
    assert _stored_files(mal_emulator) == files_before  # no upload started
    assert _import_count(client, project) == 0


def _stored_files(emulator: Emulator) -> int:
    """How many files the emulator stores (a peek at its state, test only)."""
    state = emulator._state
    assert state is not None
    return int(state.store.execute("SELECT COUNT(*) FROM _files")[0][0])


def _import_count(client: Client, project: Project) -> int:
    data = client.execute(
        "query($p: ID!) { project(where: {id: $p}) { bulkImportRequests { id } } }",
        {"p": project.uid},
    )
    return len(data["project"]["bulkImportRequests"])


def test_local_file_errors(project: Project, data_rows: list[DataRow], tmp_path: Path) -> None:
    good = list(mixed(normalized_of(project), [r.uid for r in data_rows], 5, seed=4))
    broken = tmp_path / "broken.ndjson"
    broken.write_bytes(ndjson(good) + b'{"uuid": \n')
    with pytest.raises(ValueError, match="not a valid ndjson file: line 5"):
        project.upload_annotations("broken", broken)
    blank = tmp_path / "blank.ndjson"
    blank.write_bytes(b"\n" + ndjson(good[:2]) + b"\n\n" + ndjson(good[2:]))
    request = project.upload_annotations("blank lines", blank)
    request.wait_until_done(sleep_time_seconds=0.01)
    assert [s["uuid"] for s in request.statuses] == [a["uuid"] for a in good]
    empty = tmp_path / "empty.ndjson"
    empty.write_bytes(b"\n")
    with pytest.raises(ValueError, match="no annotations"):
        project.upload_annotations("empty", empty)
    with pytest.raises(FileNotFoundError):
        project.upload_annotations("missing", tmp_path / "missing.ndjson")


def test_bad_iterables(project: Project) -> None:
    with pytest.raises(ValueError, match="empty"):
        project.upload_annotations("none", iter([]))
    with pytest.raises(TypeError, match="single dict"):
        project.upload_annotations("dict", {"uuid": "x"})
    with pytest.raises(TypeError, match="not JSON-serializable"):
        project.upload_annotations("object", [{"uuid": object()}], validate=False)
    with pytest.raises(MALValidationError, match="field 'uuid'"):
        project.upload_annotations("object", [{"uuid": object(), "point": {}}])


def test_large_iterables_spool_to_disk(
    client: Client,
    project: Project,
    data_rows: list[DataRow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(annotation_ndjson, "SPOOL_MEMORY_LIMIT", 64 * 1024)
    spilled: list[bool] = []
    real = tempfile.TemporaryFile

    def recording(*args: Any, **kwargs: Any) -> Any:
        spilled.append(True)
        return real(*args, **kwargs)

    monkeypatch.setattr(annotation_ndjson.tempfile, "TemporaryFile", recording)
    sent = list(mixed(normalized_of(project), [r.uid for r in data_rows], 1000, seed=5))
    request = project.upload_annotations("spooled", (a for a in sent))
    assert spilled == [True]
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.inputs == sent


def test_validation_and_spooling_memory_is_bounded(project: Project) -> None:
    """30,000 annotations from a generator: validated and spooled without holding them
    (the spool itself stays below its memory limit, the uuid index is small)."""
    normalized = normalized_of(project)
    validator = AnnotationValidator(OntologyIndex.from_normalized(normalized))
    rows = ["c" + f"{i:024d}" for i in range(50)]
    tracemalloc.start()
    try:
        with Spool(limit=4 * 1024 * 1024) as spool:
            count = spool_objects(mixed(normalized, rows, 30_000, seed=6), spool, validator)
            assert spool.on_disk and spool.size > 4 * 1024 * 1024
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 30_000 == validator.count
    # Holding the annotations would take ~60 MB; the uuid index is ~3 MB.
    assert peak < 16 * 1024 * 1024, peak


def test_url_download_failures_upload_nothing(
    client: Client, project: Project, mal_emulator: Emulator
) -> None:
    missing = f"{mal_emulator.base_url}/_emulator/files/nope?token=x&expires=1"
    with pytest.raises(LabelboxError, match=r"Could not download .*/_emulator/files/nope\?…"):
        project.upload_annotations("missing url", missing)
    closed = "http://127.0.0.1:9/annotations.ndjson"  # discard port: connection refused
    with pytest.raises(NetworkError):
        project.upload_annotations("unreachable url", closed)
    assert _import_count(client, project) == 0
    # Without validation the server is handed the URL and fails the import itself.
    request = project.upload_annotations("unchecked url", missing, validate=False)
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == BulkImportRequestState.FAILED
