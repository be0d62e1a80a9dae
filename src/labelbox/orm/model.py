"""Typed descriptors of entity fields and relationships.

On the class, ``Project.name`` is a :class:`Field` usable in where-expressions and
``order_by``; on an instance, ``project.name`` is the value read from the wrapped
generated model (two ``__get__`` overloads). Relationships return managers that fetch
``PaginatedCollection[T]`` (to-many) or ``T | None`` (to-one) through the typed fetch
function generated for them in ``labelbox._generated.entities`` (each calls its generated
operation, e.g. ``project_datasets``). The declarations themselves are generated there
too, from the schema and the ``<Entity>Fields`` fragments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeAlias, TypeVar, overload

from labelbox.orm.comparison import Comparison

if TYPE_CHECKING:
    from labelbox.orm.comparison import Expression
    from labelbox.orm.db_object import DbObject
    from labelbox.pagination import PaginatedCollection
    from labelbox_gen.client import LabelboxGenClient

T = TypeVar("T")
E = TypeVar("E", bound="DbObject[Any]")
#: Owner entity of a field (``Project`` in ``Field[Project, str]``).
Ent = TypeVar("Ent", bound="DbObject[Any]")
_Owner = TypeVar("_Owner", bound="DbObject[Any]")

_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")


def snake_case(name: str) -> str:
    """The Python (snake_case) name of a schema (camelCase) name.

    Args:
        name: e.g. ``"labelingFrontendOptions"``.

    Returns:
        e.g. ``"labeling_frontend_options"``.
    """
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def camel_case(name: str) -> str:
    """The schema (camelCase) name of a Python (snake_case) name.

    Args:
        name: e.g. ``"labeling_frontend_options"``.

    Returns:
        e.g. ``"labelingFrontendOptions"``.
    """
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class Order(Enum):
    """Sort direction of ``order_by=(Field, Order.Asc)`` (also ``Field.Order``).

    Example:
        >>> client.get_projects(order_by=(Project.created_at, Order.Desc))
        >>> client.get_projects(order_by=Project.created_at.desc)   # the same
    """

    Asc = "ASC"
    Desc = "DESC"


#: ``(Project.name, Order.Asc)``: sorts a query of entity ``Ent``.
OrderBy: TypeAlias = tuple["Field[Ent, Any]", Order]


class Field(Generic[Ent, T]):
    """A typed scalar field ``T`` of entity ``Ent``, declared (by the generator, in
    ``labelbox._generated.entities``) as
    ``name: Field[DbObject[Any], str] = Field("name", "name")``.

    ``Project.name`` is this ``Field[Project, str]``: its comparisons build
    ``Comparison[Project]`` where-expressions, accepted only by Project queries.
    ``project.name`` is the ``str`` read from the wrapped generated model.

    Example:
        >>> client.get_projects(where=(Project.name == "cars") & (Project.description != "old"),
        ...                     order_by=Project.name.asc)
    """

    Order = Order

    def __init__(self, graphql_name: str, model_attr: str | None = None) -> None:
        """Declares a field (the generator does, in ``labelbox._generated.entities``).

        Args:
            graphql_name: The schema's name of the field, e.g. ``"setupComplete"``.
            model_attr: The generated model's attribute holding the value (default:
                snake_case of the schema's name).
        """
        self.graphql_name: str = graphql_name
        self.model_attr: str = model_attr or snake_case(graphql_name)
        self.name: str = self.model_attr
        self.owner_name: str = "?"

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner_name = owner.__name__.removesuffix("Base")

    # On the class: the field, owned by the class it is read from (so the inherited
    # ``uid`` of ``Dataset.uid`` is a ``Field[Dataset, str]``). On an instance: the value.
    @overload
    def __get__(self, obj: None, owner: type[_Owner]) -> Field[_Owner, T]: ...
    @overload
    def __get__(self, obj: DbObject[Any], owner: type[Any]) -> T: ...
    def __get__(self, obj: DbObject[Any] | None, owner: type[Any]) -> Field[Any, T] | T:
        if obj is None:
            return self
        # Not reached for an entity built from a model: DbObject copies the model's
        # values into the instance __dict__, which wins over this (non-data) descriptor.
        value: T = getattr(obj._model, self.model_attr)
        return value

    if TYPE_CHECKING:
        # Declared for type checkers only (``project.name = "x"`` must be a ``str``): at
        # run time a Field has no __set__, so reading ``project.name`` is a plain
        # instance-dict lookup, and assigning sets the local value only
        # (``update(**kwargs)`` writes to the server).
        def __set__(self, obj: DbObject[Any], value: T) -> None: ...

    def __repr__(self) -> str:
        return f"<Field {self.owner_name}.{self.name}>"

    # Comparisons build where-expressions (SQLAlchemy-style operator overloading).
    def __eq__(self, other: T) -> Comparison[Ent]:  # type: ignore[override]
        return Comparison(Comparison.Op.EQ, self, other)

    def __ne__(self, other: T) -> Comparison[Ent]:  # type: ignore[override]
        return Comparison(Comparison.Op.NE, self, other)

    def __lt__(self, other: T) -> Comparison[Ent]:
        return Comparison(Comparison.Op.LT, self, other)

    def __gt__(self, other: T) -> Comparison[Ent]:
        return Comparison(Comparison.Op.GT, self, other)

    def __le__(self, other: T) -> Comparison[Ent]:
        return Comparison(Comparison.Op.LE, self, other)

    def __ge__(self, other: T) -> Comparison[Ent]:
        return Comparison(Comparison.Op.GE, self, other)

    def __hash__(self) -> int:
        return id(self)

    @property
    def asc(self) -> OrderBy[Ent]:
        """``(self, Order.Asc)``: ascending order, e.g. ``order_by=Project.name.asc``."""
        return (self, Order.Asc)

    @property
    def desc(self) -> OrderBy[Ent]:
        """``(self, Order.Desc)``: descending order, e.g. ``order_by=Project.name.desc``."""
        return (self, Order.Desc)


#: One page of a to-many relationship: ``(gen, source id, skip, first, where, order_by)``
#: → the target's fragment models (generated, typed, in ``labelbox._generated.entities``).
ManyFetch: TypeAlias = Callable[..., Sequence[Any]]
#: A to-one relationship: ``(gen, source id)`` → the target's fragment model or None.
OneFetch: TypeAlias = Callable[["LabelboxGenClient", str], Any]
#: ``(gen, source id, target id, connect)``: connects (True) or disconnects the two.
Relate: TypeAlias = Callable[["LabelboxGenClient", str, str, bool], None]


def raise_not_found(entity_name: str, uid: str) -> NoReturn:
    """Raises the error of a missing object.

    Args:
        entity_name: The entity's type name, e.g. ``"Project"``.
        uid: The id that was not found.

    Raises:
        labelbox.exceptions.ResourceNotFoundError: Always.
    """
    from labelbox.exceptions import ResourceNotFoundError

    raise ResourceNotFoundError(_entity_class_or_none(entity_name), {"id": uid})


def _entity_class_or_none(name: str) -> type[Any] | None:
    from labelbox.orm.db_object import entity_class

    try:
        return entity_class(name)
    except KeyError:
        return None


class Relationship(Generic[E]):
    """Common part of :class:`ToMany` and :class:`ToOne`: the target entity, the schema
    field and the generated functions that fetch and (dis)connect it."""

    def __init__(
        self, target: str, graphql_name: str, fetch: Callable[..., Any], relate: Relate | None
    ) -> None:
        """Declares a relationship (the generator does, in ``labelbox._generated.entities``).

        Args:
            target: The related entity's type name, e.g. ``"Dataset"``.
            graphql_name: The schema's name of the relationship field.
            fetch: The generated function fetching the related objects.
            relate: The generated function connecting/disconnecting an object, or None
                if the API offers no such update.
        """
        self.target_name: str = target
        self.graphql_name: str = graphql_name
        self.fetch: Callable[..., Any] = fetch
        self.relate: Relate | None = relate
        self.name: str = ""
        self.owner_name: str = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner_name = owner.__name__.removesuffix("Base")

    @property
    def target(self) -> type[E]:
        """The entity class this relationship leads to."""
        from labelbox.orm.db_object import entity_class

        cls: type[E] = entity_class(self.target_name)  # type: ignore[assignment]
        return cls

    def __set__(self, obj: DbObject[Any], value: NoReturn) -> None:
        """Read-only (``value: NoReturn`` makes any assignment a type error too)."""
        raise AttributeError(
            f"{self.owner_name}.{self.name} is a relationship; use connect()/disconnect()"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.owner_name}.{self.name} -> {self.target_name}>"


class ToMany(Relationship[E]):
    """A to-many relationship: ``project.datasets(where=..., order_by=...)``.

    On the class, ``Project.datasets`` is this descriptor; on an instance,
    ``project.datasets`` is a :class:`ToManyManager`: call it for a lazily paged
    :class:`~labelbox.pagination.PaginatedCollection`, or ``connect``/``disconnect``
    objects.

    Example:
        >>> for dataset in project.datasets(where=Dataset.name == "cars",
        ...                                 order_by=Dataset.created_at.desc):
        ...     print(dataset.name)
        >>> project.datasets.connect(dataset)
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
    def __get__(self, obj: None, owner: type[Any]) -> ToMany[E]: ...
    @overload
    def __get__(self, obj: DbObject[Any], owner: type[Any]) -> ToManyManager[E]: ...
    def __get__(self, obj: DbObject[Any] | None, owner: type[Any]) -> ToMany[E] | ToManyManager[E]:
        if obj is None:
            return self
        return ToManyManager(obj, self)


