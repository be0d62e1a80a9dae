"""Record the GraphQL documents that the official ``labelbox==2.6.0`` SDK sends.

Run with the *classic* virtualenv (labelbox 2.6.0 + graphql-core installed),
never with the project's own venv::

    /work/venvs/classic/bin/python tests/fidelity/record_classic.py

The unmodified classic package is imported as-is.  Only its transport and
clocks are replaced at runtime:

* ``requests.post`` -> a recording fake.  JSON requests (``Client.execute``)
  and multipart uploads (``Client.upload_data`` and the bulk-import file
  upload) are both recorded.  For multipart requests the ``operations`` JSON
  (query + variables with the file set to null) and the ``map`` are stored.
* ``requests.get`` -> serves NDJSON for annotation / bulk-import file URLs.
* ``time.sleep`` inside the polling modules -> no-op, and ``datetime.now()``
  inside ``labelbox.schema.project`` -> a fixed instant, so that the output
  is byte-for-byte reproducible.

Responses are synthesised by walking each document's selection set with
graphql-core and filling leaves by name heuristics (ids, ``*At``/``*Time``
datetimes, counts, ...).  A field carrying a ``first:`` argument is a list.

Output: ``tests/fidelity/recorded_documents.json`` (a list of
``{method, operation_name, query, variables, multipart, map}`` objects in call
order) plus a coverage summary on stdout.
"""

import argparse
import json
import logging
import os
import sys
import tempfile
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from graphql import parse, print_ast

import labelbox
from labelbox import (
    BulkImportRequest,
    Client,
    DataRow,
    Dataset,
    Label,
    LabelingFrontend,
    Project,
    Review,
    Webhook,
)
from labelbox.schema.ontology import Classification, OntologyBuilder, Option, Tool

assert labelbox.__version__ == "2.6.0", labelbox.__version__

# The fake transport, next to this script (its directory is on sys.path when it runs).
from record_classic_fake import (  # noqa: E402
    ANNOTATIONS,
    ANNOTATIONS_URL,
    SERVER,
    STORAGE,
    call,
    install_fakes,
    ndjson_text,
)

ENDPOINT = "https://api.labelbox.com/graphql"
OUTPUT = Path(__file__).resolve().parent / "recorded_documents.json"


def drive(client, workdir):
    """Exercise every documented method of the reference."""
    (workdir / "sample.jpg").write_bytes(b"\xff\xd8\xff\xe0fake-jpeg-bytes")
    (workdir / "instructions.pdf").write_bytes(b"%PDF-1.4 fake instructions")
    (workdir / "annotations.ndjson").write_text(ndjson_text(ANNOTATIONS))
    user, org, project, dataset, frontend = _drive_client(client)
    data_row, data_row_2, task = _drive_dataset(dataset)
    _drive_task(task)
    _drive_project(project, dataset, frontend, data_row, data_row_2)
    label, model, prediction = _drive_project_writes(project, dataset, frontend, data_row)
    _drive_data_row(data_row, data_row_2)
    _drive_label_review_benchmark(project, label)
    _drive_user_organization(user, org)
    _drive_webhook(client, project)
    _drive_frontend_options_overrides(project, frontend)
    _drive_prediction(prediction, model)
    _drive_ontology(project)
    _drive_bulk_import(client, project)
    call("Dataset.delete", dataset.delete)
    call("Project.delete", project.delete)


def _drive_client(client):
    """Client: the user, organization, projects, datasets, frontends, uploads."""
    utc = timezone.utc

    user = call("Client.get_user", client.get_user)
    org = call("Client.get_organization", client.get_organization)
    project = call(
        "Client.create_project",
        client.create_project,
        name="Fidelity project",
        description="recorded",
    )
    project = call("Client.get_project", client.get_project, project.uid)
    SERVER.full_pages = True  # pagination: page 2 is requested with skip: 100
    call("Client.get_projects", client.get_projects)
    SERVER.full_pages = False
    for where in [
        (Project.name == "Fidelity project") & (Project.description == "recorded"),
        Project.name != "other",
        Project.created_at < datetime(2021, 1, 1, tzinfo=utc),
        Project.auto_audit_number_of_labels > 1,
        Project.updated_at <= datetime(2021, 2, 1, tzinfo=utc),
        Project.auto_audit_percentage >= 0.5,
    ]:
        call("Client.get_projects", client.get_projects, where=where)
    call("Client.get_datasets", client.get_datasets)
    call(
        "Client.get_datasets",
        client.get_datasets,
        where=(Dataset.name == "ds") & (Dataset.description == "d"),
    )
    dataset = call(
        "Client.create_dataset", client.create_dataset, name="Fidelity dataset", projects=project
    )
    call("Client.create_dataset", client.create_dataset, name="Plain", description="no relation")
    dataset = call("Client.get_dataset", client.get_dataset, dataset.uid)
    frontend = call(
        "Client.get_labeling_frontends",
        client.get_labeling_frontends,
        where=LabelingFrontend.name == "Editor",
    )[0]
    call("Client.get_labeling_frontends", client.get_labeling_frontends)
    call(
        "Client.execute",
        client.execute,
        "query FidelityExecute($projectId: ID!) {project(where: {id: $projectId}) {id name}}",
        {"projectId": project.uid},
    )
    call(
        "Client.upload_data",
        client.upload_data,
        b"hello world",
        filename="hello.txt",
        content_type="text/plain",
    )
    call("Client.upload_data", client.upload_data, b"signed", sign=True)
    call("Client.upload_file", client.upload_file, "sample.jpg")
    return user, org, project, dataset, frontend


