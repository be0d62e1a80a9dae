"""Sources of an annotation import (model-assisted labeling), read in bounded memory.

- an iterable of dicts (a list or a generator): validated one by one while being
  written as NDJSON (byte for byte as labelbox 2.6 wrote it) to a spool (in memory up
  to ``SPOOL_MEMORY_LIMIT``, then a temporary file), which is then uploaded as the
  multipart file part (the spool and the NDJSON helpers:
  :mod:`labelbox.schema.annotation_ndjson`, shared by both clients);
- a local NDJSON file: validated line by line, then uploaded from the file itself;
- a public URL: downloaded as a stream and validated line by line (nothing kept),
  then the server is given the URL.

Validation always completes before the upload request starts, so an invalid
annotation means nothing is uploaded.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from labelbox import exceptions
from labelbox._async._concurrency import run_blocking
from labelbox.schema.annotation_ndjson import check_file_lines, parse_line, without_query
from labelbox.schema.annotation_validation import AnnotationValidator, OntologyIndex

if TYPE_CHECKING:
    from labelbox._async.client import AsyncClient


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
    return await run_blocking(functools.partial(check_file_lines, path, validator))


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

    shown = without_query(url)
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
                    validator.check(parse_line(raw, line, shown), line)
    except httpx.TimeoutException as exc:
        raise exceptions.TimeoutError(f"Download of {shown} timed out: {exc}", exc) from exc
    except httpx.HTTPError as exc:
        raise exceptions.NetworkError(exc) from exc
    except httpx.InvalidURL as exc:
        raise ValueError(f"Invalid annotations URL {shown}: {exc}") from None
    if validator.count == 0:
        raise ValueError(f"{shown} has no annotations")
    return validator.count
