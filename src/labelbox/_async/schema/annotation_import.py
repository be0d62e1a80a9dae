"""Sources of an annotation import (model-assisted labeling), read in bounded memory.

- an iterable of dicts (a list or a generator): validated one by one while being
  written as NDJSON (byte for byte as labelbox 2.6 wrote it) to a spool (in memory up to ``SPOOL_MEMORY_LIMIT``, then a
  temporary file), which is then uploaded as the multipart file part;
- a local NDJSON file: validated line by line, then uploaded from the file itself;
- a public URL: downloaded as a stream and validated line by line (nothing kept),
  then the server is given the URL.

Validation always completes before the upload request starts, so an invalid
annotation means nothing is uploaded.
"""

from __future__ import annotations

import functools
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sized
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from labelbox import exceptions
from labelbox._async._concurrency import run_blocking
from labelbox.schema.annotation_validation import (
    AnnotationValidator,
    InvalidAnnotationError,
    OntologyIndex,
)

if TYPE_CHECKING:
    from labelbox._async.client import AsyncClient
    from labelbox.schema.annotation_types import MALPrediction

#: Bytes of NDJSON an iterable may take in memory before spilling to a temporary file.
SPOOL_MEMORY_LIMIT = 8 * 1024 * 1024

#: labelbox 2.6's serialization (``ndjson.dumps``: ``json.dumps`` of each line, default
#: separators and ASCII escapes, lines joined by ``\n``), so the uploaded bytes are the
#: same; NaN and infinities are refused (they are not JSON).
_ENCODER = json.JSONEncoder(allow_nan=False)


async def project_validator(client: AsyncClient, project_id: str) -> AnnotationValidator:
    """A validator for a project's ontology (one request or two).

    Args:
        client: The Labelbox client used to connect to the server.
        project_id: ID of the project.

    Returns:
        A validator of annotations against the project's ontology.

    Raises:
        labelbox.exceptions.ResourceNotFoundError: If there is no such project.
    """
    project = await client.get_project(project_id)
    ontology = await project.ontology()
    normalized = None if ontology is None else ontology.normalized
    return AnnotationValidator(OntologyIndex.from_normalized(normalized))


class Spool:
    """A write-once, read-once byte buffer: memory up to ``limit`` bytes, then a
    temporary file (deleted on close)."""

    def __init__(self, limit: int | None = None) -> None:
        """Creates an empty spool.

        Args:
            limit: Bytes kept in memory before spilling to a temporary file (default
                ``SPOOL_MEMORY_LIMIT``).
        """
        self.limit: int = SPOOL_MEMORY_LIMIT if limit is None else limit
        self.size: int = 0
        self._stream: IO[bytes] = io.BytesIO()
        self._on_disk = False

    @property
    def on_disk(self) -> bool:
        """Whether the content spilled to a temporary file."""
        return self._on_disk

    def write(self, data: bytes) -> None:
        """Appends bytes (spilling to a temporary file past the limit).

        Args:
            data: The bytes to append.
        """
        self.size += len(data)
        if not self._on_disk and self.size > self.limit:
            memory = self._stream
            # Closed in close() (the spool is a context manager).
            self._stream = tempfile.TemporaryFile(  # noqa: SIM115
                prefix="labelbox-import-", suffix=".ndjson"
            )
            assert isinstance(memory, io.BytesIO)
            self._stream.write(memory.getbuffer())
            memory.close()
            self._on_disk = True
        self._stream.write(data)

    def readable(self) -> IO[bytes]:
        """The content, for reading.

        Returns:
            A seekable binary stream positioned at its start.
        """
        self._stream.flush()
        self._stream.seek(0)
        return self._stream

    def close(self) -> None:
        """Frees the memory or deletes the temporary file."""
        self._stream.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_iterable(annotations: object) -> None:
    """Local checks of an iterable of annotations, before any request.

    Args:
        annotations: What was given as annotations.

    Raises:
        TypeError: if ``annotations`` is a single dict, a string or bytes, or not
            iterable.
        ValueError: if it is an empty collection.
    """
    if isinstance(annotations, (Mapping, str, bytes, bytearray)) or not isinstance(
        annotations, Iterable
    ):
        single = "a single " if isinstance(annotations, Mapping) else ""
        raise TypeError(
            "annotations must be an iterable of annotation dicts (or a URL or path), "
            f"found {single}{type(annotations).__name__}"
        )
    if isinstance(annotations, Sized) and len(annotations) == 0:
        raise ValueError("annotations cannot be empty")


