"""Organization isolation: org B can neither see nor change org A's objects."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import Api
from .test_special import append_rows, setup_project


@pytest.fixture
def world(api: Api) -> dict[str, Any]:
    """Org A's objects of every entity type."""
    p, ds, rows = setup_project(api)
    label = api.label(p, rows[0])
    review = api(
        "mutation($l:ID!){createReview(data:{score:1 label:{connect:{id:$l}}}){id}}", {"l": label}
    )["createReview"]["id"]
    bench = api("mutation($l:ID!){createBenchmark(data:{labelId:$l}){id}}", {"l": label})[
        "createBenchmark"
    ]["id"]
    att = api(
        'mutation($d:ID!){createDataRowAttachment(data:{type:TEXT value:"v" dataRowId:$d}){id}}',
        {"d": rows[0]},
    )["createDataRowAttachment"]["id"]
    api(
        "mutation($p:ID!,$d:ID!){project(where:{id:$p}){setLabelingParameterOverrides(data:"
        "[{dataRow:{id:$d} priority:1 numLabels:1}]){success}}}",
        {"p": p, "d": rows[0]},
    )
    model = api('mutation{createPredictionModel(data:{name:"m" version:1}){id}}')[
        "createPredictionModel"
    ]["id"]
    pred = api(
        'mutation($m:ID!,$p:ID!,$d:ID!){createPrediction(data:{label:"{}" predictionModelId:$m '
        "projectId:$p dataRowId:$d}){id}}",
        {"m": model, "p": p, "d": rows[0]},
    )["createPrediction"]["id"]
    hook = api(
        "mutation($p:ID!){createWebhook(data:{project:{id:$p} topics:{set:[LABEL_CREATED]} "
        'url:"http://127.0.0.1:9/x" secret:"s"}){id}}',
        {"p": p},
    )["createWebhook"]["id"]
    task = append_rows(api, ds, [{"data": "https://x/z"}])
    ndjson = api.upload(b'{"uuid":"u","dataRow":{"id":"x"}}\n', "a.ndjson")
    bir = api(
        'mutation($p:ID!,$u:String!){createBulkImportRequest(data:{projectId:$p name:"n" '
        "fileUrl:$u}){id}}",
        {"p": p, "u": ndjson},
    )["createBulkImportRequest"]["id"]
    got = api(
        "query($p:ID!){project(where:{id:$p}){ontology{id} labelingFrontendOptions{id}}}", {"p": p}
    )["project"]
    user = api("{user{id organization{id}}}")["user"]
    return {
        "Project": p,
        "Dataset": ds,
        "DataRow": rows[0],
        "Label": label,
        "Review": review,
        "Benchmark": bench,
        "AssetAttachment": att,
        "PredictionModel": model,
        "Prediction": pred,
        "Webhook": hook,
        "Task": task,
        "BulkImportRequest": bir,
        "Ontology": got["ontology"]["id"],
        "LabelingFrontendOptions": got["labelingFrontendOptions"][0]["id"],
        "User": user["id"],
        "Organization": user["organization"]["id"],
    }


SINGLE = {  # root single lookups
    "project": "Project",
    "dataset": "Dataset",
    "dataRow": "DataRow",
    "label": "Label",
    "review": "Review",
    "ontology": "Ontology",
    "webhook": "Webhook",
    "bulkImportRequest": "BulkImportRequest",
    "user": "User",
    "organization": "Organization",
}
LISTS = {
    "projects": "Project",
    "datasets": "Dataset",
    "dataRows": "DataRow",
    "labels": "Label",
    "bulkImportRequests": "BulkImportRequest",
}


def test_other_org_cannot_read(world: dict[str, Any], api: Api, other: Api) -> None:
    for field, type_name in SINGLE.items():
        q = f"query($i:ID!){{{field}(where:{{id:$i}}){{id}}}}"
        assert api(q, {"i": world[type_name]})[field] == {"id": world[type_name]}, field
        assert other(q, {"i": world[type_name]})[field] is None, field
    for field, type_name in LISTS.items():
        assert world[type_name] in {x["id"] for x in api(f"{{{field}{{id}}}}")[field]}
        assert other(f"{{{field}{{id}}}}")[field] == [], field
        q = f"query($i:ID!){{{field}(where:{{id:$i}}){{id}}}}"
        assert other(q, {"i": world[type_name]})[field] == []
    via = other(
        "{user{createdTasks{id} projects{id}} organization{projects{id} webhooks{id} users{email}}}"
    )
    assert via["user"]["createdTasks"] == [] and via["user"]["projects"] == []
    assert via["organization"]["projects"] == [] and via["organization"]["webhooks"] == []
    assert via["organization"]["users"] == [{"email": "admin1@example.com"}]
    frontends = other("{labelingFrontends{name projects{id}}}")["labelingFrontends"]
    assert [f["name"] for f in frontends] == ["Editor", "Legacy Editor"]
    assert all(f["projects"] == [] for f in frontends)
    # nested relation filters cannot reach into org A either
    q = "query($d:[ID!]){dataRows(where:{dataset:{id_in:$d}}){id}}"
    assert other(q, {"d": [world["Dataset"]]})["dataRows"] == []


