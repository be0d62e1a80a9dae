"""Dataset: a collection of DataRows, and the bulk creation of data rows."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from labelbox._generated.entities import DatasetBase
from labelbox.exceptions import (
    InvalidAttributeError,
    InvalidQueryError,
    ResourceNotFoundError,
    WriteOutcomeUnknownError,
)

if TYPE_CHECKING:
    from labelbox._generated.entities import DataRowCreateParams
    from labelbox.orm.model import Field
    from labelbox.schema.annotation_types import DataRowItem, TiledImageryItem
    from labelbox.schema.data_row import DataRow
    from labelbox.schema.task import Task

logger: logging.Logger = logging.getLogger("labelbox")


class Dataset(DatasetBase):
    """A Dataset is a collection of DataRow.

    Example:
        >>> dataset = client.create_dataset(name="street scenes")
        >>> task = dataset.create_data_rows([{"row_data": "https://example.com/1.jpg",
        ...                                   "external_id": "1.jpg"}])
        >>> task.wait_till_done()
    """

    def create_data_row(self, **kwargs: Unpack[DataRowCreateParams]) -> DataRow:
        """Creates a single DataRow belonging to this dataset.

        A ``row_data`` that is a path to a local file is uploaded first.

        Args:
            **kwargs: Key-value arguments containing new DataRow data, typed by
                :class:`labelbox.params.DataRowCreateParams` (the
                ``TypedDict`` listing every accepted keyword). At a minimum, must
                contain ``row_data``.

        Returns:
            The new DataRow.

        Raises:
            InvalidQueryError: If ``row_data`` is not provided in kwargs.
            InvalidAttributeError: If DataRow has no field of a name in kwargs.
            TypeError: If a value has the wrong type (nothing is sent).

        Example:
            >>> dataset.create_data_row(row_data="http://my_site.com/photos/img_01.jpg")
        """
        from labelbox.schema.data_row import DataRow

        if "row_data" not in kwargs:
            raise InvalidQueryError("DataRow.row_data missing when creating DataRow.")
        values: dict[str, Any] = dict(kwargs)
        row_data = values["row_data"]
        if isinstance(row_data, Path) or (isinstance(row_data, str) and os.path.isfile(row_data)):
            values["row_data"] = self.client.upload_file(row_data)
        values["dataset"] = self
        return DataRow._create_object(self.client, values)

    def create_data_rows(
        self,
        items: Iterable[
            str | Path | DataRowItem | TiledImageryItem | Mapping[Field[DataRow, Any], Any]
        ],
        show_progress: bool = False,
    ) -> Task:
        """Creates multiple DataRow objects based on the given ``items``.

        Each item is either a local file path (uploaded, then referenced) or a dict
        mapping DataRow fields (or their names) to values; a dict must contain
        ``row_data``. A dict with ``tileLayerUrl`` (tiled imagery) is sent as is. Local
        files are uploaded concurrently by a bounded pool.

        Args:
            items: Iterable of local file paths (str or Path) and dicts of DataRow
                values: keyed by name (typed: ``labelbox.schema.annotation_types.
                DataRowItem``, so a misspelt key is a type error) or by Field
                (``DataRow.row_data``); or ``TiledImageryItem`` dicts.
            show_progress: Show a tqdm progress bar of the local file uploads.

        Returns:
            Task representing the data import on the server side. The Task can be used
            for inspecting task progress and waiting until it's done.

        Raises:
            InvalidQueryError: If an item does not conform or the server did not accept
                the request.
            InvalidAttributeError: If an item has fields not valid for a DataRow.
            ResourceNotFoundError: If unable to retrieve the Task for the import.
            TypeError: If ``items`` is a single path or not an iterable, or a value has
                the wrong type.

        Example:
            >>> task = dataset.create_data_rows([
            ...     {DataRow.row_data: "http://my_site.com/photos/img_01.jpg"},
            ...     "path/to/file2.jpg",
            ... ])
            >>> task.wait_till_done()
        """
        from labelbox._progress import progress_bar
        from labelbox.schema.data_row import DataRow

        if isinstance(items, (str, bytes, Path)) or not isinstance(items, Iterable):
            raise TypeError(
                f"items must be an iterable of file paths or dicts, got {type(items).__name__}"
            )
        rows: list[dict[str, Any]] = []
        paths: list[tuple[int, Path]] = []
        for item in items:
            if isinstance(item, (str, Path)):
                paths.append((len(rows), Path(item)))
                rows.append({"externalId": str(item)})
            elif isinstance(item, Mapping):
                rows.append(_descriptor_row(DataRow, item))
            else:
                raise InvalidQueryError(
                    f"Data row items must be file paths or dicts, got {type(item).__name__}"
                )
        for _, path in paths:
            if not path.is_file():
                raise InvalidQueryError(f"Local file for a data row does not exist: {str(path)!r}")
        if paths:
            with progress_bar(show_progress, total=len(paths), desc="Uploading files") as bar:
                # Concurrently on the client's bounded pool (POOL_WORKERS threads).
                uploads = self.client._upload_files(p for _, p in paths)
                for index, url in zip((i for i, _ in paths), uploads, strict=True):
                    rows[index]["data"] = url
                    bar.update()
            logger.info("Uploaded %d local files for dataset %s", len(paths), self.uid)
        try:
            return self._append(rows)
        except WriteOutcomeUnknownError:
            # The append may or may not have been applied: find out, never duplicate.
            return self._append_missing(rows)

    def _append(self, rows: list[dict[str, Any]]) -> Task:
        """Uploads the descriptor of ``rows`` and starts their import; the Task."""
        from labelbox.schema.task import Task, _fetch_task

        descriptor_url = self.client.upload_data(
            json.dumps(rows), filename="descriptor.json", content_type="application/json"
        )
        result = self.client._gen.append_rows_to_dataset(
            dataset_id=self.uid, json_file_url=descriptor_url
        )
        if not result.accepted:
            raise InvalidQueryError("Server did not accept DataRow creation request")
        task_model = _fetch_task(self.client, result.task_id)
        logger.info(
            "Creating %d data rows in dataset %s (task %s)", len(rows), self.uid, result.task_id
        )
        return Task._wrap(self.client, task_model)

    def _append_missing(self, rows: list[dict[str, Any]]) -> Task:
        """After an append whose outcome is unknown: waits for the user's running tasks,
        then appends only the rows (by external id) the dataset does not have yet.

        Raises:
            WriteOutcomeUnknownError: again, if a row has no external id (it cannot be
                told apart from rows the dataset already had).
        """
        from collections import Counter

        from labelbox.schema.enums import TaskStatus
        from labelbox.schema.task import Task

        if any(not isinstance(row.get("externalId"), str) for row in rows):
            raise WriteOutcomeUnknownError(
                "AppendRowsToDataset",
                "the import may have been applied, and rows without an external_id cannot "
                f"be reconciled: check dataset {self.uid} before sending them again",
            )
        tasks = list(self.client.get_user().created_tasks(order_by=Task.created_at.desc))
        for task in tasks[:20]:
            if task.status == TaskStatus.IN_PROGRESS:
                task.wait_till_done()
        present = Counter(row.external_id for row in self.data_rows())
        missing = []
        for row in rows:
            if present[row["externalId"]] > 0:
                present[row["externalId"]] -= 1
            else:
                missing.append(row)
        logger.info(
            "Append to dataset %s had an unknown outcome: %d of %d rows missing",
            self.uid,
            len(missing),
            len(rows),
        )
        if missing:
            return self._append(missing)
        latest = self.client.get_user().created_tasks(order_by=Task.created_at.desc).get_one()
        if latest is None:
            raise ResourceNotFoundError(Task, {"dataset": self.uid})
        return latest

    def data_rows_for_external_id(self, external_id: str, limit: int = 10) -> list[DataRow]:
        """Convenience method for getting the DataRows of this Dataset that have the
        given ``external_id``.

        Args:
            external_id: External ID of the sought DataRows.
            limit: The maximum number of data rows to return for the given
                ``external_id``.

        Returns:
            Up to ``limit`` DataRows with that external ID.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If there is none.
            TypeError: If ``external_id`` is not a str.

        Example:
            >>> rows = dataset.data_rows_for_external_id("img_01.jpg", limit=5)
        """
        from labelbox.schema.data_row import DataRow

        if not isinstance(external_id, str):
            raise TypeError(f"external_id must be a str, got {type(external_id).__name__}")
        where = DataRow.external_id == external_id
        found = list(islice(self.data_rows(where=where), limit))
        if not found:
            raise ResourceNotFoundError(DataRow, where)
        return found

    def data_row_for_external_id(self, external_id: str) -> DataRow:
        """Convenience method for getting a single DataRow belonging to this Dataset that
        has the given ``external_id``.

        Args:
            external_id: External ID of the sought DataRow.

        Returns:
            The DataRow with that external ID (the first one, with a warning, when
            several have it).

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If there is no DataRow in this
                Dataset with the given external ID.
            TypeError: If ``external_id`` is not a str.

        Example:
            >>> data_row = dataset.data_row_for_external_id("img_01.jpg")
        """
        found = self.data_rows_for_external_id(external_id, limit=2)
        if len(found) > 1:
            logger.warning(
                "More than one data_row has the external_id %r; "
                "use data_rows_for_external_id to fetch all",
                external_id,
            )
        return found[0]


def _descriptor_row(data_row_cls: Any, item: Mapping[Any, Any]) -> dict[str, Any]:
    """One row of the appendRowsToDataset JSON descriptor (``data`` holds row_data)."""
    if "tileLayerUrl" in item:
        return dict(item)
    from labelbox._generated.entities import DataRowCreateParams
    from labelbox.orm.db_object import check_values

    row: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for key, value in item.items():
        field = data_row_cls.field(key) if isinstance(key, str) else key
        # Identity, not ``in``: Field.__eq__ builds a (truthy) where-expression.
        owned = any(field is own for own in data_row_cls.fields().values())
        if not owned or field.name == "uid":
            raise InvalidAttributeError(data_row_cls, key)
        values[field.name] = value
        row["data" if field.name == "row_data" else field.graphql_name] = value
    if "data" not in row:
        raise InvalidQueryError("DataRow.row_data missing when creating DataRow.")
    # The types a single create_data_row takes (no None/number/NaN as row_data, ...),
    # checked before anything is uploaded.
    check_values(DataRowCreateParams, values, "DataRow values")
    return row
