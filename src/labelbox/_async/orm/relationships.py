"""The relationships of entities: ``project.datasets(...)`` and ``project.created_by()``.

On the class, ``AsyncProject.datasets`` is an :class:`AsyncToMany` descriptor (its
target, schema field and generated fetch function); on an instance it is an
:class:`AsyncToManyManager`: call it for a lazily paged
:class:`~labelbox._async.pagination.AsyncPaginatedCollection`, or connect/disconnect
objects. The declarations are generated in ``labelbox._async._generated.entities``;
the fetch functions each call one generated operation (``project_datasets``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from labelbox.orm.model import ManyFetch, OneFetch, Relate, Relationship

if TYPE_CHECKING:
    from labelbox._async.orm.db_object import AsyncDbObject
    from labelbox._async.pagination import AsyncPaginatedCollection
    from labelbox.orm.comparison import Expression
    from labelbox.orm.model import OrderBy

E = TypeVar("E", bound="AsyncDbObject[Any]")


class _AsyncTarget(Relationship[E]):
    """Resolves the target entity among the async entity classes."""

    @property
    def target(self) -> type[E]:
        """The entity class this relationship leads to."""
        from labelbox._async.orm.db_object import entity_class

        cls: type[E] = entity_class(self.target_name)  # type: ignore[assignment]
        return cls


class AsyncToMany(_AsyncTarget[E]):
    """A to-many relationship: ``project.datasets(where=..., order_by=...)``.

    On the class, ``Project.datasets`` is this descriptor; on an instance,
    ``project.datasets`` is a :class:`AsyncToManyManager`: call it for a lazily paged
    :class:`~labelbox._async.pagination.AsyncPaginatedCollection`, or ``connect``/``disconnect``
    objects.

    Example:
        >>> async for dataset in project.datasets(where=AsyncDataset.name == "cars",
        ...                                       order_by=AsyncDataset.created_at.desc):
        ...     print(dataset.name)
        >>> await project.datasets.connect(dataset)
    """

    def __init__(
        self,
        target: str,
        graphql_name: str,
        fetch: ManyFetch,
        relate: Relate | None = None,
        *,
        filterable: bool = True,
        sortable: bool = True,
    ) -> None:
        """Declares a to-many relationship (the generator does).

        Args:
            target: The related entity's type name, e.g. ``"Dataset"``.
            graphql_name: The schema's name of the relationship field.
            fetch: The generated function fetching one page of related objects.
            relate: The generated function connecting/disconnecting an object, or None.
            filterable: Whether ``where=`` is supported (the classic client and the
                real server refuse it on some relationships).
            sortable: Whether ``order_by=`` is supported.
        """
        super().__init__(target, graphql_name, fetch, relate)
        self.filterable: bool = filterable
        self.sortable: bool = sortable

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> AsyncToMany[E]: ...
    @overload
    def __get__(self, obj: AsyncDbObject[Any], owner: type[Any]) -> AsyncToManyManager[E]: ...
    def __get__(
        self, obj: AsyncDbObject[Any] | None, owner: type[Any]
    ) -> AsyncToMany[E] | AsyncToManyManager[E]:
        if obj is None:
            return self
        return AsyncToManyManager(obj, self)


class AsyncToOne(_AsyncTarget[E]):
    """A to-one relationship: ``project.created_by()`` → ``User | None``.

    On an instance, ``project.created_by`` is a :class:`AsyncToOneManager`: call it to fetch
    the related object.

    Example:
        >>> creator = project.created_by()     # User | None
        >>> project.labeling_frontend.connect(frontend)
    """

    def __init__(
        self,
        target: str,
        graphql_name: str,
        fetch: OneFetch | None,
        relate: Relate | None = None,
        *,
        embedded: Callable[[Any], Any] | None = None,
    ) -> None:
        """Declares a to-one relationship (the generator does).

        Args:
            target: The related entity's type name, e.g. ``"User"``.
            graphql_name: The schema's name of the relationship field.
            fetch: The generated function fetching the related object (None when it is
                ``embedded``).
            relate: The generated function connecting/disconnecting an object, or None.
            embedded: Reads the related model from the source's own model, when the
                source's fragment selects it (the classic client's cached relationships):
                no request is sent.
        """
        super().__init__(target, graphql_name, fetch or _read_from_source, relate)
        self.embedded: Callable[[Any], Any] | None = embedded

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> AsyncToOne[E]: ...
    @overload
    def __get__(self, obj: AsyncDbObject[Any], owner: type[Any]) -> AsyncToOneManager[E]: ...
    def __get__(
        self, obj: AsyncDbObject[Any] | None, owner: type[Any]
    ) -> AsyncToOne[E] | AsyncToOneManager[E]:
        if obj is None:
            return self
        return AsyncToOneManager(obj, self)


def _read_from_source(gen: Any, source_id: str) -> Any:
    raise AssertionError("an embedded relationship is read from its source, never fetched")


class _AsyncManager(Generic[E]):
    __slots__ = ("relationship", "source")

    def __init__(self, source: AsyncDbObject[Any], relationship: Relationship[E]) -> None:
        self.source: AsyncDbObject[Any] = source
        self.relationship: Relationship[E] = relationship

    async def _relate(self, other: E, connect: bool) -> None:
        rel = self.relationship
        action = "connect" if connect else "disconnect"
        if not isinstance(other, rel.target):
            raise TypeError(
                f"{rel.owner_name}.{rel.name}.{action}() takes a {rel.target_name}, "
                f"got {type(other).__name__}"
            )
        if rel.relate is None:
            from labelbox.exceptions import InvalidQueryError

            raise InvalidQueryError(
                f"{rel.owner_name}.{rel.name} cannot be {action}ed: the API offers no such "
                "update (connect from the other side, e.g. project.datasets.connect(dataset))"
            )
        await rel.relate(self.source.client._gen, self.source.uid, other.uid, connect)

    async def connect(self, other: E) -> None:
        """Connects the source object to ``other`` on the server.

        Args:
            other: An object of the relationship's target entity.

        Raises:
            TypeError: If ``other`` is not of the target entity.
            labelbox.exceptions.InvalidQueryError: If the API offers no such update
                (connect from the other side).
        """
        await self._relate(other, True)

    async def disconnect(self, other: E) -> None:
        """Disconnects the source object from ``other`` on the server.

        Args:
            other: An object of the relationship's target entity.

        Raises:
            TypeError: If ``other`` is not of the target entity.
            labelbox.exceptions.InvalidQueryError: If the API offers no such update.
        """
        await self._relate(other, False)


class AsyncToManyManager(_AsyncManager[E]):
    """Callable returned by ``project.datasets``; also connects/disconnects."""

    def __call__(
        self, where: Expression[E] | None = None, order_by: OrderBy[E] | None = None
    ) -> AsyncPaginatedCollection[E]:
        """Lazily pages through the related objects (pages of 100).

        Args:
            where: The where clause for filtering, e.g. ``Dataset.name == "x"``.
            order_by: Sort order, e.g. ``Dataset.name.asc``.

        Returns:
            The related objects; nothing is fetched until iteration.

        Raises:
            labelbox.exceptions.InvalidQueryError: If ``where``/``order_by`` is given
                for a relationship that does not support it, or the API refuses the
                expression.
            labelbox.exceptions.InvalidAttributeError: If the expression uses a field
                of another entity.
        """
        from labelbox._async.pagination import AsyncPaginatedCollection
        from labelbox.exceptions import InvalidQueryError
        from labelbox.orm.where import compile_order_by, compile_where

        rel = self.relationship
        assert isinstance(rel, AsyncToMany)
        if where is not None and not rel.filterable:
            raise InvalidQueryError(
                f"Relationship {rel.owner_name}.{rel.name} doesn't support filtering"
            )
        if order_by is not None and not rel.sortable:
            raise InvalidQueryError(
                f"Relationship {rel.owner_name}.{rel.name} doesn't support sorting"
            )
        target = rel.target
        where_input = compile_where(target, where) if rel.filterable else None
        order_input = compile_order_by(target, order_by) if rel.sortable else None
        client, source_id, fetch = self.source.client, self.source.uid, self.relationship.fetch

        async def page(skip: int, first: int) -> Sequence[Any]:
            models: Sequence[Any] = await fetch(
                client._gen, source_id, skip, first, where_input, order_input
            )
            return models

        return AsyncPaginatedCollection._paged(
            page,
            lambda model: target._wrap(client, model),
            wrap_page=lambda models: target._wrap_page(client, models),
            client=client,
        )


class AsyncToOneManager(_AsyncManager[E]):
    """Callable returned by ``project.created_by``; also connects/disconnects."""

    async def __call__(self) -> E | None:
        """Fetches the related object.

        Returns:
            The related object, or None when there is none.
        """
        client = self.source.client
        relationship = self.relationship
        assert isinstance(relationship, AsyncToOne)
        if relationship.embedded is not None:
            model = relationship.embedded(self.source._model)
        else:
            model = await relationship.fetch(client._gen, self.source.uid)
        return None if model is None else relationship.target._wrap(client, model)
