"""Reading a live server's schema by GraphQL introspection over HTTP.

The API key travels only in the ``Authorization`` header; it is never part of a
message, a log record or a file (messages are scrubbed of it as a last defence).
"""

from __future__ import annotations

from typing import Any

import httpx
from graphql import GraphQLSchema, build_client_schema, get_introspection_query

from labelbox.schema_tool.lock import public_endpoint

#: Seconds to wait for the server (introspection of a large schema can take a while).
DEFAULT_TIMEOUT = 60.0


class IntrospectionError(Exception):
    """The endpoint could not be introspected (network, HTTP or GraphQL failure).

    The message is one line, names the endpoint without credentials, and never
    contains the API key.
    """


def _scrub(text: str, api_key: str | None) -> str:
    one_line = " ".join(text.split())
    return one_line.replace(api_key, "***") if api_key else one_line


def _error_messages(body: Any) -> list[str]:
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list):
        return []
    return [str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors]


def _post(
    http: httpx.Client, endpoint: str, query: str, api_key: str | None
) -> tuple[dict[str, Any] | None, list[str]]:
    """POSTs ``query``; returns ``(data, GraphQL error messages)``.

    Raises IntrospectionError for network failures, non-JSON bodies and HTTP errors
    that carry no GraphQL errors.
    """
    where = public_endpoint(endpoint)
    headers = {"Accept": "application/json", "User-Agent": "labelbox-schema"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    try:
        response = http.post(endpoint, json={"query": query}, headers=headers)
    except httpx.HTTPError as exc:
        detail = _scrub(str(exc) or type(exc).__name__, api_key)
        raise IntrospectionError(f"cannot reach {where}: {detail}") from None
    try:
        body = response.json()
    except ValueError:
        raise IntrospectionError(
            f"{where} answered HTTP {response.status_code} {response.reason_phrase} "
            "without a JSON body"
        ) from None
    messages = _error_messages(body)
    if response.status_code == 401 or response.status_code == 403:
        detail = "; ".join(messages) or response.reason_phrase
        raise IntrospectionError(
            f"{where} refused the API key (HTTP {response.status_code}): {_scrub(detail, api_key)}"
        )
    if response.status_code >= 400 and not messages:
        raise IntrospectionError(
            f"{where} answered HTTP {response.status_code} {response.reason_phrase}"
        )
    data = body.get("data") if isinstance(body, dict) else None
    return (data if isinstance(data, dict) else None), [_scrub(m, api_key) for m in messages]


def fetch_schema(
    endpoint: str, api_key: str | None, *, timeout: float = DEFAULT_TIMEOUT
) -> GraphQLSchema:
    """Introspects ``endpoint`` and builds its schema.

    Sends graphql-core's standard introspection query (with descriptions), asking for
    the schema's own description too and asking again without it when the server
    predates that field.

    Args:
        endpoint: The GraphQL endpoint URL.
        api_key: Sent as ``Authorization: Bearer``; None for a public endpoint. Never
            shown in errors.
        timeout: Seconds to wait for the server.

    Returns:
        The server's schema.

    Raises:
        IntrospectionError: for any network, HTTP or GraphQL failure, or a response
            that is not an introspection result.
    """
    where = public_endpoint(endpoint)
    queries = (
        get_introspection_query(descriptions=True, schema_description=True),
        get_introspection_query(descriptions=True),
    )
    data: dict[str, Any] | None = None
    messages: list[str] = []
    with httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0))) as http:
        for query in queries:
            data, messages = _post(http, endpoint, query, api_key)
            if data is not None and not messages:
                break
    if data is None or messages:
        detail = "; ".join(messages) or "the response has no data"
        raise IntrospectionError(f"{where} rejected the introspection query: {detail}")
    try:
        # graphql-core raises TypeError or GraphQLError for a malformed result.
        return build_client_schema(data)  # type: ignore[arg-type]
    except Exception as exc:
        raise IntrospectionError(
            f"{where} did not answer with a valid introspection result: {_scrub(str(exc), api_key)}"
        ) from None
