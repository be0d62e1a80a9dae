"""The async transport layer over real HTTP, under asyncio and trio: AsyncTransport and
the guarded generated client against the fault-injecting emulator (retries, the
write-outcome decision), async downloads, and AsyncWorkers (order, bound, errors,
background work)."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from labelbox import exceptions as lbx
from labelbox._async._concurrency import AsyncWorkers, read_bytes, run_blocking, sleep
from labelbox._async._download import download_to_file
from labelbox._async._gen_client import AsyncGuardedGenClient
from labelbox._async._progress import wait_for
from labelbox._async._transport import AsyncTransport
from labelbox._options import ClientOptions
from labelbox_emulator import Emulator
from labelbox_gen.base_model import Upload
from labelbox_gen.input_types import ProjectCreateInput

pytestmark = pytest.mark.anyio


def _options(emu: Emulator, **overrides: Any) -> ClientOptions:
    overrides.setdefault("backoff_base", 0.002)
    overrides.setdefault("backoff_cap", 0.02)
    return ClientOptions.from_arguments(emu.endpoint, **overrides)


@pytest.fixture
def options(femu: Emulator) -> Iterator[ClientOptions]:
    yield _options(femu)


# -- AsyncTransport / AsyncGuardedGenClient ---------------------------------------------
async def test_send_and_the_guarded_client(femu: Emulator, options: ClientOptions) -> None:
    transport = AsyncTransport(femu.api_key, options)
    try:
        data = await transport.send("query Me { user { id email } }", "Me", {})
        assert data["user"]["email"] == "admin@example.com"
        gen = AsyncGuardedGenClient(transport)
        user = await gen.get_current_user()
        assert user is not None and user.id == data["user"]["id"]
        project = await gen.create_project(ProjectCreateInput(name="async"))
        assert project.name == "async"
        assert transport.attempts == 3 and transport.retries == 0
    finally:
        await transport.close()
    with pytest.raises(lbx.LabelboxError, match="closed"):
        await transport.send("query Me { user { id } }", "Me", {})


async def test_a_query_is_retried_after_a_fault(femu: Emulator, options: ClientOptions) -> None:
    femu.faults.configure("502@after=1,limit=1")
    transport = AsyncTransport(femu.api_key, options)
    try:
        user = await AsyncGuardedGenClient(transport).get_current_user()
        assert user is not None
        assert transport.retries == 1 and transport.attempts == 2
    finally:
        await transport.close()
    assert len(femu.faults.events) == 1


async def test_a_write_that_may_have_applied_is_not_repeated(
    femu: Emulator, options: ClientOptions
) -> None:
    femu.faults.configure("reset@after=1,limit=1")
    transport = AsyncTransport(femu.api_key, options)
    try:
        with pytest.raises(lbx.WriteOutcomeUnknownError) as info:
            await AsyncGuardedGenClient(transport).create_project(ProjectCreateInput(name="w"))
        assert transport.retries == 0
    finally:
        await transport.close()
    assert info.value.operation == "CreateProject"


async def test_a_refused_write_is_retried(femu: Emulator, options: ClientOptions) -> None:
    femu.faults.configure("503@before=1,limit=1")
    transport = AsyncTransport(femu.api_key, options)
    try:
        project = await AsyncGuardedGenClient(transport).create_project(
            ProjectCreateInput(name="again")
        )
        assert project.name == "again" and transport.retries == 1
    finally:
        await transport.close()


async def test_upload_retried_then_downloaded(
    femu: Emulator, options: ClientOptions, tmp_path: Path
) -> None:
    femu.faults.configure("503@before=1,limit=1")
    transport = AsyncTransport(femu.api_key, options)
    try:
        upload = Upload("a.txt", io.BytesIO(b"async content"), "text/plain")
        result = await AsyncGuardedGenClient(transport).upload_file(
            file=upload, content_length=13, sign=True
        )
        assert transport.retries == 1  # the stream was rewound and sent again
        assert await transport.get(result.url) == b"async content"
        target = await download_to_file(transport, result.url, tmp_path / "a.txt")
        assert await read_bytes(target) == b"async content"
    finally:
        await transport.close()


async def test_a_caller_http_client_is_used_and_checked(femu: Emulator) -> None:
    async with httpx.AsyncClient(headers={"X-Emulator-Faults": "off"}) as http:
        transport = AsyncTransport(femu.api_key, _options(femu), http_client=http)
        assert not transport.owns_http_client
        assert (await transport.send("query { user { id } }", None, {}))["user"]
    with pytest.raises(TypeError, match=r"httpx\.AsyncClient"):
        AsyncTransport(femu.api_key, _options(femu), http_client=httpx.Client())  # type: ignore[arg-type]


@respx.mock
async def test_download_retries_and_leaves_no_partial_file(
    femu: Emulator, options: ClientOptions, tmp_path: Path
) -> None:
    url = "https://files.example.com/export.json?signature=secret"
    respx.get(url).mock(
        side_effect=[httpx.Response(503, text="busy"), httpx.Response(200, content=b"[1, 2]")]
    )
    transport = AsyncTransport(femu.api_key, options)
    try:
        target = await download_to_file(transport, url, tmp_path / "out.json")
        assert target.read_bytes() == b"[1, 2]"
        respx.get(url).mock(return_value=httpx.Response(403, text="expired"))
        with pytest.raises(lbx.LabelboxError) as caught:
            await download_to_file(transport, url, tmp_path / "other.json")
        assert caught.value.status == 403 and "secret" not in str(caught.value)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    finally:
        await transport.close()


@respx.mock
async def test_a_cancelled_download_leaves_no_partial_file(
    femu: Emulator, options: ClientOptions, tmp_path: Path
) -> None:
    """Cancelled mid-download, the task still waits for the worker thread that removes
    the partial file (a shielded clean-up)."""
    import anyio

    url = "https://files.example.com/slow.json"

    async def slow(request: httpx.Request) -> httpx.Response:
        await sleep(5)
        return httpx.Response(200, content=b"late")

    respx.get(url).mock(side_effect=slow)
    transport = AsyncTransport(femu.api_key, options)
    try:
        with anyio.move_on_after(0.3) as scope:
            await download_to_file(transport, url, tmp_path / "out.json")
        assert scope.cancelled_caught
        assert list(tmp_path.iterdir()) == []
    finally:
        await transport.close()


# -- the concurrency pair ---------------------------------------------------------------
async def test_map_keeps_order_and_bound() -> None:
    workers = AsyncWorkers(3)
    running = peak = 0

    async def work(n: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await sleep(0.001 * (n % 4))
        running -= 1
        return n * 10

    read: list[int] = []

    def items() -> Iterator[int]:
        for n in range(20):
            read.append(n)
            yield n

    results = []
    async for result in workers.map(work, items()):
        results.append(result)
        assert len(read) <= len(results) + 2 * 3  # items are read lazily
    assert results == [n * 10 for n in range(20)]
    assert peak == 3


async def test_map_raises_the_first_error_in_order_and_cancels_the_rest() -> None:
    workers = AsyncWorkers(2)
    finished: list[int] = []

    async def work(n: int) -> int:
        if n == 5:
            raise ValueError("five")
        if n == 3:
            await sleep(0.05)  # fails later than 5 would in time, but comes first in order
            raise KeyError("three")
        await sleep(0.001 if n < 3 else 1)
        finished.append(n)
        return n

    got: list[int] = []
    with pytest.raises(KeyError, match="three"):
        async for result in workers.map(work, range(100)):
            got.append(result)
    assert got == [0, 1, 2]
    assert max(finished) < 3  # the calls after the failure were cancelled


async def test_submit_needs_start_and_keeps_errors_to_result() -> None:
    workers = AsyncWorkers(2)

    async def page(n: int) -> int:
        await sleep(0.001)
        return n

    async def broken() -> int:
        raise RuntimeError("prefetch failed")

    assert workers.submit(page, 1) is None  # no task group: the caller fetches itself
    await workers.start()
    try:
        ahead = workers.submit(page, 7)
        failing = workers.submit(broken)
        assert ahead is not None and failing is not None
        await sleep(0.01)  # the failure does not reach this task
        assert await ahead.result() == 7
        with pytest.raises(RuntimeError, match="prefetch failed"):
            await failing.result()
        slow = workers.submit(sleep, 10)
        assert slow is not None and slow.cancel()
        with pytest.raises(RuntimeError, match="cancelled"):
            await slow.result()
        pending = workers.submit(sleep, 10)
    finally:
        await workers.close()  # cancels what still runs
    assert pending is not None and pending.done()
    assert workers.submit(page, 1) is None


async def test_helpers_do_not_block_the_loop(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    await run_blocking(lambda: path.write_bytes(b"abc"))
    assert await read_bytes(path) == b"abc"
    polls = 0

    async def done() -> bool:
        nonlocal polls
        polls += 1
        return polls >= 3

    assert await wait_for(done, math.inf, desc="x", first_delay=0.001)

    async def never() -> bool:
        return False

    assert not await wait_for(never, 0.01, desc="x", interval=0.002)


async def test_tls_ca_certificates_load_once_off_the_event_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pool's TLS context loads its CAs (~40 ms) in a worker thread before the
    first https request, once per transport, never on the event loop."""
    import threading

    from labelbox._async import _transport as module

    threads: list[int] = []
    monkeypatch.setattr(
        module, "pending_ca_load", lambda: lambda: threads.append(threading.get_ident())
    )
    options = ClientOptions.from_arguments("https://127.0.0.1:9/graphql", max_retries=0)
    transport = AsyncTransport("key", options)
    try:
        for _ in range(2):  # nothing listens there: each call fails to connect
            with pytest.raises(lbx.NetworkError):
                await transport.send("query Me { user { id } }", "Me", {})
    finally:
        await transport.close()
    assert len(threads) == 1 and threads[0] != threading.get_ident()


async def test_pending_ca_load_is_none_once_loaded() -> None:
    from labelbox._http.environment import pending_ca_load, ssl_context

    load = pending_ca_load()
    if load is not None:
        load()
    assert pending_ca_load() is None
    assert ssl_context().get_ca_certs()  # the CAs are in the context
