"""The emulator's fast multipart reader (labelbox_emulator.multipart) against
Starlette's parser: same fields and files for every body it takes; anything else it
leaves to Starlette (None)."""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

import httpx
import pytest
from starlette.datastructures import UploadFile
from starlette.requests import Request

from labelbox_emulator.multipart import FilePart, parse_form

OPERATIONS = json.dumps({"query": "mutation($f: Upload!) {uploadFile(file: $f) {url}}"})
LIMIT = 1 << 20


def starlette_form(content_type: str, body: bytes) -> dict[str, Any]:
    """What Starlette's parser reads from a body, in the reader's terms."""

    async def read() -> dict[str, Any]:
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        scope = {
            "type": "http",
            "method": "POST",
            "headers": [(b"content-type", content_type.encode())],
        }
        form = await Request(scope, receive).form(max_part_size=LIMIT + 1)
        out: dict[str, Any] = {}
        for name in form:
            value = form.get(name)
            if isinstance(value, UploadFile):
                value = FilePart(await value.read(), value.filename or "", value.content_type)
            out[name] = value
        await form.close()
        return out

    return asyncio.run(read())


def httpx_body(files: dict[str, Any], data: dict[str, str] | None = None) -> tuple[str, bytes]:
    request = httpx.Client().build_request("POST", "http://x", data=data, files=files)
    request.read()
    return request.headers["content-type"], request.content


@pytest.mark.parametrize(
    "files",
    [
        {"0": ("file.bin", os.urandom(4096), "application/octet-stream")},
        {"0": ("a.json", b"[]", "application/json"), "1": ("b.txt", b"", "text/plain")},
        {"0": ("caf\u00e9 \u00fc.png", b"\r\n--\r\n\r\n", "image/png")},
        {"0": ("", b"no name", "application/octet-stream")},
        {"0": ("x", b"x" * 100_000, "application/octet-stream")},
    ],
)
def test_same_as_starlette_on_what_clients_send(files: dict[str, Any]) -> None:
    content_type, body = httpx_body(files, {"operations": OPERATIONS, "map": "{}"})
    fast = parse_form(content_type, body, LIMIT)
    assert fast is not None
    assert fast == starlette_form(content_type, body)


def test_classic_requests_bodies_are_read() -> None:
    requests = pytest.importorskip("requests")
    prepared = requests.Request(
        "POST",
        "http://x",
        data={"operations": OPERATIONS, "map": '{"0": ["variables.f"]}'},
        files={"0": ("file.bin", b"\x00\x01", "application/octet-stream")},
    ).prepare()
    content_type, body = prepared.headers["Content-Type"], prepared.body
    fast = parse_form(content_type, body, LIMIT)
    assert fast is not None
    assert fast == starlette_form(content_type, body)


def _body(parts: list[bytes], boundary: bytes = b"BOUND", end: bytes = b"--\r\n") -> bytes:
    return (
        b"".join(b"--" + boundary + b"\r\n" + p + b"\r\n" for p in parts) + b"--" + boundary + end
    )


PLAIN = b'Content-Disposition: form-data; name="operations"\r\n\r\n{}'


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data; boundary=BOUND; charset=latin-1", _body([PLAIN])),
        ("multipart/form-data", _body([PLAIN])),
        ("multipart/form-data; boundary=BOUND", b"preamble\r\n" + _body([PLAIN])),
        ("multipart/form-data; boundary=BOUND", _body([PLAIN], end=b"--\r\nepilogue")),
        ("multipart/form-data; boundary=BOUND", _body([PLAIN], end=b"")[:-2]),
        (
            "multipart/form-data; boundary=BOUND",
            _body([b'Content-Disposition: form-data; name="a\\"b"\r\n\r\nx']),
        ),
        (
            "multipart/form-data; boundary=BOUND",
            _body([b"Content-Disposition: form-data; name=plain\r\n\r\nx"]),
        ),
        (
            "multipart/form-data; boundary=BOUND",
            _body([b'Content-Disposition: form-data; name="a"\r\nX-Other: 1\r\n\r\nx']),
        ),
        (
            "multipart/form-data; boundary=BOUND",
            _body([b'Content-Disposition: form-data; name="a"\r\n\r\n\xff\xfe']),
        ),
        (
            "multipart/form-data; boundary=BOUND",
            _body([b'Content-Disposition: form-data; name="a"\r\n\r\n' + b"x" * (LIMIT + 1)]),
        ),
        ("multipart/form-data; boundary=BOUND", b"--BOUND\r\n\r\n"),
    ],
)
def test_anything_else_is_left_to_starlette(content_type: str, body: bytes) -> None:
    assert parse_form(content_type, body, LIMIT) is None


def test_last_part_of_a_name_wins_as_in_starlette() -> None:
    body = _body(
        [
            b'Content-Disposition: form-data; name="a"\r\n\r\nfirst',
            b'Content-Disposition: form-data; name="a"\r\n\r\nsecond',
        ]
    )
    content_type = "multipart/form-data; boundary=BOUND"
    assert parse_form(content_type, body, LIMIT) == starlette_form(content_type, body)
    assert parse_form(content_type, body, LIMIT) == {"a": "second"}