def _drive_dataset(dataset):
    """Dataset: data rows (one by one, bulk, by external id) and relationships."""
    data_row = call(
        "Dataset.create_data_row",
        dataset.create_data_row,
        row_data=STORAGE + "/img_01.jpg",
        external_id="ext-1",
    )
    call("Dataset.create_data_row", dataset.create_data_row, row_data="sample.jpg")
    SERVER.task_statuses = ["IN_PROGRESS", "IN_PROGRESS"]
    task = call(
        "Dataset.create_data_rows",
        dataset.create_data_rows,
        [
            {DataRow.row_data: STORAGE + "/img_02.jpg", DataRow.external_id: "ext-2"},
            {"row_data": STORAGE + "/img_03.jpg"},
            "sample.jpg",
        ],
    )
    call("Dataset.data_row_for_external_id", dataset.data_row_for_external_id, "ext-1")
    call("Dataset.data_rows_for_external_id", dataset.data_rows_for_external_id, "ext-1", limit=5)
    data_row_2 = call("Dataset.data_rows", dataset.data_rows)[0]
    call(
        "Dataset.data_rows",
        dataset.data_rows,
        where=DataRow.external_id == "ext-1",
        order_by=DataRow.created_at.desc,
    )
    call("Dataset.projects", dataset.projects)
    call("Dataset.created_by", dataset.created_by)
    call("Dataset.organization", dataset.organization)
    call("Dataset.update", dataset.update, name="Renamed", description="d2")
    return data_row, data_row_2, task


def _drive_task(task):
    """Task: refresh, waiting, relationships."""
    call("Task.refresh", task.refresh)  # still IN_PROGRESS
    call("Task.wait_till_done", task.wait_till_done)  # refresh -> COMPLETE
    call("Task.created_by", task.created_by)
    call("Task.organization", task.organization)


def _drive_project(project, dataset, frontend, data_row, data_row_2):
    """Project: setup, relationships, labels, overrides, queues, metrics."""
    builder = OntologyBuilder()
    builder.add_tool(Tool(tool=Tool.Type.BBOX, name="box"))
    radio = Classification(class_type=Classification.Type.RADIO, instructions="is it?")
    radio.add_option(Option(value="yes"))
    builder.add_classification(radio)
    call("Project.setup", project.setup, frontend, builder.asdict())
    call("Project.datasets", project.datasets)
    call(
        "Project.datasets", project.datasets, where=Dataset.name == "ds", order_by=Dataset.name.asc
    )
    for rel in (
        "created_by",
        "organization",
        "reviews",
        "labeling_frontend",
        "labeling_frontend_options",
        "labeling_parameter_overrides",
        "webhooks",
        "benchmarks",
        "active_prediction_model",
        "predictions",
        "ontology",
    ):
        call("Project." + rel, getattr(project, rel))
    call("Project.labels", project.labels)
    call("Project.labels", project.labels, datasets=[dataset], order_by=Label.created_at.asc)
    call("Project.labels", project.labels, order_by=Label.updated_at.desc)
    call("Project.export_labels", project.export_labels)
    call(
        "Project.set_labeling_parameter_overrides",
        project.set_labeling_parameter_overrides,
        [(data_row, 2, 3), (data_row_2, 1, 1)],
    )
    call(
        "Project.unset_labeling_parameter_overrides",
        project.unset_labeling_parameter_overrides,
        [data_row, data_row_2],
    )
    call("Project.upsert_instructions", project.upsert_instructions, "instructions.pdf")
    call("Project.upsert_review_queue", project.upsert_review_queue, 0.5)
    for queue in ("LabelingQueue", "ReviewQueue"):
        call("Project.extend_reservations", project.extend_reservations, queue)
    call("Project.labeler_performance", project.labeler_performance)
    for net_score in (None, *tuple(Review.NetScore)):
        call("Project.review_metrics", project.review_metrics, net_score)


