"""BulkImportRequest: an annotation import job (model-assisted labeling)."""

from __future__ import annotations

import functools
import json
import logging
import math
from collections.abc import Awaitable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from labelbox._async._concurrency import open_for_upload, run_blocking
from labelbox._async._generated.entities import AsyncBulkImportRequestBase
from labelbox.exceptions import LabelboxError, ResourceNotFoundError
from labelbox.schema.enums import BulkImportRequestState
from labelbox.schema.mal_schemas import get_mal_schemas, parse_classification

if TYPE_CHECKING:
    from labelbox._async.client import AsyncClient
    from labelbox._async.schema.project import AsyncProject
    from labelbox.schema._ndjson_models import (
        Bbox,
        DataRow,
        EntityLocation,
        FrameLocation,
        LabelboxID,
        MaskFeatures,
        NDAnnotation,
        NDBase,
        NDBaseTool,
        NDChecklist,
        NDClassification,
        NDFeatureSchema,
        NDMask,
        NDPoint,
        NDPolygon,
        NDPolyline,
        NDRadio,
        NDRectangle,
        NDText,
        NDTextEntity,
        NDTool,
        Point,
        SpecialUnion,
        VideoSupported,
    )
    from labelbox.schema.annotation_types import ImportStatus, MALPrediction
    from labelbox_gen.input_types import BulkImportRequestCreateInput

logger: logging.Logger = logging.getLogger("labelbox")
NDJSON_MIME_TYPE = "application/x-ndjson"
#: Seconds before ``wait_until_done`` first refreshes the state (then doubling).
FIRST_POLL_SECONDS = 0.25


