"""A fast reader of the plain ``multipart/form-data`` bodies clients send for uploads.

Starlette's form parser (python-multipart: a callback per header byte range and part
chunk, each file spooled into a temporary file) costs more per upload than everything
else the emulator does for it. The GraphQL multipart requests of the SDKs are simple:
a boundary, two fields (``operations``, ``map``) and file parts, each with a
``Content-Disposition: form-data; name="..."[; filename="..."]`` header and an optional
``Content-Type``. :func:`parse_form` reads exactly that shape with a few ``bytes.find``
calls and returns None for anything else (other headers or parameters, escapes, a
preamble or epilogue, a charset, a field over the size limit, too many parts, text
that is not UTF-8), which Starlette's parser then reads as before: same values for
every body both accept, same errors for the bodies only Starlette refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: ``multipart/form-data; boundary=...`` (RFC 2046 boundary characters; optionally quoted).
_CONTENT_TYPE = re.compile(
    r"multipart/form-data; ?boundary=(\"?)([0-9A-Za-z'()+_,\-./:=?]{1,70})\1", re.IGNORECASE
)
#: ``form-data; name="..."[; filename="..."]``: quoted values without quotes, escapes
#: or semicolons (those are read by Starlette's parser).
_DISPOSITION = re.compile(r'form-data; name="([^"\\;]*)"(?:; filename="([^"\\;]*)")?')
#: Starlette's limits on the number of files and of fields in one form.
MAX_FILES = MAX_FIELDS = 1000


@dataclass(frozen=True)
class FilePart:
    """A file part: its bytes, the filename sent (may be empty) and its Content-Type
    (None when the part has none)."""

    data: bytes
    filename: str
    content_type: str | None


def parse_form(content_type: str, body: bytes, max_field: int) -> dict[str, str | FilePart] | None:
    """The fields (text) and files of a plain multipart body, by name (the last part of
    a name wins, as Starlette's ``FormData.get``); None if the body is not of the plain
    shape this reader takes (see the module's docstring) or a field is longer than
    ``max_field`` bytes."""
    match = _CONTENT_TYPE.fullmatch(content_type)
    if match is None:
        return None
    delimiter = b"--" + match.group(2).encode("ascii")
    if not body.startswith(delimiter + b"\r\n"):
        return None
    separator = b"\r\n" + delimiter
    form: dict[str, str | FilePart] = {}
    files = fields = 0
    position = len(delimiter) + 2
    while True:
        end = body.find(separator, position)
        headers_end = body.find(b"\r\n\r\n", position, end)
        if end < 0 or headers_end < 0:
            return None
        part = _headers(body[position:headers_end])
        if part is None:
            return None
        name, filename, part_type = part
        data = body[headers_end + 4 : end]
        if filename is None:
            fields += 1
            if fields > MAX_FIELDS or len(data) > max_field:
                return None
            try:
                form[name] = data.decode("utf-8")
            except UnicodeDecodeError:
                return None
        else:
            files += 1
            if files > MAX_FILES:
                return None
            form[name] = FilePart(data, filename, part_type)
        position = end + len(separator)
        tail = body[position : position + 2]
        if tail == b"--" and body[position + 2 :] in (b"", b"\r\n"):
            return form
        if tail != b"\r\n":
            return None
        position += 2


def _headers(block: bytes) -> tuple[str, str | None, str | None] | None:
    """``(name, filename or None, content type or None)`` of a part's header block;
    None for any header but Content-Disposition and Content-Type, or a disposition of
    another shape."""
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        return None
    disposition = part_type = None
    for line in text.split("\r\n"):
        key, colon, value = line.partition(":")
        value = value.lstrip(" \t")
        if not colon or value != value.rstrip(" \t"):
            return None
        key = key.lower()
        if key == "content-disposition" and disposition is None:
            disposition = value
        elif key == "content-type" and part_type is None and value.isascii():
            part_type = value
        else:
            return None
    found = _DISPOSITION.fullmatch(disposition or "")
    if found is None:
        return None
    return found.group(1), found.group(2), part_type