def _drive_project_writes(project, dataset, frontend, data_row):
    """Project: labels, predictions, MAL imports, connections, update."""
    label = call(
        "Project.create_label", project.create_label, data_row=data_row, label='{"objects": []}'
    )
    model = call("Project.create_prediction_model", project.create_prediction_model, "model", 1)
    call(
        "Project.create_prediction", project.create_prediction, "pred", data_row
    )  # resolves active_prediction_model first
    prediction = call(
        "Project.create_prediction",
        project.create_prediction,
        "pred",
        data_row,
        prediction_model=model,
    )
    for toggle in (True, False):
        call(
            "Project.enable_model_assisted_labeling", project.enable_model_assisted_labeling, toggle
        )
    call("Project.upload_annotations", project.upload_annotations, "from-url", ANNOTATIONS_URL)
    call(
        "Project.upload_annotations", project.upload_annotations, "from-file", "annotations.ndjson"
    )
    call("Project.upload_annotations", project.upload_annotations, "from-objects", ANNOTATIONS)
    call("Project.datasets.connect", project.datasets.connect, dataset)
    call("Project.datasets.disconnect", project.datasets.disconnect, dataset)
    call("Project.labeling_frontend.disconnect", project.labeling_frontend.disconnect, frontend)
    call("Project.update", project.update, name="Renamed", description="d2")
    return label, model, prediction


def _drive_data_row(data_row, data_row_2):
    """DataRow: metadata, relationships, update, deletions."""
    call("DataRow.create_metadata", data_row.create_metadata, "TEXT", "hi")
    for rel in ("labels", "metadata", "predictions", "dataset", "created_by", "organization"):
        call("DataRow." + rel, getattr(data_row, rel))
    call("DataRow.update", data_row.update, external_id="ext-1b")
    call("DataRow.bulk_delete", DataRow.bulk_delete, [data_row, data_row_2])
    call("DataRow.delete", data_row_2.delete)


def _drive_label_review_benchmark(project, label):
    """Label, Review, Benchmark."""
    review = call("Label.create_review", label.create_review, score=1.0)
    benchmark = call("Label.create_benchmark", label.create_benchmark)
    for rel in ("reviews", "project", "data_row", "created_by"):
        call("Label." + rel, getattr(label, rel))
    call("Label.update", label.update, label='{"objects": [1]}')
    call("Review.update", review.update, score=-1.0)
    for rel in ("created_by", "organization", "project", "label"):
        call("Review." + rel, getattr(review, rel))
    call("Review.delete", review.delete)
    call("Benchmark.reference_label", benchmark.reference_label)
    call("Benchmark.created_by", benchmark.created_by)
    call("Benchmark.delete", benchmark.delete)
    other_label = call("Project.labels", project.labels)[0]
    call("Label.bulk_delete", Label.bulk_delete, [label, other_label])
    call("Label.delete", label.delete)


def _drive_user_organization(user, org):
    """User and Organization relationships."""
    for rel in ("organization", "created_tasks", "projects"):
        call("User." + rel, getattr(user, rel))
    SERVER.full_pages = True
    call("Organization.users", org.users)
    SERVER.full_pages = False
    call("Organization.projects", org.projects)
    call("Organization.webhooks", org.webhooks)


def _drive_webhook(client, project):
    """Webhook: create (project and organization), update, delete."""
    topics = [Webhook.Topic.LABEL_CREATED.value, Webhook.Topic.REVIEW_CREATED.value]
    hook = call(
        "Webhook.create",
        Webhook.create,
        client,
        topics,
        "https://hooks.example.com/a",
        "s3cret",
        project,
    )
    call(
        "Webhook.create",
        Webhook.create,
        client,
        topics,
        "https://hooks.example.com/org",
        "s3cret",
        None,
    )
    call(
        "Webhook.update",
        hook.update,
        topics=[Webhook.Topic.LABEL_DELETED.value],
        url="https://hooks.example.com/b",
        status=Webhook.Status.ACTIVE.value,
    )
    call("Webhook.update", hook.update, url="https://hooks.example.com/c")
    call("Webhook.delete", hook.delete)


