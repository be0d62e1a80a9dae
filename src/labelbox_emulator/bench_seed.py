"""Bench-only: many rows written straight into an emulator database, without the API.

Creating a million data rows through ``create_data_rows`` takes minutes of the
server's import job; the scale measurements (``bench/scale.py``) only need them to
exist. These helpers write rows of the same shape the import job and ``createLabel``
write, in batches of one transaction each, into the :class:`~labelbox_emulator.store.Store`
of a database file (``labelbox-emulator serve --db FILE`` may be running on it: SQLite
in WAL mode takes the writes of another process). Nothing else uses them; tests and
users create data through the API.

    >>> store = Store(default_model(), "emulator.sqlite3")
    >>> seed_data_rows(store, dataset_id, 1_000_000)
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .store import Row, Store, new_id, utc_now

#: Rows per transaction.
BATCH = 50_000


def _owner(store: Store, type_name: str, object_id: str) -> Row:
    row = store.get(type_name, object_id)
    if row is None:
        raise LookupError(f"no {type_name} with id {object_id!r} in {store.path}")
    return row


def seed_data_rows(store: Store, dataset_id: str, count: int, start: int = 0) -> int:
    """Adds ``count`` URL data rows (``https://example.com/<i>.jpg``, external id
    ``<i>`` from ``start``) to a dataset, created by the dataset's creator; returns
    how many were written."""
    dataset = _owner(store, "Dataset", dataset_id)
    now = utc_now()

    def rows(first: int, last: int) -> Iterator[Row]:
        for i in range(first, last):
            yield {
                "id": new_id(),
                "org_id": dataset["org_id"],
                "rowData": f"https://example.com/{i}.jpg",
                "externalId": str(i),
                "mediaAttributes": None,
                "dataset_id": dataset_id,
                "createdBy_id": dataset["createdBy_id"],
                "createdAt": now,
                "updatedAt": now,
            }

    written = 0
    for first in range(start, start + count, BATCH):
        written += store.insert_many("DataRow", rows(first, min(first + BATCH, start + count)))
    return written


def seed_labels(store: Store, project_id: str, dataset_id: str, count: int) -> int:
    """Adds a label (one bounding box, 30 seconds to label) on each of the first
    ``count`` live data rows of a dataset, in a project, created by the project's
    creator; returns how many were written."""
    project = _owner(store, "Project", project_id)
    now = utc_now()
    label = json.dumps({"objects": [{"title": "box", "bbox": [1, 2, 3, 4]}]})
    ids = [
        r[0]
        for r in store.execute(
            'SELECT id FROM "DataRow" WHERE dataset_id = ? AND deleted = 0 ORDER BY seq LIMIT ?',
            [dataset_id, count],
        )
    ]

    def rows(chunk: list[str]) -> Iterator[Row]:
        for row_id in chunk:
            yield {
                "id": new_id(),
                "org_id": project["org_id"],
                "label": label,
                "secondsToLabel": 30.0,
                "project_id": project_id,
                "dataRow_id": row_id,
                "createdBy_id": project["createdBy_id"],
                "createdAt": now,
                "updatedAt": now,
            }

    written = 0
    for first in range(0, len(ids), BATCH):
        written += store.insert_many("Label", rows(ids[first : first + BATCH]))
    return written
