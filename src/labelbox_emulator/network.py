"""Network realism on demand: a fixed latency added to every API response."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.middleware import Middleware
    from starlette.types import ASGIApp, Receive, Scope, Send

#: Control endpoints of the emulator itself (health, reset, …) answer without latency;
#: the API (``/graphql``) and the files it hands out (``/_emulator/files/``) do not.
_CONTROL_PREFIX = "/_emulator/"
_FILES_PREFIX = "/_emulator/files/"


class LatencyMiddleware:
    """ASGI middleware delaying every API response by ``seconds``."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        """Wrap ``app``."""
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Sleep ``seconds`` (without blocking other requests), then answer."""
        path = str(scope.get("path", ""))
        control = path.startswith(_CONTROL_PREFIX) and not path.startswith(_FILES_PREFIX)
        if scope["type"] == "http" and self.seconds > 0 and not control:
            await asyncio.sleep(self.seconds)
        await self.app(scope, receive, send)


def latency_middleware(seconds: float) -> list[Middleware]:
    """The Starlette middleware list adding ``seconds`` to every API response."""
    from starlette.middleware import Middleware

    if seconds <= 0:
        return []
    options: Any = {"seconds": seconds}
    return [Middleware(LatencyMiddleware, **options)]