class AsyncBulkImportRequest(AsyncBulkImportRequestBase):
    """Represents the import job when importing annotations.

    Created by ``project.upload_annotations(...)`` (or the ``create_from_*`` class
    methods); ``state`` is a ``BulkImportRequestState`` (RUNNING, FINISHED, FAILED).

    Async only: ``inputs``, ``errors`` and ``statuses`` download a file: await them
    (``await job.errors``).

    Example:
        >>> job = await project.upload_annotations(name="mal-1", annotations=rows)
        >>> await job.wait_until_done()
        >>> for error in await job.errors:
        ...     print(error)
    """

    @property
    def inputs(self) -> Awaitable[list[MALPrediction]]:
        """The annotations sent (the downloaded NDJSON), one dict per line as uploaded
        (typed as the predictions the validator accepts; with ``validate=False`` they
        hold whatever was sent)."""
        return self._download(self.input_file_url)

    @property
    def errors(self) -> Awaitable[list[ImportStatus]]:
        """The statuses of the failed annotations (the downloaded NDJSON error file);
        [] when there are none.

        Each is an ``ImportStatus``: ``uuid``, ``dataRow`` ``{"id"}``, ``status``
        (``"FAILURE"``) and ``errors``, a list of ``{"name", "message"}`` (and
        ``additionalInfo`` on some).
        """
        return self._download(self.error_file_url)

    @property
    def statuses(self) -> Awaitable[list[ImportStatus]]:
        """The status of every annotation (the downloaded NDJSON status file); [] before
        the job ends.

        Each is an ``ImportStatus``: ``uuid``, ``dataRow`` ``{"id"}``, ``status``
        (``"SUCCESS"`` or ``"FAILURE"``) and ``errors`` (empty on success).
        """
        return self._download(self.status_file_url)

    async def _download(self, url: str | None) -> list[Any]:
        """The downloaded NDJSON file at ``url``, one dict per line ([] without one)."""
        if not url:
            return []
        content = await self.client._transport.get(url)
        text = content.decode("utf-8", errors="replace")
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as exc:
            raise LabelboxError(f"The import file of {self.name!r} is not NDJSON: {exc}") from None

    async def refresh(self) -> None:
        """Synchronizes values of all fields with the database.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the import no longer exists.
        """
        model = await self.client._gen.get_bulk_import_request(id=self.uid)
        if model is None:
            raise ResourceNotFoundError(AsyncBulkImportRequest, {"id": self.uid})
        self._model = model

    async def wait_until_done(
        self, sleep_time_seconds: float = 30, show_progress: bool = False
    ) -> None:
        """Blocks until the state is FINISHED or FAILED, refreshing the state with
        backoff: first after 0.25 s, then doubling up to ``sleep_time_seconds`` between
        two refreshes (labelbox 2.6 waited ``sleep_time_seconds`` before every refresh,
        so an import done in a second took 30 s to be seen).

        Args:
            sleep_time_seconds: the longest wait between two refreshes, in seconds.
            show_progress: show a tqdm bar with the elapsed time and the state.
        """
        from labelbox._async._progress import wait_for

        first = [True]

        async def done() -> bool:
            if self.state == BulkImportRequestState.RUNNING and not first[0]:
                await self.refresh()
            first[0] = False
            return self.state != BulkImportRequestState.RUNNING

        await wait_for(
            done,
            math.inf,
            desc=f"Import {self.name}",
            show_progress=show_progress,
            first_delay=FIRST_POLL_SECONDS,
            max_delay=sleep_time_seconds,
            status=lambda: str(self.state),
        )

    @classmethod
    async def from_name(
        cls, client: AsyncClient, project_id: str, name: str
    ) -> AsyncBulkImportRequest:
        """Fetches an existing BulkImportRequest by project id and name.

        Args:
            client: The Labelbox client used to connect to the server.
            project_id: ID of the project the annotations were imported into.
            name: Name of the import job.

        Returns:
            The BulkImportRequest.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the project has no import of
                that name.

        Example:
            >>> job = await AsyncBulkImportRequest.from_name(client, project.uid, "mal-1")
        """
        model = await client._gen.get_bulk_import_request_by_name(project_id=project_id, name=name)
        if model is None:
            raise ResourceNotFoundError(cls, {"project_id": project_id, "name": name})
        return cls._wrap(client, model)

    @classmethod
    async def create_from_url(
        cls, client: AsyncClient, project_id: str, name: str, url: str, validate: bool = True
    ) -> AsyncBulkImportRequest:
        """Creates a BulkImportRequest from a publicly accessible URL to an NDJSON file
        of annotations.

        With ``validate`` the file is downloaded (as a stream, line by line, nothing
        kept) and every annotation checked against the project's ontology before the
        import is created.

        Args:
            client: The Labelbox client used to connect to the server.
            project_id: ID of the project to import into.
            name: Name of the import job (unique within the project).
            url: Publicly accessible URL of the NDJSON file.
            validate: Whether to validate the annotations first.

        Returns:
            The new BulkImportRequest.

        Raises:
            ValueError: If ``validate`` and the file is not NDJSON or has no annotations.
            MALValidationError: If ``validate`` and an annotation is invalid.
            UuidError: If ``validate`` and a uuid repeats.
        """
        from labelbox._async.schema.annotation_import import project_validator, validate_url

        if validate:
            logger.warning(
                "Validation is turned on. The file will be downloaded and checked before "
                "the import is created."
            )
            validator = await project_validator(client, project_id)
            await validate_url(url, validator, client._transport.timeout)
        from labelbox_gen.input_types import BulkImportRequestCreateInput

        data = BulkImportRequestCreateInput(project_id=project_id, name=name, file_url=url)
        return await cls._create(client, data)

    @classmethod
    async def create_from_objects(
        cls,
        client: AsyncClient,
        project_id: str,
        name: str,
        predictions: Iterable[MALPrediction | Mapping[str, Any]],
        validate: bool = True,
    ) -> AsyncBulkImportRequest:
        """Creates a BulkImportRequest from an iterable of annotation dicts (a list or a
        generator), uploaded as an NDJSON file.

        The file holds the bytes labelbox 2.6 uploaded for the same dicts: each one
        ``json.dumps``-ed (default separators, ASCII), lines joined by ``\\n``, no
        newline after the last.

        The annotations are validated (with ``validate``) and written one at a time to a
        spool (memory, then a temporary file), so memory stays bounded for any count;
        nothing is uploaded unless all of them are valid.

        Async only: the annotations are validated and spooled in a worker thread (a
        generator given is iterated there), so the event loop is not blocked.

        Args:
            client: The Labelbox client used to connect to the server.
            project_id: ID of the project to import into.
            name: Name of the import job (unique within the project).
            predictions: The annotations, one dict per NDJSON line (typed:
                ``labelbox.schema.annotation_types.MALPrediction``, or any mapping).
            validate: Whether to validate the annotations first.

        Returns:
            The new BulkImportRequest.

        Raises:
            ValueError: If ``predictions`` is empty.
            TypeError: If ``predictions`` is a single dict or a string.
            MALValidationError: If ``validate`` and an annotation is invalid.
            UuidError: If ``validate`` and a uuid repeats.
        """
        from labelbox._async.schema.annotation_import import project_validator
        from labelbox.schema.annotation_ndjson import Spool, check_iterable, spool_objects

        check_iterable(predictions)
        validator = await project_validator(client, project_id) if validate else None
        with Spool() as spool:
            await run_blocking(functools.partial(spool_objects, predictions, spool, validator))
            return await cls._create_from_stream(
                client, project_id, name, spool.readable(), spool.size
            )

    @classmethod
    async def create_from_local_file(
        cls,
        client: AsyncClient,
        project_id: str,
        name: str,
        file: Path,
        validate_file: bool = True,
    ) -> AsyncBulkImportRequest:
        """Creates a BulkImportRequest from a local NDJSON file of annotations, streamed
        from the file (never read into memory whole).

        Args:
            client: The Labelbox client used to connect to the server.
            project_id: ID of the project to import into.
            name: Name of the import job (unique within the project).
            file: Path of the NDJSON file.
            validate_file: Whether to validate the annotations first.

        Returns:
            The new BulkImportRequest.

        Raises:
            FileNotFoundError: If ``file`` does not exist.
            ValueError: If ``validate_file`` and the file is not NDJSON or has no
                annotations.
            MALValidationError: If ``validate_file`` and an annotation is invalid.
            UuidError: If ``validate_file`` and a uuid repeats.
        """
        from labelbox._async.schema.annotation_import import project_validator
        from labelbox._async.schema.annotation_import import validate_file as check_file

        path = Path(file)
        if not path.is_file():
            raise FileNotFoundError(f"{file} is not an existing local file")
        if validate_file:
            await check_file(path, await project_validator(client, project_id))
        stream, size = await open_for_upload(path)
        with stream:
            return await cls._create_from_stream(client, project_id, name, stream, size)

    @classmethod
    async def _create_from_stream(
        cls, client: AsyncClient, project_id: str, name: str, stream: IO[bytes], length: int
    ) -> AsyncBulkImportRequest:
        from labelbox_gen.base_model import Upload
        from labelbox_gen.input_types import BulkImportRequestCreateInput, FilePayloadInput

        upload = Upload(
            filename=f"{project_id}__{name}.ndjson",
            content=stream,  # type: ignore[arg-type]  # IO[bytes] is an IOBase at run time
            content_type=NDJSON_MIME_TYPE,
        )
        payload = FilePayloadInput(file=upload, content_length=length)
        data = BulkImportRequestCreateInput(project_id=project_id, name=name, file_payload=payload)
        return await cls._create(client, data)

    @classmethod
    async def _create(
        cls, client: AsyncClient, data: BulkImportRequestCreateInput
    ) -> AsyncBulkImportRequest:
        return cls._wrap(client, await client._gen.create_bulk_import_request(data=data))


