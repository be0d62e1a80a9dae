"""Uploads larger than one buffer (labelbox._http.multipart.SMALL_UPLOAD): the body is
streamed from the file, byte for byte the multipart body a small upload builds at once;
the async client reads every chunk in a worker thread, never on the event loop; and the
uploaded bytes come back intact, through either client over real HTTP."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from labelbox import AsyncClient, Client
from labelbox._async._http.upload_body import CHUNK, AsyncUploadBody
from labelbox._http import multipart
from labelbox._http.upload_body import UploadBody
from labelbox_emulator import Emulator

BIG = multipart.SMALL_UPLOAD * 3 + 12345


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(BIG))
    return path


def _downloaded(url: str) -> bytes:
    return httpx.get(url, timeout=30).content


def test_streamed_body_is_the_body_built_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "urandom", lambda n: b"\x01" * n)  # one boundary for both
    form = {"operations": '{"query": "q"}', "map": '{"0": ["variables.file"]}'}
    data = b"x" * 1000 + b'"\\\r\n'
    built = multipart.small_multipart(form, {"0": ('a "b".bin', io.BytesIO(data), "a/b")})
    assert built is not None
    pieces, content_type = multipart.multipart_pieces(
        form, {"0": ('a "b".bin', io.BytesIO(data), "a/b")}
    )
    assert content_type == built[1]
    assert multipart.pieces_length(pieces) == len(built[0])  # the Content-Length sent
    assert b"".join(UploadBody(pieces)) == built[0]


def test_a_file_is_read_from_its_position_in_chunks() -> None:
    stream = io.BytesIO(b"skip" + b"y" * (CHUNK * 2 + 5))
    stream.read(4)
    chunks = list(UploadBody([b"head", stream, b"tail"]))
    assert chunks[0] == b"head" and chunks[-1] == b"tail"
    assert [len(c) for c in chunks[1:-1]] == [CHUNK, CHUNK, 5]


def test_sync_client_uploads_a_large_file_intact(femu: Emulator, big_file: Path) -> None:
    with Client(api_key=femu.api_key, endpoint=femu.endpoint) as client:
        url = client.upload_file(big_file)
    assert _downloaded(url) == big_file.read_bytes()


class _Recording(io.FileIO):
    """A file that records the thread of each read."""

    threads: list[int]

    def read(self, size: int = -1, /) -> bytes:
        self.threads.append(threading.get_ident())
        return super().read(size)


@pytest.mark.anyio
async def test_async_client_reads_a_large_file_off_the_event_loop(
    femu: Emulator, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from labelbox._async import _concurrency

    opened: list[_Recording] = []
    real = _concurrency._open_for_upload

    def recording(path: Any) -> Any:
        stream, size = real(path)
        stream.close()
        mine = _Recording(os.fspath(path), "rb")
        mine.threads = []
        opened.append(mine)
        return mine, size

    monkeypatch.setattr(_concurrency, "_open_for_upload", recording)
    loop_thread = threading.get_ident()
    async with AsyncClient(api_key=femu.api_key, endpoint=femu.endpoint) as client:
        url = await client.upload_file(big_file)
    assert _downloaded(url) == big_file.read_bytes()
    (stream,) = opened
    assert len(stream.threads) >= BIG // CHUNK  # streamed in chunks, not read at once
    assert loop_thread not in stream.threads  # no read on the event loop


@pytest.mark.anyio
async def test_async_body_yields_the_same_bytes() -> None:
    stream = io.BytesIO(b"z" * (CHUNK + 3))
    body = [chunk async for chunk in AsyncUploadBody([b"a", stream, b"b"])]
    assert b"".join(body) == b"a" + b"z" * (CHUNK + 3) + b"b"
