"""Export a project's labels to a local JSON file, with progress.

    python examples/export_labels.py [--project-id ID | --project NAME] [-o labels.json]
                                     [--timeout 600] [--endpoint URL --api-key KEY]

``Project.export_labels(download=PATH, show_progress=True)`` waits for the server to
prepare the export (a bar while it does), then streams the payload to PATH (a byte
bar); the file appears only once complete, so an interrupted run never leaves half a
file behind.

Runs against ``--endpoint``/``--api-key`` (or ``LABELBOX_ENDPOINT``/``LABELBOX_API_KEY``),
where ``--project-id`` or ``--project`` is required; else against an embedded emulator
(see ``_connect.py``), where a small demo project with labels is created first.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from contextlib import ExitStack
from pathlib import Path

from _connect import add_connection_arguments, connect

from labelbox import Client, Project


def demo_project(client: Client, labels: int = 3) -> Project:
    """A project with a dataset of ``labels`` rows, each labeled once."""
    project = client.create_project(name="Export demo")
    dataset = client.create_dataset(name="Export demo rows", projects=project)
    # create_label is the classic (Legacy Editor) way; silence its deprecation warning.
    logging.getLogger("labelbox").setLevel(logging.ERROR)
    for i in range(labels):
        row = dataset.create_data_row(row_data=f"https://picsum.photos/id/{i}/200")
        project.create_label(data_row=row, label=json.dumps({"objects": [], "index": i}))
    logging.getLogger("labelbox").setLevel(logging.NOTSET)
    return project


def find_project(client: Client, args: argparse.Namespace) -> Project:
    """The project named by ``--project-id`` or ``--project``."""
    if args.project_id:
        return client.get_project(args.project_id)
    found = client.get_projects(where=Project.name == args.project).get_many(2)
    if len(found) != 1:
        raise SystemExit(
            f"{len(found) or 'No'} project(s) named {args.project!r}; use --project-id"
        )
    return found[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--project-id", help="id of the project to export")
    which.add_argument("--project", help="name of the project to export")
    parser.add_argument("-o", "--output", type=Path, default=Path("labels.json"))
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait (600)")
    add_connection_arguments(parser)
    args = parser.parse_args(argv)

    with ExitStack() as stack:
        client, embedded = connect(args, stack)
        if args.project_id or args.project:
            project = find_project(client, args)
        elif embedded:
            project = demo_project(client)
        else:
            parser.error("give --project-id or --project")
        url = project.export_labels(
            timeout_seconds=args.timeout, show_progress=True, download=args.output
        )
        if url is None:
            print(f"The export of {project.name!r} was not ready within {args.timeout:.0f} s")
            return 1
        labels = json.loads(args.output.read_text())
        size = args.output.stat().st_size
        print(f"Wrote {len(labels)} label(s) of {project.name!r} to {args.output} ({size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
