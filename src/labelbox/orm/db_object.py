"""Base classes of every entity: a thin, typed wrapper around a generated fragment model.

``DbObject`` holds the client and the generated ``<Entity>Fields`` model; reading a field
is an attribute lookup on that model (no per-row reflection). ``Updateable``,
``Deletable`` and ``BulkDeletable`` add the generic mutations, compiled the same way for
every entity through ``<Entity>CreateInput`` / ``<Entity>UpdateInput``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from labelbox.exceptions import InvalidAttributeError, InvalidQueryError
from labelbox.orm.model import Field, Relationship, ToMany, snake_case
from labelbox.orm.where import generated

if TYPE_CHECKING:
    import pydantic
    from typing_extensions import Self

    from labelbox.client import Client

_REGISTRY: dict[str, type[DbObject]] = {}
D = TypeVar("D", bound="DbObject")
_K = TypeVar("_K")


def entity_class(name: str) -> type[DbObject]:
    """The entity class named ``name`` (e.g. ``"Dataset"``)."""
    if name not in _REGISTRY:
        import labelbox.schema  # noqa: F401  registers every entity

    return _REGISTRY[name]


def validate_model(model_type: Any, data: Any, what: str) -> Any:
    """``model_type.model_validate(data)``; a TypeError naming each bad value instead of
    a raw pydantic error. (pydantic is imported here, not at ``import labelbox``.)"""
    import pydantic

    try:
        return model_type.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']} (got {err.get('input')!r})"
            for err in exc.errors()
        )
        raise TypeError(f"Invalid {what}: {problems}") from None


def build_input(type_name: str, data: dict[str, Any]) -> Any:
    """Validates ``data`` into a generated input type; TypeError naming the bad value."""
    return validate_model(generated(type_name), data, type_name)


def _declared(cls: type[Any], kind: type[_K]) -> dict[str, _K]:
    """Class attributes of type ``kind`` along the MRO, subclasses overriding bases."""
    return {
        name: value
        for klass in reversed(cls.__mro__)
        for name, value in vars(klass).items()
        if isinstance(value, kind)
    }


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


class DbObject:
    """A server object of one entity type, wrapping its generated fragment model."""

    #: Name of the generated fragment model (``ProjectFields``).
    _fragment: ClassVar[str] = ""
    #: Rows are hidden with ``deleted: true`` instead of removed.
    _soft_deletable: ClassVar[bool] = False
    _fields_cache: ClassVar[dict[str, Field[Any, Any]]]
    _relationships_cache: ClassVar[dict[str, Relationship[Any]]]

    uid: Field[DbObject, str] = Field("id", "id")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls._fragment:
            _REGISTRY[cls.__name__] = cls
        cls._fields_cache = {}
        cls._relationships_cache = {}

    def __init__(self, client: Client, field_values: pydantic.BaseModel | Mapping[str, Any]):
        """Wraps a generated model, or validates a dict of server (camelCase) values."""
        self.client = client
        if hasattr(field_values, "model_fields"):  # a generated pydantic model
            self._model: Any = field_values
        else:
            self._model = validate_model(
                generated(self._fragment), field_values, f"{type(self).__name__} values"
            )

    @classmethod
    def _wrap(cls, client: Client, model: Any) -> Self:
        obj = cls.__new__(cls)
        obj.client = client
        obj._model = model
        return obj

    # -- schema introspection ---------------------------------------------------------
    @classmethod
    def type_name(cls) -> str:
        """The server type name, e.g. ``Project``."""
        return cls.__name__

    @classmethod
    def fields(cls) -> dict[str, Field[Any, Any]]:
        """The entity's fields by Python name (``uid`` included)."""
        if not cls._fields_cache:
            cls._fields_cache = _declared(cls, Field)
        return cls._fields_cache

    @classmethod
    def relationships(cls) -> dict[str, Relationship[Any]]:
        """The entity's relationships by Python name."""
        if not cls._relationships_cache:
            cls._relationships_cache = _declared(cls, Relationship)
        return cls._relationships_cache

    @classmethod
    def field(cls, field_name: str) -> Field[Any, Any]:
        """The Field named ``field_name``; InvalidAttributeError if there is none."""
        found = cls.fields().get(field_name)
        if found is None:
            raise InvalidAttributeError(cls, field_name)
        return found

    @classmethod
    def attribute(cls, attribute_name: str) -> Field[Any, Any] | Relationship[Any]:
        """The Field or Relationship named ``attribute_name``."""
        found = cls.fields().get(attribute_name) or cls.relationships().get(attribute_name)
        if found is None:
            raise InvalidAttributeError(cls, attribute_name)
        return found

    # -- identity ---------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        return isinstance(other, DbObject) and type(other) is type(self) and other.uid == self.uid

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.uid))

    def __repr__(self) -> str:
        values = {name: getattr(self, name) for name in self.fields() if name != "uid"}
        shown = ", ".join(f"{k}={v!r}" for k, v in values.items())
        return f"<{type(self).__name__} ID: {self.uid} {shown}>"

    # -- generic mutations ------------------------------------------------------------
    def _gen_op(self, prefix: str) -> Any:
        return getattr(self.client._gen, f"{prefix}_{snake_case(type(self).__name__)}")

    def _update_raw(self, data: dict[str, Any]) -> None:
        """Sends ``update<Entity>`` with ``data`` and refreshes the local values."""
        from labelbox.exceptions import ResourceNotFoundError

        payload = build_input(f"{type(self).__name__}UpdateInput", data)
        result = self._gen_op("update")(id=self.uid, data=payload)
        if result is None:
            raise ResourceNotFoundError(type(self), {"id": self.uid})
        if isinstance(result, type(self._model)):
            self._model = result

    def _update_relation(self, relationship: Relationship[Any], action: str, other: Any) -> None:
        if action not in ("connect", "disconnect"):
            raise ValueError(f"action must be connect or disconnect, got {action!r}")
        if not isinstance(other, relationship.target):
            raise TypeError(
                f"{relationship.owner_name}.{relationship.name} takes a "
                f"{relationship.target_name}, got {type(other).__name__}"
            )
        ref: Any = {"id": other.uid}
        if isinstance(relationship, ToMany):
            ref = [ref]
        elif action == "disconnect":
            ref = True
        keys = _input_keys(f"{type(self).__name__}UpdateInput")
        if relationship.graphql_name not in keys:
            raise InvalidQueryError(
                f"{relationship.owner_name}.{relationship.name} cannot be {action}ed"
            )
        self._update_raw({relationship.graphql_name: {action: ref}})


