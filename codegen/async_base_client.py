"""Base class of the generated client: turns operations into transport calls.

ariadne-codegen copies this file into ``labelbox_gen`` (see ``codegen.toml``), and
``codegen/unasync.py`` derives the sync base client from that copy. It owns no HTTP:
every request goes through a :class:`AsyncGraphQLTransport`, so auth, pooling,
timeouts, retries and error mapping live in one hand-written place (``labelbox._transport``)
and the generated package stays importable without the facade.
"""

from __future__ import annotations

import functools
from typing import IO, Any, Protocol, cast

from pydantic import BaseModel as PydanticBaseModel

from .base_model import UNSET, Upload
from .wire import WirePolicy

#: A file part of a GraphQL multipart request: (filename, stream, content type).
FilePart = tuple[str, IO[bytes], str]


class AsyncGraphQLTransport(Protocol):
    """Sends one GraphQL operation and returns the response's ``data`` object.

    Implementations raise their own exceptions for transport failures and GraphQL
    ``errors``; the generated client never sees raw HTTP.
    """

    async def send(
        self,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        files: dict[str, FilePart] | None = None,
        files_map: dict[str, list[str]] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """Sends the operation (multipart when ``files`` is given) and returns ``data``."""
        ...


class AsyncBaseClient:
    """Serializes operation variables and hands them to a :class:`AsyncGraphQLTransport`.

    Args:
        transport: sends the requests.
        wire: which type names may be declared on the wire (default: those
            ``schema.provenance.toml`` attests); the values of the other variables are
            written inline (see :mod:`labelbox_gen.wire`).
    """

    def __init__(self, transport: AsyncGraphQLTransport, wire: WirePolicy | None = None) -> None:
        self.transport = transport
        self._wire = wire

    @property
    def wire(self) -> WirePolicy:
        """The wire policy (the default one is built on first use)."""
        if self._wire is None:
            self._wire = _default_policy()
        return self._wire

    async def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Sends one operation; returns the response's ``data`` object."""
        serializable = {
            key: _to_serializable(value)
            for key, value in (variables or {}).items()
            if value is not UNSET
        }
        # The one point where unattested type names are kept off the wire.
        query, serializable = self.wire.prepare(operation_name, query, serializable)
        uploads: list[Upload] = []
        files_map: dict[str, list[str]] = {}
        nulled = _separate_files("variables", serializable, uploads, files_map)
        if not uploads:
            return await self.transport.send(query, operation_name, serializable, **kwargs)
        files = {
            str(index): (upload.filename, cast(IO[bytes], upload.content), upload.content_type)
            for index, upload in enumerate(uploads)
        }
        return await self.transport.send(
            query, operation_name, nulled, files=files, files_map=files_map, **kwargs
        )

    def get_data(self, response: dict[str, Any]) -> dict[str, Any]:
        """Returns ``data``: :meth:`execute` already unwrapped and checked it."""
        return response


@functools.cache
def _default_policy() -> WirePolicy:
    """The provenance policy, shared by every client (its templates are per operation)."""
    return WirePolicy.default()


def _to_serializable(value: Any) -> Any:
    if isinstance(value, PydanticBaseModel):
        # Only what the caller set is sent: Prisma treats a present null as a filter.
        return value.model_dump(by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [_to_serializable(item) for item in value]
    return value


def _separate_files(
    path: str, obj: Any, uploads: list[Upload], files_map: dict[str, list[str]]
) -> Any:
    """Replaces every Upload by null and records where it was (multipart spec)."""
    if isinstance(obj, list):
        return [
            _separate_files(f"{path}.{i}", item, uploads, files_map) for i, item in enumerate(obj)
        ]
    if isinstance(obj, dict):
        return {
            key: _separate_files(f"{path}.{key}", item, uploads, files_map)
            for key, item in obj.items()
        }
    if isinstance(obj, Upload):
        for index, known in enumerate(uploads):
            if known is obj:
                files_map[str(index)].append(path)
                return None
        files_map[str(len(uploads))] = [path]
        uploads.append(obj)
        return None
    return obj
