"""Open enums: a value of a schema enum that this client does not know yet.

ariadne-codegen copies this file into ``labelbox_gen`` (``files_to_include``), and the
``OpenEnumsPlugin`` types every enum-typed field as ``OpenEnum[TaskStatus]``, i.e.
``TaskStatus | UnknownValue``:

* known values are the generated enum members, as typed as ever;
* a value a newer server adds (``"PAUSED"``) becomes an :class:`UnknownValue`, a ``str``
  that round-trips unchanged (sending it back sends the same string);
* type checkers see the ``UnknownValue`` case, so a ``match`` over the known members
  that ends in ``assert_never`` is an error until the unknown case is handled: code
  that assumes exhaustiveness is not falsely proven safe.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar, Union

from pydantic import Field, GetCoreSchemaHandler
from pydantic_core import core_schema

_E = TypeVar("_E")


class UnknownValue(str):
    """A server value outside the enum this client was generated with (e.g. a value a
    newer server added). A ``str``: compares, prints and serializes as the raw value."""

    __slots__ = ()

    @property
    def value(self) -> str:
        """The raw value (as ``Enum.value`` of a known member)."""
        return str(self)

    @property
    def name(self) -> str:
        """The raw value (as ``Enum.name`` of a known member)."""
        return str(self)

    def __repr__(self) -> str:
        return f"UnknownValue({str.__repr__(self)})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls,
            core_schema.str_schema(),
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )


#: ``E | UnknownValue``: known members first, any other string kept as UnknownValue.
OpenEnum = Annotated[Union[_E, UnknownValue], Field(union_mode="left_to_right")]  # noqa: UP007
