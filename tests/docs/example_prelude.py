"""What the documentation's examples take as given, on an emulator of their own.

The examples of a page run in order in one module that starts with
``from example_prelude import *`` (see ``tests/docs/test_doc_examples.py``): a client of a
fresh emulator (also in ``LABELBOX_API_KEY``/``LABELBOX_ENDPOINT``, for ``Client()``), a
project with an ontology (a ``car`` box, a ``weather`` radio question) and model-assisted
labeling on, a dataset of three rows, a finished import ``task``, local image ``paths``,
data-row items ``rows``, predictions for the project and a few plain values. With
``EXAMPLE_PRELUDE=bare`` the project has no ontology (for pages that set one up).
"""

from __future__ import annotations

import atexit
import logging
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from labelbox import Client, Dataset, LabelingFrontend, OntologyBuilder, Project, Tool
from labelbox.schema.annotation_types import DataRowItem
from labelbox.schema.ontology import Classification, Ontology, Option
from labelbox.schema.task import Task
from labelbox_emulator import Emulator

__all__ = [
    "client",
    "cutoff",
    "dataset",
    "datetime",
    "log",
    "ontology",
    "paths",
    "predictions",
    "project",
    "project_id",
    "rows",
    "task",
]

_emulator = Emulator(transitions="immediate").start()
atexit.register(_emulator.stop)
os.environ["LABELBOX_API_KEY"] = _emulator.api_key
os.environ["LABELBOX_ENDPOINT"] = _emulator.endpoint

log: logging.Logger = logging.getLogger("docs-example")
cutoff: datetime = datetime(2021, 1, 1, tzinfo=timezone.utc)
client: Client = Client()
project: Project = client.create_project(name="cars", description="street scenes")
project_id: str = project.uid
dataset: Dataset = client.create_dataset(name="cars-2021", projects=project)

_images = Path("images")
_images.mkdir(exist_ok=True)
for _n in range(1, 5):
    (_images / f"{_n}.jpg").write_bytes(b"\xff\xd8\xff\xe0 an image")
paths: list[str | Path] = [str(_images / "1.jpg"), _images / "2.jpg"]
rows: list[DataRowItem] = [
    {"row_data": f"https://example.com/{n}.jpg", "external_id": f"{n}.jpg"} for n in (1, 2, 3)
]
task: Task = dataset.create_data_rows(rows)
task.wait_till_done()


def _ontology() -> Ontology | None:
    builder = OntologyBuilder(
        tools=[Tool(tool=Tool.Type.BBOX, name="car")],
        classifications=[
            Classification(
                class_type=Classification.Type.RADIO,
                instructions="weather",
                options=[Option("sunny"), Option("rainy")],
            )
        ],
    )
    editor = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor").get_one()
    assert editor is not None
    project.setup(editor, builder.asdict())
    project.enable_model_assisted_labeling()
    return project.ontology()


ontology: Ontology | None = None if os.environ.get("EXAMPLE_PRELUDE") == "bare" else _ontology()
predictions: list[dict[str, Any]] = []
if ontology is not None:
    _car = next(t for t in ontology.tools() if t.name == "car")
    predictions = [
        {
            "uuid": str(uuid.uuid4()),
            "dataRow": {"id": row.uid},
            "schemaId": _car.feature_schema_id,
            "bbox": {"top": 10, "left": 20, "height": 50, "width": 80},
        }
        for row in dataset.data_rows()
    ]
