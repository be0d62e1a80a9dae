"""A local Labelbox-compatible GraphQL server executing ``schema.graphql`` on SQLite.

``Emulator`` starts it on a free loopback port; ``OrgCredentials`` describes an
emulated organization. Server dependencies are imported only when a server starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .credentials import OrgCredentials
    from .server import Emulator

__all__ = ["Emulator", "OrgCredentials"]


def __getattr__(name: str) -> Any:
    """Import ``Emulator`` and ``OrgCredentials`` lazily."""
    if name == "Emulator":
        from .server import Emulator

        return Emulator
    if name == "OrgCredentials":
        from .credentials import OrgCredentials

        return OrgCredentials
    raise AttributeError(name)
