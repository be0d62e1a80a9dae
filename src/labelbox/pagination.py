"""Lazy, streaming collections of entities, fetched a page (skip/first) at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from labelbox.client import Client

T = TypeVar("T")
_PAGE_SIZE = 100


class PaginatedCollection(Generic[T]):
    """An iterable collection of database objects (Projects, Labels, etc. ...).

    Pages are fetched transparently during iteration and only one page is held at a
    time, whatever the row count; iterating again (``for``) starts from the first page.
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
        keypath = list(dereferencing)

        def fetch(skip: int, first: int) -> Sequence[Any]:
            result: Any = client.execute(query % (skip, first), params)
            for key in keypath:
                result = result[key] if result is not None else None
            return list(result or [])

        self._fetch: Callable[[int, int], Sequence[Any]] = fetch
        self._wrap: Callable[[Any], T] = lambda data: obj_class(client, data)
        self._page_size = _PAGE_SIZE
        self._cursor: Iterator[T] | None = None

    @classmethod
    def _paged(
        cls,
        fetch: Callable[[int, int], Sequence[Any]],
        wrap: Callable[[Any], T],
        page_size: int = _PAGE_SIZE,
    ) -> PaginatedCollection[T]:
        collection: PaginatedCollection[T] = cls.__new__(cls)
        collection._fetch = fetch
        collection._wrap = wrap
        collection._page_size = page_size
        collection._cursor = None
        return collection

    def __iter__(self) -> Iterator[T]:
        skip = 0
        while True:
            page = self._fetch(skip, self._page_size)
            for item in page:
                yield self._wrap(item)
            if len(page) < self._page_size:
                return
            skip += len(page)

    def __next__(self) -> T:
        """The next object of this collection's own cursor (``next(collection)``)."""
        if self._cursor is None:
            self._cursor = iter(self)
        return next(self._cursor)

    def get_one(self) -> T | None:
        """The first object, or None (fetches one page at most)."""
        return next(iter(self), None)

    def get_many(self, n: int) -> list[T]:
        """Up to ``n`` objects."""
        out: list[T] = []
        for item in self:
            if len(out) >= n:
                break
            out.append(item)
        return out

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
