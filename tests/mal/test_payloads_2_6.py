"""labelbox 2.6 compatibility of annotation imports: the bytes ``create_from_objects``
uploads (compared with 2.6's own serialization when ``LABELBOX_CLASSIC_PYTHON`` is set),
the NDJSON classes importable from ``labelbox.schema.bulk_import_request``, the typed
records read back, and ``wait_until_done``'s backoff (counted, never timed)."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_type_hints

import pydantic
import pytest

from labelbox import BulkImportRequest, Client, DataRow, LabelingFrontend, Project
from labelbox._progress import wait_for
from labelbox.schema import annotation_types
from labelbox.schema import bulk_import_request as bir
from labelbox.schema.bulk_import_request import get_mal_schemas
from labelbox.schema.enums import BulkImportRequestState
from labelbox_emulator import Emulator

from .annotations import mixed
from .conftest import every_kind

CLASSIC = os.environ.get("LABELBOX_CLASSIC_PYTHON", "").strip()
needs_classic = pytest.mark.skipif(
    not CLASSIC or not Path(CLASSIC).is_file(), reason="LABELBOX_CLASSIC_PYTHON is not set"
)

#: The NDJSON names labelbox 2.6.0 defines in ``labelbox.schema.bulk_import_request``.
ND_NAMES = [
    "Bbox",
    "DataRow",
    "EntityLocation",
    "FrameLocation",
    "LabelboxID",
    "MaskFeatures",
    "NDAnnotation",
    "NDBase",
    "NDBaseTool",
    "NDChecklist",
    "NDClassification",
    "NDFeatureSchema",
    "NDMask",
    "NDPoint",
    "NDPolygon",
    "NDPolyline",
    "NDRadio",
    "NDRectangle",
    "NDText",
    "NDTextEntity",
    "NDTool",
    "Point",
    "SpecialUnion",
    "VideoSupported",
]


def _classic(code: str, stdin: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [CLASSIC, "-c", code], input=stdin, capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _sent(project: Project, data_rows: list[DataRow], count: int = 60) -> list[dict[str, Any]]:
    ontology = project.ontology()
    assert ontology is not None and isinstance(ontology.normalized, dict)
    rows = [r.uid for r in data_rows]
    sent = list(mixed(ontology.normalized, rows, count, seed=7))
    # Non-ASCII text, floats and nesting: where serializations differ.
    sent.append(
        {
            "uuid": str(uuid.uuid4()),
            "schemaId": next(
                c for c in ontology.normalized["classifications"] if c["type"] == "text"
            )["featureSchemaId"],
            "dataRow": {"id": rows[0]},
            "answer": "pluie \u00e0 Z\u00fcrich \u2603 \U0001f600",
        }
    )
    return sent


def _uploaded(client: Client, request: BulkImportRequest) -> bytes:
    return client._transport.get(request.input_file_url)


# -- the bytes uploaded ------------------------------------------------------------------------
def test_create_from_objects_uploads_2_6_ndjson(
    client: Client, project: Project, data_rows: list[DataRow]
) -> None:
    sent = _sent(project, data_rows)
    request = project.upload_annotations("bytes", sent)
    expected = "\n".join(json.dumps(a) for a in sent).encode()
    assert _uploaded(client, request) == expected
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == BulkImportRequestState.FINISHED
    assert request.inputs == sent
    assert len(request.statuses) == len(sent)


@needs_classic
def test_create_from_objects_bytes_equal_classic_serialization(
    client: Client, project: Project, data_rows: list[DataRow]
) -> None:
    sent = _sent(project, data_rows)
    classic = _classic(
        "import json, sys, ndjson; sys.stdout.write(ndjson.dumps(json.load(sys.stdin)))",
        json.dumps(sent),
    )
    generator = (a for a in sent)  # a generator is streamed, same bytes
    request = BulkImportRequest.create_from_objects(client, project.uid, "classic", generator)
    assert _uploaded(client, request) == classic.encode("utf-8")


# -- the NDJSON classes ------------------------------------------------------------------------
def test_nd_names_importable() -> None:
    for name in ND_NAMES:
        assert getattr(bir, name) is not None, name
    assert set(ND_NAMES) <= set(bir.__all__)
    with pytest.raises(AttributeError):
        _ = bir.NDNothing  # type: ignore[attr-defined]


@needs_classic
def test_nd_names_are_those_of_2_6() -> None:
    found = _classic(
        "import json, labelbox.schema.bulk_import_request as m\n"
        "print(json.dumps(sorted(n for n, v in vars(m).items() if n[0].isupper() and "
        "(getattr(v, '__module__', None) == m.__name__ or n == 'LabelboxID'))))"
    )
    assert sorted(set(json.loads(found)) - {"BulkImportRequest"}) == ND_NAMES


def test_nd_classes_accept_and_validate_mixed_annotations(
    project: Project, data_rows: list[DataRow]
) -> None:
    ontology = project.ontology()
    assert ontology is not None
    schemas = get_mal_schemas(ontology)
    for line in _sent(project, data_rows):
        built = bir.NDAnnotation(**line)
        assert isinstance(built, bir.NDBase)
        assert type(built).determinant in line
        built.validate_instance(schemas)


def test_nd_classes_build_by_keys_and_refuse_bad_shapes() -> None:
    base = {"uuid": str(uuid.uuid4()), "schemaId": "s" * 25, "dataRow": {"id": "d"}}
    assert isinstance(
        bir.NDTool(**base, bbox=dict(top=1, left=2, height=3, width=4)), bir.NDRectangle
    )
    assert isinstance(bir.NDClassification(**base, answer="x"), bir.NDText)
    assert isinstance(bir.NDClassification(**base, answer={"schemaId": "o" * 25}), bir.NDRadio)
    assert isinstance(bir.NDAnnotation(**base, answers=[{"schemaId": "o" * 25}]), bir.NDChecklist)
    with pytest.raises(KeyError):
        bir.NDTool(**base, answer="x")
    with pytest.raises(ValueError, match="Unable to construct any annotation"):
        bir.NDAnnotation(**base)
    with pytest.raises(pydantic.ValidationError):
        bir.NDPolygon(**base, polygon=[{"x": 1, "y": 1}, {"x": 2, "y": 2}])
    with pytest.raises(pydantic.ValidationError):  # extra keys are refused
        bir.NDPoint(**base, point={"x": 1, "y": 1}, colour="red")
    with pytest.raises(pydantic.ValidationError):
        bir.NDMask(**base, mask={"instanceURI": "u", "colorRGB": [0, 0, 256]})
    point = bir.NDPoint(**base, point={"x": 1, "y": 2})
    with pytest.raises(ValueError, match="not valid for the provided project's ontology"):
        point.validate_instance({})
    with pytest.raises(ValueError, match="does not map to the assigned tool"):
        point.validate_instance({"s" * 25: {"tool": "rectangle", "classifications": {}}})
    assert set(bir.NDAnnotation.schema()) == {"NDTool", "NDClassification", "definitions"}


# -- typed records -------------------------------------------------------------------------------
def test_statuses_and_errors_have_the_documented_keys(
    project: Project, data_rows: list[DataRow]
) -> None:
    good = _sent(project, data_rows, 3)[:3]
    bad = {**good[0], "uuid": str(uuid.uuid4()), "dataRow": {"id": "c" * 25}}
    request = project.upload_annotations("records", [*good, bad])
    request.wait_until_done(sleep_time_seconds=0.01)
    status_keys = set(get_type_hints(annotation_types.ImportStatus))
    detail_keys = set(get_type_hints(annotation_types.ImportErrorDetail))
    for status in [*request.statuses, *request.errors]:
        assert set(status) == status_keys
        for detail in status["errors"]:
            assert {"name", "message"} <= set(detail) <= detail_keys
    [error] = request.errors
    assert error["uuid"] == bad["uuid"] and error["status"] == "FAILURE"


# -- wait_until_done backs off -----------------------------------------------------------------
@pytest.fixture(scope="module")
def slow_emulator() -> Iterator[Emulator]:
    """Imports finish on the 6th read of their object (deterministic, no timing)."""
    with Emulator(transitions="polls:6") as emu:
        yield emu


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits of the polling loop, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr("labelbox._progress._sleep", recorded.append)
    return recorded


def _slow_import(emu: Emulator) -> tuple[Client, BulkImportRequest]:
    emu.reset()
    client = Client(api_key=emu.api_key, endpoint=emu.endpoint)
    frontend = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor").get_one()
    assert frontend is not None
    project = client.create_project(name="slow")
    project.setup(frontend, every_kind().asdict())
    dataset = client.create_dataset(name="rows", projects=project)
    row = dataset.create_data_row(row_data="https://example.com/1.jpg")
    ontology = project.ontology()
    assert ontology is not None and isinstance(ontology.normalized, dict)
    lines = list(mixed(ontology.normalized, [row.uid], 3))
    return client, project.upload_annotations("slow", lines)


def test_wait_until_done_backs_off_from_a_quarter_second(
    slow_emulator: Emulator, waits: list[float]
) -> None:
    client, request = _slow_import(slow_emulator)
    with client:
        assert request.state == BulkImportRequestState.RUNNING
        request.wait_until_done()
        assert request.state == BulkImportRequestState.FINISHED
    assert waits[0] == bir.FIRST_POLL_SECONDS == 0.25
    assert waits == [0.25 * 2**i for i in range(len(waits))]
    assert 2 <= len(waits) <= 6 and max(waits) < 30


def test_wait_until_done_caps_at_sleep_time_seconds(
    slow_emulator: Emulator, waits: list[float]
) -> None:
    client, request = _slow_import(slow_emulator)
    with client:
        request.wait_until_done(sleep_time_seconds=0.5)
        assert request.state == BulkImportRequestState.FINISHED
    assert waits[:2] == [0.25, 0.5] and set(waits[1:]) == {0.5}


def test_backoff_reaches_the_classic_interval_and_stays(waits: list[float]) -> None:
    answers = iter([False] * 12 + [True])
    assert wait_for(lambda: next(answers), float("inf"), desc="x", first_delay=0.25, max_delay=30)
    assert waits[:8] == [0.25, 0.5, 1, 2, 4, 8, 16, 30] and set(waits[7:]) == {30}
