"""Pulled schemas and their lock records: where and when a schema came from.

Light on purpose (no graphql-core): ``labelbox.Client(pulled_schema=...)`` reads a pulled
schema through :func:`read_pulled` without loading the rest of the schema tool.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

#: Suffix of the lock record written next to a pulled schema.
LOCK_SUFFIX = ".lock.json"


class PulledSchemaError(ValueError):
    """A pulled schema cannot be used: missing, edited since the pull, or from another
    endpoint (one-line message naming the file)."""


@dataclass(frozen=True)
class LockRecord:
    """Where and when a pulled schema came from, and the digest of its SDL.

    Attributes:
        endpoint: the introspected URL without credentials or query string.
        date: UTC date of the pull (``YYYY-MM-DD``).
        sha256: hex digest of the written SDL file's bytes.
    """

    endpoint: str
    date: str
    sha256: str


def public_endpoint(endpoint: str) -> str:
    """An endpoint that is safe to show and store.

    Args:
        endpoint: A URL, possibly with user info, a query string or a fragment.

    Returns:
        ``endpoint`` without user info, query string or fragment.
    """
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"{host}:{port}" if port is not None else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def lock_path(sdl_path: Path) -> Path:
    """Where the lock record of a pulled schema is kept.

    Args:
        sdl_path: The SDL file, e.g. ``schema.graphql``.

    Returns:
        The lock record's path next to it (``schema.graphql.lock.json``).
    """
    return sdl_path.with_name(sdl_path.name + LOCK_SUFFIX)


def write_pulled(sdl: str, path: Path, endpoint: str) -> LockRecord:
    """Writes a pulled schema and its lock record beside it.

    Args:
        sdl: The SDL text (a final newline is added).
        path: Where to write it.
        endpoint: Where it was pulled from (stored without credentials).

    Returns:
        The lock record written.
    """
    content = (sdl + "\n").encode("utf-8")
    path.write_bytes(content)
    record = LockRecord(
        endpoint=public_endpoint(endpoint),
        date=datetime.now(timezone.utc).date().isoformat(),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    lock_path(path).write_text(json.dumps(asdict(record), indent=2) + "\n", encoding="utf-8")
    return record


def read_pulled(path: str | os.PathLike[str], endpoint: str | None = None) -> str:
    """The SDL of a schema ``labelbox-schema pull`` wrote, checked against its lock record.

    Args:
        path: The pulled SDL file (its lock record lies beside it).
        endpoint: When given, the schema must have been pulled from this endpoint.

    Returns:
        The SDL text.

    Raises:
        PulledSchemaError: the file or its lock record is missing or unreadable, the file
            changed since the pull, or it was pulled from another endpoint.
    """
    sdl_path = Path(path)
    try:
        content = sdl_path.read_bytes()
        record = LockRecord(**json.loads(lock_path(sdl_path).read_text(encoding="utf-8")))
    except OSError as exc:
        raise PulledSchemaError(
            f"cannot read the pulled schema {sdl_path} or its lock record "
            f"{lock_path(sdl_path).name}: {exc.strerror or exc}"
        ) from None
    except (ValueError, TypeError):
        raise PulledSchemaError(f"{lock_path(sdl_path)} is not a lock record") from None
    if hashlib.sha256(content).hexdigest() != record.sha256:
        raise PulledSchemaError(
            f"{sdl_path} changed since it was pulled (its digest differs from "
            f"{lock_path(sdl_path).name}); pull it again with labelbox-schema pull"
        )
    if endpoint is not None and public_endpoint(endpoint) != record.endpoint:
        raise PulledSchemaError(
            f"{sdl_path} was pulled from {record.endpoint}, not from "
            f"{public_endpoint(endpoint)}: a schema attests the type names of its own endpoint"
        )
    return content.decode("utf-8")
