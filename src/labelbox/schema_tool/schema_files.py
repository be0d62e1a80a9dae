"""Schemas on disk: reading SDL files (or the bundled schema) and writing deterministic SDL.
Pulled schemas' lock records are in :mod:`labelbox.schema_tool.lock`."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLError, GraphQLSchema, build_schema, lexicographic_sort_schema
from graphql import print_schema as _print_schema

from labelbox.schema_tool.sdk import bundled_schema_sdl

#: The word that names the schema the SDK was generated from, wherever a file is expected.
BUNDLED = "bundled"


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
