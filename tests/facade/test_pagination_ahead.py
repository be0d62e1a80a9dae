"""Pages fetched ahead (``Client(prefetch_pages=True)``, the default) and entity values
held as plain attributes: same rows, same errors at the same place, nothing fetched
past what the caller asked for, no thread left behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from labelbox import Client, Project
from labelbox.client import POOL_WORKERS
from labelbox.exceptions import LabelboxError
from labelbox.orm.model import Field
from labelbox.pagination import PaginatedCollection
from labelbox_emulator import Emulator

PAGE = 10


class Pages:
    """A fake ``fetch(skip, first)`` over ``total`` integers, recording each call and
    the thread it ran on; ``fail_at``: the skip whose page raises."""

    def __init__(self, total: int, fail_at: int | None = None, delay: float = 0.0) -> None:
        self.total, self.fail_at, self.delay = total, fail_at, delay
        self.calls: list[tuple[int, str]] = []
        self.lock = threading.Lock()
        self.in_flight = self.peak = 0

    def __call__(self, skip: int, first: int) -> Sequence[Any]:
        with self.lock:
            self.calls.append((skip, threading.current_thread().name))
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        if self.delay:
            time.sleep(self.delay)
        with self.lock:
            self.in_flight -= 1
        if skip == self.fail_at:
            raise LabelboxError(f"page at {skip} failed")
        return list(range(skip, min(skip + first, self.total)))

    @property
    def skips(self) -> list[int]:
        return sorted(skip for skip, _ in self.calls)


@pytest.fixture
def offline() -> Any:
    """A client that never connects (the fetches are fakes); closed after the test."""
    clients: list[Client] = []

    def make(**options: Any) -> Client:
        client = Client(api_key="key", endpoint="http://127.0.0.1:9/graphql", **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def collection(client: Client, pages: Pages) -> PaginatedCollection[int]:
    return PaginatedCollection._paged(pages, lambda n: n, PAGE, client=client)


def working(items: Any, seconds_per_item: float = 0.0003) -> Iterator[int]:
    """A consumer that works on each item (3 ms per page of 10)."""
    for item in items:
        time.sleep(seconds_per_item)
        yield item


def background_skips(pages: Pages) -> set[int]:
    return {skip for skip, thread in pages.calls if thread.startswith("labelbox")}


def test_every_item_in_order_and_pages_after_the_second_fetched_in_the_background(
    offline: Any,
) -> None:
    pages = Pages(55)
    assert list(working(collection(offline(), pages))) == list(range(55))
    assert pages.skips == [0, 10, 20, 30, 40, 50]
    # Pages 1-3 in the caller's thread: the consumer must have been slow on two pages.
    assert background_skips(pages) == {30, 40, 50}


def test_a_fast_consumer_gets_its_pages_without_handing_them_between_threads(
    offline: Any,
) -> None:
    pages = Pages(55)
    assert list(collection(offline(), pages)) == list(range(55))
    assert background_skips(pages) == set()


def test_without_prefetch_every_page_is_fetched_by_the_caller(offline: Any) -> None:
    pages = Pages(55)
    assert list(working(collection(offline(prefetch_pages=False), pages))) == list(range(55))
    assert {thread for _, thread in pages.calls} == {threading.current_thread().name}


def test_an_error_of_a_page_fetched_ahead_is_raised_where_that_page_begins(
    offline: Any,
) -> None:
    pages = Pages(100, fail_at=40)
    seen: list[int] = []
    with pytest.raises(LabelboxError, match="page at 40 failed"):
        for item in working(collection(offline(), pages)):
            seen.append(item)
    assert seen == list(range(40))
    assert 40 in background_skips(pages)


def test_as_many_pages_ahead_as_cover_a_round_trip(offline: Any) -> None:
    """Round trips of 20 ms, 3 ms of work per page: up to 4 pages in flight at once
    (never more); a round trip shorter than the work: one at a time."""
    pages = Pages(300, delay=0.02)
    assert list(working(collection(offline(), pages))) == list(range(300))
    # every page once; past the end, at most the 4 pages asked for ahead of the last
    assert pages.skips[:31] == list(range(0, 310, PAGE))
    assert len(set(pages.skips)) == len(pages.skips) and max(pages.skips) <= 330
    assert pages.peak == 4
    fast = Pages(300)
    assert list(working(collection(offline(), fast))) == list(range(300))
    assert fast.peak == 1


def test_get_one_and_get_many_fetch_no_page_they_do_not_need(offline: Any) -> None:
    client = offline()
    pages = Pages(100)
    assert collection(client, pages).get_one() == 0
    assert pages.skips == [0]
    pages = Pages(100)
    assert collection(client, pages).get_many(25) == list(range(25))
    assert pages.skips == [0, 10, 20]  # page 3 is needed; nothing ahead of it
    pages = Pages(100)
    assert collection(client, pages).get_many(30) == list(range(30))
    assert pages.skips == [0, 10, 20]


def test_stopping_early_drops_the_pages_fetched_ahead_and_leaves_no_thread(
    offline: Any,
) -> None:
    before = {t for t in threading.enumerate() if t.name.startswith("labelbox")}
    client = offline()
    pages = Pages(1000, delay=0.05)
    inner = iter(collection(client, pages))
    items = working(inner)
    for _ in range(35):  # into page 4: pages 5-8 are being fetched ahead
        next(items)
    items.close()
    inner.close()  # what `break` does to the loop's iterator
    # a round trip of 50 ms against 3 ms of work per page: _AHEAD_PAGES (4) ahead of
    # the page being read (at skip 30), no more
    assert max(pages.skips) == 30 + 4 * PAGE
    client.close()
    for thread in threading.enumerate():
        if thread.name.startswith("labelbox") and thread not in before:
            thread.join(timeout=5)
            assert not thread.is_alive()
    assert max(pages.skips) == 30 + 4 * PAGE  # nothing asked for after the stop


def test_concurrent_iterations_share_the_bounded_pool(offline: Any) -> None:
    before = set(threading.enumerate())  # other tests' clients may still have pools
    client = offline()
    results: list[list[int]] = []

    def iterate() -> None:
        results.append(list(working(collection(client, Pages(200)), 0.0002)))

    threads = [threading.Thread(target=iterate) for _ in range(2 * POOL_WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [list(range(200))] * (2 * POOL_WORKERS)
    # The client pool's threads ("labelbox_N"), not an emulator's ("labelbox-emulator...").
    pool_threads = [
        t for t in threading.enumerate() if t not in before and t.name.startswith("labelbox_")
    ]
    assert len(pool_threads) <= POOL_WORKERS


def test_rows_over_http_are_the_same_with_and_without_prefetch(emu: Emulator) -> None:
    with (
        Client(api_key=emu.api_key, endpoint=emu.endpoint) as ahead,
        Client(api_key=emu.api_key, endpoint=emu.endpoint, prefetch_pages=False) as one_by_one,
    ):
        dataset = ahead.create_dataset(name="pages")
        rows = [
            {"row_data": f"https://example.com/{i}.jpg", "external_id": str(i)} for i in range(345)
        ]
        dataset.create_data_rows(rows).wait_till_done()
        fetched = [(r.uid, r.external_id, r.row_data) for r in dataset.data_rows()]
        again = one_by_one.get_dataset(dataset.uid).data_rows()
        assert fetched == [(r.uid, r.external_id, r.row_data) for r in again]
        assert sorted(int(external_id or "") for _, external_id, _ in fetched) == list(range(345))


def test_values_are_attributes_that_update_and_refresh_replace(client: Client) -> None:
    project = client.create_project(name="before", description="d")
    assert isinstance(Project.name, Field)  # the class still gives the Field
    assert vars(project)["name"] == "before"  # an instance reads a plain attribute
    project.name = "local"  # local only
    assert project.name == "local"
    assert client.get_project(project.uid).name == "before"
    project.update(description="changed")  # the server's values replace local ones
    assert (project.name, project.description) == ("before", "changed")
    listed = client.get_projects(where=Project.uid == project.uid).get_one()
    assert listed is not None
    assert (listed.uid, listed.name, listed.description) == (project.uid, "before", "changed")
    assert listed == project and "id" not in vars(listed)
    values = {"id": "x", "name": "n", "updatedAt": "2021-01-01T00:00:00Z"}
    values |= {"createdAt": "2021-01-01T00:00:00Z", "description": None}
    values |= dict.fromkeys(
        ["setupComplete", "lastActivityTime", "autoAuditNumberOfLabels", "autoAuditPercentage"]
    )
    built = Project(client, {**values, "showingPredictionsToLabelers": None})
    assert (built.uid, built.name) == ("x", "n")
    with pytest.raises(TypeError, match="prefetch_pages"):
        Client(api_key="k", endpoint="http://127.0.0.1:9/graphql", prefetch_pages="yes")  # type: ignore[arg-type]
