"""Lazy, streaming collections of entities, fetched a page (skip/first) at a time."""

from __future__ import annotations

import collections
import math
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import aclosing
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from labelbox._async._concurrency import AsyncPending, AsyncWorkers
    from labelbox._async.client import AsyncClient

T = TypeVar("T")
_PAGE_SIZE = 100
#: Pages are fetched ahead for a consumer that spends at least this long on a page.
_AHEAD_MIN = 0.001
#: The most pages fetched ahead of the consumer at a time.
_AHEAD_PAGES = 4


class AsyncPaginatedCollection(Generic[T]):
    """An iterable collection of database objects (Projects, Labels, etc. ...).

    Pages are fetched transparently during iteration, whatever the row count; iterating
    again (``async for``) starts from the first page. From the second page on, when your
    loop spends a millisecond or more on a page, the next page is fetched in the
    background (by the client's workers) while you consume the current one, so the
    round trips overlap your work. As many pages are asked for ahead as your time per
    page needs to cover a round trip (a page's round trip of 20 ms and 5 ms of work per
    page: 4), at most 4, so at most 5 pages are held at a time; an error of a request
    is raised where its page begins, and stopping early cancels the requests ahead.
    ``AsyncClient(prefetch_pages=False)`` fetches strictly one page at a time.
    It is also an iterator, as the classic's was: ``anext(collection)`` returns the next
    object of one running cursor (StopAsyncIteration at the end), independent of
    ``async for`` loops over the same collection.

    Async only: pages are fetched ahead inside ``async with AsyncClient() as client:``,
    whose task group runs the background fetches; outside one, each page is fetched
    when it is reached.

    The documented constructor takes a raw query with two ``%d`` placeholders (skip,
    first), its params, the keypath to the objects in the result and the class (or
    factory) building each object; the SDK itself builds collections from typed
    generated operations.
    """

    def __init__(
        self,
        client: AsyncClient,
        query: str,
        params: dict[str, Any],
        dereferencing: Iterable[str],
        obj_class: Callable[[AsyncClient, Any], T],
    ) -> None:
        """Creates a PaginatedCollection over a raw query.

        Intended for use by library internals and not by the end user; the SDK's own
        collections come from typed generated operations.

        Args:
            client: the client used for fetching data from DB.
            query: Base query used for pagination. It must contain two ``%d``
                placeholders, the first for pagination 'skip' clause and the second
                for the 'first' clause.
            params: Query parameters.
            dereferencing: An iterable of str defining the keypath that needs to be
                dereferenced in the query result in order to reach the paginated
                objects of interest.
            obj_class: The class of object (or a factory) to be instantiated with the
                client and each dict containing db values.

        Example:
            >>> collection = AsyncPaginatedCollection(
            ...     client, "query($n: String) {projects(where: {name: $n} skip: %d first: %d) {id name}}",
            ...     {"n": "cars"}, ["projects"], lambda client, data: data)
            >>> [row["name"] async for row in collection]
        """
        keypath = list(dereferencing)

        async def fetch(skip: int, first: int) -> Sequence[Any]:
            result: Any = await client.execute(query % (skip, first), params)
            for key in keypath:
                result = result[key] if result is not None else None
            return list(result or [])

        self._fetch: Callable[[int, int], Awaitable[Sequence[Any]]] = fetch
        self._wrap: Callable[[Any], T] = lambda data: obj_class(client, data)
        self._wrap_page: Callable[[Sequence[Any]], Iterable[T]] | None = None
        self._ahead: Callable[[], AsyncWorkers | None] | None = getattr(client, "_prefetcher", None)
        self._page_size = _PAGE_SIZE
        self._cursor: AsyncIterator[T] | None = None

    @classmethod
    def _paged(
        cls,
        fetch: Callable[[int, int], Awaitable[Sequence[Any]]],
        wrap: Callable[[Any], T],
        page_size: int = _PAGE_SIZE,
        *,
        wrap_page: Callable[[Sequence[Any]], Iterable[T]] | None = None,
        client: AsyncClient | None = None,
    ) -> AsyncPaginatedCollection[T]:
        """A collection of ``fetch(skip, first)`` pages; ``wrap`` builds each object
        (``wrap_page`` a whole page's, faster); with ``client``, pages are fetched
        ahead by its workers."""
        collection: AsyncPaginatedCollection[T] = cls.__new__(cls)
        collection._fetch = fetch
        collection._wrap = wrap
        collection._wrap_page = wrap_page
        collection._ahead = None if client is None else client._prefetcher
        collection._page_size = page_size
        collection._cursor = None
        return collection

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterate()

    async def _iterate(self, limit: int | None = None) -> AsyncGenerator[T, None]:
        """The objects, page by page; no page past the first ``limit`` objects is
        fetched (nor fetched ahead)."""
        size = self._page_size
        wrap = self._wrap
        wrap_page: Callable[[Sequence[Any]], Iterable[T]] = self._wrap_page or (
            lambda page: map(wrap, page)
        )
        fetch, ahead_of = self._fetch, self._ahead
        started = time.perf_counter()
        page = await fetch(0, size)
        round_trip = time.perf_counter() - started  # of the latest page fetched in place
        skip, pages = 0, 1
        # Pages asked for ahead, in order: those at skip + size, skip + 2 * size, ...
        ahead: collections.deque[AsyncPending[Sequence[Any]]] = collections.deque()
        # How long the consumer took over the previous two pages (a descheduled
        # process makes one page look slow; a consumer that works is slow on both).
        consumer_times = (0.0, 0.0)
        try:
            while True:
                more = len(page) >= size
                skip += len(page)
                more = more and (limit is None or skip < limit)
                # From the second page on (not for get_one() or a short list), and only
                # for a consumer whose work per page can hide a round trip (handing a
                # page over costs ~0.1 ms): ask for the next pages now, consume this
                # one meanwhile; as many as the consumer's time per page needs to cover
                # a round trip (at most _AHEAD_PAGES).
                work = min(consumer_times)
                if more and pages >= 2 and work >= _AHEAD_MIN and ahead_of:
                    workers = ahead_of()
                    depth = min(_AHEAD_PAGES, max(1, math.ceil(round_trip / work)))
                    while workers is not None and len(ahead) < depth:
                        start = skip + len(ahead) * size
                        if limit is not None and start >= limit:
                            break
                        pending = workers.submit(fetch, start, size)
                        if pending is None:
                            break
                        ahead.append(pending)
                handed = time.perf_counter()
                for item in wrap_page(page):
                    yield item
                consumer_times = (consumer_times[1], time.perf_counter() - handed)
                if not more:
                    return
                # A page fetched ahead: its error, if any, belongs to this page.
                if ahead:
                    page = await ahead.popleft().result()
                else:
                    started = time.perf_counter()
                    page = await fetch(skip, size)
                    round_trip = time.perf_counter() - started
                pages += 1
        finally:
            # Stopped early (or at the end): drop the pages fetched ahead (cancelled
            # unless running).
            for pending in ahead:
                pending.cancel()

    async def __anext__(self) -> T:
        """The next object of this collection's own cursor (``anext(collection)``).

        Returns:
            The next object.

        Raises:
            StopAsyncIteration: After the last object.
        """
        if self._cursor is None:
            self._cursor = aiter(self)
        return await anext(self._cursor)

    async def get_one(self) -> T | None:
        """The first object of the collection (fetches one page at most).

        Returns:
            The first object, or None if the collection is empty.

        Example:
            >>> project = await client.get_projects(where=AsyncProject.name == "cars").get_one()
        """
        async with aclosing(self._iterate(limit=1)) as items:
            async for item in items:
                return item
        return None

    async def get_many(self, n: int) -> list[T]:
        """The first objects of the collection (fetches only the pages needed).

        Args:
            n: How many objects to return at most.

        Returns:
            Up to ``n`` objects, in the collection's order.

        Example:
            >>> first_ten = await dataset.data_rows().get_many(10)
        """
        items: list[T] = []
        if n <= 0:
            return items
        async with aclosing(self._iterate(limit=n)) as objects:
            async for item in objects:
                items.append(item)
                if len(items) >= n:
                    break
        return items

    def with_progress(self, desc: str = "Fetching", total: int | None = None) -> AsyncIterator[T]:
        """Iterates the collection (from its first page) while a tqdm bar counts the
        objects; the bar closes when the iteration ends.

        Args:
            desc: The bar's label.
            total: How many objects to expect, if known (shows a percentage and ETA).

        Returns:
            An iterator over the collection's objects, one page held at a time.

        Example:
            >>> async for row in dataset.data_rows().with_progress(desc="Data rows"):
            ...     process(row)
        """
        from labelbox._async._progress import counted

        return counted(self, desc, total)
