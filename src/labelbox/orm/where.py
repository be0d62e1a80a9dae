"""The one compiler from where-expressions and ``order_by`` tuples to the generated
``<Entity>WhereInput`` / ``<Entity>OrderByInput`` types (each entity's generated base
names them: ``Project._where_input``). Everything is checked before any request:
unknown fields raise InvalidAttributeError, wrong value types TypeError."""

from __future__ import annotations

import datetime
import enum
from typing import TYPE_CHECKING, Any

from labelbox.exceptions import InvalidAttributeError, InvalidQueryError
from labelbox.orm.comparison import Comparison, Expression, LogicalExpression
from labelbox.orm.model import Field, Order

if TYPE_CHECKING:
    from labelbox.orm.model import OrderBy

_SUFFIX = {
    Comparison.Op.EQ: "",
    Comparison.Op.NE: "_not",
    Comparison.Op.LT: "_lt",
    Comparison.Op.GT: "_gt",
    Comparison.Op.LE: "_lte",
    Comparison.Op.GE: "_gte",
}


def _owned_field(entity: type[Any], field: Any, use: str) -> Field[Any, Any]:
    """``field`` if it is one of ``entity``'s; InvalidAttributeError otherwise, naming
    the entity the field belongs to when it is another's (``use``: "a where-expression",
    "an order_by")."""
    if isinstance(field, Field) and entity.fields().get(field.name) is field:
        return field
    message = None
    if isinstance(field, Field) and field.owner_name != entity.__name__:
        own = entity.fields().get(field.name)
        hint = f"use {entity.__name__}.{own.name}" if own is not None else "use its own fields"
        message = (
            f"{use} on {field.owner_name} ({field.owner_name}.{field.name}) was given to a "
            f"{entity.__name__} query: {hint}"
        )
    raise InvalidAttributeError(entity, field, message=message)


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        # A naive datetime is local time, as the classic client took it; sent as UTC.
        return value.astimezone(datetime.timezone.utc)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_value(v) for v in value]
    return value


_PYTHON_NAMES: dict[type[Any], dict[str, str]] = {}


def python_names(model_type: type[Any]) -> dict[str, str]:
    """Schema names of a generated input model's fields and their Python names.

    Args:
        model_type: A generated pydantic input model, e.g. ``ProjectWhereInput``.

    Returns:
        Schema name → Python field name (``setupComplete_gt`` → ``setup_complete_gt``,
        ``AND`` → ``and_``).
    """
    names = _PYTHON_NAMES.get(model_type)
    if names is None:
        fields = model_type.model_fields.items()
        names = {info.serialization_alias or name: name for name, info in fields}
        _PYTHON_NAMES[model_type] = names
    return names


def _conjuncts(node: Expression[Any]) -> list[Comparison[Any]]:
    """The comparisons of an AND tree; InvalidQueryError for OR and NOT, which the
    Labelbox API refuses (so the request is never sent)."""
    if isinstance(node, Comparison):
        return [node]
    if isinstance(node, LogicalExpression):
        if node.op is not LogicalExpression.Op.AND:
            raise InvalidQueryError(
                f"{node.op.name} is not supported in where clauses by the Labelbox API: "
                f"only AND of conditions on different fields (got {node!r})"
            )
        assert node.second is not None
        return _conjuncts(node.first) + _conjuncts(node.second)
    raise TypeError(f"where must be a Comparison or LogicalExpression, got {node!r}")


def _to_dict(entity: type[Any], node: Expression[Any]) -> dict[str, Any]:
    names = python_names(entity._where_input)
    compiled: list[dict[str, Any]] = []
    seen: dict[str, Comparison[Any]] = {}
    for comparison in _conjuncts(node):
        field = _owned_field(entity, comparison.field, "a where-expression")
        if field.graphql_name in seen:
            raise InvalidQueryError(
                "The Labelbox API refuses two conditions on the same field in one where "
                f"clause: {seen[field.graphql_name]!r} and {comparison!r}"
            )
        seen[field.graphql_name] = comparison
        key = names.get(field.graphql_name + _SUFFIX[comparison.op])
        if key is None:
            raise InvalidQueryError(
                f"{entity.__name__}.{field.name} does not support {comparison.op.name} filtering"
            )
        compiled.append({key: _value(comparison.value)})
    return compiled[0] if len(compiled) == 1 else {names["AND"]: compiled}


def compile_where(entity: type[Any], where: Expression[Any] | None) -> Any:
    """Compiles a where-expression into the entity's generated ``<Entity>WhereInput``.

    Soft-deleted rows are excluded for soft-deletable entities, as the classic does.

    Args:
        entity: The entity class queried, e.g. ``Project``.
        where: The where-expression, or None.

    Returns:
        The generated ``<Entity>WhereInput`` model, or None when there is nothing to
        filter.

    Raises:
        labelbox.exceptions.InvalidAttributeError: If a field is not one of
            ``entity``'s (the message names the entity it belongs to).
        labelbox.exceptions.InvalidQueryError: For OR, NOT, two conditions on one field
            or an operator the field does not support (the API refuses them).
        TypeError: If ``where`` is not an expression or a value has the wrong type.
    """
    compiled = None if where is None else _to_dict(entity, where)
    if entity._soft_deletable:
        hide_deleted = {"deleted": False}
        compiled = hide_deleted if compiled is None else {"and_": [compiled, hide_deleted]}
    if compiled is None:
        return None
    from labelbox.orm.values import validate_model

    return validate_model(entity._where_input, compiled, f"where clause for {entity.__name__}")


def compile_order_by(entity: type[Any], order_by: OrderBy[Any] | None) -> Any:
    """Compiles ``(Field, Order)`` into the generated ``<Entity>OrderByInput``.

    Args:
        entity: The entity class queried, e.g. ``Project``.
        order_by: ``(Field, Order)``, e.g. ``Project.name.asc``, or None.

    Returns:
        The generated ``<Entity>OrderByInput`` member, or None.

    Raises:
        labelbox.exceptions.InvalidAttributeError: If the field is not one of
            ``entity``'s.
        labelbox.exceptions.InvalidQueryError: If the API cannot sort on the field.
        TypeError: If ``order_by`` is not a ``(Field, Order)`` tuple.
    """
    if order_by is None:
        return None
    try:
        field, order = order_by
    except (TypeError, ValueError):
        raise TypeError(f"order_by must be a (Field, Order) tuple, got {order_by!r}") from None
    field = _owned_field(entity, field, "an order_by")
    if not isinstance(order, Order):
        raise TypeError(f"order_by direction must be an Order, got {order!r}")
    member = entity._order_by_input.__members__.get(f"{field.graphql_name}_{order.value}")
    if member is None:
        raise InvalidQueryError(f"{entity.__name__}.{field.name} cannot be sorted on")
    return member