UPDATES = {
    "updateProject": ("Project", '{name:"x"}'),
    "updateDataset": ("Dataset", '{name:"x"}'),
    "updateDataRow": ("DataRow", '{externalId:"x"}'),
    "updateLabel": ("Label", '{label:"x"}'),
    "updateReview": ("Review", "{score:2}"),
    "updateLabelingFrontendOptions": ("LabelingFrontendOptions", '{customizationOptions:"{}"}'),
    "updatePredictionModel": ("PredictionModel", '{name:"x"}'),
    "updateWebhook": ("Webhook", '{url:"http://x"}'),
}


def _code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


def test_other_org_cannot_change(world: dict[str, Any], api: Api, other: Api) -> None:
    for mutation, (type_name, data) in UPDATES.items():
        q = f"mutation($i:ID!){{{mutation}(where:{{id:$i}} data:{data}){{id}}}}"
        assert _code(other.body(q, {"i": world[type_name]})) == "RESOURCE_NOT_FOUND", mutation
        delete = q.replace(data, "{deleted:true}")
        if "deleted" in str(api.emu.state.model.schema.type_map[f"{type_name}UpdateInput"].fields):  # type: ignore[attr-defined]
            assert _code(other.body(delete, {"i": world[type_name]})) == "RESOURCE_NOT_FOUND"
    p, ds, row, label = world["Project"], world["Dataset"], world["DataRow"], world["Label"]
    own_p = other.project("mine")
    attempts = [
        ("mutation($i:[ID!]!){deleteDataRows(where:{dataRowIds:$i}){id}}", {"i": [row]}),
        ("mutation($i:[ID!]!){deleteLabels(labelIds:$i){id}}", {"i": [label]}),
        ("mutation($i:ID!){createBenchmark(data:{labelId:$i}){id}}", {"i": label}),
        ("mutation($i:ID!){deleteBenchmark(where:{labelId:$i}){id}}", {"i": label}),
        (
            "mutation($i:ID!){project(where:{id:$i}){showPredictionsToLabelers(show:true){id}}}",
            {"i": p},
        ),
        ("mutation($i:ID!){exportLabels(data:{projectId:$i}){shouldPoll}}", {"i": p}),
        ("mutation($i:ID!){exportQueuedDataRows(data:{projectId:$i}){status}}", {"i": p}),
        (
            'mutation($i:ID!){createDataRowAttachment(data:{type:TEXT value:"v" dataRowId:$i}){id}}',
            {"i": row},
        ),
        (
            'mutation($i:ID!){appendRowsToDataset(data:{datasetId:$i jsonFileUrl:"http://x"}){taskId}}',
            {"i": ds},
        ),
        (
            'mutation($i:ID!){createBulkImportRequest(data:{projectId:$i name:"n" fileUrl:"http://x"}){id}}',
            {"i": p},
        ),
        (
            "mutation($i:ID!){upsertReviewQueue(where:{project:{id:$i}} data:{quotaFactor:0.1}){id}}",
            {"i": p},
        ),
        ("mutation($i:ID!){extendReservations(projectId:$i queueType:LabelingQueue)}", {"i": p}),
        (
            'mutation($i:ID!){createDataRow(data:{rowData:"x" dataset:{connect:{id:$i}}}){id}}',
            {"i": ds},
        ),
        (
            'mutation($i:ID!,$p:ID!){createLabel(data:{label:"x" project:{connect:{id:$p}} '
            "dataRow:{connect:{id:$i}}}){id}}",
            {"i": row, "p": own_p},
        ),
        (
            "mutation($i:ID!){createReview(data:{score:1 label:{connect:{id:$i}}}){id}}",
            {"i": label},
        ),
        (
            "mutation($i:ID!,$p:ID!){updateProject(where:{id:$p} data:{datasets:{connect:{id:$i}}}){id}}",
            {"i": ds, "p": own_p},
        ),
        (
            "mutation($i:ID!){createWebhook(data:{project:{id:$i} topics:{set:[LABEL_CREATED]} "
            'url:"http://x" secret:"s"}){id}}',
            {"i": p},
        ),
        (
            'mutation($m:ID!,$p:ID!,$d:ID!){createPrediction(data:{label:"{}" predictionModelId:$m '
            "projectId:$p dataRowId:$d}){id}}",
            {"m": world["PredictionModel"], "p": own_p, "d": row},
        ),
    ]
    for query, variables in attempts:
        assert _code(other.body(query, variables)) == "RESOURCE_NOT_FOUND", query
    # nothing changed for org A
    got = api(
        "query($p:ID!,$d:ID!,$l:ID!){project(where:{id:$p}){name showingPredictionsToLabelers} "
        "dataRow(where:{id:$d}){externalId attachments{id}} label(where:{id:$l}){label "
        "isBenchmarkReference reviews{score}}}",
        {"p": p, "d": row, "l": label},
    )
    assert got["project"] == {"name": "proj", "showingPredictionsToLabelers": False}
    assert got["dataRow"]["externalId"] == "e0" and len(got["dataRow"]["attachments"]) == 1
    assert got["label"]["isBenchmarkReference"] is True and got["label"]["reviews"] == [
        {"score": 1}
    ]
    assert json.dumps(got)
