"""A multipart upload's body streamed from its files, each chunk read in a worker
thread (the async form; the sync form reads in place), for files too large to build
the body in one buffer (:data:`labelbox._http.multipart.SMALL_UPLOAD`)."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Sequence

from labelbox._async._concurrency import run_blocking
from labelbox._http.multipart import Piece

#: Bytes read from a file per chunk of the body.
CHUNK = 64 * 1024


class AsyncUploadBody:
    """The body of a multipart upload laid out by
    :func:`labelbox._http.multipart.multipart_pieces`: its bytes as they are, each file
    read from its position to its end, ``CHUNK`` bytes at a time.

    Async only: every read runs in a worker thread, so a large upload never blocks the
    event loop.

    Args:
        pieces: the body's pieces (bytes, and seekable file streams).
    """

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self._pieces = pieces

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self._pieces:
            if isinstance(piece, bytes):
                yield piece
                continue
            read = functools.partial(piece.read, CHUNK)
            while chunk := await run_blocking(read):
                yield chunk
