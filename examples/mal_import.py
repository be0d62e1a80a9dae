"""Model-assisted labeling (MAL): import a model's predictions as pre-labels.

    python examples/mal_import.py [--rows 5] [--keep] [--endpoint URL --api-key KEY]

1. A project and a dataset of ``--rows`` image rows.
2. An ontology built in code (a ``car`` bounding box with a ``damage`` checklist, a
   global ``weather`` radio), set up with the Editor; MAL switched on.
3. Predictions as NDJSON-shaped dicts, one box and one weather answer per row, refer to
   the ontology's feature schema ids (read back with ``OntologyBuilder.from_project``).
4. ``project.upload_annotations(name, predictions)`` checks every annotation against
   the ontology before anything is sent (a ``MALValidationError`` names the bad one),
   then streams them to the server; ``wait_until_done(show_progress=True)`` waits for
   the import, and its per-annotation statuses and errors are read back.

Runs against ``--endpoint``/``--api-key`` (or ``LABELBOX_ENDPOINT``/``LABELBOX_API_KEY``,
where the project and dataset are deleted at the end unless ``--keep``), else against
an embedded emulator (see ``_connect.py``).
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

from _connect import add_connection_arguments, connect

from labelbox import DataRow, LabelingFrontend, OntologyBuilder, Project
from labelbox.schema.ontology import Classification, Option, Tool


def ontology() -> OntologyBuilder:
    """What the model predicts: boxes of cars (with damage) and the weather."""
    car = Tool(tool=Tool.Type.BBOX, name="car")
    car.add_classification(
        Classification(
            class_type=Classification.Type.CHECKLIST,
            instructions="damage",
            options=[Option(value="dent"), Option(value="scratch")],
        )
    )
    weather = Classification(
        class_type=Classification.Type.RADIO,
        instructions="weather",
        options=[Option(value="sunny"), Option(value="rainy")],
    )
    return OntologyBuilder(tools=[car], classifications=[weather])


def predictions(project: Project, rows: list[DataRow], seed: int = 7) -> Iterator[dict[str, Any]]:
    """A stand-in model: one car box and one weather answer per row (a generator, so
    any number of predictions streams through in bounded memory)."""
    built = OntologyBuilder.from_project(project)
    car = next(tool for tool in built.tools if tool.name == "car")
    damage = car.classifications[0]
    weather = next(c for c in built.classifications if c.instructions == "weather")
    rng = random.Random(seed)
    for row in rows:
        dents = [o for o in damage.options if rng.random() < 0.5] or damage.options[:1]
        yield {
            "uuid": str(uuid.uuid4()),
            "schemaId": car.feature_schema_id,
            "dataRow": {"id": row.uid},
            "bbox": {
                "top": rng.randint(0, 100),
                "left": rng.randint(0, 100),
                "height": 50,
                "width": 80,
            },
            "classifications": [
                {
                    "schemaId": damage.feature_schema_id,
                    "answers": [{"schemaId": o.feature_schema_id} for o in dents],
                }
            ],
        }
        yield {
            "uuid": str(uuid.uuid4()),
            "schemaId": weather.feature_schema_id,
            "dataRow": {"id": row.uid},
            "answer": {"schemaId": rng.choice(weather.options).feature_schema_id},
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5, help="data rows to pre-label (5)")
    parser.add_argument("--keep", action="store_true", help="keep the project on a real server")
    add_connection_arguments(parser)
    args = parser.parse_args(argv)

    with ExitStack() as stack:
        client, embedded = connect(args, stack)
        project = client.create_project(name="MAL example")
        dataset = client.create_dataset(name="MAL example rows", projects=project)
        if not (embedded or args.keep):
            stack.callback(dataset.delete)
            stack.callback(project.delete)
        task = dataset.create_data_rows(
            [{"row_data": f"https://picsum.photos/id/{i}/400"} for i in range(args.rows)]
        )
        task.wait_till_done(timeout_seconds=300)
        rows = list(dataset.data_rows())
        print(f"Project {project.name!r} with {len(rows)} data rows")

        editor = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor").get_one()
        if editor is None:
            raise SystemExit("The server has no 'Editor' labeling frontend")
        project.setup(editor, ontology().asdict())
        project.enable_model_assisted_labeling()
        print("Ontology set up: tool 'car' (damage checklist), classification 'weather'")

        request = project.upload_annotations("model v1 predictions", predictions(project, rows))
        print(f"Import {request.name!r} started ({request.state})")
        request.wait_until_done(sleep_time_seconds=0.5, show_progress=True)
        statuses = Counter(status["status"] for status in request.statuses)
        errors = request.errors
        print(f"Import {request.state}: {dict(statuses)}; {len(errors)} error(s)")
        for error in errors[:5]:
            print(f"  {error}")
        return 0 if request.state == "FINISHED" and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
