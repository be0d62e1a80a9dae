"""The installed package version (read lazily: importlib.metadata is slow to import)."""

import functools


@functools.cache
def version() -> str:
    """The installed version of the ``labelbox`` distribution."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("labelbox")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"
