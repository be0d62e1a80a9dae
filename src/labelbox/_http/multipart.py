"""Encoding a GraphQL request: a JSON body, or a GraphQL multipart upload (the
``operations``/``map`` form and its file parts), and rewinding uploads for a retry."""

from __future__ import annotations

import io
import json
import os
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

#: A file part of a GraphQL multipart request: (filename, stream, content type).
FilePart = tuple[str, IO[bytes], str]


def build_post(
    http: httpx.Client | httpx.AsyncClient,
    url: httpx.URL | str,
    payload: dict[str, Any],
    files: dict[str, FilePart] | None,
    files_map: dict[str, list[str]] | None,
    headers: dict[str, str],
    timeout: httpx.Timeout,
) -> httpx.Request:
    """The POST of ``payload`` to ``url``: JSON, or multipart with ``files`` (small
    files in one buffer, larger ones streamed part by part by httpx)."""
    if not files:
        return http.build_request("POST", url, json=payload, headers=headers, timeout=timeout)
    form = {"operations": json.dumps(payload), "map": json.dumps(files_map or {})}
    body = small_multipart(form, files)
    if body is None:
        return http.build_request(
            "POST", url, data=form, files=files, headers=headers, timeout=timeout
        )
    content, headers["Content-Type"] = body
    return http.build_request("POST", url, content=content, headers=headers, timeout=timeout)


def in_memory(files: dict[str, FilePart]) -> bool:
    """Whether every file part is already in memory (a ``BytesIO``): building its
    request reads no file."""
    return all(isinstance(stream, io.BytesIO) for _, stream, _ in files.values())


#: Files up to this size go out in a multipart body built in one buffer.
SMALL_UPLOAD = 1 << 20


def small_multipart(form: dict[str, str], files: dict[str, FilePart]) -> tuple[bytes, str] | None:
    """The ``multipart/form-data`` body (and its Content-Type) of ``form`` and
    ``files``, built in one buffer, when every file is a seekable stream of at most
    :data:`SMALL_UPLOAD` bytes (else None: httpx streams the parts). Same format as
    httpx's: a quoted name, ``"`` and ``\\`` escaped, control characters percent-encoded."""
    contents = []
    for _, stream, _ in files.values():
        if not _seekable(stream):
            return None
        start = stream.tell()
        data = stream.read(SMALL_UPLOAD + 1)
        if not isinstance(data, bytes) or len(data) > SMALL_UPLOAD:
            stream.seek(start)
            return None
        contents.append(data)
    boundary = os.urandom(16).hex().encode()
    parts = []
    for name, value in form.items():
        parts += [b"--", boundary, b'\r\nContent-Disposition: form-data; name="']
        parts += [_form_quote(name), b'"\r\n\r\n', value.encode(), b"\r\n"]
    for (name, (filename, _, content_type)), data in zip(files.items(), contents, strict=True):
        parts += [b"--", boundary, b'\r\nContent-Disposition: form-data; name="']
        parts += [_form_quote(name), b'"; filename="', _form_quote(filename), b'"\r\n']
        parts += [b"Content-Type: ", content_type.encode(), b"\r\n\r\n", data, b"\r\n"]
    parts += [b"--", boundary, b"--\r\n"]
    return b"".join(parts), f"multipart/form-data; boundary={boundary.decode()}"


def _seekable(stream: IO[bytes]) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _form_quote(value: str) -> bytes:
    """A multipart parameter value as httpx (the HTML5 form encoding) writes it."""
    out = []
    for char in value:
        if char == '"':
            out.append("%22")
        elif char == "\\":
            out.append("\\\\")
        elif ord(char) < 0x20 and char != "\x1b":
            out.append(f"%{ord(char):02X}")
        else:
            out.append(char)
    return "".join(out).encode()


def rewind(files: dict[str, FilePart] | None) -> bool:
    """Makes file parts readable again for a retry; False when a stream cannot rewind."""
    for _, stream, _ in (files or {}).values():
        if not stream.seekable():
            return False
        stream.seek(0)
    return True