class ToOne(Relationship[E]):
    """A to-one relationship: ``project.created_by()`` → ``User | None``.

    On an instance, ``project.created_by`` is a :class:`ToOneManager`: call it to fetch
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
    def __get__(self, obj: None, owner: type[Any]) -> ToOne[E]: ...
    @overload
    def __get__(self, obj: DbObject[Any], owner: type[Any]) -> ToOneManager[E]: ...
    def __get__(self, obj: DbObject[Any] | None, owner: type[Any]) -> ToOne[E] | ToOneManager[E]:
        if obj is None:
            return self
        return ToOneManager(obj, self)


def _read_from_source(gen: Any, source_id: str) -> Any:
    raise AssertionError("an embedded relationship is read from its source, never fetched")


class _Manager(Generic[E]):
    __slots__ = ("relationship", "source")

    def __init__(self, source: DbObject[Any], relationship: Relationship[E]) -> None:
        self.source: DbObject[Any] = source
        self.relationship: Relationship[E] = relationship

    def _relate(self, other: E, connect: bool) -> None:
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
        rel.relate(self.source.client._gen, self.source.uid, other.uid, connect)

    def connect(self, other: E) -> None:
        """Connects the source object to ``other`` on the server.

        Args:
            other: An object of the relationship's target entity.

        Raises:
            TypeError: If ``other`` is not of the target entity.
            labelbox.exceptions.InvalidQueryError: If the API offers no such update
                (connect from the other side).
        """
        self._relate(other, True)

    def disconnect(self, other: E) -> None:
        """Disconnects the source object from ``other`` on the server.

        Args:
            other: An object of the relationship's target entity.

        Raises:
            TypeError: If ``other`` is not of the target entity.
            labelbox.exceptions.InvalidQueryError: If the API offers no such update.
        """
        self._relate(other, False)


class ToManyManager(_Manager[E]):
    """Callable returned by ``project.datasets``; also connects/disconnects."""

    def __call__(
        self, where: Expression[E] | None = None, order_by: OrderBy[E] | None = None
    ) -> PaginatedCollection[E]:
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
        from labelbox.exceptions import InvalidQueryError
        from labelbox.orm.where import compile_order_by, compile_where
        from labelbox.pagination import PaginatedCollection

        rel = self.relationship
        assert isinstance(rel, ToMany)
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

        def page(skip: int, first: int) -> Sequence[Any]:
            models: Sequence[Any] = fetch(
                client._gen, source_id, skip, first, where_input, order_input
            )
            return models

        return PaginatedCollection._paged(
            page,
            lambda model: target._wrap(client, model),
            wrap_page=lambda models: target._wrap_page(client, models),
            client=client,
        )


class ToOneManager(_Manager[E]):
    """Callable returned by ``project.created_by``; also connects/disconnects."""

    def __call__(self) -> E | None:
        """Fetches the related object.

        Returns:
            The related object, or None when there is none.
        """
        client = self.source.client
        relationship = self.relationship
        assert isinstance(relationship, ToOne)
        if relationship.embedded is not None:
            model = relationship.embedded(self.source._model)
        else:
            model = relationship.fetch(client._gen, self.source.uid)
        return None if model is None else relationship.target._wrap(client, model)
