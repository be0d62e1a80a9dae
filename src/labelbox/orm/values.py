"""Entity-independent helpers of the ORM: lazily imported generated classes, and the
checks and conversions of values before anything is sent.

Shared by the sync and async entity bases (``labelbox.orm.db_object`` and
``labelbox._async.orm.db_object``): nothing here sends a request.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pydantic

    from labelbox.orm.model import Relationship

#: A generated input model (``ProjectUpdateInput``).
_In = TypeVar("_In", bound="pydantic.BaseModel")
_K = TypeVar("_K")


class _GeneratedClass:
    """A class attribute naming a generated class, imported on first access and then
    replaced by it (see :func:`generated_class`)."""

    def __init__(self, module: str, name: str) -> None:
        self._module, self._name = module, name
        self._owner: type[Any] | None = None
        self._attribute = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._owner, self._attribute = owner, name

    def __get__(self, obj: object, owner: type[Any] | None = None) -> Any:
        import importlib

        value = getattr(importlib.import_module(self._module), self._name)
        if self._owner is not None:
            setattr(self._owner, self._attribute, value)
        return value


def generated_class(module: str, name: str) -> Any:
    """A class attribute that is the generated class ``name`` of ``module``, imported
    the first time the attribute is read.

    The generated entity bases declare ``_where_input`` this way, so ``import
    labelbox`` does not build the input models (the largest generated module) until a
    where-clause is compiled.

    Args:
        module: The generated module, e.g. ``"labelbox_gen.input_types"``.
        name: The class, e.g. ``"ProjectWhereInput"``.

    Returns:
        A descriptor (typed ``Any``, so it can stand for the class it resolves to).
    """
    return _GeneratedClass(module, name)


def validate_model(model_type: type[_In], data: Any, what: str) -> _In:
    """Validates ``data`` into a generated model, with an error that names each bad value.

    pydantic is imported here, not at ``import labelbox``.

    Args:
        model_type: The generated pydantic model class.
        data: The values (schema or Python names).
        what: What the values are, for the error message.

    Returns:
        ``model_type.model_validate(data)``.

    Raises:
        TypeError: Instead of a raw pydantic error, naming each bad value.
    """
    import pydantic

    try:
        return model_type.model_validate(data)
    except pydantic.ValidationError as exc:
        raise TypeError(f"Invalid {what}: {_problems(exc)}") from None


def _problems(exc: pydantic.ValidationError) -> str:
    """Each bad value of a validation error: where, what is wrong, what was given."""
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']} (got {err.get('input')!r})"
        for err in exc.errors()
    )


def declared(cls: type[Any], kind: type[_K]) -> dict[str, _K]:
    """Class attributes of type ``kind`` along the MRO, subclasses overriding bases."""
    return {
        name: value
        for klass in reversed(cls.__mro__)
        for name, value in vars(klass).items()
        if isinstance(value, kind)
    }


def plain_value(value: Any, what: str) -> Any:
    """A value as the server takes it: enums by value; a naive datetime is local time
    (as the classic client took it), sent as UTC; NaN refused (it is not JSON)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, float) and math.isnan(value):
        raise ValueError(f"{what} must be a number, got NaN")
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.astimezone(datetime.timezone.utc)
    return value


_ADAPTERS: dict[type[Any], Any] = {}


def check_values(params_type: type[Any], values: Mapping[str, Any], what: str) -> None:
    """Checks values (by attribute name) against generated parameter types.

    Args:
        params_type: The generated ``TypedDict`` of the parameters, e.g.
            ``ProjectUpdateParams``.
        values: Attribute name → value.
        what: What the values are, for the error message.

    Raises:
        ValueError: If a value is NaN.
        TypeError: If a value has the wrong type (the message names it).
    """
    for name, value in values.items():
        plain_value(value, f"{what}: {name}")
    check_types(params_type, dict(values), what)


def check_types(params_type: type[Any], values: dict[str, Any], what: str) -> None:
    """TypeError naming each value that does not fit the generated parameter types
    (a ``TypedDict``): untyped callers get the check type checkers give typed ones."""
    import pydantic

    adapter = _ADAPTERS.get(params_type)
    if adapter is None:
        adapter = _ADAPTERS[params_type] = pydantic.TypeAdapter(params_type)
    try:
        adapter.validate_python(values, strict=True)
    except pydantic.ValidationError as exc:
        raise TypeError(f"Invalid {what}: {_problems(exc)}") from None


def related_uid(relationship: Relationship[Any], value: Any) -> str:
    """The id of a related object given as an entity of the right type, or an id."""
    if isinstance(value, relationship.target):
        uid: str = value.uid
        return uid
    if isinstance(value, str) and value:
        return value
    raise TypeError(
        f"{relationship.owner_name}.{relationship.name} takes a {relationship.target_name} "
        f"(or its id), got {value!r}"
    )
