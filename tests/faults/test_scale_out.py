"""Scale-out: one Client shipped to processes by pickling (multiprocessing spawn, dask
workers), inherited by forked processes, and shared by threads -- all pushing rows to
one emulator over real HTTP, without crossed answers, lost or duplicated rows."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from labelbox import Client, DataRow
from labelbox_emulator import Emulator

ROWS_PER_WORKER = 20


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(transitions="immediate") as running:
        yield running


# -- worker functions (module level: importable by spawned processes) -------------------
_inherited: Client | None = None


def _push(client: Client, dataset_id: str, tag: str, count: int) -> list[str]:
    """Creates ``count`` rows one by one; checks each answer is the row it asked for
    (a crossed response would show another worker's external id)."""
    dataset = client.get_dataset(dataset_id)
    made: list[str] = []
    for i in range(count):
        external_id = f"{tag}-{i}"
        row = dataset.create_data_row(
            row_data=f"https://x/{external_id}.jpg", external_id=external_id
        )
        assert row.external_id == external_id, (row.external_id, external_id)
        assert client.get_user().email == "admin@example.com"
        made.append(row.uid)
    return made


def _push_with_inherited(args: tuple[str, str]) -> tuple[int, list[str]]:
    assert _inherited is not None
    dataset_id, tag = args
    return os.getpid(), _push(_inherited, dataset_id, tag, ROWS_PER_WORKER)


def _push_with_shipped(args: tuple[bytes, str, str]) -> tuple[int, list[str]]:
    blob, dataset_id, tag = args
    client = pickle.loads(blob)
    with client:
        return os.getpid(), _push(client, dataset_id, tag, ROWS_PER_WORKER)


def _external_ids(client: Client, dataset_id: str) -> list[str]:
    rows = client.get_dataset(dataset_id).data_rows()
    return sorted(str(row.external_id) for row in rows)


# -- pickling -------------------------------------------------------------------------------
def test_client_pickles_key_endpoint_and_options(emu: Emulator) -> None:
    client = Client(
        api_key=emu.api_key, endpoint=emu.endpoint, max_retries=5, deadline=40, timeout=7
    )
    client.get_user()
    blob = pickle.dumps(client)
    copy = pickle.loads(blob)
    assert copy._transport is not client._transport
    assert copy._transport._http is not client._transport._http
    assert copy._transport.options() == client._transport.options()
    assert copy._transport.options()["max_retries"] == 5
    assert copy.endpoint == emu.endpoint and copy.get_user().email == "admin@example.com"
    assert emu.api_key not in repr(copy) and emu.api_key not in str(vars(copy))
    assert emu.api_key not in repr(copy._transport.__dict__)
    # what is pickled: the key, the endpoint and the options -- nothing of the pool
    state = client.__getstate__()
    assert set(state) == {"api_key", "endpoint", "options"}
    with pytest.raises(TypeError, match="Transport cannot be pickled"):
        pickle.dumps(client._transport)
    own = Client(api_key=emu.api_key, endpoint=emu.endpoint, http_client=httpx.Client())
    with pytest.raises(TypeError, match="http_client"):
        pickle.dumps(own)
    client.close()
    copy.close()


# -- processes --------------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_forked_workers_get_a_fresh_pool(emu: Emulator) -> None:
    """The parent uses its client (a pooled connection exists), then forks 3 workers
    that use the inherited client while the parent keeps using it too."""
    global _inherited
    emu.reset()
    client = Client(api_key=emu.api_key, endpoint=emu.endpoint)
    dataset = client.create_dataset(name="forked")
    client.get_user()  # the pool holds a live keep-alive connection now
    parent_http = client._transport._http
    _inherited = client
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(3) as pool:
            pending = pool.map_async(
                _push_with_inherited, [(dataset.uid, f"fork{w}") for w in range(3)]
            )
            parent_rows = _push(client, dataset.uid, "parent", ROWS_PER_WORKER)
            results = pending.get(timeout=120)
    finally:
        _inherited = None
    assert client._transport._http is parent_http  # the parent keeps its pool
    assert len({pid for pid, _ in results}) == 3
    made = [uid for _, uids in results for uid in uids] + parent_rows
    assert len(made) == len(set(made)) == 4 * ROWS_PER_WORKER
    expected = sorted(
        f"{tag}-{i}"
        for tag in ("fork0", "fork1", "fork2", "parent")
        for i in range(ROWS_PER_WORKER)
    )
    assert _external_ids(client, dataset.uid) == expected
    client.close()


def test_spawned_workers_with_a_pickled_client(emu: Emulator) -> None:
    emu.reset()
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
        dataset = client.create_dataset(name="spawned")
        blob = pickle.dumps(client)
        context = multiprocessing.get_context("spawn")
        with context.Pool(2) as pool:
            results = pool.map(
                _push_with_shipped, [(blob, dataset.uid, f"spawn{w}") for w in range(2)]
            )
        assert len({pid for pid, _ in results}) == 2
        expected = sorted(f"spawn{w}-{i}" for w in range(2) for i in range(ROWS_PER_WORKER))
        assert _external_ids(client, dataset.uid) == expected


def test_threads_share_one_client(emu: Emulator) -> None:
    emu.reset()
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
        dataset = client.create_dataset(name="threads")
        with ThreadPoolExecutor(8) as pool:
            results = list(
                pool.map(
                    lambda w: _push(client, dataset.uid, f"thread{w}", ROWS_PER_WORKER), range(8)
                )
            )
        made = [uid for uids in results for uid in uids]
        assert len(made) == len(set(made)) == 8 * ROWS_PER_WORKER
        assert len(_external_ids(client, dataset.uid)) == 8 * ROWS_PER_WORKER


# -- dask.distributed ------------------------------------------------------------------------
def _upload_partition(items: list[int], client: Client, dataset_id: str) -> list[int]:
    """One dask partition: its rows in one create_data_rows call (the Client arrived
    pickled with the task)."""
    dataset = client.get_dataset(dataset_id)
    task = dataset.create_data_rows(
        [{DataRow.row_data: f"https://x/{i}.jpg", DataRow.external_id: f"dask-{i}"} for i in items]
    )
    task.wait_till_done(timeout_seconds=60)
    assert task.status == "COMPLETE", task.status
    return [os.getpid()]


def test_dask_local_cluster_workers(emu: Emulator) -> None:
    distributed = pytest.importorskip("distributed")
    import cloudpickle
    import dask.bag as db

    # The workers cannot import this test module: ship its functions by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    emu.reset()
    started = time.monotonic()
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
        dataset = client.create_dataset(name="dask")
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=2, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster),
        ):
            bag = db.from_sequence(range(400), npartitions=8)
            pids = bag.map_partitions(_upload_partition, client, dataset.uid).compute()
        elapsed = time.monotonic() - started
        assert len(set(pids)) == 2 and os.getpid() not in pids
        assert _external_ids(client, dataset.uid) == sorted(f"dask-{i}" for i in range(400))
    print(f"dask LocalCluster (2 processes) start + 400 rows in 8 partitions: {elapsed:.1f} s")
