"""Special mutations, computed fields, jobs in each transition mode, webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx
import pytest

from labelbox_emulator import Emulator

from .conftest import Api

ONTOLOGY = {
    "tools": [{"tool": "rectangle", "name": "box", "color": "#f00"}],
    "classifications": [
        {
            "type": "radio",
            "instructions": "q",
            "name": "q",
            "options": [
                {"value": "a", "label": "a"},
                {
                    "value": "b",
                    "label": "b",
                    "options": [{"type": "text", "instructions": "why", "name": "why"}],
                },
            ],
        }
    ],
}


def setup_project(api: Api) -> tuple[str, str, list[str]]:
    p = api.project()
    ds = api.dataset("ds", project=p)
    rows = [api.data_row(ds, f"https://x/{i}", f"e{i}") for i in range(3)]
    org = api("{organization{id}}")["organization"]["id"]
    fe = api('{labelingFrontends(where:{name:"Editor"}){id}}')["labelingFrontends"][0]["id"]
    api(
        "mutation($p:ID!,$f:ID!,$o:ID!,$c:String!){createLabelingFrontendOptions(data:{"
        "customizationOptions:$c project:{connect:{id:$p}} labelingFrontend:{connect:{id:$f}} "
        "organization:{connect:{id:$o}}}){id}}",
        {"p": p, "f": fe, "o": org, "c": json.dumps(ONTOLOGY)},
    )
    return p, ds, rows


def test_ontology_from_frontend_options(api: Api) -> None:
    p, _, _ = setup_project(api)
    ont = api(
        "query($p:ID!){project(where:{id:$p}){ontology{id normalized objectSchemaCount "
        "classificationSchemaCount projects{id}}}}",
        {"p": p},
    )["project"]["ontology"]
    assert ont["objectSchemaCount"] == 1 and ont["classificationSchemaCount"] == 1
    norm = ont["normalized"]
    nested = norm["classifications"][0]["options"][1]["options"][0]
    for node in (
        norm["tools"][0],
        norm["classifications"][0],
        norm["classifications"][0]["options"][0],
        nested,
    ):
        assert node["featureSchemaId"] and node["schemaNodeId"]
    assert ont["projects"] == [{"id": p}]
    lfo = api("query($p:ID!){project(where:{id:$p}){labelingFrontendOptions{id}}}", {"p": p})[
        "project"
    ]["labelingFrontendOptions"][0]["id"]
    changed = dict(ONTOLOGY, projectInstructions="https://x/i.pdf")
    api(
        "mutation($i:ID!,$c:String!){updateLabelingFrontendOptions(where:{id:$i} "
        "data:{customizationOptions:$c}){id}}",
        {"i": lfo, "c": json.dumps(changed)},
    )
    again = api("query($p:ID!){project(where:{id:$p}){ontology{normalized}}}", {"p": p})["project"][
        "ontology"
    ]["normalized"]
    assert again["tools"][0]["featureSchemaId"] == norm["tools"][0]["featureSchemaId"]


def test_labels_reviews_metrics_performance_benchmarks(api: Api) -> None:
    p, _, rows = setup_project(api)
    labels = [api.label(p, r, secs=float(i + 1)) for i, r in enumerate(rows)]

    def review(label: str, score: float) -> None:
        api(
            "mutation($l:ID!,$p:ID!,$s:Float!){createReview(data:{score:$s label:{connect:{id:$l}} "
            "project:{connect:{id:$p}}}){id}}",
            {"l": labels[0] if label == "0" else label, "p": p, "s": score},
        )

    review(labels[0], 1)
    review(labels[1], 1)
    review(labels[1], -1)
    q = "query($p:ID!){project(where:{id:$p}){reviewMetrics{labelAggregate(netScore:%s){count}}}}"
    counts = {
        s: api(q % s, {"p": p})["project"]["reviewMetrics"]["labelAggregate"]["count"]
        for s in ("None", "Negative", "Zero", "Positive")
    }
    assert counts == {"None": 1, "Negative": 0, "Zero": 1, "Positive": 1}
    perf = api(
        "query($p:ID!){project(where:{id:$p}){labelerPerformance{count user{email} "
        "secondsPerLabel totalTimeLabeling lastActivityTime}}}",
        {"p": p},
    )
    (row,) = perf["project"]["labelerPerformance"]
    assert row["count"] == 3 and row["secondsPerLabel"] == 2.0 and row["totalTimeLabeling"] == 6.0
    assert row["user"]["email"] == "admin@example.com" and row["lastActivityTime"].endswith("Z")
    members = api(
        "query($p:ID!){project(where:{id:$p}){members{user{email} role{name}}}}", {"p": p}
    )
    assert members["project"]["members"] == [
        {"user": {"email": "admin@example.com"}, "role": {"name": "ADMIN"}}
    ]
    b = api(
        "mutation($l:ID!){createBenchmark(data:{labelId:$l}){id referenceLabel{id "
        "isBenchmarkReference}}}",
        {"l": labels[2]},
    )["createBenchmark"]
    assert b["referenceLabel"] == {"id": labels[2], "isBenchmarkReference": True}
    assert api("query($p:ID!){project(where:{id:$p}){benchmarks{id}}}", {"p": p})["project"][
        "benchmarks"
    ] == [{"id": b["id"]}]
    api("mutation($l:ID!){deleteBenchmark(where:{labelId:$l}){id}}", {"l": labels[2]})
    assert (
        api("query($p:ID!){project(where:{id:$p}){benchmarks{id}}}", {"p": p})["project"][
            "benchmarks"
        ]
        == []
    )
    assert (
        api("query($l:ID!){label(where:{id:$l}){isBenchmarkReference}}", {"l": labels[2]})["label"][
            "isBenchmarkReference"
        ]
        is False
    )
    deleted = api("mutation($i:[ID!]!){deleteLabels(labelIds:$i){id deleted}}", {"i": labels[:1]})
    assert deleted["deleteLabels"] == [{"id": labels[0], "deleted": True}]
    assert api("query($l:ID!){label(where:{id:$l}){id}}", {"l": labels[0]})["label"] is None


def test_attachments_metadata_overrides_predictions_queue(api: Api) -> None:
    p, _, rows = setup_project(api)
    api(
        'mutation($d:ID!){createDataRowAttachment(data:{type:TEXT value:"t" dataRowId:$d}){id}}',
        {"d": rows[0]},
    )
    api(
        'mutation($d:ID!){createAssetMetadata(data:{metaType:IMAGE metaValue:"i" dataRowId:$d}){id}}',
        {"d": rows[0]},
    )
    got = api(
        "query($d:ID!){dataRow(where:{id:$d}){metadata{metaType metaValue} "
        "attachments{type value}}}",
        {"d": rows[0]},
    )["dataRow"]
    assert got["metadata"] == [
        {"metaType": "TEXT", "metaValue": "t"},
        {"metaType": "IMAGE", "metaValue": "i"},
    ]
    assert got["attachments"] == [{"type": "TEXT", "value": "t"}, {"type": "IMAGE", "value": "i"}]
    set_q = (
        "mutation($p:ID!){project(where:{id:$p}){setLabelingParameterOverrides(data:["
        '{dataRow:{id:"%s"} priority:2 numLabels:3}]){success}}}'
    )
    assert api(set_q % rows[1], {"p": p})["project"]["setLabelingParameterOverrides"]["success"]
    lpo = "query($p:ID!){project(where:{id:$p}){labelingParameterOverrides{priority numberOfLabels dataRow{id}}}}"
    assert api(lpo, {"p": p})["project"]["labelingParameterOverrides"] == [
        {"priority": 2, "numberOfLabels": 3, "dataRow": {"id": rows[1]}}
    ]
    bad = api.body(set_q % "cunknown", {"p": p})
    assert bad["errors"][0]["extensions"]["code"] == "RESOURCE_NOT_FOUND"
    unset = (
        "mutation($p:ID!){project(where:{id:$p}){unsetLabelingParameterOverrides("
        'data:[{dataRowId:"' + rows[1] + '"}]){success}}}'
    )
    api(unset, {"p": p})
    assert api(lpo, {"p": p})["project"]["labelingParameterOverrides"] == []
    shown = api(
        "mutation($p:ID!){project(where:{id:$p}){showPredictionsToLabelers(show:true)"
        "{id showingPredictionsToLabelers}}}",
        {"p": p},
    )
    assert shown["project"]["showPredictionsToLabelers"]["showingPredictionsToLabelers"] is True
    model = api('mutation{createPredictionModel(data:{name:"m" version:1}){id}}')[
        "createPredictionModel"
    ]["id"]
    pred = api(
        'mutation($m:ID!,$p:ID!,$d:ID!){createPrediction(data:{label:"{}" '
        "predictionModelId:$m projectId:$p dataRowId:$d}){id predictionModel{id} dataRow{id}}}",
        {"m": model, "p": p, "d": rows[0]},
    )["createPrediction"]
    assert pred["predictionModel"] == {"id": model} and pred["dataRow"] == {"id": rows[0]}
    rq = api(
        "mutation($p:ID!){upsertReviewQueue(where:{project:{id:$p}} data:{quotaFactor:0.3}){id quotaFactor}}",
        {"p": p},
    )
    assert rq["upsertReviewQueue"]["quotaFactor"] == 0.3
    assert api(
        "mutation($p:ID!){extendReservations(projectId:$p queueType:LabelingQueue)}", {"p": p}
    ) == {"extendReservations": 0}
    deleted = api(
        "mutation($d:[ID!]!){deleteDataRows(where:{dataRowIds:$d}){id deleted}}", {"d": rows[2:]}
    )
    assert deleted["deleteDataRows"] == [{"id": rows[2], "deleted": True}]
    assert api("query($d:ID!){dataRow(where:{id:$d}){id}}", {"d": rows[2]})["dataRow"] is None


# ------------------------------------------------------------------ jobs
def append_rows(api: Api, ds: str, items: Any) -> str:
    url = api.upload(json.dumps(items).encode())
    res = api(
        "mutation($d:ID!,$u:String!){appendRowsToDataset(data:{datasetId:$d jsonFileUrl:$u})"
        "{taskId accepted}}",
        {"d": ds, "u": url},
    )["appendRowsToDataset"]
    assert res["accepted"] is True
    return str(res["taskId"])


def task_status(api: Api, task: str) -> dict[str, Any]:
    got = api(
        "query($t:ID!){user{createdTasks(where:{id:$t}){id status errors completionPercentage}}}",
        {"t": task},
    )["user"]["createdTasks"]
    return got[0]  # type: ignore[no-any-return]


def run_jobs(api: Api, emu: Emulator, mode: str) -> None:
    p, ds, _ = setup_project(api)
    task = append_rows(
        api, ds, [{"data": "https://x/a", "externalId": "a"}, {"data": "https://x/b"}]
    )
    bad = append_rows(api, ds, [{"nope": 1}])
    exp = "mutation($p:ID!){exportLabels(data:{projectId:$p}){downloadUrl shouldPoll}}"
    first_export = api(exp, {"p": p})["exportLabels"]
    ndjson = b'{"uuid":"u1","schemaId":"x","dataRow":{"id":"cnope"}}\n'
    bir = api(
        'mutation($p:ID!,$u:String!){createBulkImportRequest(data:{projectId:$p name:"n" '
        "fileUrl:$u}){id state}}",
        {"p": p, "u": api.upload(ndjson, "a.ndjson")},
    )["createBulkImportRequest"]
    bir_q = "query($i:ID!){bulkImportRequest(where:{id:$i}){state statusFileUrl errorFileUrl}}"
    if mode == "immediate":
        assert first_export["shouldPoll"] is False
        assert task_status(api, task)["status"] == "COMPLETE"
        assert bir["state"] == "FINISHED"
    else:
        assert first_export["shouldPoll"] is True
        assert bir["state"] == "RUNNING"
        assert task_status(api, task)["status"] == "IN_PROGRESS"
        if mode == "polls:2":
            assert task_status(api, task)["status"] == "COMPLETE"
            assert task_status(api, bad)["status"] == "IN_PROGRESS"
            assert api(exp, {"p": p})["exportLabels"]["shouldPoll"] is True
            second = api(exp, {"p": p})["exportLabels"]
            assert second["shouldPoll"] is False and second["downloadUrl"]
            assert api(bir_q, {"i": bir["id"]})["bulkImportRequest"]["state"] == "RUNNING"
        else:
            advanced = httpx.post(emu.base_url + "/_emulator/advance", headers=emu.control_headers)
            assert advanced.json()["finished"] >= 3
            assert task_status(api, task)["status"] == "COMPLETE"
            assert api(exp, {"p": p})["exportLabels"]["shouldPoll"] is False
    status = task_status(api, task)
    assert status["status"] == "COMPLETE" and status["completionPercentage"] == 100
    failed = task_status(api, bad)
    assert failed["status"] == "FAILED" and "nope" in json.dumps(failed["errors"])
    rows = api(
        "query($d:ID!){dataset(where:{id:$d}){dataRows(where:{deleted:false}){externalId}}}",
        {"d": ds},
    )["dataset"]["dataRows"]
    assert [r["externalId"] for r in rows] == ["e0", "e1", "e2", "a", None]
    done = api(bir_q, {"i": bir["id"]})["bulkImportRequest"]
    assert done["state"] == "FINISHED"
    (status_line,) = [json.loads(x) for x in httpx.get(done["statusFileUrl"]).text.splitlines()]
    assert status_line["status"] == "FAILURE" and status_line["uuid"] == "u1"
    assert {e["name"] for e in status_line["errors"]} == {"DataRowNotFound", "InvalidSchemaId"}
    assert httpx.get(done["errorFileUrl"]).text.strip() == json.dumps(status_line)


@pytest.mark.parametrize("mode", ["immediate", "polls:2", "delay:30"])
def test_jobs_in_each_transition_mode(mode: str) -> None:
    with Emulator(transitions=mode) as emu:
        api = Api(emu, emu.api_key)
        run_jobs(api, emu, mode)


def test_export_labels_format_and_bulk_import_success(api: Api) -> None:
    p, _, rows = setup_project(api)
    label = api.label(p, rows[0], '{"objects":[{"title":"box"}]}', 4.5)
    api(
        "mutation($l:ID!,$p:ID!){createReview(data:{score:1 label:{connect:{id:$l}} "
        "project:{connect:{id:$p}}}){id}}",
        {"l": label, "p": p},
    )
    url = api("mutation($p:ID!){exportLabels(data:{projectId:$p}){downloadUrl}}", {"p": p})[
        "exportLabels"
    ]["downloadUrl"]
    (entry,) = httpx.get(url).json()
    assert entry["ID"] == label and entry["DataRow ID"] == rows[0]
    assert entry["Label"] == {"objects": [{"title": "box"}]}
    assert entry["Created By"] == "admin@example.com" and entry["Seconds to Label"] == 4.5
    assert entry["External ID"] == "e0" and entry["Dataset Name"] == "ds"
    assert entry["Reviews"][0]["score"] == 1
    for key in (
        "Project Name",
        "Created At",
        "Updated At",
        "Agreement",
        "Benchmark Agreement",
        "Benchmark ID",
        "View Label URL",
        "Has Open Issues",
        "Skipped",
    ):
        assert key in entry
    queued = api(
        "mutation($p:ID!){exportQueuedDataRows(data:{projectId:$p}){downloadUrl status}}", {"p": p}
    )["exportQueuedDataRows"]
    assert queued["status"] == "COMPLETE"
    ids = [json.loads(x)["id"] for x in httpx.get(queued["downloadUrl"]).text.splitlines()]
    assert ids == rows[1:]
    schema_id = api("query($p:ID!){project(where:{id:$p}){ontology{normalized}}}", {"p": p})[
        "project"
    ]["ontology"]["normalized"]["tools"][0]["featureSchemaId"]
    line = json.dumps({"uuid": "u", "schemaId": schema_id, "dataRow": {"id": rows[1]}})
    ops = {
        "query": "mutation($p:ID!,$n:String!,$f:Upload!,$c:Int!){createBulkImportRequest("
        "data:{projectId:$p name:$n filePayload:{file:$f contentLength:$c}}){id state "
        "statusFileUrl errorFileUrl inputFileUrl}}",
        "variables": {"p": p, "n": "x", "f": None, "c": len(line)},
    }
    r = api.http.post(
        api.emu.endpoint,
        data={"operations": json.dumps(ops), "map": json.dumps({"0": ["variables.f"]})},
        files={"0": ("a.ndjson", line.encode(), "application/x-ndjson")},
        headers={"Authorization": f"Bearer {api.key}"},
    )
    bir = r.json()["data"]["createBulkImportRequest"]
    assert bir["state"] == "FINISHED"
    assert httpx.get(bir["inputFileUrl"]).text == line
    assert json.loads(httpx.get(bir["statusFileUrl"]).text)["status"] == "SUCCESS"
    assert httpx.get(bir["errorFileUrl"]).text == ""
    by_name = api('query($p:ID!){bulkImportRequest(where:{projectId:$p name:"x"}){id}}', {"p": p})
    assert by_name["bulkImportRequest"]["id"] == bir["id"]


# -------------------------------------------------------------- webhooks
@pytest.fixture
def listener() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"body": body, "headers": dict(self.headers)})
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()


def test_webhooks_signed_delivery(
    api: Api, emu: Emulator, listener: tuple[str, list[dict[str, Any]]]
) -> None:
    url, received = listener
    p, _, rows = setup_project(api)
    other_p = api.project("other")
    api(
        "mutation($p:ID!,$u:String!){createWebhook(data:{project:{id:$p} topics:{set:[LABEL_CREATED "
        'REVIEW_CREATED]} url:$u secret:"s3cret"}){id status}}',
        {"p": p, "u": url},
    )
    org_hook = api(
        "mutation($u:String!){createWebhook(data:{topics:{set:[LABEL_DELETED]} url:$u "
        'secret:"org"}){id}}',
        {"u": url + "?org"},
    )["createWebhook"]["id"]
    label = api.label(p, rows[0])
    label2 = api.label(other_p, rows[1])  # project hook must not fire for another project
    api("mutation($i:[ID!]!){deleteLabels(labelIds:$i){id}}", {"i": [label]})
    api(
        "mutation($i:ID!){updateWebhook(where:{id:$i} data:{status:INACTIVE}){status}}",
        {"i": org_hook},
    )
    api("mutation($i:[ID!]!){deleteLabels(labelIds:$i){id}}", {"i": [label2]})
    deliveries = emu.webhook_deliveries()
    assert [d["topic"] for d in deliveries] == ["LABEL_CREATED", "LABEL_DELETED"]
    assert [r["headers"]["X-Labelbox-Event"] for r in received] == [
        "LABEL_CREATED",
        "LABEL_DELETED",
    ]
    first = received[0]
    expected = "sha1=" + hmac.new(b"s3cret", first["body"], hashlib.sha1).hexdigest()
    assert first["headers"]["X-Hub-Signature"] == expected
    assert json.loads(first["body"])["id"] == label
    assert deliveries[0]["status_code"] == 200 and deliveries[0]["signature"] == expected
    listed = httpx.get(
        emu.base_url + "/_emulator/webhook-deliveries", headers=emu.control_headers
    ).json()
    assert len(listed) == 2
    own = httpx.get(  # an organization's key lists its own deliveries only
        emu.base_url + "/_emulator/webhook-deliveries",
        headers={"Authorization": f"Bearer {api.key}"},
    ).json()
    assert own == listed
    theirs = emu.extra_organizations[0][1]
    assert (
        httpx.get(
            emu.base_url + "/_emulator/webhook-deliveries",
            headers={"Authorization": f"Bearer {theirs}"},
        ).json()
        == []
    )


def test_webhook_retries_recorded(api: Api, emu: Emulator) -> None:
    emu.state.webhooks.backoff = 0.01
    p, _, rows = setup_project(api)
    api(
        "mutation($p:ID!){createWebhook(data:{project:{id:$p} topics:{set:[LABEL_CREATED]} "
        'url:"http://127.0.0.1:9/none" secret:"s"}){id}}',
        {"p": p},
    )
    api.label(p, rows[0])
    deliveries = emu.webhook_deliveries()
    assert [d["attempt"] for d in deliveries] == [1, 2, 3]
    assert all(d["error"] and d["status_code"] is None for d in deliveries)
