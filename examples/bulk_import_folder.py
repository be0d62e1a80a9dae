"""Bulk import: every file of a folder becomes a data row of a dataset, with progress.

    python examples/bulk_import_folder.py [FOLDER] [--dataset NAME] [--pattern "*.jpg"]
                                          [--recursive] [--endpoint URL --api-key KEY]

The files are uploaded concurrently (a bar counts them), one import task creates the
rows (a bar shows its completion), and the dataset's rows are then counted page by
page (``PaginatedCollection.with_progress``). Each row's external id is the file's
absolute path, so running the script again on the same folder and dataset only imports
the files that are new.

Without FOLDER a few sample files are written to a temporary folder. Runs against
``--endpoint``/``--api-key`` (or ``LABELBOX_ENDPOINT``/``LABELBOX_API_KEY``), else
against an embedded emulator (see ``_connect.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from _connect import add_connection_arguments, connect

from labelbox import Dataset


def sample_folder(stack: ExitStack, count: int = 5) -> Path:
    """A temporary folder of ``count`` small text files (removed at exit)."""
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lb-import-")))
    for i in range(count):
        (folder / f"note-{i}.txt").write_text(f"sample asset {i}\n")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="folder of files to import")
    parser.add_argument("--dataset", default="Folder import", help="dataset name (created if new)")
    parser.add_argument("--pattern", default="*", help='file name pattern (default: "*")')
    parser.add_argument("--recursive", action="store_true", help="include subfolders")
    add_connection_arguments(parser)
    args = parser.parse_args(argv)

    with ExitStack() as stack:
        folder = args.folder or sample_folder(stack)
        if not folder.is_dir():
            parser.error(f"{folder} is not a folder")
        found = folder.rglob(args.pattern) if args.recursive else folder.glob(args.pattern)
        files = sorted(path.resolve() for path in found if path.is_file())
        print(f"{len(files)} file(s) in {folder}")

        client, _ = connect(args, stack)
        dataset = client.get_datasets(where=Dataset.name == args.dataset).get_one()
        if dataset is None:
            dataset = client.create_dataset(name=args.dataset)
            print(f"Created dataset {dataset.name!r} ({dataset.uid})")
        existing = {
            row.external_id for row in dataset.data_rows().with_progress(desc="Existing rows")
        }
        todo = [path for path in files if str(path) not in existing]
        print(f"{len(files) - len(todo)} already imported, {len(todo)} to import")

        if todo:
            task = dataset.create_data_rows(todo, show_progress=True)
            task.wait_till_done(timeout_seconds=600, show_progress=True)
            if task.status != "COMPLETE":
                print(f"Import task {task.uid} ended {task.status}", file=sys.stderr)
                return 1
        total = sum(1 for _ in dataset.data_rows().with_progress(desc="Counting rows"))
        print(f"Imported {len(todo)} file(s); dataset {dataset.name!r} has {total} data row(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
