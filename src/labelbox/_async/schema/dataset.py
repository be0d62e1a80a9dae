"""Dataset: a collection of DataRows, and the bulk creation of data rows."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from labelbox._async._concurrency import run_blocking
from labelbox._async._generated.entities import AsyncDatasetBase
from labelbox.exceptions import (
    InvalidAttributeError,
    InvalidQueryError,
    ResourceNotFoundError,
    WriteOutcomeUnknownError,
)

if TYPE_CHECKING:
    from labelbox._async._generated.entities import DataRowCreateParams
    from labelbox._async.schema.data_row import AsyncDataRow
    from labelbox._async.schema.task import AsyncTask
    from labelbox.orm.model import Field
    from labelbox.schema.annotation_types import DataRowItem, TiledImageryItem

logger: logging.Logger = logging.getLogger("labelbox")


class AsyncDataset(AsyncDatasetBase):
    """An AsyncDataset is a collection of AsyncDataRow.

    Example:
        >>> dataset = await client.create_dataset(name="street scenes")
        >>> task = await dataset.create_data_rows([{"row_data": "https://example.com/1.jpg",
        ...                                   "external_id": "1.jpg"}])
        >>> await task.wait_till_done()
    """

    async def create_data_row(self, **kwargs: Unpack[DataRowCreateParams]) -> AsyncDataRow:
        """Creates a single AsyncDataRow belonging to this dataset.

        A ``row_data`` that is a path to a local file is uploaded first.

        Args:
            **kwargs: Key-value arguments containing new AsyncDataRow data, typed by
                :class:`labelbox.params.DataRowCreateParams` (the
                ``TypedDict`` listing every accepted keyword). At a minimum, must
                contain ``row_data``.

        Returns:
            The new AsyncDataRow.

        Raises:
            InvalidQueryError: If ``row_data`` is not provided in kwargs.
            InvalidAttributeError: If AsyncDataRow has no field of a name in kwargs.
            TypeError: If a value has the wrong type (nothing is sent).

        Example:
            >>> await dataset.create_data_row(row_data="http://my_site.com/photos/img_01.jpg")
        """
        from labelbox._async.schema.data_row import AsyncDataRow

        if "row_data" not in kwargs:
            raise InvalidQueryError("DataRow.row_data missing when creating AsyncDataRow.")
        values: dict[str, Any] = dict(kwargs)
        row_data = values["row_data"]
        if isinstance(row_data, Path) or (isinstance(row_data, str) and os.path.isfile(row_data)):
            values["row_data"] = await self.client.upload_file(row_data)
        values["dataset"] = self
        return await AsyncDataRow._create_object(self.client, values)

    async def create_data_rows(
        self,
        items: Iterable[
            str | Path | DataRowItem | TiledImageryItem | Mapping[Field[AsyncDataRow, Any], Any]
        ],
        show_progress: bool = False,
    ) -> AsyncTask:
        """Creates multiple AsyncDataRow objects based on the given ``items``.

        Each item is either a local file path (uploaded, then referenced) or a dict
        mapping AsyncDataRow fields (or their names) to values; a dict must contain
        ``row_data``. A dict with ``tileLayerUrl`` (tiled imagery) is sent as is. Local
        files are uploaded concurrently by a bounded pool.

        Args:
            items: Iterable of local file paths (str or Path) and dicts of AsyncDataRow
                values: keyed by name (typed: ``labelbox.schema.annotation_types.
                DataRowItem``, so a misspelt key is a type error) or by Field
                (``AsyncDataRow.row_data``); or ``TiledImageryItem`` dicts.
            show_progress: Show a tqdm progress bar of the local file uploads.

        Returns:
            AsyncTask representing the data import on the server side. The AsyncTask can be used
            for inspecting task progress and waiting until it's done.

        Raises:
            InvalidQueryError: If an item does not conform or the server did not accept
                the request.
            InvalidAttributeError: If an item has fields not valid for an AsyncDataRow.
            ResourceNotFoundError: If unable to retrieve the AsyncTask for the import.
            TypeError: If ``items`` is a single path or not an iterable, or a value has
                the wrong type.

        Example:
            >>> task = await dataset.create_data_rows([
            ...     {AsyncDataRow.row_data: "http://my_site.com/photos/img_01.jpg"},
            ...     "path/to/file2.jpg",
            ... ])
            >>> await task.wait_till_done()
        """
        from labelbox._async.schema.data_row import AsyncDataRow
        from labelbox._progress import progress_bar

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
                rows.append(_descriptor_row(AsyncDataRow, item))
            else:
                raise InvalidQueryError(
                    f"Data row items must be file paths or dicts, got {type(item).__name__}"
                )
        if paths:  # every path checked before anything is sent (async: one worker-thread trip)
            missing = await run_blocking(
                lambda: next((p for _, p in paths if not p.is_file()), None)
            )
            if missing is not None:
                raise InvalidQueryError(
                    f"Local file for a data row does not exist: {str(missing)!r}"
                )
            with progress_bar(show_progress, total=len(paths), desc="Uploading files") as bar:
                # Concurrently, at most pool_workers at a time (ClientOptions).
                uploads = self.client._upload_files(p for _, p in paths)
                indexes = iter([i for i, _ in paths])
                async for url in uploads:
                    rows[next(indexes)]["data"] = url
                    bar.update()
            logger.info("Uploaded %d local files for dataset %s", len(paths), self.uid)
        try:
            return await self._append(rows)
        except WriteOutcomeUnknownError:
            # The append may or may not have been applied: find out, never duplicate.
            return await self._append_missing(rows)

    async def _append(self, rows: list[dict[str, Any]]) -> AsyncTask:
        """Uploads the descriptor of ``rows`` and starts their import; the AsyncTask."""
        from labelbox._async.schema.task import AsyncTask, _fetch_task

        descriptor_url = await self.client.upload_data(
            json.dumps(rows), filename="descriptor.json", content_type="application/json"
        )
        result = await self.client._gen.append_rows_to_dataset(
            dataset_id=self.uid, json_file_url=descriptor_url
        )
        if not result.accepted:
            raise InvalidQueryError("Server did not accept DataRow creation request")
        task_model = await _fetch_task(self.client, result.task_id)
        logger.info(
            "Creating %d data rows in dataset %s (task %s)", len(rows), self.uid, result.task_id
        )
        return AsyncTask._wrap(self.client, task_model)

    async def _append_missing(self, rows: list[dict[str, Any]]) -> AsyncTask:
        """After an append whose outcome is unknown: waits for the user's running tasks,
        then appends only the rows (by external id) the dataset does not have yet.

        Raises:
            WriteOutcomeUnknownError: again, if a row has no external id (it cannot be
                told apart from rows the dataset already had).
        """
        from collections import Counter

        from labelbox._async.schema.task import AsyncTask
        from labelbox.schema.enums import TaskStatus

        if any(not isinstance(row.get("externalId"), str) for row in rows):
            raise WriteOutcomeUnknownError(
                "AppendRowsToDataset",
                "the import may have been applied, and rows without an external_id cannot "
                f"be reconciled: check dataset {self.uid} before sending them again",
            )
        user = await self.client.get_user()
        tasks = await user.created_tasks(order_by=AsyncTask.created_at.desc).get_many(20)
        for task in tasks:
            if task.status == TaskStatus.IN_PROGRESS:
                await task.wait_till_done()
        present = Counter([row.external_id async for row in self.data_rows()])
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
            return await self._append(missing)
        latest = await user.created_tasks(order_by=AsyncTask.created_at.desc).get_one()
        if latest is None:
            raise ResourceNotFoundError(AsyncTask, {"dataset": self.uid})
        return latest

    async def data_rows_for_external_id(
        self, external_id: str, limit: int = 10
    ) -> list[AsyncDataRow]:
        """Convenience method for getting the DataRows of this AsyncDataset that have the
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
            >>> rows = await dataset.data_rows_for_external_id("img_01.jpg", limit=5)
        """
        from labelbox._async.schema.data_row import AsyncDataRow

        if not isinstance(external_id, str):
            raise TypeError(f"external_id must be a str, got {type(external_id).__name__}")
        where = AsyncDataRow.external_id == external_id
        found = await self.data_rows(where=where).get_many(limit)
        if not found:
            raise ResourceNotFoundError(AsyncDataRow, where)
        return found

    async def data_row_for_external_id(self, external_id: str) -> AsyncDataRow:
        """Convenience method for getting a single AsyncDataRow belonging to this AsyncDataset that
        has the given ``external_id``.

        Args:
            external_id: External ID of the sought AsyncDataRow.

        Returns:
            The AsyncDataRow with that external ID (the first one, with a warning, when
            several have it).

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If there is no AsyncDataRow in this
                AsyncDataset with the given external ID.
            TypeError: If ``external_id`` is not a str.

        Example:
            >>> data_row = await dataset.data_row_for_external_id("img_01.jpg")
        """
        found = await self.data_rows_for_external_id(external_id, limit=2)
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
    from labelbox._async._generated.entities import DataRowCreateParams
    from labelbox.orm.values import check_values

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
        raise InvalidQueryError("DataRow.row_data missing when creating AsyncDataRow.")
    # The types a single create_data_row takes (no None/number/NaN as row_data, ...),
    # checked before anything is uploaded.
    check_values(DataRowCreateParams, values, "DataRow values")
    return row
