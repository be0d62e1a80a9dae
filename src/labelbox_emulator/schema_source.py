"""Locating the GraphQL schema the emulator executes."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def schema_text() -> str:
    """Return the SDL text of the Labelbox schema.

    Prefers ``labelbox_gen/schema.graphql`` (shipped with the generated client) and
    falls back to the repository-root ``schema.graphql`` next to the ``src`` folder.
    """
    try:
        packaged = resources.files("labelbox_gen") / "schema.graphql"
        if packaged.is_file():
            return packaged.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    repo_copy = Path(__file__).resolve().parents[2] / "schema.graphql"
    return repo_copy.read_text(encoding="utf-8")
