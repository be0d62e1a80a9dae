"""The one place that talks HTTP: auth header, pooled keep-alive connection, timeouts,
retries and the mapping of every failure to a ``labelbox.exceptions`` type."""

from __future__ import annotations

import json
import logging
import random
import socket
import time
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from labelbox import exceptions

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger("labelbox")

FilePart = tuple[str, IO[bytes], str]

#: HTTP statuses worth another try: the request did not reach a healthy server.
RETRYABLE_STATUSES = frozenset({408, 429, 502, 503, 504})
_MAX_RETRY_AFTER = 60.0


class Transport:
    """Sends GraphQL operations over one pooled ``httpx.Client``.

    Implements ``labelbox_gen.base_client.GraphQLTransport``. Never logs or shows the
    API key: it lives only in the client's default headers.
    """

    def __init__(
        self,
        api_key: str,
        endpoint: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 2,
        http_client: httpx.Client | None = None,
    ) -> None:
        # httpx and pydantic-core load here, not at `import labelbox` (import time).
        import httpx

        from labelbox._version import version

        self.endpoint = endpoint
        self.timeout = timeout
        self.max_retries = max_retries
        self._http = http_client or httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            # TCP_NODELAY: httpcore writes a POST's headers and body separately; with
            # Nagle on, a kept-alive connection waits ~40 ms for a delayed ACK per call.
            transport=httpx.HTTPTransport(
                limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
                socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
            ),
        )
        self._http.headers.update(
            {
                "Authorization": f"Bearer {api_key}",
                "Accept": "application/json",
                "X-User-Agent": f"labelbox-typed-python {version()}",
            }
        )

    def __repr__(self) -> str:
        return f"Transport(endpoint={self.endpoint!r})"

    def close(self) -> None:
        """Closes the pooled connections."""
        self._http.close()

    # -- GraphQLTransport -------------------------------------------------------------
    def send(
        self,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        files: dict[str, FilePart] | None = None,
        files_map: dict[str, list[str]] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """Sends one operation; returns ``data`` or raises a ``LabelboxError``
        (``SchemaMismatchError`` when the server finds the SDK's operation invalid)."""
        body = self.post(
            query,
            variables,
            operation_name,
            files,
            files_map,
            options.get("timeout"),
            sdk_operation=True,
        )
        data = body.get("data")
        if not isinstance(data, dict):
            raise exceptions.LabelboxError(f"Response to {operation_name or 'query'} has no data")
        return data

    # -- raw access (Client.execute) ----------------------------------------------------
    def post(
        self,
        query: str,
        variables: Mapping[str, Any] | None,
        operation_name: str | None = None,
        files: dict[str, FilePart] | None = None,
        files_map: dict[str, list[str]] | None = None,
        timeout: float | None = None,
        *,
        sdk_operation: bool = False,
    ) -> dict[str, Any]:
        """POSTs a GraphQL request (JSON, or multipart with ``files``) and returns the
        decoded body after mapping ``errors`` to exceptions. Retries what is safe.

        ``sdk_operation``: the query is one of the SDK's generated operations, so a
        validation failure means the SDK and the server's schema disagree."""
        import httpx
        from pydantic_core import to_jsonable_python

        if self._http.is_closed:
            raise exceptions.LabelboxError("The client is closed; create a new Client")
        # Datetimes, enums and models as JSON values (ISO strings, enum values).
        payload: dict[str, Any] = {"query": query, "variables": to_jsonable_python(variables or {})}
        if operation_name:
            payload["operationName"] = operation_name
        attempt = 0
        while True:
            started = time.perf_counter()
            try:
                response = self._request(payload, files, files_map, timeout)
            except httpx.TimeoutException as exc:
                raise exceptions.TimeoutError(
                    f"No response within the timeout: {exc}", exc
                ) from exc
            except httpx.InvalidURL as exc:
                raise exceptions.NetworkError(exc) from exc
            except httpx.TransportError as exc:
                if attempt < self.max_retries and _rewind(files):
                    attempt += 1
                    self._sleep(attempt, None)
                    continue
                raise exceptions.NetworkError(exc) from exc
            logger.debug(
                "%s -> HTTP %s in %.1f ms",
                operation_name or "query",
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            try:
                return _decode(response, operation_name if sdk_operation else None, self.endpoint)
            except (exceptions.InternalServerError, exceptions.ApiLimitError) as exc:
                retryable = response.status_code in RETRYABLE_STATUSES or isinstance(
                    exc, exceptions.InternalServerError
                )
                if retryable and attempt < self.max_retries and _rewind(files):
                    attempt += 1
                    self._sleep(attempt, response.headers.get("retry-after"))
                    continue
                raise

    def _request(
        self,
        payload: dict[str, Any],
        files: dict[str, FilePart] | None,
        files_map: dict[str, list[str]] | None,
        timeout: float | None,
    ) -> httpx.Response:
        import httpx

        extra: dict[str, Any] = {}
        if timeout is not None:
            extra["timeout"] = httpx.Timeout(timeout, connect=min(timeout, 10.0))
        if files:
            form = {"operations": json.dumps(payload), "map": json.dumps(files_map or {})}
            return self._http.post(self.endpoint, data=form, files=files, **extra)
        return self._http.post(self.endpoint, json=payload, **extra)

    def _sleep(self, attempt: int, retry_after: str | None) -> None:
        delay = min(0.5 * 2 ** (attempt - 1), 8.0) * (1 - 0.25 * random.random())
        if retry_after and retry_after.replace(".", "", 1).isdigit():
            delay = min(float(retry_after), _MAX_RETRY_AFTER)
        logger.info("Retrying request (attempt %d) in %.2f s", attempt + 1, delay)
        time.sleep(delay)

    def get(self, url: str, timeout: float | None = None) -> bytes:
        """Downloads a (signed) file URL the server handed out; no API key is sent."""
        import httpx

        try:
            response = httpx.get(url, timeout=timeout or self.timeout, follow_redirects=True)
        except httpx.TimeoutException as exc:
            raise exceptions.TimeoutError(f"Download timed out: {exc}", exc) from exc
        except httpx.InvalidURL as exc:
            raise exceptions.NetworkError(exc) from exc
        except httpx.TransportError as exc:
            raise exceptions.NetworkError(exc) from exc
        if response.status_code != 200:
            raise exceptions.LabelboxError(f"Download failed with HTTP {response.status_code}")
        return response.content


def _rewind(files: dict[str, FilePart] | None) -> bool:
    """Makes file parts readable again for a retry; False when a stream cannot rewind."""
    for _, stream, _ in (files or {}).values():
        if not stream.seekable():
            return False
        stream.seek(0)
    return True


def _decode(
    response: httpx.Response, sdk_operation: str | None = None, endpoint: str = ""
) -> dict[str, Any]:
    """Maps a response to its JSON body or to the documented exception."""
    try:
        body = response.json()
    except ValueError:
        text = response.text
        if response.status_code in (502, 503, 504) or "upstream connect error" in text:
            raise exceptions.InternalServerError(
                f"{response.status_code} {response.reason_phrase}"
            ) from None
        raise exceptions.LabelboxError(
            f"Failed to parse response as JSON (HTTP {response.status_code})"
        ) from None
    if not isinstance(body, dict):
        raise exceptions.LabelboxError("Response is not a JSON object")
    message = body.get("message")
    if response.status_code == 429 or (
        isinstance(message, str) and message.startswith("You have exceeded")
    ):
        raise exceptions.ApiLimitError(str(message or "API rate limit exceeded"))
    errors = body.get("errors") or []
    if errors:
        _raise_for_errors(errors, sdk_operation, endpoint, response.status_code)
    if response.status_code != 200:
        raise exceptions.LabelboxError(f"{response.status_code} {response.reason_phrase}", None)
    return body


def _code(error: Any) -> str | None:
    if isinstance(error, dict):
        ext = error.get("extensions")
        if isinstance(ext, dict) and isinstance(ext.get("code"), str):
            return str(ext["code"])
    return None


def _public_url(url: str) -> str:
    """``url`` without user info, query string or fragment (safe in a message)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))


def _validation_messages(errors: list[Any], status: int) -> list[str]:
    """Messages of the errors saying the document does not fit the server's schema:
    GRAPHQL_VALIDATION_FAILED (except the complexity limit), or uncoded errors of an
    HTTP 400 (servers without error codes)."""
    uncoded = status == 400 and all(_code(e) is None for e in errors)
    found: list[str] = []
    for error in errors:
        text = str(error.get("message", "")) if isinstance(error, dict) else str(error)
        validation = uncoded or _code(error) == "GRAPHQL_VALIDATION_FAILED"
        if validation and not text.startswith("Query complexity limit exceeded"):
            found.append(text)
    return found


def _raise_for_errors(
    errors: list[Any], sdk_operation: str | None = None, endpoint: str = "", status: int = 200
) -> None:
    """Raises the exception of the most significant GraphQL error, as the classic client
    ranks them; a validation failure of an SDK operation (``sdk_operation``) raises
    ``SchemaMismatchError``."""
    by_code: dict[str | None, dict[str, Any]] = {}
    for error in errors:
        by_code.setdefault(_code(error), error if isinstance(error, dict) else {})

    def message(code: str | None) -> str:
        return str(by_code[code].get("message", code))

    if "AUTHENTICATION_ERROR" in by_code:
        raise exceptions.AuthenticationError("Invalid API key")
    if "AUTHORIZATION_ERROR" in by_code:
        raise exceptions.AuthorizationError(message("AUTHORIZATION_ERROR"))
    mismatch = _validation_messages(errors, status) if sdk_operation else []
    if sdk_operation and mismatch:
        raise exceptions.SchemaMismatchError(
            sdk_operation, "; ".join(mismatch), _public_url(endpoint)
        )
    if "GRAPHQL_VALIDATION_FAILED" in by_code:
        text = message("GRAPHQL_VALIDATION_FAILED")
        if text == "Query complexity limit exceeded":
            raise exceptions.ValidationFailedError(text)
        raise exceptions.InvalidQueryError(text)
    if "GRAPHQL_PARSE_FAILED" in by_code:
        raise exceptions.InvalidQueryError(message("GRAPHQL_PARSE_FAILED"))
    if "RESOURCE_NOT_FOUND" in by_code:
        raise exceptions.ResourceNotFoundError(None, message("RESOURCE_NOT_FOUND"))
    if "BAD_USER_INPUT" in by_code:
        raise exceptions.InvalidQueryError(message("BAD_USER_INPUT"))
    if "NOT_IMPLEMENTED" in by_code:
        raise exceptions.InvalidQueryError(message("NOT_IMPLEMENTED"))
    if "INTERNAL_SERVER_ERROR" in by_code:
        text = message("INTERNAL_SERVER_ERROR")
        if text.startswith(("Syntax Error", "Invite(s) cannot be sent")):
            raise exceptions.InvalidQueryError(text)
        raise exceptions.InternalServerError(text)
    raise exceptions.LabelboxError(f"Unknown error: {errors!r}")
