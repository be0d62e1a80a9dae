"""The package version: one static string (no importlib.metadata at run time, which
costs milliseconds of the first request). pyproject.toml reads it from here."""

__version__ = "3.0.0a1"


def version() -> str:
    """The version of the ``labelbox`` distribution, e.g. ``"3.0.0a1"``."""
    return __version__
