"""Schemas on disk: reading SDL files (or the bundled schema), writing deterministic SDL
and the lock record that says where and when a pulled schema came from."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from graphql import GraphQLError, GraphQLSchema, build_schema, lexicographic_sort_schema
from graphql import print_schema as _print_schema

from labelbox.schema_tool.introspect import public_endpoint
from labelbox.schema_tool.sdk import bundled_schema_sdl

#: The word that names the schema the SDK was generated from, wherever a file is expected.
BUNDLED = "bundled"
#: Suffix of the lock record written next to a pulled schema.
LOCK_SUFFIX = ".lock.json"


class SchemaFileError(Exception):
    """An SDL file could not be read or is not a valid schema (one-line message)."""


def read_sdl(source: str) -> str:
    """Reads SDL text.

    Args:
        source: A file path, or :data:`BUNDLED` for the schema the SDK was built from.

    Returns:
        The SDL text.

    Raises:
        SchemaFileError: if the file cannot be read.
    """
    if source == BUNDLED:
        return bundled_schema_sdl()
    try:
        return Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise SchemaFileError(f"cannot read {source}: {exc.strerror or exc}") from None


def load_schema(source: str) -> GraphQLSchema:
    """Builds the schema of ``source``.

    Args:
        source: A file path, or :data:`BUNDLED` for the schema the SDK was built from.

    Returns:
        The schema.

    Raises:
        SchemaFileError: if the file cannot be read or is not valid SDL.
    """
    sdl = read_sdl(source)
    try:
        return build_schema(sdl)
    except (GraphQLError, TypeError) as exc:
        detail = " ".join(str(exc).split())
        raise SchemaFileError(f"{source} is not a valid GraphQL schema: {detail}") from None


def print_sdl(schema: GraphQLSchema) -> str:
    """Prints a schema as deterministic SDL.

    Args:
        schema: The schema.

    Returns:
        SDL with types, fields, arguments and values sorted by name.
    """
    return _print_schema(lexicographic_sort_schema(schema))


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
