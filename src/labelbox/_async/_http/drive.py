"""The driver of the one request loop (:class:`labelbox._http.loop.RequestLoop`): the
only code that carries out its steps -- sends each attempt and sleeps between them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from labelbox._async._concurrency import sleep
from labelbox._http.loop import Outcome, RequestLoop, Send, Sleep
from labelbox._retry import Attempt


async def drive(loop: RequestLoop, attempt: Callable[[Send], Awaitable[Attempt]]) -> Outcome:
    """Runs ``loop``: ``await attempt(step)`` for each :class:`Send`, ``await sleep``
    (:mod:`labelbox._async._concurrency`) for each :class:`Sleep` (the loop's only I/O
    is here)."""
    for step in loop:
        if isinstance(step, Sleep):
            await sleep(step.seconds)
        else:
            step.attempt = await attempt(step)
    return loop.outcome
