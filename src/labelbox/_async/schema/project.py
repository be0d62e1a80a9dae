"""Project: labeling frontend, ontology, datasets and labels, and their workflows."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from typing_extensions import Unpack, deprecated

from labelbox._async._generated.entities import (
    AsyncLabelingParameterOverrideBase,
    AsyncProjectBase,
)
from labelbox._async.orm.relationships import AsyncToMany, AsyncToOne
from labelbox._async.pagination import AsyncPaginatedCollection
from labelbox._async.schema.data_row import AsyncDataRow
from labelbox._async.schema.review import AsyncReview
from labelbox._async.schema.user import AsyncUser
from labelbox.exceptions import InvalidQueryError, LabelboxError, ResourceNotFoundError
from labelbox.schema.project_types import QueuedDataRow as QueuedDataRow

if TYPE_CHECKING:
    import os

    from labelbox._async._generated.entities import LabelCreateParams
    from labelbox._async.schema.bulk_import_request import AsyncBulkImportRequest
    from labelbox._async.schema.dataset import AsyncDataset
    from labelbox._async.schema.label import AsyncLabel
    from labelbox._async.schema.labeling_frontend import AsyncLabelingFrontend
    from labelbox._async.schema.prediction import AsyncPrediction, AsyncPredictionModel
    from labelbox.orm.model import OrderBy
    from labelbox.schema.annotation_types import MALPrediction
    from labelbox_gen.async_client import AsyncLabelboxGenClient
    from labelbox_gen.fragments import BulkImportRequestFields
    from labelbox_gen.input_types import BulkImportRequestWhereInput
    from labelbox_gen.project_labeler_performance import (
        ProjectLabelerPerformanceProjectLabelerPerformance,
    )

logger: logging.Logger = logging.getLogger("labelbox")

_INSTRUCTION_SUFFIXES = (".text", ".txt", ".pdf", ".html")
_QUEUE_TYPES = ("LabelingQueue", "ReviewQueue")
_LEGACY = "is deprecated and is not compatible with the new editor."


@dataclass(frozen=True)
class AsyncLabelerPerformance:
    """Info about a labeler's performance in a project (``project.labeler_performance()``).

    Attributes:
        user: The labeler.
        count: Number of labels the user made in the project.
        seconds_per_label: Average time per label, in seconds.
        total_time_labeling: Total time spent labeling, in seconds.
        consensus: Average consensus agreement of the user's labels (0 to 1), if any.
        average_benchmark_agreement: Average agreement with benchmarks (0 to 1), if any.
        last_activity_time: When the user last labeled in the project (UTC).
    """

    user: AsyncUser
    count: int
    seconds_per_label: float
    total_time_labeling: float
    consensus: float | None
    average_benchmark_agreement: float | None
    last_activity_time: datetime


async def _project_bulk_import_requests(
    gen: AsyncLabelboxGenClient,
    source_id: str,
    skip: int,
    first: int,
    where: BulkImportRequestWhereInput | None,
    order_by: None,
) -> list[BulkImportRequestFields]:
    """One page of a project's annotation imports, through the root query
    ``bulkImportRequests(where: {projectId})`` that the published docs and the official
    client (3.x) use: nothing attests a ``Project.bulkImportRequests`` field."""
    from labelbox_gen.input_types import BulkImportRequestWhereInput

    scoped = (
        BulkImportRequestWhereInput(project_id=source_id)
        if where is None
        else where.model_copy(update={"project_id": source_id})
    )
    return list(await gen.get_bulk_import_requests(skip=skip, first=first, where=scoped))


class AsyncLabelingParameterOverride(AsyncLabelingParameterOverrideBase):
    """Customizes the order of assets in the label queue (``priority``,
    ``number_of_labels``; ``data_row()`` returns the overridden DataRow)."""

    data_row: AsyncToOne[AsyncDataRow] = AsyncToOne(
        "DataRow", "dataRow", None, embedded=lambda model: model.data_row
    )
    """ToOne relationship to DataRow: the overridden data row (read with the override,
    as the classic client does: no request)."""


class AsyncProject(AsyncProjectBase):
    """A Project is a container that includes a labeling frontend, an ontology, datasets
    and labels.

    Get one with ``await client.get_project(id)``, ``client.get_projects(where=...)``
    or ``await client.create_project(name=...)``; change it with the typed
    ``await project.update(**kwargs)`` and delete it with ``await project.delete()``.

    Example:
        >>> project = await client.create_project(name="cars", description="street scenes")
        >>> await project.datasets.connect(dataset)
        >>> async for label in project.labels():
        ...     print(label.label)
    """

    bulk_import_requests: AsyncToMany[AsyncBulkImportRequest] = AsyncToMany(
        "BulkImportRequest", "bulkImportRequests", _project_bulk_import_requests, sortable=False
    )
    """ToMany relationship to BulkImportRequest: the annotation imports of this project,
    oldest first (no ``order_by=``: nothing attests sorting them)."""

    # -- labels -----------------------------------------------------------------------
    def labels(
        self,
        datasets: Iterable[AsyncDataset] | None = None,
        order_by: OrderBy[AsyncLabel] | None = None,
    ) -> AsyncPaginatedCollection[AsyncLabel]:
        """Custom relationship expansion method to support limited filtering: the Labels
        of this Project, optionally only those of data rows in ``datasets``.

        Args:
            datasets: Optional collection of Datasets whose Labels are sought. If not
                provided, all Labels in this Project are returned.
            order_by: Ordering clause, e.g. ``(Label.created_at, Order.Asc)``.

        Returns:
            The Labels, fetched lazily in pages of 100.

        Raises:
            TypeError: If ``datasets`` holds something other than Datasets.
            labelbox.exceptions.InvalidAttributeError: If ``order_by`` uses a field
                that is not a Label's.

        Example:
            >>> async for label in project.labels(
            ...         datasets=[dataset], order_by=AsyncLabel.created_at.asc):
            ...     print(label.uid)
        """
        from labelbox._async.schema.label import AsyncLabel
        from labelbox.orm.where import compile_order_by
        from labelbox_gen.input_types import DataRowWhereInput, DatasetWhereInput, LabelWhereInput

        where = LabelWhereInput(deleted=False)
        if datasets is not None:
            from labelbox._async.schema.dataset import AsyncDataset

            datasets = list(datasets)
            for dataset in datasets:
                if not isinstance(dataset, AsyncDataset):
                    raise TypeError(f"datasets must hold AsyncDataset objects, got {dataset!r}")
            in_datasets = DatasetWhereInput(id_in=[dataset.uid for dataset in datasets])
            where = LabelWhereInput(
                and_=[where, LabelWhereInput(data_row=DataRowWhereInput(dataset=in_datasets))]
            )
        order_input = compile_order_by(AsyncLabel, order_by)
        fetch, client = AsyncProject._labels.fetch, self.client

        async def page(skip: int, first: int) -> list[Any]:
            return list(await fetch(client._gen, self.uid, skip, first, where, order_input))

        return AsyncPaginatedCollection._paged(
            page,
            lambda model: AsyncLabel._wrap(client, model),
            wrap_page=lambda models: AsyncLabel._wrap_page(client, models),
            client=client,
        )

    @deprecated("`create_label` is deprecated and is not compatible with the new editor.")
    async def create_label(self, **kwargs: Unpack[LabelCreateParams]) -> AsyncLabel:
        """Creates a label on a Legacy Editor project. Not supported in the new Editor.

        Deprecated (as in 2.6.0): logs a warning and emits a ``DeprecationWarning``;
        type checkers flag each call (mypy with ``enable_error_code = deprecated``,
        pyright with ``reportDeprecated``).

        Args:
            **kwargs: Label attributes, typed by
                :class:`labelbox.params.LabelCreateParams` (the ``TypedDict``
                listing every accepted keyword); at minimum ``label`` and the label's
                ``data_row``.

        Returns:
            The new Label.

        Raises:
            InvalidQueryError: If ``data_row`` is missing.
            InvalidAttributeError: If a name is not a Label attribute.
            TypeError: If a value has the wrong type (nothing is sent).

        Example:
            >>> label = await project.create_label(data_row=data_row, label='{"objects": []}')
        """
        from labelbox._async.schema.label import AsyncLabel

        logger.warning(f"`create_label` {_LEGACY}")
        if "data_row" not in kwargs:
            raise InvalidQueryError("create_label requires `data_row`")
        from labelbox_gen.input_types import LabelTypeConnectInput, LabelTypeWhereUniqueInput

        values: dict[str, Any] = {"seconds_to_label": 0.0, **kwargs, "project": self}
        # Legacy labels connect to the "Any" label type by name.
        any_type = LabelTypeConnectInput(connect=LabelTypeWhereUniqueInput(name="Any"))
        return await AsyncLabel._create_object(self.client, values, {"type_": any_type})

    async def export_queued_data_rows(
        self, timeout_seconds: float = 120, show_progress: bool = False
    ) -> list[QueuedDataRow]:
        """Returns all data rows that are currently enqueued for this project.

        Starts (or polls) the server's export of the queue until it is COMPLETE, then
        downloads its NDJSON file.

        Args:
            timeout_seconds: Max waiting time, in seconds (``math.inf``: as long as it
                takes).
            show_progress: show a tqdm progress bar while waiting.

        Returns:
            One dict per queued data row (:class:`QueuedDataRow`), in the server's order.

        Raises:
            labelbox.exceptions.LabelboxError: If the export fails, is not ready within
                ``timeout_seconds``, or its file cannot be downloaded or read.
            TypeError: If ``timeout_seconds`` is not a number (a bool is not).
            ValueError: If ``timeout_seconds`` is negative or NaN.

        Example:
            >>> rows = await project.export_queued_data_rows(timeout_seconds=300)
            >>> ids = [row["id"] for row in rows]
        """
        from labelbox._async._progress import wait_for

        _check_timeout(timeout_seconds)
        url: list[str | None] = []

        async def ready() -> bool:
            result = await self.client._gen.export_queued_data_rows(id=self.uid)
            if result.status == "FAILED":
                raise LabelboxError("Data row export failed.")
            if result.status != "COMPLETE":
                return False
            url.append(result.download_url)
            return True

        desc = f"Queued data row export of {self.name}"
        if not await wait_for(ready, timeout_seconds, desc=desc, show_progress=show_progress):
            raise LabelboxError(f"Unable to export data rows within {timeout_seconds} seconds.")
        if not url[0]:
            raise LabelboxError("The data row export is COMPLETE but has no download URL.")
        content = await self.client._transport.get(url[0])
        text = content.decode("utf-8", errors="replace")
        try:
            rows: list[QueuedDataRow] = [json.loads(x) for x in text.splitlines() if x.strip()]
        except ValueError as exc:
            raise LabelboxError(f"The queued data row export is not NDJSON: {exc}") from None
        return rows

    async def export_labels(
        self,
        timeout_seconds: float = 60,
        show_progress: bool = False,
        *,
        download: str | os.PathLike[str] | None = None,
    ) -> str | None:
        """Calls the server-side Label exporting that generates a JSON payload, and
        returns the URL to that payload.

        Will only generate a new URL at a max frequency of 30 min.

        Args:
            timeout_seconds: Max waiting time, in seconds (0: ask once, without
                waiting; ``math.inf``: as long as it takes).
            show_progress: show a tqdm progress bar while waiting (and while
                downloading, with ``download``).
            download: a local file path: once the export is ready, its JSON payload is
                streamed there (written to a temporary file and renamed into place when
                complete). Nothing is downloaded if the export was not ready in time.

        Returns:
            URL of the data file with this Project's labels. If the server didn't
            generate it during the ``timeout_seconds`` period, None is returned.

        Raises:
            labelbox.exceptions.LabelboxError: If ``download`` is given and the
                download fails (``TimeoutError``, ``NetworkError``, or an HTTP error).
            OSError: If ``download`` cannot be written.
            TypeError: If ``timeout_seconds`` is not a number (a bool is not).
            ValueError: If ``timeout_seconds`` is negative or NaN.

        Example:
            >>> url = await project.export_labels(timeout_seconds=120)
            >>> await project.export_labels(download="labels.json", show_progress=True)
        """
        from labelbox._async._progress import wait_for

        _check_timeout(timeout_seconds)
        url: list[str | None] = []

        async def ready() -> bool:
            result = await self.client._gen.export_labels(id=self.uid)
            if result.should_poll:
                return False
            url.append(result.download_url)
            return True

        await wait_for(
            ready, timeout_seconds, desc=f"Label export of {self.name}", show_progress=show_progress
        )
        found = url[0] if url else None
        if found is not None and download is not None:
            await self._download(found, download, show_progress, f"Labels of {self.name}")
        return found

    async def _download(
        self, url: str, path: str | os.PathLike[str], show_progress: bool, desc: str
    ) -> None:
        """Streams a payload URL of this project's exports to ``path``."""
        from labelbox._async._download import download_to_file

        await download_to_file(
            self.client._transport, url, path, show_progress=show_progress, desc=desc
        )

    async def export_issues(
        self,
        status: str | None = None,
        *,
        download: str | os.PathLike[str] | None = None,
        show_progress: bool = False,
    ) -> str | None:
        """Calls the server-side issues export and returns the URL of its payload.

        Args:
            status: only issues with this status: "Open" or "Resolved" (None: all).
            download: a local file path to stream the payload to (as
                :meth:`export_labels` does); nothing is downloaded when there is no URL.
            show_progress: show a tqdm progress bar while downloading.

        Returns:
            URL of the data file with this Project's issues (None if the server has none).

        Raises:
            ValueError: If status is not None, "Open" or "Resolved".
            labelbox.exceptions.ResourceNotFoundError: If the project no longer exists.

        Example:
            >>> url = await project.export_issues(status="Open")
        """
        from labelbox_gen.enums import IssueStatus

        valid_statuses = {None, "Open", "Resolved"}
        if status not in valid_statuses:
            raise ValueError(f"status must be in {valid_statuses}. Found {status}")
        root = await self.client._gen.project_issue_export_url(
            id=self.uid, status=None if status is None else IssueStatus(status)
        )
        if root is None:
            raise ResourceNotFoundError(AsyncProject, {"id": self.uid})
        if root.issue_export_url is not None and download is not None:
            await self._download(
                root.issue_export_url, download, show_progress, f"Issues of {self.name}"
            )
        return root.issue_export_url

    # -- setup ------------------------------------------------------------------------
    async def setup(
        self,
        labeling_frontend: AsyncLabelingFrontend,
        labeling_frontend_options: dict[str, Any] | str,
    ) -> None:
        """Finalizes the Project setup.

        Connects the labeling frontend, creates its options (the ontology) and sets
        ``setup_complete``.

        Args:
            labeling_frontend: Which UI to use to label the data.
            labeling_frontend_options: Labeling frontend options, a.k.a. project
                ontology. If given a dict it will be converted to str using
                ``json.dumps``.

        Raises:
            TypeError: If ``labeling_frontend`` is not a LabelingFrontend.

        Example:
            >>> builder = OntologyBuilder(tools=[Tool(tool=Tool.Type.BBOX, name="car")])
            >>> editor = await client.get_labeling_frontends(
            ...     where=AsyncLabelingFrontend.name == "Editor").get_one()
            >>> await project.setup(editor, builder.asdict())
        """
        from labelbox._async.schema.labeling_frontend import (
            AsyncLabelingFrontend,
            AsyncLabelingFrontendOptions,
        )

        if not isinstance(labeling_frontend, AsyncLabelingFrontend):
            raise TypeError(
                f"labeling_frontend must be an AsyncLabelingFrontend, got {type(labeling_frontend).__name__}"
            )
        if not isinstance(labeling_frontend_options, str):
            labeling_frontend_options = json.dumps(labeling_frontend_options)
        organization = await self.client.get_organization()
        await self.labeling_frontend.connect(labeling_frontend)
        await AsyncLabelingFrontendOptions._create_object(
            self.client,
            {
                "project": self,
                "labeling_frontend": labeling_frontend,
                "customization_options": labeling_frontend_options,
                "organization": organization,
            },
        )
        await self.update(setup_complete=datetime.now(timezone.utc).replace(microsecond=0))

    async def upsert_instructions(self, instructions_file: str) -> None:
        """Uploads instructions to the UI. Running more than once will replace the
        instructions.

        Args:
            instructions_file: Path to a local file; must be a pdf, text, or html file.

        Raises:
            ValueError: If the project is not set up, or the instructions file does not
                end with one of ".text", ".txt", ".pdf", ".html".

        Example:
            >>> await project.upsert_instructions("instructions/labeling-guide.pdf")
        """
        if self.setup_complete is None:
            raise ValueError("Cannot attach instructions to a project that has not been set up.")
        if not str(instructions_file).endswith(_INSTRUCTION_SUFFIXES):
            raise ValueError(
                f"instructions_file must end with one of {_INSTRUCTION_SUFFIXES}. "
                f"Found {instructions_file}"
            )
        frontend = await self.labeling_frontend()
        options = [option async for option in self.labeling_frontend_options()]
        if frontend is None or not options:
            raise ValueError("Cannot attach instructions to a project that has not been set up.")
        from labelbox_gen.input_types import (
            LabelingFrontendOptionsUpdateInput,
            LabelingFrontendUpdateInput,
        )

        instructions_url = await self.client.upload_file(instructions_file)
        customization = json.loads(options[-1].customization_options)
        customization["projectInstructions"] = instructions_url
        await self.client._gen.update_frontend_with_options(
            frontend_id=frontend.uid,
            options_id=options[-1].uid,
            # Unchanged values (the classic sent this mutation too): frontends are
            # shared rows that a customer cannot change.
            frontend=LabelingFrontendUpdateInput(
                name=frontend.name, description=frontend.description
            ),
            options=LabelingFrontendOptionsUpdateInput(
                customization_options=json.dumps(customization)
            ),
        )

    # -- queue ------------------------------------------------------------------------
    async def set_labeling_parameter_overrides(
        self, data: Iterable[tuple[AsyncDataRow, int, int]]
    ) -> bool:
        """Adds labeling parameter overrides to this project.

        Priority:

        * Data will be labeled in priority order: a lower number priority is labeled
          first; minimum priority is 1.
        * Priority is not the queue position: the position is determined by the
          relative priority. E.g. ``[(data_row_1, 5, 1), (data_row_2, 2, 1),
          (data_row_3, 10, 1)]`` will be assigned in the order data_row_2, data_row_1,
          data_row_3.
        * Data rows with parameter overrides will appear before data rows without.
        * The priority only affects items in the queue: assigning a priority will not
          automatically add the item back into the queue.

        Number of labels:

        * The number of times a data row should be labeled: creates duplicate data rows
          in a project (one for each number of labels); new duplicates are added to
          the queue, already labeled ones are not sent back.
        * The queue will never assign the same data row to a single labeler more than
          once: if the number of labels is greater than the number of labelers working
          on a project, the extra items remain in the queue (remove the override to
          fix this).
        * Setting this to 1 will result in the default behavior (no duplicates).

        Args:
            data: An iterable of tuples ``(DataRow, priority, number_of_labels)``, each
                an override to add.

        Returns:
            bool, indicates if the operation was a success.

        Raises:
            TypeError: If an item is not such a tuple (the message names its index).
            ValueError: If a priority or number of labels is below 1.

        Example:
            >>> await project.set_labeling_parameter_overrides([
            ...     (data_row_1, 2, 3), (data_row_2, 1, 4)])
        """
        from labelbox_gen.input_types import LabelingParameterOverrideInput, WhereUniqueIdInput

        payload = []
        for index, row in enumerate(data):
            if not isinstance(row, tuple) or len(row) != 3:
                raise TypeError(
                    "Data must be a list of tuples containing a DataRow, priority (int), "
                    f"num_labels (int). Found {row!r}. Index: {index}"
                )
            data_row, priority, num_labels = row
            if not isinstance(data_row, AsyncDataRow):
                raise TypeError(
                    f"data_row should be of type AsyncDataRow. Found {type(data_row)}. Index: {index}"
                )
            for what, value in (("Priority", priority), ("Number of labels", num_labels)):
                if not isinstance(value, int) or isinstance(value, bool):
                    raise TypeError(f"{what} must be an int. Found {type(value)}. Index: {index}")
                if value < 1:
                    raise ValueError(f"{what} must be greater than 0, got {value}. Index: {index}")
            payload.append(
                LabelingParameterOverrideInput(
                    data_row=WhereUniqueIdInput(id=data_row.uid),
                    priority=priority,
                    num_labels=num_labels,
                )
            )
        result = await self.client._gen.set_labeling_parameter_overrides(id=self.uid, data=payload)
        if result is None:
            raise ResourceNotFoundError(AsyncProject, {"id": self.uid})
        return result.set_labeling_parameter_overrides.success

    async def unset_labeling_parameter_overrides(self, data_rows: Iterable[AsyncDataRow]) -> bool:
        """Removes labeling parameter overrides to this project.

        This will remove unlabeled duplicates in the queue.

        Args:
            data_rows: An iterable of DataRows.

        Returns:
            bool, indicates if the operation was a success.

        Raises:
            TypeError: If an item is not a DataRow.

        Example:
            >>> await project.unset_labeling_parameter_overrides([data_row_1, data_row_2])
        """
        from labelbox_gen.input_types import LabelingParameterOverrideUnsetInput

        payload = []
        for data_row in data_rows:
            if not isinstance(data_row, AsyncDataRow):
                raise TypeError(f"Expected AsyncDataRow objects, got {type(data_row).__name__}")
            payload.append(LabelingParameterOverrideUnsetInput(data_row_id=data_row.uid))
        result = await self.client._gen.unset_labeling_parameter_overrides(
            id=self.uid, data=payload
        )
        if result is None:
            raise ResourceNotFoundError(AsyncProject, {"id": self.uid})
        return result.unset_labeling_parameter_overrides.success

    async def upsert_review_queue(self, quota_factor: float) -> None:
        """Sets the proportion of total assets in a project to review.

        Args:
            quota_factor: Which part (percentage) of the queue to reinitiate, between 0
                and 1 (exclusive).

        Raises:
            TypeError: If ``quota_factor`` is not a number.
            ValueError: If ``quota_factor`` is not between 0 and 1.

        Example:
            >>> await project.upsert_review_queue(0.25)   # review a quarter of the labels
        """
        if isinstance(quota_factor, bool) or not isinstance(quota_factor, (int, float)):
            raise TypeError(f"quota_factor must be a float, got {type(quota_factor).__name__}")
        if not 0.0 < quota_factor < 1.0:
            raise ValueError("Quota factor must be in the range of [0,1]")
        await self.client._gen.upsert_review_queue(id=self.uid, quota_factor=float(quota_factor))

    async def extend_reservations(self, queue_type: str) -> int:
        """Extends all the current reservations for the current user on the given queue
        type.

        Args:
            queue_type: Either "LabelingQueue" or "ReviewQueue".

        Returns:
            int, the number of reservations that were extended.

        Raises:
            InvalidQueryError: If ``queue_type`` is neither.

        Example:
            >>> await project.extend_reservations("LabelingQueue")
        """
        from labelbox_gen.enums import QueueType

        value = getattr(queue_type, "value", queue_type)
        if value not in _QUEUE_TYPES:
            raise InvalidQueryError(
                f"Unsupported queue type: {queue_type!r}; expected one of {_QUEUE_TYPES}"
            )
        return await self.client._gen.extend_reservations(id=self.uid, queue_type=QueueType(value))

    # -- metrics ----------------------------------------------------------------------
    def labeler_performance(self) -> AsyncPaginatedCollection[AsyncLabelerPerformance]:
        """Returns the labeler performances for this Project.

        Returns:
            A PaginatedCollection of LabelerPerformance objects.

        Example:
            >>> async for performance in project.labeler_performance():
            ...     print(performance.user.email, performance.count)
        """
        gen, client = self.client._gen, self.client

        async def fetch(
            skip: int, first: int
        ) -> list[ProjectLabelerPerformanceProjectLabelerPerformance]:
            root = await gen.project_labeler_performance(id=self.uid, skip=skip, first=first)
            if root is None:
                raise ResourceNotFoundError(AsyncProject, {"id": self.uid})
            return list(root.labeler_performance)

        def wrap(
            model: ProjectLabelerPerformanceProjectLabelerPerformance,
        ) -> AsyncLabelerPerformance:
            return AsyncLabelerPerformance(
                user=AsyncUser._wrap(client, model.user),
                count=model.count,
                seconds_per_label=model.seconds_per_label,
                total_time_labeling=model.total_time_labeling,
                consensus=model.consensus,
                average_benchmark_agreement=model.average_benchmark_agreement,
                last_activity_time=model.last_activity_time,
            )

        return AsyncPaginatedCollection._paged(fetch, wrap)

    async def review_metrics(self, net_score: AsyncReview.NetScore | None) -> int:
        """Returns this Project's review metrics.

        Args:
            net_score: Indicates desired metric: a ``Review.NetScore``, or None for the
                labels that have no review.

        Returns:
            int, aggregation count of reviews for given ``net_score``.

        Raises:
            InvalidQueryError: If net_score is not None or a Review.NetScore.

        Example:
            >>> approved = await project.review_metrics(AsyncReview.NetScore.Positive)
        """
        from labelbox_gen.enums import ReviewNetScore

        if net_score is not None and not isinstance(net_score, AsyncReview.NetScore):
            raise InvalidQueryError(
                "Review metrics net score must be either None or one of Review.NetScore values"
            )
        score = ReviewNetScore("None" if net_score is None else net_score.value)
        root = await self.client._gen.project_review_metrics(id=self.uid, net_score=score)
        if root is None:
            raise ResourceNotFoundError(AsyncProject, {"id": self.uid})
        return root.review_metrics.label_aggregate.count

    # -- model-assisted labeling ------------------------------------------------------
    async def enable_model_assisted_labeling(self, toggle: bool = True) -> bool:
        """Turns model assisted labeling either on or off based on input.

        Args:
            toggle: True or False boolean.

        Returns:
            True if toggled on or False if toggled off.

        Raises:
            TypeError: If ``toggle`` is not a bool.
        """
        if not isinstance(toggle, bool):
            raise TypeError(f"toggle must be a bool, got {type(toggle).__name__}")
        root = await self.client._gen.show_predictions_to_labelers(id=self.uid, show=toggle)
        if root is None:
            raise ResourceNotFoundError(AsyncProject, {"id": self.uid})
        return bool(root.show_predictions_to_labelers.showing_predictions_to_labelers)

    @deprecated(
        "`create_prediction_model` is deprecated and is not compatible with the new editor."
    )
    async def create_prediction_model(self, name: str, version: int) -> AsyncPredictionModel:
        """Creates a PredictionModel connected to a Legacy Editor Project (it becomes the
        project's active prediction model). Deprecated, as :meth:`create_label` is.

        Args:
            name: The new PredictionModel's name.
            version: The new PredictionModel's version.

        Returns:
            A newly created PredictionModel.
        """
        from labelbox._async.schema.prediction import AsyncPredictionModel

        logger.warning(f"`create_prediction_model` {_LEGACY}")
        model = await AsyncPredictionModel._create_object(
            self.client, {"name": name, "version": version}
        )
        await self.active_prediction_model.connect(model)
        return model

    @deprecated("`create_prediction` is deprecated and is not compatible with the new editor.")
    async def create_prediction(
        self,
        label: str,
        data_row: AsyncDataRow,
        prediction_model: AsyncPredictionModel | None = None,
    ) -> AsyncPrediction:
        """Creates a Prediction within a Legacy Editor Project. Not supported in the new
        Editor; deprecated, as :meth:`create_label` is.

        Args:
            label: The ``label`` field of the new Prediction.
            data_row: The DataRow for which the Prediction is created.
            prediction_model: The PredictionModel within which the new Prediction is
                created. If None then this Project's ``active_prediction_model`` is used.

        Returns:
            A newly created Prediction.

        Raises:
            InvalidQueryError: if given ``prediction_model`` is None and this Project's
                ``active_prediction_model`` is also None.
            TypeError: If ``data_row`` or ``prediction_model`` has the wrong type.
        """
        from labelbox._async.schema.prediction import AsyncPrediction, AsyncPredictionModel

        logger.warning(f"`create_prediction` {_LEGACY}")
        if not isinstance(data_row, AsyncDataRow):
            raise TypeError(f"data_row must be an AsyncDataRow, got {type(data_row).__name__}")
        if prediction_model is not None and not isinstance(prediction_model, AsyncPredictionModel):
            raise TypeError(
                f"prediction_model must be an AsyncPredictionModel, got {type(prediction_model).__name__}"
            )
        if prediction_model is None:
            prediction_model = await self.active_prediction_model()
            if prediction_model is None:
                raise InvalidQueryError(f"Project '{self.name}' has no active prediction model")
        from labelbox_gen.input_types import PredictionCreateInput

        data = PredictionCreateInput(
            label=label,
            prediction_model_id=prediction_model.uid,
            project_id=self.uid,
            data_row_id=data_row.uid,
        )
        model = await self.client._gen.create_prediction(data=data)
        return AsyncPrediction._wrap(self.client, model)

    async def upload_annotations(
        self,
        name: str,
        annotations: str | Path | Iterable[MALPrediction | Mapping[str, Any]],
        validate: bool = True,
    ) -> AsyncBulkImportRequest:
        """Uploads annotations to a new Editor project (model-assisted labeling).

        Args:
            name: name of the BulkImportRequest job (unique within the project).
            annotations: url that is publicly accessible by Labelbox containing an
                ndjson file OR local path to an ndjson file OR iterable of annotation
                rows (dicts; a generator is read once, in bounded memory). Typed rows:
                ``labelbox.schema.annotation_types`` (``BoxPrediction``, ...,
                ``MALPrediction``); plain dicts are accepted too.
            validate: Whether or not to validate the payload against the project's
                ontology before uploading (nothing is uploaded if one is invalid).

        Returns:
            BulkImportRequest: the import job; ``wait_until_done()`` waits for it.

        Raises:
            FileNotFoundError: If ``annotations`` is neither a URL nor an existing file.
            ValueError: If ``annotations`` is empty, not NDJSON or of another type.
            labelbox.exceptions.MALValidationError: If ``validate`` and an annotation
                is invalid (the message names its line, uuid and field).
            labelbox.exceptions.UuidError: If ``validate`` and a uuid repeats.

        Example:
            >>> job = await project.upload_annotations(
            ...     name="predictions-v1", annotations="predictions.ndjson")
            >>> await job.wait_until_done()
            >>> await job.errors
            []
        """
        from labelbox._async.schema.bulk_import_request import AsyncBulkImportRequest

        if isinstance(annotations, str) and _is_url(annotations):
            return await AsyncBulkImportRequest.create_from_url(
                self.client, self.uid, name, annotations, validate
            )
        if isinstance(annotations, (str, Path)):
            path = Path(annotations)
            if not path.is_file():
                raise FileNotFoundError(f"{annotations} is not a valid url nor existing local file")
            return await AsyncBulkImportRequest.create_from_local_file(
                self.client, self.uid, name, path, validate
            )
        if isinstance(annotations, Iterable):
            return await AsyncBulkImportRequest.create_from_objects(
                self.client, self.uid, name, annotations, validate
            )
        raise ValueError(f"Invalid annotations given of type: {type(annotations)}")


def _check_timeout(timeout_seconds: object) -> None:
    """TypeError unless a number of seconds (a bool is not), ValueError if negative or
    NaN (``math.inf`` waits as long as it takes)."""
    if isinstance(timeout_seconds, bool) or not isinstance(timeout_seconds, (int, float)):
        raise TypeError(f"timeout_seconds must be a number of seconds, got {timeout_seconds!r}")
    if not timeout_seconds >= 0:
        raise ValueError(f"timeout_seconds must be >= 0, got {timeout_seconds!r}")


def _is_url(value: str) -> bool:
    parsed = urlparse(value)
    return bool(parsed.scheme) and bool(parsed.netloc)
