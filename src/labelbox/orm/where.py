"""The one compiler from where-expressions and ``order_by`` tuples to the generated
``<Entity>WhereInput`` / ``<Entity>OrderByInput`` types (each entity's generated base
names them: ``Project._where_input``). Everything is checked before any request:
unknown fields raise InvalidAttributeError, wrong value types TypeError."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from labelbox.exceptions import InvalidAttributeError, InvalidQueryError
from labelbox.orm.comparison import Comparison, Expression, LogicalExpression
from labelbox.orm.model import Field, Order

if TYPE_CHECKING:
    from labelbox.orm.db_object import DbObject
    from labelbox.orm.model import OrderBy

_SUFFIX = {
    Comparison.Op.EQ: "",
    Comparison.Op.NE: "_not",
    Comparison.Op.LT: "_lt",
    Comparison.Op.GT: "_gt",
    Comparison.Op.LE: "_lte",
    Comparison.Op.GE: "_gte",
}


def _owned_field(entity: type[DbObject[Any]], field: Any) -> Field[Any, Any]:
    if not isinstance(field, Field) or entity.fields().get(field.name) is not field:
        raise InvalidAttributeError(entity, field)
    return field


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_value(v) for v in value]
    return value


_PYTHON_NAMES: dict[type[Any], dict[str, str]] = {}


def python_names(model_type: type[Any]) -> dict[str, str]:
    """Schema name → Python field name of a generated input model (``setupComplete_gt``
    → ``setup_complete_gt``, ``AND`` → ``and_``)."""
    names = _PYTHON_NAMES.get(model_type)
    if names is None:
        fields = model_type.model_fields.items()
        names = {info.serialization_alias or name: name for name, info in fields}
        _PYTHON_NAMES[model_type] = names
    return names


def _to_dict(entity: type[DbObject[Any]], node: Expression[Any]) -> dict[str, Any]:
    names = python_names(entity._where_input)
    if isinstance(node, Comparison):
        field = _owned_field(entity, node.field)
        key = names.get(field.graphql_name + _SUFFIX[node.op])
        if key is None:
            raise InvalidQueryError(
                f"{entity.__name__}.{field.name} does not support {node.op.name} filtering"
            )
        return {key: _value(node.value)}
    if isinstance(node, LogicalExpression):
        op = names[node.op.name]
        if node.op is LogicalExpression.Op.NOT:
            return {op: [_to_dict(entity, node.first)]}
        assert node.second is not None
        return {op: [_to_dict(entity, node.first), _to_dict(entity, node.second)]}
    raise TypeError(f"where must be a Comparison or LogicalExpression, got {node!r}")


def compile_where(entity: type[DbObject[Any]], where: Expression[Any] | None) -> Any:
    """Compiles ``where`` into the entity's generated ``<Entity>WhereInput`` (or None);
    soft-deleted rows are excluded for soft-deletable entities, as the classic does."""
    compiled = None if where is None else _to_dict(entity, where)
    if entity._soft_deletable:
        hide_deleted = {"deleted": False}
        compiled = hide_deleted if compiled is None else {"and_": [compiled, hide_deleted]}
    if compiled is None:
        return None
    from labelbox.orm.db_object import validate_model

    return validate_model(entity._where_input, compiled, f"where clause for {entity.__name__}")


def compile_order_by(entity: type[DbObject[Any]], order_by: OrderBy[Any] | None) -> Any:
    """Compiles ``(Field, Order)`` into the generated ``<Entity>OrderByInput``."""
    if order_by is None:
        return None
    try:
        field, order = order_by
    except (TypeError, ValueError):
        raise TypeError(f"order_by must be a (Field, Order) tuple, got {order_by!r}") from None
    field = _owned_field(entity, field)
    if not isinstance(order, Order):
        raise TypeError(f"order_by direction must be an Order, got {order!r}")
    member = entity._order_by_input.__members__.get(f"{field.graphql_name}_{order.value}")
    if member is None:
        raise InvalidQueryError(f"{entity.__name__}.{field.name} cannot be sorted on")
    return member
