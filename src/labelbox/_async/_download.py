"""Streaming a (signed) file URL the server handed out to a local file, with an optional
progress bar: export payloads can be large, so nothing is held in memory whole."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from labelbox._async._concurrency import run_blocking, run_blocking_to_end
from labelbox._async._http.drive import drive
from labelbox._async._http.exchange import describe
from labelbox._async._progress import _Bar, progress_bar
from labelbox._http.auth import public_url, warn_if_plaintext
from labelbox._http.environment import pending_ca_load, ssl_context
from labelbox._http.errors import download_error
from labelbox._http.loop import RequestLoop, download_succeeded
from labelbox._retry import Attempt

if TYPE_CHECKING:
    import httpx

    from labelbox._async._transport import AsyncTransport
    from labelbox._http.loop import Outcome

_CHUNK = 1 << 16


async def download_to_file(
    transport: AsyncTransport,
    url: str,
    path: str | os.PathLike[str],
    *,
    show_progress: bool = False,
    desc: str = "Downloading",
) -> Path:
    """Streams ``url`` (no API key sent) into ``path`` and returns it as a ``Path``.

    Written to a temporary file beside ``path`` and renamed into place only when
    complete: an interrupted download never leaves a truncated file at ``path``.
    Retried like a query (connection errors, timeouts, 408/429/5xx) under the
    transport's policy; a retry starts the file again.

    Async only: the file is created, written, renamed or removed in worker threads (the
    event loop never waits on the disk), and the TLS context's CAs load in one.

    Raises:
        labelbox.exceptions.TimeoutError: If no data arrived within the timeout.
        labelbox.exceptions.NetworkError: If the server could not be reached.
        labelbox.exceptions.LabelboxError: If the server answered with an error status.
        OSError: If ``path`` cannot be written.
    """
    target = Path(path)
    shown = public_url(url)
    if url.startswith("http://"):
        warn_if_plaintext(url)
    loop = RequestLoop(transport.policy, rng=transport._rng, succeeded=download_succeeded)
    load_cas = pending_ca_load() if url.startswith("https:") else None
    if load_cas is not None:  # once per process, off the event loop (async)
        await run_blocking(load_cas)
    fd, temp_name = await run_blocking(
        functools.partial(
            tempfile.mkstemp, prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    )
    temp = Path(temp_name)
    try:
        with (
            os.fdopen(fd, "wb", buffering=0) as out,  # closing it flushes nothing
            progress_bar(show_progress, total=None, desc=desc, unit="B", unit_scale=True) as bar,
        ):
            outcome = await _fetch(transport, loop, url, out, bar)
        if not outcome.succeeded:
            raise download_error(outcome, shown)
        await run_blocking(functools.partial(temp.replace, target))
    except BaseException:
        # Waited for even by a cancelled task: no partial file is left behind.
        with contextlib.suppress(OSError):
            await run_blocking_to_end(temp.unlink)
        raise
    return target


async def _fetch(
    transport: AsyncTransport, loop: RequestLoop, url: str, out: BinaryIO, bar: _Bar
) -> Outcome:
    """Runs the download's request loop over a client of its own (no API key, redirects
    followed)."""
    import httpx

    async with httpx.AsyncClient(
        timeout=transport.timeout, follow_redirects=True, verify=ssl_context()
    ) as http:
        return await drive(loop, lambda step: _stream(http, url, out, bar))


def _restart(out: BinaryIO) -> None:
    """Empties ``out`` for a new attempt."""
    out.seek(0)
    out.truncate()


async def _stream(http: httpx.AsyncClient, url: str, out: BinaryIO, bar: _Bar) -> Attempt:
    """One GET of ``url`` written to ``out`` from its start (a retry starts the file
    again), as an :class:`Attempt` (body None)."""
    import httpx

    await run_blocking(functools.partial(_restart, out))
    try:
        async with http.stream("GET", url) as response:
            headers = {key.lower(): value for key, value in response.headers.items()}
            if response.status_code != 200:
                await response.aread()
                return Attempt(status=response.status_code, headers=headers)
            length = headers.get("content-length", "")
            bar.reset(int(length) if length.isdigit() else None)
            try:
                async for chunk in response.aiter_bytes(_CHUNK):
                    await run_blocking(functools.partial(out.write, chunk))
                    bar.update_to(response.num_bytes_downloaded)
            except httpx.TimeoutException as exc:
                return Attempt(
                    200, headers, problem="timeout", detail=describe(exc, "no data in time")
                )
            except httpx.DecodingError as exc:
                return Attempt(
                    200, headers, problem="undecodable", detail=describe(exc, "undecodable")
                )
            except (httpx.HTTPError, httpx.StreamError) as exc:
                return Attempt(200, headers, problem="truncated", detail=describe(exc, "cut short"))
            return Attempt(200, headers)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        return Attempt(problem="not_sent", detail=describe(exc, "could not connect"))
    except httpx.TimeoutException as exc:
        return Attempt(problem="timeout", detail=describe(exc, "no answer in time"))
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
        return Attempt(problem="invalid_url", detail=describe(exc, "invalid URL"))
    except httpx.HTTPError as exc:
        return Attempt(problem="no_response", detail=describe(exc, "connection lost"))
