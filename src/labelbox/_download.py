"""Streaming a (signed) file URL the server handed out to a local file, with an optional
progress bar: export payloads can be large, so nothing is held in memory whole."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from labelbox import exceptions
from labelbox._progress import _Bar, progress_bar
from labelbox._retry import Attempt, decide

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

    from labelbox._transport import _public_url, _ssl_context, _warn_if_plaintext

    target = Path(path)
    shown = _public_url(url)
    if url.startswith("http://"):
        _warn_if_plaintext(url)
    policy = transport.policy
    end = None if policy.deadline is None else time.monotonic() + policy.deadline
    retries = 0
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    temp = Path(temp_name)
    try:
        with (
            os.fdopen(fd, "wb") as out,
            progress_bar(show_progress, total=None, desc=desc, unit="B", unit_scale=True) as bar,
            httpx.Client(
                timeout=transport.timeout, follow_redirects=True, verify=_ssl_context()
            ) as http,
        ):
            while True:
                out.seek(0)
                out.truncate()
                attempt = _stream(http, url, out, bar)
                if attempt.problem is None and attempt.status == 200:
                    break
                decision = decide(
                    attempt,
                    repeatable=True,
                    retries_done=retries,
                    policy=policy,
                    remaining=None if end is None else end - time.monotonic(),
                )
                if not decision.retry:
                    raise _error(attempt, shown, retries)
                retries += 1
                time.sleep(decision.delay)
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target


def _stream(http: httpx.Client, url: str, out: BinaryIO, bar: _Bar) -> Attempt:
    """One GET of ``url`` written to ``out``, as an :class:`Attempt` (body None)."""
    import httpx

    from labelbox._transport import _describe

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
                    200, headers, problem="timeout", detail=_describe(exc, "no data in time")
                )
            except httpx.DecodingError as exc:
                return Attempt(
                    200, headers, problem="undecodable", detail=_describe(exc, "undecodable")
                )
            except (httpx.HTTPError, httpx.StreamError) as exc:
                return Attempt(
                    200, headers, problem="truncated", detail=_describe(exc, "cut short")
                )
            return Attempt(200, headers)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        return Attempt(problem="not_sent", detail=_describe(exc, "could not connect"))
    except httpx.TimeoutException as exc:
        return Attempt(problem="timeout", detail=_describe(exc, "no answer in time"))
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
        return Attempt(problem="invalid_url", detail=_describe(exc, "invalid URL"))
    except httpx.HTTPError as exc:
        return Attempt(problem="no_response", detail=_describe(exc, "connection lost"))


def _error(attempt: Attempt, shown: str, retries: int) -> exceptions.LabelboxError:
    """The documented exception for a download that failed for good."""
    error: exceptions.LabelboxError
    if attempt.problem == "timeout":
        error = exceptions.TimeoutError(f"Download of {shown} timed out")
    elif attempt.problem in ("not_sent", "no_response", "invalid_url"):
        error = exceptions.NetworkError(ConnectionError(f"{attempt.detail} ({shown})"))
    elif attempt.problem is not None:
        error = exceptions.LabelboxError(f"Download of {shown} failed: {attempt.detail}")
    else:
        error = exceptions.LabelboxError(f"Download of {shown} failed with HTTP {attempt.status}")
    error.status = attempt.status
    error.request_id = attempt.request_id
    error.retries = retries
    return error