def spool_objects(
    annotations: Iterable[MALPrediction | Mapping[str, Any]],
    spool: Spool,
    validator: AnnotationValidator | None,
) -> int:
    """Validates (when ``validator``) and writes each annotation as an NDJSON line
    (lines joined by a newline, none after the last, as labelbox 2.6 wrote them).

    Args:
        annotations: The annotations, one dict per line.
        spool: Where the NDJSON is written.
        validator: The validator, or None to skip validation.

    Returns:
        How many annotations were written.

    Raises:
        TypeError: if ``annotations`` is a single dict, a string or bytes.
        ValueError: if there are no annotations.
        MALValidationError / UuidError: if an annotation is invalid (validator given).
        TypeError: an annotation cannot be written as JSON (no validator given).
    """
    check_iterable(annotations)
    count = 0
    encode = _ENCODER.encode
    for line, annotation in enumerate(annotations):
        if validator is not None:
            validator.check(annotation, line)
        try:
            text = encode(annotation)
        except (TypeError, ValueError) as exc:
            if validator is not None:
                uid = annotation.get("uuid") if isinstance(annotation, Mapping) else None
                raise InvalidAnnotationError(
                    line, uid if isinstance(uid, str) else None, "annotation", str(exc)
                ) from None
            raise TypeError(f"annotation on line {line} is not JSON-serializable: {exc}") from None
        if line:
            spool.write(b"\n")
        spool.write(text.encode())
        count = line + 1
    if count == 0:
        raise ValueError("annotations cannot be empty")
    return count


def _parsed_lines(lines: Iterable[bytes | str], source: str) -> Iterator[tuple[int, Any]]:
    """(0-based line, parsed JSON) of each non-blank NDJSON line."""
    for line, raw in enumerate(lines):
        if raw.strip():
            yield line, _parsed(raw, line, source)


def _parsed(raw: bytes | str, line: int, source: str) -> Any:
    """The JSON of one NDJSON line (ValueError naming the line if it is not JSON)."""
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ValueError(f"{source} is not a valid ndjson file: line {line}: {exc}") from None


async def validate_file(path: Path, validator: AnnotationValidator) -> int:
    """Validates a local NDJSON file line by line.

    Async only: the file is read in a worker thread.

    Args:
        path: The NDJSON file.
        validator: The validator of the project's ontology.

    Returns:
        How many annotations the file holds.

    Raises:
        ValueError: if a line is not JSON, or the file has no annotations.
        MALValidationError / UuidError: if an annotation is invalid.
    """
    return await run_blocking(functools.partial(_validate_file, path, validator))


def _validate_file(path: Path, validator: AnnotationValidator) -> int:
    with path.open("rb") as stream:
        for line, annotation in _parsed_lines(stream, str(path)):
            validator.check(annotation, line)
    if validator.count == 0:
        raise ValueError(f"{path} has no annotations")
    return validator.count


async def validate_url(url: str, validator: AnnotationValidator, timeout: float) -> int:
    """Downloads the NDJSON at ``url`` as a stream and validates it line by line (no
    copy is kept).

    Args:
        url: The public URL of the NDJSON file.
        validator: The validator of the project's ontology.
        timeout: Seconds to wait for the server (per read).

    Returns:
        How many annotations the file holds.

    Raises:
        ValueError: if ``url`` is not a valid URL, a line is not JSON, or the file has
            no annotations.
        MALValidationError / UuidError: if an annotation is invalid.
        LabelboxError: (NetworkError, TimeoutError) if the download fails.
    """
    import httpx

    shown = _without_query(url)
    try:
        # No API key: the URL is public (and may belong to a third party).
        async with (
            httpx.AsyncClient(timeout=timeout, follow_redirects=True) as http,
            http.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise exceptions.LabelboxError(
                    f"Could not download annotations from {shown}: HTTP {response.status_code}"
                )
            line = -1
            async for raw in response.aiter_lines():
                line += 1
                if raw.strip():
                    validator.check(_parsed(raw, line, shown), line)
    except httpx.TimeoutException as exc:
        raise exceptions.TimeoutError(f"Download of {shown} timed out: {exc}", exc) from exc
    except httpx.HTTPError as exc:
        raise exceptions.NetworkError(exc) from exc
    except httpx.InvalidURL as exc:
        raise ValueError(f"Invalid annotations URL {shown}: {exc}") from None
    if validator.count == 0:
        raise ValueError(f"{shown} has no annotations")
    return validator.count


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" + ("?…" if parts.query else "")
