"""The ``x-request-id`` header of every emulator answer, as the real server sends one.

:class:`RequestIds` wraps the app and numbers its answers ``emu-r<n>``; an outer layer
(the fault injector, whose events name its own ``emu-<n>``) replaces the header with
:func:`tagging`. Plain ASGI, no dependency: both layers import it.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]


def tagging(send: Send, request_id: str) -> Send:
    """``send`` setting the response start's ``x-request-id`` header to ``request_id``
    (replacing any the app set)."""
    header = (b"x-request-id", request_id.encode())

    async def tagged(message: Message) -> None:
        if message["type"] == "http.response.start":
            kept = [h for h in message.get("headers", []) if h[0].lower() != b"x-request-id"]
            message = {**message, "headers": [*kept, header]}
        await send(message)

    return tagged


class RequestIds:
    """ASGI wrapper giving every HTTP answer an ``x-request-id`` header (``emu-r<n>``):
    GraphQL answers, errors, files, control routes, 404s."""

    def __init__(self, app: ASGI) -> None:
        """Wrap ``app``."""
        self.app = app
        self._ids = itertools.count(1)  # next() is atomic under the GIL

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer with ``app``, tagging the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, tagging(send, f"emu-r{next(self._ids)}"))
