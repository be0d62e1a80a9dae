"""Streaming a (signed) file URL the server handed out to a local file, with an optional
progress bar: export payloads can be large, so nothing is held in memory whole."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from labelbox._http.auth import public_url, warn_if_plaintext
from labelbox._http.errors import download_error
from labelbox._http.exchange import describe
from labelbox._http.loop import RequestLoop, download_succeeded, drive
from labelbox._http.pool import ssl_context
from labelbox._progress import _Bar, progress_bar
from labelbox._retry import Attempt

if TYPE_CHECKING:
    import httpx

    from labelbox._transport import Transport

_CHUNK = 1 << 16


def download_to_file(
    transport: Transport,
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

    Raises:
        labelbox.exceptions.TimeoutError: If no data arrived within the timeout.
        labelbox.exceptions.NetworkError: If the server could not be reached.
        labelbox.exceptions.LabelboxError: If the server answered with an error status.
        OSError: If ``path`` cannot be written.
    """
    import httpx

    target = Path(path)
    shown = public_url(url)
    if url.startswith("http://"):
        warn_if_plaintext(url)
    loop = RequestLoop(transport.policy, rng=transport._rng, succeeded=download_succeeded)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    temp = Path(temp_name)
    try:
        with (
            os.fdopen(fd, "wb") as out,
            progress_bar(show_progress, total=None, desc=desc, unit="B", unit_scale=True) as bar,
            httpx.Client(
                timeout=transport.timeout, follow_redirects=True, verify=ssl_context()
            ) as http,
        ):
            outcome = drive(loop, lambda step: _stream(http, url, out, bar))
        if not outcome.succeeded:
            raise download_error(outcome, shown)
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target


def _stream(http: httpx.Client, url: str, out: BinaryIO, bar: _Bar) -> Attempt:
    """One GET of ``url`` written to ``out`` from its start (a retry starts the file
    again), as an :class:`Attempt` (body None)."""
    import httpx

    out.seek(0)
    out.truncate()
    try:
        with http.stream("GET", url) as response:
            headers = {key.lower(): value for key, value in response.headers.items()}
            if response.status_code != 200:
                response.read()
                return Attempt(status=response.status_code, headers=headers)
            length = headers.get("content-length", "")
            bar.reset(int(length) if length.isdigit() else None)
            try:
                for chunk in response.iter_bytes(_CHUNK):
                    out.write(chunk)
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
