"""BulkImportRequest: an annotation import job (model-assisted labeling)."""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from labelbox._generated.entities import BulkImportRequestBase
from labelbox.exceptions import LabelboxError, ResourceNotFoundError
from labelbox.schema.enums import BulkImportRequestState
from labelbox.schema.mal_schemas import get_mal_schemas, parse_classification

if TYPE_CHECKING:
    from labelbox.client import Client
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
    from labelbox.schema.project import Project
    from labelbox_gen.input_types import BulkImportRequestCreateInput

logger: logging.Logger = logging.getLogger("labelbox")
NDJSON_MIME_TYPE = "application/x-ndjson"
#: Seconds before ``wait_until_done`` first refreshes the state (then doubling).
FIRST_POLL_SECONDS = 0.25


class BulkImportRequest(BulkImportRequestBase):
    """Represents the import job when importing annotations.

    Created by ``project.upload_annotations(...)`` (or the ``create_from_*`` class
    methods); ``state`` is a ``BulkImportRequestState`` (RUNNING, FINISHED, FAILED).

    Example:
        >>> job = project.upload_annotations(name="mal-1", annotations=rows)
        >>> job.wait_until_done()
        >>> for error in job.errors:
        ...     print(error)
    """

    @property
    def inputs(self) -> list[MALPrediction]:
        """The annotations sent (the downloaded NDJSON), one dict per line as uploaded
        (typed as the predictions the validator accepts; with ``validate=False`` they
        hold whatever was sent)."""
        lines: list[Any] = self._download(self.input_file_url)
        return lines

    @property
    def errors(self) -> list[ImportStatus]:
        """The statuses of the failed annotations (the downloaded NDJSON error file);
        [] when there are none.

        Each is an ``ImportStatus``: ``uuid``, ``dataRow`` ``{"id"}``, ``status``
        (``"FAILURE"``) and ``errors``, a list of ``{"name", "message"}`` (and
        ``additionalInfo`` on some).
        """
        lines: list[Any] = self._download(self.error_file_url)
        return lines

    @property
    def statuses(self) -> list[ImportStatus]:
        """The status of every annotation (the downloaded NDJSON status file); [] before
        the job ends.

        Each is an ``ImportStatus``: ``uuid``, ``dataRow`` ``{"id"}``, ``status``
        (``"SUCCESS"`` or ``"FAILURE"``) and ``errors`` (empty on success).
        """
        lines: list[Any] = self._download(self.status_file_url)
        return lines

    def _download(self, url: str | None) -> list[dict[str, Any]]:
        if not url:
            return []
        text = self.client._transport.get(url).decode("utf-8", errors="replace")
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as exc:
            raise LabelboxError(f"The import file of {self.name!r} is not NDJSON: {exc}") from None

    def refresh(self) -> None:
        """Synchronizes values of all fields with the database.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the import no longer exists.
        """
        model = self.client._gen.get_bulk_import_request(id=self.uid)
        if model is None:
            raise ResourceNotFoundError(BulkImportRequest, {"id": self.uid})
        self._model = model

    def wait_until_done(self, sleep_time_seconds: float = 30, show_progress: bool = False) -> None:
        """Blocks until the state is FINISHED or FAILED, refreshing the state with
        backoff: first after 0.25 s, then doubling up to ``sleep_time_seconds`` between
        two refreshes (labelbox 2.6 waited ``sleep_time_seconds`` before every refresh,
        so an import done in a second took 30 s to be seen).

        Args:
            sleep_time_seconds: the longest wait between two refreshes, in seconds.
            show_progress: show a tqdm bar with the elapsed time and the state.
        """
        from labelbox._progress import wait_for

        first = [True]

        def done() -> bool:
            if self.state == BulkImportRequestState.RUNNING and not first[0]:
                self.refresh()
            first[0] = False
            return self.state != BulkImportRequestState.RUNNING

        wait_for(
            done,
            math.inf,
            desc=f"Import {self.name}",
            show_progress=show_progress,
            first_delay=FIRST_POLL_SECONDS,
            max_delay=sleep_time_seconds,
            status=lambda: str(self.state),
        )

    @classmethod
    def from_name(cls, client: Client, project_id: str, name: str) -> BulkImportRequest:
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
            >>> job = BulkImportRequest.from_name(client, project.uid, "mal-1")
        """
        model = client._gen.get_bulk_import_request_by_name(project_id=project_id, name=name)
        if model is None:
            raise ResourceNotFoundError(cls, {"project_id": project_id, "name": name})
        return cls._wrap(client, model)

    @classmethod
    def create_from_url(
        cls, client: Client, project_id: str, name: str, url: str, validate: bool = True
    ) -> BulkImportRequest:
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
        from labelbox.schema.annotation_import import project_validator, validate_url

        if validate:
            logger.warning(
                "Validation is turned on. The file will be downloaded and checked before "
                "the import is created."
            )
            validator = project_validator(client, project_id)
            validate_url(url, validator, client._transport.timeout)
        from labelbox_gen.input_types import BulkImportRequestCreateInput

        data = BulkImportRequestCreateInput(project_id=project_id, name=name, file_url=url)
        return cls._create(client, data)

    @classmethod
    def create_from_objects(
        cls,
        client: Client,
        project_id: str,
        name: str,
        predictions: Iterable[MALPrediction | Mapping[str, Any]],
        validate: bool = True,
    ) -> BulkImportRequest:
        """Creates a BulkImportRequest from an iterable of annotation dicts (a list or a
        generator), uploaded as an NDJSON file.

        The file holds the bytes labelbox 2.6 uploaded for the same dicts: each one
        ``json.dumps``-ed (default separators, ASCII), lines joined by ``\\n``, no
        newline after the last.

        The annotations are validated (with ``validate``) and written one at a time to a
        spool (memory, then a temporary file), so memory stays bounded for any count;
        nothing is uploaded unless all of them are valid.

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
        from labelbox.schema.annotation_import import (
            Spool,
            check_iterable,
            project_validator,
            spool_objects,
        )

        check_iterable(predictions)
        validator = project_validator(client, project_id) if validate else None
        with Spool() as spool:
            spool_objects(predictions, spool, validator)
            return cls._create_from_stream(client, project_id, name, spool.readable(), spool.size)

    @classmethod
    def create_from_local_file(
        cls,
        client: Client,
        project_id: str,
        name: str,
        file: Path,
        validate_file: bool = True,
    ) -> BulkImportRequest:
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
        from labelbox.schema.annotation_import import project_validator
        from labelbox.schema.annotation_import import validate_file as check_file

        path = Path(file)
        if not path.is_file():
            raise FileNotFoundError(f"{file} is not an existing local file")
        if validate_file:
            check_file(path, project_validator(client, project_id))
        with path.open("rb") as stream:
            return cls._create_from_stream(client, project_id, name, stream, path.stat().st_size)

    @classmethod
    def _create_from_stream(
        cls, client: Client, project_id: str, name: str, stream: IO[bytes], length: int
    ) -> BulkImportRequest:
        from labelbox_gen.base_model import Upload
        from labelbox_gen.input_types import BulkImportRequestCreateInput, FilePayloadInput

        upload = Upload(
            filename=f"{project_id}__{name}.ndjson",
            content=stream,  # type: ignore[arg-type]  # IO[bytes] is an IOBase at run time
            content_type=NDJSON_MIME_TYPE,
        )
        payload = FilePayloadInput(file=upload, content_length=length)
        data = BulkImportRequestCreateInput(project_id=project_id, name=name, file_payload=payload)
        return cls._create(client, data)

    @classmethod
    def _create(cls, client: Client, data: BulkImportRequestCreateInput) -> BulkImportRequest:
        return cls._wrap(client, client._gen.create_bulk_import_request(data=data))


def _validate_ndjson(lines: Iterable[MALPrediction | Mapping[str, Any]], project: Project) -> None:
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
    from labelbox.schema.annotation_import import check_iterable, project_validator

    check_iterable(lines)
    validator = project_validator(project.client, project.uid)
    count = 0
    for count, annotation in enumerate(lines, 1):
        validator.check(annotation, count - 1)
    if count == 0:
        raise ValueError("annotations cannot be empty")


__all__ = [
    "NDJSON_MIME_TYPE",
    "Bbox",
    "BulkImportRequest",
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
_ND_NAMES = frozenset(__all__) - {
    "NDJSON_MIME_TYPE",
    "BulkImportRequest",
    "get_mal_schemas",
    "parse_classification",
}

if not TYPE_CHECKING:  # checkers see the names imported above

    def __getattr__(name: str) -> Any:
        if name in _ND_NAMES:
            from labelbox.schema import _ndjson_models

            return getattr(_ndjson_models, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
