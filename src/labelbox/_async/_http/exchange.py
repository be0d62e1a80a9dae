"""One HTTP exchange, captured as an :class:`labelbox._retry.Attempt`: the request
sent, the whole answer read, and every failure on the way named as a ``Problem``
(no httpx exception escapes, so none can reach a raised error)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from labelbox._http.decode import parse
from labelbox._retry import Attempt, Problem

if TYPE_CHECKING:
    import httpx

_HTTPX_LOG = logging.getLogger("httpx")


async def send(
    http: httpx.AsyncClient,
    request: httpx.Request,
    *,
    expect_json: bool = True,
    direct: httpx.AsyncBaseTransport | None = None,
) -> Attempt:
    """Sends ``request`` and reads the whole answer into an :class:`Attempt`."""
    import httpx

    problem: Problem | None = None
    detail = ""
    response: httpx.Response | None = None
    try:
        if direct is None:
            response = await http.send(request, stream=True)
        else:
            # The SDK's own pool (no auth flow, hooks, redirects or proxies to apply):
            # its transport directly, without httpx.AsyncClient.send's per-request work
            # (~15 % of a request's CPU, most of it storing cookies, which the API
            # does not use; the classic client kept none either).
            response = await direct.handle_async_request(request)
            response.request = request
            if _HTTPX_LOG.isEnabledFor(logging.INFO):  # the line httpx.AsyncClient logs
                _HTTPX_LOG.info(
                    'HTTP Request: %s %s "%s %d %s"',
                    request.method,
                    request.url,
                    response.http_version,
                    response.status_code,
                    response.reason_phrase,
                )
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        problem, detail = "not_sent", describe(exc, "could not connect")
    except (httpx.WriteError, httpx.WriteTimeout) as exc:
        # The request never reached the server whole: it cannot have been processed.
        problem, detail = "not_sent", describe(exc, "could not send the request")
    except httpx.TimeoutException as exc:
        problem, detail = "timeout", describe(exc, "no answer within the timeout")
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        problem, detail = "invalid_url", describe(exc, "invalid URL")
    except httpx.TransportError as exc:
        problem, detail = "no_response", describe(exc, "connection lost after sending")
    except httpx.HTTPError as exc:  # e.g. a redirect loop of a caller's client
        problem, detail = "no_response", describe(exc, "HTTP error")
    if response is None:
        return Attempt(problem=problem or "no_response", detail=detail)
    headers = {key.lower(): value for key, value in response.headers.items()}
    content = b""
    try:
        content = await response.aread()
    except httpx.DecodingError as exc:
        problem, detail = "undecodable", describe(exc, "the answer could not be decoded")
    except httpx.TimeoutException as exc:
        problem, detail = "timeout", describe(exc, "the answer did not arrive in time")
    except (httpx.HTTPError, httpx.StreamError) as exc:
        problem, detail = "truncated", describe(exc, "the answer was cut short")
    finally:
        await response.aclose()
    status = response.status_code
    if problem is not None:
        return Attempt(status=status, headers=headers, problem=problem, detail=detail)
    if not expect_json:
        return Attempt(status=status, headers=headers, body=content)
    return parse(status, headers, content)


def describe(exc: BaseException, fallback: str) -> str:
    """A one-line description of a transport error without its request or URL."""
    text = str(exc).strip()
    return f"{fallback}: {type(exc).__name__}" + (f" ({text})" if text else "")