def _input_keys(type_name: str) -> frozenset[str]:
    try:
        model = generated(type_name)
    except AttributeError:
        return frozenset()
    return frozenset(info.alias or name for name, info in model.model_fields.items())


def create_entity(
    client: Client,
    cls: type[D],
    values: Mapping[Any, Any],
    extra: Mapping[str, Any] | None = None,
) -> D:
    """Creates a ``cls`` from attribute names (or Field/Relationship objects) and values;
    related objects may be given as entities or ids. ``extra`` is raw input data."""
    data: dict[str, Any] = dict(extra or {})
    for key, value in values.items():
        attr = cls.attribute(key) if isinstance(key, str) else key
        # Identity, not ``in``: Field.__eq__ builds a (truthy) where-expression.
        owned = (*cls.fields().values(), *cls.relationships().values())
        if not any(attr is own for own in owned):
            raise InvalidAttributeError(cls, key)
        if isinstance(attr, Field):
            data[attr.graphql_name] = _plain(value)
        elif isinstance(attr, ToMany):
            items = value if isinstance(value, Iterable) and not isinstance(value, str) else [value]
            data[attr.graphql_name] = {"connect": [{"id": _uid(v)} for v in items]}
        else:
            data[attr.graphql_name] = {"connect": {"id": _uid(value)}}
    allowed = _input_keys(f"{cls.__name__}CreateInput")
    unknown = set(data) - allowed
    if unknown:
        raise InvalidAttributeError(cls, unknown)
    payload = build_input(f"{cls.__name__}CreateInput", data)
    model = getattr(client._gen, f"create_{snake_case(cls.__name__)}")(data=payload)
    return cls._wrap(client, model)


def _uid(value: Any) -> str:
    if isinstance(value, DbObject):
        return value.uid
    if isinstance(value, str):
        return value
    raise TypeError(f"Expected an entity or an id string, got {value!r}")


class Updateable(DbObject):
    """An entity whose fields can be changed with :meth:`update`."""

    def update(self, **kwargs: Any) -> None:
        """Updates fields on the server (``project.update(name="x")``).

        Raises InvalidAttributeError for names that are not updatable fields.
        """
        data: dict[str, Any] = {}
        for name, value in kwargs.items():
            data[type(self).field(name).graphql_name] = _plain(value)
        unknown = set(data) - _input_keys(f"{type(self).__name__}UpdateInput")
        if unknown:
            raise InvalidAttributeError(type(self), unknown)
        self._update_raw(data)


class Deletable(DbObject):
    """An entity deleted softly (``deleted: true``) by :meth:`delete`."""

    _soft_deletable = True

    def delete(self) -> None:
        """Deletes this object on the server; do not use it afterwards."""
        self._update_raw({"deleted": True})


class BulkDeletable(DbObject):
    """An entity with a bulk-deletion mutation."""

    def delete(self) -> None:
        """Deletes this object on the server; do not use it afterwards."""
        type(self)._bulk_delete([self])

    @classmethod
    def _bulk_delete(cls, objects: Iterable[DbObject]) -> None:
        items = list(objects)
        if not items:
            return
        for obj in items:
            if type(obj) is not cls:
                raise InvalidQueryError(
                    f"Can't bulk-delete objects of different types: {type(obj).__name__}"
                )
        operation = getattr(items[0].client._gen, f"delete_{snake_case(cls.__name__)}s")
        operation(ids=[obj.uid for obj in items])
