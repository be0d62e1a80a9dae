"""NDJSON of annotations, read and written without I/O of a client: the spool an
iterable of annotations is written to, the local checks of such an iterable, and the
parsing and checking of NDJSON lines. Shared by the sync and the async facade
(:mod:`labelbox.schema.annotation_import` and its async source)."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sized
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from labelbox.schema.annotation_validation import AnnotationValidator, InvalidAnnotationError

if TYPE_CHECKING:
    from labelbox.schema.annotation_types import MALPrediction

#: Bytes of NDJSON an iterable may take in memory before spilling to a temporary file.
SPOOL_MEMORY_LIMIT = 8 * 1024 * 1024

#: labelbox 2.6's serialization (``ndjson.dumps``: ``json.dumps`` of each line, default
#: separators and ASCII escapes, lines joined by ``\n``), so the uploaded bytes are the
#: same; NaN and infinities are refused (they are not JSON).
_ENCODER = json.JSONEncoder(allow_nan=False)


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


def parsed_lines(lines: Iterable[bytes | str], source: str) -> Iterator[tuple[int, Any]]:
    """(0-based line, parsed JSON) of each non-blank NDJSON line."""
    for line, raw in enumerate(lines):
        if raw.strip():
            yield line, parse_line(raw, line, source)


def parse_line(raw: bytes | str, line: int, source: str) -> Any:
    """The JSON of one NDJSON line (ValueError naming the line if it is not JSON)."""
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ValueError(f"{source} is not a valid ndjson file: line {line}: {exc}") from None


def check_file_lines(path: Path, validator: AnnotationValidator) -> int:
    """Checks each annotation of the NDJSON file at ``path`` with ``validator``; how
    many it holds (ValueError if a line is not JSON or there are none)."""
    with path.open("rb") as stream:
        for line, annotation in parsed_lines(stream, str(path)):
            validator.check(annotation, line)
    if validator.count == 0:
        raise ValueError(f"{path} has no annotations")
    return validator.count


def without_query(url: str) -> str:
    """``url`` as it may be shown in a message: its query (perhaps a signature) hidden."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" + ("?…" if parts.query else "")
