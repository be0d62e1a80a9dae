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
