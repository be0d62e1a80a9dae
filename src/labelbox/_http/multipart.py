"""Encoding a GraphQL request: a JSON body, or a GraphQL multipart upload (the
``operations``/``map`` form and its file parts), and rewinding uploads for a retry."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
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
    streamed: Callable[[list[Piece]], Any] | None = None,
) -> httpx.Request:
    """The POST of ``payload`` to ``url``: JSON, or multipart with ``files``: small
    files in one buffer; larger seekable ones streamed by ``streamed(pieces)`` (the
    client's upload body, which reads the files in chunks: see
    :mod:`labelbox._async._http.upload_body`), any other by httpx."""
    if not files:
        return http.build_request("POST", url, json=payload, headers=headers, timeout=timeout)
    form = {"operations": json.dumps(payload), "map": json.dumps(files_map or {})}
    body = small_multipart(form, files)
    if body is not None:
        content, headers["Content-Type"] = body
        return http.build_request("POST", url, content=content, headers=headers, timeout=timeout)
    if streamed is not None and all(_seekable(stream) for _, stream, _ in files.values()):
        pieces, headers["Content-Type"] = multipart_pieces(form, files)
        headers["Content-Length"] = str(pieces_length(pieces))
        return http.build_request(
            "POST", url, content=streamed(pieces), headers=headers, timeout=timeout
        )
    return http.build_request("POST", url, data=form, files=files, headers=headers, timeout=timeout)


def in_memory(files: dict[str, FilePart]) -> bool:
    """Whether every file part is already in memory (a ``BytesIO``): building its
    request reads no file."""
    return all(isinstance(stream, io.BytesIO) for _, stream, _ in files.values())


#: Files up to this size go out in a multipart body built in one buffer.
SMALL_UPLOAD = 1 << 20


def small_multipart(form: dict[str, str], files: dict[str, FilePart]) -> tuple[bytes, str] | None:
    """The ``multipart/form-data`` body (and its Content-Type) of ``form`` and
    ``files``, built in one buffer, when every file is a seekable stream of at most
    :data:`SMALL_UPLOAD` bytes from its position (else None)."""
    contents = []
    for _, stream, _ in files.values():
        if not _seekable(stream) or _remaining(stream) > SMALL_UPLOAD:
            return None
        data = stream.read()
        if not isinstance(data, bytes):
            return None
        contents.append(data)
    pieces, content_type = multipart_pieces(form, files, contents)
    assert len(pieces) == 1 and isinstance(pieces[0], bytes)
    return pieces[0], content_type


#: A piece of a multipart body: bytes as they are, or a file stream to send from its
#: position to its end.
Piece = bytes | IO[bytes]


def multipart_pieces(
    form: dict[str, str], files: dict[str, FilePart], contents: list[bytes] | None = None
) -> tuple[list[Piece], str]:
    """The ``multipart/form-data`` body of ``form`` and ``files`` in pieces (each
    file's stream, or its bytes from ``contents`` when given: then one piece), and its
    Content-Type. Same format as httpx's: a quoted name, ``"`` and ``\\`` escaped,
    control characters percent-encoded."""
    boundary = os.urandom(16).hex().encode()
    pieces: list[Piece] = []
    head: list[bytes] = []
    for name, value in form.items():
        head += [b"--", boundary, b'\r\nContent-Disposition: form-data; name="']
        head += [_form_quote(name), b'"\r\n\r\n', value.encode(), b"\r\n"]
    for index, (name, (filename, stream, content_type)) in enumerate(files.items()):
        head += [b"--", boundary, b'\r\nContent-Disposition: form-data; name="']
        head += [_form_quote(name), b'"; filename="', _form_quote(filename), b'"\r\n']
        head += [b"Content-Type: ", content_type.encode(), b"\r\n\r\n"]
        if contents is not None:
            head.append(contents[index])
        else:
            pieces += [b"".join(head), stream]
            head = []
        head.append(b"\r\n")
    head += [b"--", boundary, b"--\r\n"]
    pieces.append(b"".join(head))
    return pieces, f"multipart/form-data; boundary={boundary.decode()}"


def pieces_length(pieces: list[Piece]) -> int:
    """The length in bytes of a body laid out by :func:`multipart_pieces`."""
    return sum(len(piece) if isinstance(piece, bytes) else _remaining(piece) for piece in pieces)


def _remaining(stream: IO[bytes]) -> int:
    """Bytes from a seekable stream's position to its end (the position is kept)."""
    position = stream.tell()
    end = stream.seek(0, os.SEEK_END)
    stream.seek(position)
    return end - position


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
