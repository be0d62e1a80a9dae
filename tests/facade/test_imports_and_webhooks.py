"""BulkImportRequest (model-assisted labeling imports) and Webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from labelbox import BulkImportRequest, Client, DataRow, LabelingFrontend, Project, Webhook
from labelbox import exceptions as lbx
from labelbox.schema.bulk_import_request import get_mal_schemas, parse_classification
from labelbox.schema.enums import BulkImportRequestState
from labelbox.schema.ontology import Classification, OntologyBuilder, Option, Tool
from labelbox_emulator import Emulator

from .conftest import download


def mal_builder() -> OntologyBuilder:
    car = Tool(tool=Tool.Type.BBOX, name="car")
    car.add_classification(
        Classification(
            class_type=Classification.Type.CHECKLIST,
            instructions="damage",
            options=[Option(value="dent"), Option(value="scratch")],
        )
    )
    return OntologyBuilder(
        tools=[
            car,
            Tool(tool=Tool.Type.POLYGON, name="road"),
            Tool(tool=Tool.Type.LINE, name="lane"),
            Tool(tool=Tool.Type.POINT, name="sign"),
            Tool(tool=Tool.Type.NER, name="entity"),
            Tool(tool=Tool.Type.SEGMENTATION, name="sky"),
        ],
        classifications=[
            Classification(
                class_type=Classification.Type.RADIO,
                instructions="weather",
                options=[Option(value="sunny"), Option(value="rainy")],
            ),
            Classification(class_type=Classification.Type.TEXT, instructions="notes"),
            Classification(
                class_type=Classification.Type.CHECKLIST,
                instructions="tags",
                options=[Option(value="a"), Option(value="b")],
            ),
        ],
    )


@pytest.fixture
def mal_project(project: Project, editor: LabelingFrontend) -> Project:
    project.setup(editor, mal_builder().asdict())
    project.enable_model_assisted_labeling()
    return project


def ids(project: Project) -> dict[str, Any]:
    """Feature schema ids by name (tools, classifications and their options)."""
    ontology = project.ontology()
    assert ontology is not None
    out: dict[str, Any] = {}
    for tool in ontology.tools():
        out[tool.name] = tool.feature_schema_id
        for c in tool.classifications:
            out[f"{tool.name}.{c.instructions}"] = c.feature_schema_id
            for o in c.options:
                out[f"{tool.name}.{c.instructions}.{o.value}"] = o.feature_schema_id
    for c in ontology.classifications():
        out[c.instructions] = c.feature_schema_id
        for o in c.options:
            out[f"{c.instructions}.{o.value}"] = o.feature_schema_id
    return out


def annotations(project: Project, row: DataRow) -> list[dict[str, Any]]:
    """One valid annotation of every kind."""
    s = ids(project)

    def base(schema: str) -> dict[str, Any]:
        return {"uuid": str(uuid.uuid4()), "schemaId": s[schema], "dataRow": {"id": row.uid}}

    return [
        {
            **base("car"),
            "bbox": {"top": 10, "left": 20, "height": 30.5, "width": 40},
            "classifications": [
                {"schemaId": s["car.damage"], "answers": [{"schemaId": s["car.damage.dent"]}]}
            ],
        },
        {**base("road"), "polygon": [{"x": 1, "y": 1}, {"x": 5, "y": 1}, {"x": 3, "y": 4}]},
        {**base("lane"), "line": [{"x": 1, "y": 1}, {"x": 5, "y": 5}]},
        {**base("sign"), "point": {"x": 7, "y": 8}},
        {**base("entity"), "location": {"start": 0, "end": 4}},
        {**base("sky"), "mask": {"instanceURI": "https://x/mask.png", "colorRGB": [0, 0, 255]}},
        {**base("weather"), "answer": {"schemaId": s["weather.sunny"]}},
        {**base("notes"), "answer": "free text"},
        {**base("tags"), "answers": [{"schemaId": s["tags.a"]}, {"schemaId": s["tags.b"]}]},
    ]


# -- upload_annotations ------------------------------------------------------------------
def test_upload_annotations_from_objects(
    client: Client, mal_project: Project, data_rows: list[DataRow]
) -> None:
    sent = annotations(mal_project, data_rows[0])
    request = mal_project.upload_annotations("from objects", sent)
    assert isinstance(request, BulkImportRequest)
    assert request.name == "from objects"
    assert request.project() == mal_project
    assert request.created_by() == client.get_user()
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == BulkImportRequestState.FINISHED
    assert request.inputs == sent
    assert request.errors == []
    statuses = request.statuses
    assert [s["uuid"] for s in statuses] == [a["uuid"] for a in sent]
    assert {s["status"] for s in statuses} == {"SUCCESS"}
    fetched = BulkImportRequest.from_name(client, project_id=mal_project.uid, name="from objects")
    assert fetched.uid == request.uid and fetched.state == "FINISHED"


def test_upload_annotations_from_local_file(
    mal_project: Project, data_rows: list[DataRow], tmp_path: Path
) -> None:
    sent = annotations(mal_project, data_rows[1])
    path = tmp_path / "predictions.ndjson"
    path.write_text("".join(json.dumps(a) + "\n" for a in sent))
    for name, source in (("as str", str(path)), ("as path", path)):
        request = mal_project.upload_annotations(name, source)
        request.wait_until_done(sleep_time_seconds=0.01)
        assert request.state == "FINISHED"
        assert request.inputs == sent
        assert request.errors == []


def test_upload_annotations_from_url(
    client: Client, mal_project: Project, data_rows: list[DataRow]
) -> None:
    sent = annotations(mal_project, data_rows[2])
    url = client.upload_data(
        "".join(json.dumps(a) + "\n" for a in sent).encode(),
        filename="remote.ndjson",
        content_type="application/x-ndjson",
    )
    request = mal_project.upload_annotations("from url", url)
    assert request.input_file_url == url
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == "FINISHED"
    assert request.inputs == sent
    assert len(request.statuses) == len(sent)


def test_upload_annotations_reports_server_side_errors(mal_project: Project) -> None:
    s = ids(mal_project)
    line = {
        "uuid": str(uuid.uuid4()),
        "schemaId": s["sign"],
        "dataRow": {"id": "c" * 25},  # valid shape, unknown data row
        "point": {"x": 1, "y": 2},
    }
    request = mal_project.upload_annotations("bad rows", [line])
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == "FINISHED"
    [error] = request.errors
    assert error["uuid"] == line["uuid"] and error["status"] == "FAILURE"
    assert error["errors"]
    assert [s["status"] for s in request.statuses] == ["FAILURE"]


def test_upload_annotations_without_validation(mal_project: Project) -> None:
    line = {"uuid": "not-a-uuid", "schemaId": "unknown", "dataRow": {"id": "x"}, "point": {}}
    request = mal_project.upload_annotations("unchecked", [line], validate=False)
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == "FINISHED"
    assert len(request.errors) == 1


def test_bulk_import_polls_until_done(polling_client: Client) -> None:
    project = polling_client.create_project(name="slow import")
    dataset = polling_client.create_dataset(name="ds", projects=project)
    row = dataset.create_data_row(row_data="https://x/1.jpg")
    line = {"uuid": str(uuid.uuid4()), "dataRow": {"id": row.uid}, "schemaId": "s", "point": {}}
    request = project.upload_annotations("slow", [line], validate=False)
    assert request.state == BulkImportRequestState.RUNNING
    assert request.statuses == [] and request.errors == []
    request.refresh()
    assert request.state == "RUNNING"
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == "FINISHED"
    assert request.status_file_url is not None and request.error_file_url is not None


def test_from_name_unknown(client: Client, project: Project) -> None:
    with pytest.raises(lbx.ResourceNotFoundError):
        BulkImportRequest.from_name(client, project_id=project.uid, name="never uploaded")


# -- client-side validation --------------------------------------------------------------
def _invalid(s: dict[str, Any], row: str) -> list[tuple[str, dict[str, Any]]]:
    def base(schema: str) -> dict[str, Any]:
        return {"uuid": str(uuid.uuid4()), "schemaId": s[schema], "dataRow": {"id": row}}

    return [
        ("no geometry", base("car")),
        ("two geometries", {**base("car"), "bbox": {}, "point": {"x": 1, "y": 1}}),
        ("bbox missing side", {**base("car"), "bbox": {"top": 1, "left": 1, "height": 1}}),
        (
            "bbox not numbers",
            {**base("car"), "bbox": dict.fromkeys(("top", "left", "height", "width"), "1")},
        ),
        ("polygon too short", {**base("road"), "polygon": [{"x": 1, "y": 1}, {"x": 2, "y": 2}]}),
        ("line too short", {**base("lane"), "line": [{"x": 1, "y": 1}]}),
        ("point missing y", {**base("sign"), "point": {"x": 1}}),
        ("entity reversed", {**base("entity"), "location": {"start": 5, "end": 1}}),
        ("mask bad color", {**base("sky"), "mask": {"instanceURI": "u", "colorRGB": [0, 0, 256]}}),
        ("wrong tool kind", {**base("car"), "point": {"x": 1, "y": 1}}),
        (
            "unknown schema",
            {
                **base("car"),
                "schemaId": "x" * 25,
                "bbox": {"top": 1, "left": 1, "height": 1, "width": 1},
            },
        ),
        ("short schema id", {**base("sign"), "schemaId": "short", "point": {"x": 1, "y": 1}}),
        ("bad uuid", {**base("sign"), "uuid": "nope", "point": {"x": 1, "y": 1}}),
        (
            "missing data row",
            {k: v for k, v in base("sign").items() if k != "dataRow"} | {"point": {"x": 1, "y": 1}},
        ),
        ("extra field", {**base("sign"), "point": {"x": 1, "y": 1}, "confidence": 0.5}),
        ("radio unknown option", {**base("weather"), "answer": {"schemaId": s["tags.a"]}}),
        ("text answer not str", {**base("notes"), "answer": 5}),
        ("checklist empty", {**base("tags"), "answers": []}),
        ("checklist duplicate", {**base("tags"), "answers": [{"schemaId": s["tags.a"]}] * 2}),
        (
            "nested unknown option",
            {
                **base("car"),
                "bbox": {"top": 1, "left": 1, "height": 1, "width": 1},
                "classifications": [
                    {"schemaId": s["car.damage"], "answers": [{"schemaId": s["tags.a"]}]}
                ],
            },
        ),
        ("not an object", ["a", "list"]),  # type: ignore[dict-item]
    ]


def test_upload_annotations_validation_errors(
    mal_project: Project, data_rows: list[DataRow]
) -> None:
    for why, line in _invalid(ids(mal_project), data_rows[0].uid):
        with pytest.raises(lbx.MALValidationError, match="line 0"):
            mal_project.upload_annotations(f"invalid {why}", [line])
    valid = annotations(mal_project, data_rows[0])
    with pytest.raises(lbx.MALValidationError, match="line 9"):
        mal_project.upload_annotations("late error", [*valid, {"uuid": str(uuid.uuid4())}])
    client = mal_project.client
    with pytest.raises(lbx.ResourceNotFoundError):  # nothing was uploaded
        BulkImportRequest.from_name(client, project_id=mal_project.uid, name="late error")


def test_upload_annotations_duplicate_uuid(mal_project: Project, data_rows: list[DataRow]) -> None:
    first, second = annotations(mal_project, data_rows[0])[:2]
    second["uuid"] = first["uuid"]
    with pytest.raises(lbx.UuidError):
        mal_project.upload_annotations("duplicates", [first, second])


def test_upload_annotations_local_file_errors(
    mal_project: Project, data_rows: list[DataRow], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.ndjson"
    broken.write_text('{"uuid": "x"\n')
    with pytest.raises(ValueError, match="not a valid ndjson file"):
        mal_project.upload_annotations("broken", broken)
    invalid = tmp_path / "invalid.ndjson"
    invalid.write_text(json.dumps({"uuid": str(uuid.uuid4())}) + "\n")
    with pytest.raises(lbx.MALValidationError):
        mal_project.upload_annotations("invalid", str(invalid))
    with pytest.raises(FileNotFoundError):
        mal_project.upload_annotations("missing", str(tmp_path / "missing.ndjson"))


def test_upload_annotations_bad_arguments(mal_project: Project) -> None:
    with pytest.raises(ValueError):
        mal_project.upload_annotations("empty", [])
    with pytest.raises(ValueError):
        mal_project.upload_annotations("number", 42)  # type: ignore[arg-type]


def test_get_mal_schemas_and_parse_classification(mal_project: Project) -> None:
    ontology = mal_project.ontology()
    assert ontology is not None
    s = ids(mal_project)
    schemas = get_mal_schemas(ontology)
    assert schemas[s["car"]] == {
        "tool": "rectangle",
        "classifications": {
            s["car.damage"]: {
                "tool": "checklist",
                "featureSchemaId": s["car.damage"],
                "options": [s["car.damage.dent"], s["car.damage.scratch"]],
            }
        },
    }
    assert schemas[s["road"]]["tool"] == "polygon"
    assert schemas[s["notes"]] == {"tool": "text", "featureSchemaId": s["notes"]}
    assert schemas[s["weather"]]["options"] == [s["weather.sunny"], s["weather.rainy"]]
    normalized = ontology.normalized
    assert isinstance(normalized, dict)
    radio = normalized["classifications"][0]
    assert parse_classification(radio) == schemas[s["weather"]]


# -- webhooks ----------------------------------------------------------------------------
class _Receiver(BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    """A local HTTP server receiving webhook notifications."""
    received: list[tuple[dict[str, str], bytes]] = []
    handler = type("Handler", (_Receiver,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def test_webhook_create_for_project_and_deliveries(
    client: Client,
    emu: Emulator,
    project: Project,
    data_rows: list[DataRow],
    receiver: tuple[str, list[tuple[dict[str, str], bytes]]],
) -> None:
    url, received = receiver
    webhook = Webhook.create(
        client, topics=[Webhook.Topic.LABEL_CREATED], url=url, secret="s3cret", project=project
    )
    assert isinstance(webhook, Webhook)
    assert webhook.url == url
    assert webhook.topics == [Webhook.Topic.LABEL_CREATED] == ["LABEL_CREATED"]
    assert webhook.status == Webhook.Status.ACTIVE
    assert webhook.project() == project
    assert list(project.webhooks()) == [webhook]
    assert list(client.get_organization().webhooks()) == [webhook]
    label = project.create_label(data_row=data_rows[0], label="x")
    emu.webhook_deliveries(wait=True)
    [(headers, body)] = received
    assert headers["X-Labelbox-Event"] == "LABEL_CREATED"
    assert json.loads(body)["id"] == label.uid
    expected = hmac.new(b"s3cret", body, hashlib.sha1).hexdigest()
    assert expected in headers["X-Hub-Signature"]


def test_webhook_create_for_organization(client: Client) -> None:
    webhook = Webhook.create(
        client,
        [Webhook.LABEL_CREATED, "REVIEW_CREATED", Webhook.Topic.LABEL_DELETED],
        "https://example.com/hook",
        "secret",
        None,
    )
    assert webhook.project() is None
    assert set(webhook.topics) == {"LABEL_CREATED", "REVIEW_CREATED", "LABEL_DELETED"}
    assert list(client.get_organization().webhooks()) == [webhook]
    assert webhook.created_by() == client.get_user()
    assert webhook.organization() == client.get_organization()


def test_webhook_update_and_delete(client: Client, project: Project) -> None:
    webhook = Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "https://a", "s", project)
    webhook.update(topics=[Webhook.Topic.REVIEW_CREATED, Webhook.Topic.REVIEW_DELETED])
    assert webhook.topics == ["REVIEW_CREATED", "REVIEW_DELETED"]
    webhook.update(url="https://b")
    assert webhook.url == "https://b" and webhook.topics == ["REVIEW_CREATED", "REVIEW_DELETED"]
    webhook.update(status=Webhook.Status.INACTIVE)
    assert webhook.status == "INACTIVE"
    webhook.update(status="ACTIVE", url="https://c", topics=["LABEL_UPDATED"])
    [fetched] = list(project.webhooks())
    assert (fetched.status, fetched.url, fetched.topics) == (
        "ACTIVE",
        "https://c",
        ["LABEL_UPDATED"],
    )
    webhook.update()  # nothing to change
    webhook.delete()
    [fetched] = list(project.webhooks())
    assert fetched.status == Webhook.Status.INACTIVE


@pytest.mark.parametrize(
    "topics", [["LABEL_EXPLODED"], [Webhook.Topic.LABEL_CREATED, "nope"], ["label_created"]]
)
def test_webhook_bad_topics(client: Client, project: Project, topics: list[str]) -> None:
    with pytest.raises(ValueError):
        Webhook.create(client, topics, "https://a", "s", project)
    webhook = Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "https://a", "s", project)
    with pytest.raises(ValueError):
        webhook.update(topics=topics)
    assert [w.topics for w in project.webhooks()] == [["LABEL_CREATED"]]


def test_webhook_topics_not_a_list(client: Client, project: Project) -> None:
    with pytest.raises(TypeError):
        Webhook.create(client, "LABEL_CREATED", "https://a", "s", project)


@pytest.mark.parametrize("status", ["DELETED", "active", Webhook.Topic.LABEL_CREATED])
def test_webhook_bad_status(client: Client, project: Project, status: Any) -> None:
    webhook = Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "https://a", "s", project)
    with pytest.raises(ValueError):
        webhook.update(status=status)
    assert webhook.status == "ACTIVE"


def test_webhook_enums() -> None:
    assert {t.value for t in Webhook.Topic} == {
        "LABEL_CREATED",
        "LABEL_UPDATED",
        "LABEL_DELETED",
        "REVIEW_CREATED",
        "REVIEW_UPDATED",
        "REVIEW_DELETED",
    }
    assert {s.value for s in Webhook.Status} == {"ACTIVE", "INACTIVE", "REVOKED"}
    assert {s.value for s in BulkImportRequestState} >= {"RUNNING", "FAILED", "FINISHED"}


def test_uploaded_input_file_is_downloadable(
    mal_project: Project, data_rows: list[DataRow]
) -> None:
    sent = annotations(mal_project, data_rows[0])[:1]
    request = mal_project.upload_annotations("download", sent)
    assert [json.loads(line) for line in download(request.input_file_url).splitlines()] == sent
