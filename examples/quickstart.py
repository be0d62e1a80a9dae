"""Quickstart: project, dataset, data rows, ontology, labels, review, export.

Runs against the embedded emulator by default. With LABELBOX_API_KEY and
LABELBOX_ENDPOINT set, it runs against that server instead (it creates objects there
and deletes its project and dataset at the end).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx

from labelbox import (
    Client,
    DataRow,
    Dataset,
    LabelingFrontend,
    OntologyBuilder,
    Project,
    Review,
    Tool,
    Webhook,
)
from labelbox.schema.ontology import Classification, Option


def connect(stack: ExitStack) -> Client:
    """A client for the real server if configured, else for a fresh emulator."""
    if os.environ.get("LABELBOX_API_KEY") and os.environ.get("LABELBOX_ENDPOINT"):
        print(f"Using the server at {os.environ['LABELBOX_ENDPOINT']}")
        return stack.enter_context(Client())
    from labelbox_emulator import Emulator

    started = time.perf_counter()
    emulator = stack.enter_context(Emulator())
    print(f"Started the emulator at {emulator.endpoint} in {time.perf_counter() - started:.2f} s")
    return stack.enter_context(Client(api_key=emulator.api_key, endpoint=emulator.endpoint))


def main() -> int:
    with ExitStack() as stack:
        client = connect(stack)
        user = client.get_user()
        print(f"Signed in as {user.email} ({client.get_organization().name})")

        project = client.create_project(name="Quickstart project", description="demo")
        dataset = client.create_dataset(name="Quickstart dataset", projects=project)
        print(f"Created {project.name!r} and {dataset.name!r}")

        # Data rows: one by URL, several in bulk (URLs and a local file), as a Task.
        dataset.create_data_row(row_data="https://picsum.photos/id/1/200", external_id="one")
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        local = workdir / "note.txt"
        local.write_text("a local text asset")
        task = dataset.create_data_rows(
            [
                {DataRow.row_data: "https://picsum.photos/id/2/200", DataRow.external_id: "two"},
                {"row_data": "https://picsum.photos/id/3/200", "external_id": "three"},
                str(local),
            ]
        )
        task.wait_till_done()
        rows = list(dataset.data_rows(order_by=DataRow.external_id.asc))
        print(f"Task {task.status.value}: {len(rows)} data rows ({[r.external_id for r in rows]})")

        # Ontology built in code, then project setup with the default editor.
        builder = OntologyBuilder()
        builder.add_tool(Tool(tool=Tool.Type.BBOX, name="car"))
        builder.add_classification(
            Classification(
                class_type=Classification.Type.RADIO,
                instructions="weather",
                options=[Option("sunny"), Option("rainy")],
            )
        )
        editor = next(iter(client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")))
        project.setup(editor, builder.asdict())
        ontology = project.ontology()
        tools = ontology.tools() if ontology else []
        print(f"Set up with {editor.name!r}: tools {[t.name for t in tools]}")

        # A webhook, a label, a review and the review metrics.
        webhook = Webhook.create(
            client, [Webhook.LABEL_CREATED], "http://127.0.0.1:9/hook", "secret", project
        )
        row = dataset.data_row_for_external_id("two")
        label = project.create_label(data_row=row, label=json.dumps({"objects": []}))
        label.create_review(score=1.0)
        print(f"Positive reviews: {project.review_metrics(Review.NetScore.Positive)}")
        webhook.delete()

        # Queries with typed where-expressions.
        found = list(client.get_projects(where=(Project.name == "Quickstart project")))
        mine = list(client.get_datasets(where=Dataset.name != "nothing"))
        print(f"Found {len(found)} project(s) and {len(mine)} dataset(s) by where-expression")

        url = project.export_labels(timeout_seconds=30)
        if url:
            exported = httpx.get(url, timeout=30).json()
            print(f"Exported {len(exported)} label(s)")

        project.delete()
        dataset.delete()
        print("Done.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