def _drive_frontend_options_overrides(project, frontend):
    """LabelingFrontend(Options) and LabelingParameterOverride relationships."""
    call("LabelingFrontend.projects", frontend.projects)
    options = call("Project.labeling_frontend_options", project.labeling_frontend_options)[0]
    for rel in ("project", "labeling_frontend", "organization"):
        call("LabelingFrontendOptions." + rel, getattr(options, rel))
    override = call("Project.labeling_parameter_overrides", project.labeling_parameter_overrides)[0]
    call("LabelingParameterOverride.data_row", override.data_row)  # cached


def _drive_prediction(prediction, model):
    """Prediction and PredictionModel relationships."""
    for rel in ("organization", "prediction_model", "data_row", "project"):
        call("Prediction." + rel, getattr(prediction, rel))
    call("PredictionModel.created_by", model.created_by)
    call("PredictionModel.organization", model.organization)


def _drive_ontology(project):
    """Ontology (tools/classifications are client-side)."""
    ontology = call("Project.ontology", project.ontology)
    call("Ontology.tools", ontology.tools)
    call("Ontology.classifications", ontology.classifications)
    call("Ontology.projects", ontology.projects)
    call("Ontology.created_by", ontology.created_by)


def _drive_bulk_import(client, project):
    """BulkImportRequest: from_name, polling, files, relationships."""
    SERVER.bir_states = ["RUNNING", "RUNNING"]
    bir = call(
        "BulkImportRequest.from_name",
        BulkImportRequest.from_name,
        client,
        project.uid,
        "from-objects",
    )
    call("BulkImportRequest.refresh", bir.refresh)  # still RUNNING
    call(
        "BulkImportRequest.wait_until_done", bir.wait_until_done, sleep_time_seconds=0
    )  # refresh -> FINISHED
    for prop in ("inputs", "errors", "statuses"):
        call("BulkImportRequest." + prop, getattr, bir, prop)
    call("BulkImportRequest.project", bir.project)
    call("BulkImportRequest.created_by", bir.created_by)


REFERENCE_CLASSES = [
    "Client",
    "AssetMetadata",
    "Benchmark",
    "BulkImportRequest",
    "DataRow",
    "Dataset",
    "Label",
    "LabelingFrontend",
    "LabelingFrontendOptions",
    "LabelingParameterOverride",
    "Ontology",
    "Organization",
    "Prediction",
    "PredictionModel",
    "Project",
    "Review",
    "Task",
    "User",
    "Webhook",
    "LabelerPerformance",
]


def normalize(query):
    return print_ast(parse(query))


def summarize(records):
    distinct = {}
    for r in records:
        distinct.setdefault(normalize(r["query"]), r)
    multipart = sum(r["multipart"] for r in records)
    print(f"requests recorded: {len(records)} (multipart: {multipart})")
    print(f"distinct documents (print_ast-normalised): {len(distinct)}")

    sending = defaultdict(set)  # class -> documented methods that sent
    docs = defaultdict(set)  # class -> distinct documents
    for r in records:
        cls = r["method"].split(".")[0]
        sending[cls].add(r["method"])
        docs[cls].add(normalize(r["query"]))
    returned = defaultdict(set)  # class -> calls whose result was that class
    for label, classes in SERVER.results.items():
        for cls in classes:
            returned[cls].add(label)
    print("\ncoverage per reference class:")
    for cls in REFERENCE_CLASSES:
        print(
            f"  {cls:<26} {len(sending[cls]):2d} methods sent {len(docs[cls]):2d} distinct docs;"
            f" instances returned by {len(returned[cls]):2d} calls"
        )
        if not sending[cls] and not returned[cls]:
            print("    !! NOT COVERED")
    sent = {r["method"] for r in records}
    silent = sorted(set(SERVER.called) - sent)
    print("\ncalled but sent no GraphQL request: {}".format(", ".join(silent)))
    print("plain HTTP GETs (not GraphQL, not recorded in the JSON):")
    for label, url in sorted(set(SERVER.http_gets)):
        print(f"  {label} -> {url}")
    names = defaultdict(int)
    for r in distinct.values():
        names[r["operation_name"]] += 1
    print(f"\ndistinct operation names ({len(names)}):")
    for name in sorted(names, key=str):
        variants = "" if names[name] == 1 else f"  ({names[name]} variants)"
        print(f"  {name}{variants}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    install_fakes()
    client = Client(api_key="fake-api-key", endpoint=ENDPOINT)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # relative file names keep temp paths out of payloads
        try:
            drive(client, Path(tmp))
        finally:
            os.chdir(cwd)
    stray = [r for r in SERVER.records if r["method"] == "<unattributed>"]
    assert not stray, stray
    args.output.write_text(json.dumps(SERVER.records, indent=1, sort_keys=True) + "\n")
    summarize(SERVER.records)
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
