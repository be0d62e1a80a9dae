"""Checking and converting what a client is given, without sending anything: the API
key, a pulled schema's wire policy, ``execute``'s parameters and result types, and an
upload's content type. Written once for both clients (:class:`labelbox.Client` is
derived from :class:`labelbox.AsyncClient`, which imports these)."""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from labelbox import exceptions

if TYPE_CHECKING:
    import pydantic

    from labelbox_gen.wire import WirePolicy

_API_KEY_ENV = "LABELBOX_API_KEY"

_MIME_LOCK = threading.Lock()


def content_type_of(filename: str) -> str | None:
    """The MIME type of a file name (the table is read once, not once per thread)."""
    import mimetypes

    if not mimetypes.inited:
        with _MIME_LOCK:
            if not mimetypes.inited:
                mimetypes.init()
    return mimetypes.guess_type(filename)[0]


def checked_key(api_key: str | None) -> str:
    """The API key (``LABELBOX_API_KEY`` when None), stripped; AuthenticationError when
    missing or not valid in an HTTP header (without echoing it)."""
    if api_key is None:
        api_key = os.environ.get(_API_KEY_ENV)
        if not api_key:
            raise exceptions.AuthenticationError("Labelbox API key not provided")
    if not isinstance(api_key, str):
        raise TypeError(f"api_key must be a str, got {type(api_key).__name__}")
    # Keys read from files or env often end in a newline; keys never hold spaces.
    api_key = api_key.strip()
    if not api_key:
        raise exceptions.AuthenticationError("Labelbox API key not provided")
    if not all("!" <= char <= "~" for char in api_key):
        # Never echo the key: it would end up in tracebacks and logs.
        raise exceptions.AuthenticationError(
            "Labelbox API key contains characters not allowed in an HTTP header"
        )
    return api_key


def jsonable(params: dict[str, Any]) -> dict[str, Any]:
    """Datetimes as UTC ISO strings, enums as values (what the server expects)."""
    import datetime
    import enum

    def convert(value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=datetime.timezone.utc)
            return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        if isinstance(value, enum.Enum):
            return value.value
        return value

    return {key: convert(value) for key, value in params.items()}


def wire_policy(pulled_schema: str | os.PathLike[str] | None, endpoint: str) -> WirePolicy | None:
    """The wire policy of a pulled schema (None: the default, provenance's)."""
    if pulled_schema is None:
        return None
    if not isinstance(pulled_schema, str | os.PathLike):
        raise TypeError(f"pulled_schema must be a path, got {type(pulled_schema).__name__}")
    from labelbox.schema_tool.lock import read_pulled
    from labelbox_gen.wire import WirePolicy

    return WirePolicy.from_pulled_schema(read_pulled(pulled_schema, endpoint))


#: The validators of ``execute(result_type=...)``, one per type (building one costs
#: milliseconds; validating with it, microseconds).
_ADAPTERS: dict[object, pydantic.TypeAdapter[Any]] = {}


def result_adapter(result_type: type[Any]) -> pydantic.TypeAdapter[Any]:
    """The validator of ``result_type``, built on first use."""
    adapter = _ADAPTERS.get(result_type)
    if adapter is None:
        import pydantic

        adapter = _ADAPTERS[result_type] = pydantic.TypeAdapter(result_type)
    return adapter