async def _validate_ndjson(
    lines: Iterable[MALPrediction | Mapping[str, Any]], project: AsyncProject
) -> None:
    """Client-side validation of NDJSON annotations against ``project``'s ontology, as
    labelbox 2.6.0 offered it (Labelbox's own MAL debugging examples call it).

    Args:
        lines: the annotations, one dict per NDJSON line.
        project: the project whose ontology the annotations must fit.

    Raises:
        MALValidationError: naming the line, uuid and field of an invalid annotation.
        UuidError: if a uuid repeats.
        TypeError / ValueError: if ``lines`` is not an iterable of dicts, or is empty.
    """
    from labelbox._async.schema.annotation_import import project_validator
    from labelbox.schema.annotation_ndjson import check_iterable

    check_iterable(lines)
    validator = await project_validator(project.client, project.uid)
    count = 0
    for count, annotation in enumerate(lines, 1):
        validator.check(annotation, count - 1)
    if count == 0:
        raise ValueError("annotations cannot be empty")


__all__ = [
    "NDJSON_MIME_TYPE",
    "Bbox",
    "DataRow",
    "EntityLocation",
    "FrameLocation",
    "LabelboxID",
    "MaskFeatures",
    "NDAnnotation",
    "NDBase",
    "NDBaseTool",
    "NDChecklist",
    "NDClassification",
    "NDFeatureSchema",
    "NDMask",
    "NDPoint",
    "NDPolygon",
    "NDPolyline",
    "NDRadio",
    "NDRectangle",
    "NDText",
    "NDTextEntity",
    "NDTool",
    "Point",
    "SpecialUnion",
    "VideoSupported",
    "get_mal_schemas",
    "parse_classification",
]

#: labelbox 2.6's NDJSON annotation classes, loaded (with pydantic) on first use.
_ND_NAMES = frozenset(__all__) - {"NDJSON_MIME_TYPE", "get_mal_schemas", "parse_classification"}
__all__ += ["AsyncBulkImportRequest"]

if not TYPE_CHECKING:  # checkers see the names imported above

    def __getattr__(name: str) -> Any:
        if name in _ND_NAMES:
            from labelbox.schema import _ndjson_models

            return getattr(_ndjson_models, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
