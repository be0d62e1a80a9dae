"""A local Labelbox-compatible GraphQL server executing ``schema.graphql`` on SQLite.

``Emulator`` starts it on a free loopback port, with the options of an
``EmulatorConfig``; ``OrgCredentials`` describes an emulated organization. Server
dependencies are imported only when a server starts.

Layout: ``config`` (options) → ``server``/``cli`` (start it) → ``wiring`` (joins the
layers) → ``app`` (HTTP) → ``executor`` (GraphQL) → ``resolvers`` (thin adapters) →
``domain`` (what operations do) → ``state`` / ``store`` / ``where`` (storage, the only
SQL); ``entities`` is the table of per-entity facts, ``model`` what the schema says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import EmulatorConfig
    from .credentials import OrgCredentials
    from .server import Emulator

__all__ = ["Emulator", "EmulatorConfig", "OrgCredentials"]


def __getattr__(name: str) -> Any:
    """Import ``Emulator``, ``EmulatorConfig`` and ``OrgCredentials`` lazily."""
    if name == "Emulator":
        from .server import Emulator

        return Emulator
    if name == "EmulatorConfig":
        from .config import EmulatorConfig

        return EmulatorConfig
    if name == "OrgCredentials":
        from .credentials import OrgCredentials

        return OrgCredentials
    raise AttributeError(name)
