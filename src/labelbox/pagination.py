"""Lazy, streaming collections of entities, fetched a page (skip/first) at a time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from labelbox.client import Client

T = TypeVar("T")
_PAGE_SIZE = 100
#: How long the consumer waits for a page fetched ahead to start, in seconds.
_START_WAIT = 0.02
#: Pages are fetched ahead for a consumer that spends at least this long on a page.
_AHEAD_MIN = 0.001


class PaginatedCollection(Generic[T]):
    """An iterable collection of database objects (Projects, Labels, etc. ...).

    Pages are fetched transparently during iteration, whatever the row count; iterating
    again (``for``) starts from the first page. From the second page on, when your loop
    spends a millisecond or more on a page, the next page is fetched in the background
    (on the client's thread pool) while you consume the current one, so the round
    trips overlap your work: at most two pages are held at a time, an error of that
    request is raised where its page begins, and stopping early cancels it.
    ``Client(prefetch_pages=False)`` fetches strictly one page at a time.
    It is also an iterator, as the classic's was: ``next(collection)`` returns the next
    object of one running cursor (StopIteration at the end), independent of ``for``
    loops over the same collection.

    The documented constructor takes a raw query with two ``%d`` placeholders (skip,
    first), its params, the keypath to the objects in the result and the class (or
    factory) building each object; the SDK itself builds collections from typed
    generated operations.
    """

    def __init__(
        self,
        client: Client,
        query: str,
        params: dict[str, Any],
        dereferencing: Iterable[str],
        obj_class: Callable[[Client, Any], T],
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
            >>> collection = PaginatedCollection(
            ...     client, "query($n: String) {projects(where: {name: $n} skip: %d first: %d) {id name}}",
            ...     {"n": "cars"}, ["projects"], lambda client, data: data)
            >>> [row["name"] for row in collection]
        """
        keypath = list(dereferencing)

        def fetch(skip: int, first: int) -> Sequence[Any]:
            result: Any = client.execute(query % (skip, first), params)
            for key in keypath:
                result = result[key] if result is not None else None
            return list(result or [])

        self._fetch: Callable[[int, int], Sequence[Any]] = fetch
        self._wrap: Callable[[Any], T] = lambda data: obj_class(client, data)
        self._wrap_page: Callable[[Sequence[Any]], Iterable[T]] | None = None
        self._ahead: Callable[[], Executor | None] | None = getattr(client, "_prefetcher", None)
        self._page_size = _PAGE_SIZE
        self._cursor: Iterator[T] | None = None

    @classmethod
    def _paged(
        cls,
        fetch: Callable[[int, int], Sequence[Any]],
        wrap: Callable[[Any], T],
        page_size: int = _PAGE_SIZE,
        *,
        wrap_page: Callable[[Sequence[Any]], Iterable[T]] | None = None,
        client: Client | None = None,
    ) -> PaginatedCollection[T]:
        """A collection of ``fetch(skip, first)`` pages; ``wrap`` builds each object
        (``wrap_page`` a whole page's, faster); with ``client``, pages are fetched
        ahead on its thread pool."""
        collection: PaginatedCollection[T] = cls.__new__(cls)
        collection._fetch = fetch
        collection._wrap = wrap
        collection._wrap_page = wrap_page
        collection._ahead = None if client is None else client._prefetcher
        collection._page_size = page_size
        collection._cursor = None
        return collection

    def __iter__(self) -> Iterator[T]:
        return self._iterate()

    def _iterate(self, limit: int | None = None) -> Iterator[T]:
        """The objects, page by page; no page past the first ``limit`` objects is
        fetched (nor fetched ahead)."""
        size = self._page_size
        wrap = self._wrap
        wrap_page: Callable[[Sequence[Any]], Iterable[T]] = self._wrap_page or (
            lambda page: map(wrap, page)
        )

        fetch = self._fetch
        skip, pages = 0, 1
        page = fetch(skip, size)
        ahead: Future[Sequence[Any]] | None = None
        started = threading.Event()
        # How long the consumer took over the previous two pages (a descheduled
        # process makes one page look slow; a consumer that works is slow on both).
        consumer_times = (0.0, 0.0)

        def fetch_ahead(skip: int) -> Sequence[Any]:
            started.set()
            return fetch(skip, size)

        try:
            while True:
                more = len(page) >= size
                skip += len(page)
                more = more and (limit is None or skip < limit)
                # From the second page on (not for get_one() or a short list), and only
                # for a consumer whose work per page can hide a round trip (handing a
                # page over between threads costs ~0.1 ms): ask for the next page now,
                # consume this one meanwhile.
                if more and pages >= 2 and min(consumer_times) >= _AHEAD_MIN and self._ahead:
                    executor = self._ahead()
                    if executor is not None:
                        started.clear()
                        ahead = executor.submit(fetch_ahead, skip)
                handed = time.perf_counter()
                yield from wrap_page(page)
                consumer_times = (consumer_times[1], time.perf_counter() - handed)
                if not more:
                    return
                # Waiting lets an idle pool thread start (it needs the GIL this thread
                # held); one that did not start soon (a busy pool) is fetched here.
                if ahead is not None and (started.wait(_START_WAIT) or not ahead.cancel()):
                    page = ahead.result()  # its error, if any, belongs to this page
                else:
                    page = fetch(skip, size)
                ahead = None
                pages += 1
        finally:
            if ahead is not None:
                # Stopped early: drop the page fetched ahead (cancelled unless running).
                ahead.cancel()

    def __next__(self) -> T:
        """The next object of this collection's own cursor (``next(collection)``).

        Returns:
            The next object.

        Raises:
            StopIteration: After the last object.
        """
        if self._cursor is None:
            self._cursor = iter(self)
        return next(self._cursor)

    def get_one(self) -> T | None:
        """The first object of the collection (fetches one page at most).

        Returns:
            The first object, or None if the collection is empty.

        Example:
            >>> project = client.get_projects(where=Project.name == "cars").get_one()
        """
        return next(iter(self), None)

    def get_many(self, n: int) -> list[T]:
        """The first objects of the collection (fetches only the pages needed).

        Args:
            n: How many objects to return at most.

        Returns:
            Up to ``n`` objects, in the collection's order.

        Example:
            >>> first_ten = dataset.data_rows().get_many(10)
        """
        if n <= 0:
            return []
        return list(islice(self._iterate(limit=n), n))

    def with_progress(self, desc: str = "Fetching", total: int | None = None) -> Iterator[T]:
        """Iterates the collection (from its first page) while a tqdm bar counts the
        objects; the bar closes when the iteration ends.

        Args:
            desc: The bar's label.
            total: How many objects to expect, if known (shows a percentage and ETA).

        Returns:
            An iterator over the collection's objects, one page held at a time.

        Example:
            >>> for row in dataset.data_rows().with_progress(desc="Data rows"):
            ...     process(row)
        """
        from labelbox._progress import counted

        return counted(self, desc, total)
