"""What goes on the wire: unattested type names never do.

Every operation declares its variables with the type names of ``schema.graphql``. Most of
those names are a reconstruction (Prisma-1 naming such as ``ProjectWhereInput``): nothing
shows that the real server calls its types so, and a variable declared with a type name
the server does not know is refused. The official client never declared them: it wrote
filters, data and orderings inline as literals, where no type name appears.

This module does the same at the one generic point every generated operation passes
(``BaseClient.execute``): the value of each variable whose declared type name is not
attested is printed as a GraphQL literal into the document, its declaration is dropped,
and an absent (unset) value removes the argument that held it. Which names are attested
comes from ``schema.provenance.toml`` (``wire_plan.ATTESTED``, fixed at generation) or from
a schema pulled from the endpoint (``WirePolicy.from_pulled_schema``). The per-operation
plans (``wire_plan.PLANS``) are computed at generation time, so nothing is parsed here; a
document's template is compiled once per policy and set of present variables, and each
call only prints values and joins strings.

Costs: a document that carries values cannot be cached by the server as one parsed
document (each distinct value is a distinct document), and the values travel inside the
query text instead of ``variables`` (see bench/wire_cost.py).
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, NamedTuple

from pydantic import BaseModel as PydanticBaseModel
from pydantic_core import PydanticSerializationError, to_jsonable_python

from .base_model import Upload

#: Names GraphQL defines itself: always attested.
BUILT_IN = frozenset({"ID", "String", "Int", "Float", "Boolean"})
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*\Z")
_TYPE_DEFINITION = re.compile(r"^(?:scalar|type|input|enum|interface|union)\s+([_A-Za-z]\w*)", re.M)


class OperationPlan(NamedTuple):
    """Where an operation's variables are declared and used (offsets into its text)."""

    #: Length of the document text the plan was made for.
    length: int
    #: (start, end) of the parenthesized variable definitions.
    definitions_span: tuple[int, int]
    #: (name, named type if not built in else "", definition text) per variable, in order.
    variables: tuple[tuple[str, str, str], ...]
    #: (name, start, end, holder start, holder end, argument list or -1) per use of a
    #: variable of a non-built-in type; the holder is the argument or input field.
    uses: tuple[tuple[str, int, int, int, int, int], ...]
    #: (open paren, end after close paren, number of arguments) per argument list.
    groups: tuple[tuple[int, int, int], ...]


class WireValueError(ValueError):
    """A variable's value cannot be written as a GraphQL literal of its type."""


class WirePolicy:
    """Which type names may be declared on the wire; writes the rest inline.

    Args:
        attested: type names evidence attests (built-in scalars always are).
        plans: per-operation plans (``labelbox_gen.wire_plan.PLANS``).
        inputs: per input type a plan's variables can hold, its fields that hold an input
            object or an enum -> their named type (scalar fields print by value).
        enums: the enum names among those types.
    """

    def __init__(
        self,
        attested: Iterable[str],
        plans: Mapping[str, OperationPlan],
        inputs: Mapping[str, Mapping[str, str]],
        enums: Iterable[str],
    ) -> None:
        self.attested = frozenset(attested) | BUILT_IN
        self._plans = plans
        self._inputs = inputs
        self._enums = frozenset(enums)
        self._inline: dict[str, tuple[tuple[str, str], ...]] = {}
        self._inline_names: dict[str, frozenset[str]] = {}
        self._templates: dict[tuple[str, tuple[bool, ...]], tuple[Any, ...]] = {}
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> WirePolicy:
        """The policy of ``schema.provenance.toml``: only attested names are declared."""
        from . import wire_plan

        return cls(wire_plan.ATTESTED, wire_plan.PLANS, wire_plan.INPUTS, wire_plan.ENUMS)

    @classmethod
    def from_pulled_schema(cls, sdl: str) -> WirePolicy:
        """A policy for one endpoint: names its schema (``labelbox-schema pull``) defines
        are declared too, and the rest written inline."""
        from . import wire_plan

        pulled = set(_TYPE_DEFINITION.findall(sdl))
        return cls(wire_plan.ATTESTED | pulled, wire_plan.PLANS, wire_plan.INPUTS, wire_plan.ENUMS)

    def __reduce__(self) -> tuple[Any, ...]:
        # Plans and shapes are module data: a pickled policy carries only its names.
        return (_rebuild, (sorted(self.attested),))

    def inlined(self, operation: str) -> tuple[str, ...]:
        """The variables of ``operation`` this policy writes inline."""
        return tuple(name for name, _ in self._inline_of(operation) or ())

    def _inline_of(self, operation: str) -> tuple[tuple[str, str], ...] | None:
        found = self._inline.get(operation)
        if found is None:
            plan = self._plans.get(operation)
            if plan is None:
                return None
            found = tuple(
                (name, type_name)
                for name, type_name, _ in plan.variables
                if type_name and type_name not in self.attested
            )
            self._inline_names[operation] = frozenset(name for name, _ in found)
            self._inline[operation] = found
        return found

    def prepare(
        self, operation: str | None, query: str, variables: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """The document and variables to send for one call of ``operation``.

        Raises:
            WireValueError: a value cannot be written as a literal of its type.
        """
        inline = self._inline_of(operation) if operation is not None else None
        if not inline:
            return query, variables
        assert operation is not None
        plan = self._plans[operation]
        if len(query) != plan.length:  # not the generated document: send it as it is
            return query, variables
        present = tuple(name in variables for name, _ in inline)
        key = (operation, present)
        template = self._templates.get(key)
        if template is None:
            template = _compile(query, plan, inline, present)
            with self._lock:
                self._templates[key] = template
        files: list[Any] = []  # file values met inside inlined values
        parts: list[str] = []
        for piece in template:
            if type(piece) is str:
                parts.append(piece)
            elif type(piece) is _Definitions:
                parts.append(piece.text(len(files)))
            else:
                name, type_name = piece
                try:
                    parts.append(self.literal(variables[name], type_name, files))
                except WireValueError as exc:
                    raise WireValueError(f"{operation}: variable ${name}: {exc}") from None
        names = self._inline_names[operation]
        kept = {k: v for k, v in variables.items() if k not in names}
        if files:
            # Files cannot be literals (GraphQL multipart spec): each becomes a variable.
            kept.update((f"{FILE_VARIABLE}{i}", file) for i, file in enumerate(files))
            parts = [
                piece.text(len(files)) if type(piece) is _Definitions else part
                for piece, part in zip(template, parts, strict=True)
            ]
        return "".join(parts), kept

    def literal(self, value: Any, type_name: str, files: list[Any] | None = None) -> str:
        """``value`` as a GraphQL literal of the named type.

        A value that is not a JSON type (a datetime, an enum member) is written as the
        transport would send it. A file (``Upload``) has no literal: it is appended to
        ``files`` and written as the variable ``$<FILE_VARIABLE><index>``.
        """
        if value is None:
            return "null"
        if isinstance(value, list | tuple):
            return "[" + ", ".join(self.literal(item, type_name, files) for item in value) + "]"
        if isinstance(value, Upload):
            if files is None:
                raise WireValueError("a file cannot be written inline")
            files.append(value)
            return f"${FILE_VARIABLE}{len(files) - 1}"
        fields = self._inputs.get(type_name)
        if fields is not None:
            if isinstance(value, PydanticBaseModel):
                value = value.model_dump(by_alias=True, exclude_unset=True)
            if not isinstance(value, Mapping):
                raise WireValueError(f"{type_name} needs an object, got {value!r}")
            items = []
            for key, item in value.items():
                if not isinstance(key, str) or not _NAME.match(key):
                    raise WireValueError(f"{type_name} has no field {key!r}")
                items.append(f"{key}: {self.literal(item, fields.get(key, ''), files)}")
            return "{" + ", ".join(items) + "}"
        if type_name in self._enums:
            value = value.value if isinstance(value, Enum) else value
            if not isinstance(value, str) or not _NAME.match(value) or value in _KEYWORDS:
                raise WireValueError(f"{value!r} is not a value of the enum {type_name}")
            return value
        return _scalar_literal(value)


#: Prefix of the variables that carry files met inside inlined values.
FILE_VARIABLE = "wireFile"
_KEYWORDS = frozenset({"true", "false", "null"})
_JSON_TYPES = (str, int, float, list, tuple, dict, type(None))


class _Definitions(NamedTuple):
    """The variable definitions of a compiled template (files add to them per call)."""

    kept: tuple[str, ...]

    def text(self, files: int) -> str:
        definitions = [*self.kept, *(f"${FILE_VARIABLE}{i}: Upload!" for i in range(files))]
        return "(" + ", ".join(definitions) + ")" if definitions else ""


def _scalar_literal(value: Any) -> str:
    if not isinstance(value, _JSON_TYPES):
        try:
            value = to_jsonable_python(value)
        except PydanticSerializationError:
            raise WireValueError(f"{value!r} has no GraphQL literal") from None
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise WireValueError(f"{value!r} has no GraphQL literal")
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are GraphQL string escapes; non-ASCII stays as it is.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):  # a custom scalar holding an object (Json)
        items = []
        for key, item in value.items():
            if not isinstance(key, str) or not _NAME.match(key):
                raise WireValueError(f"the key {key!r} cannot be written in a GraphQL object")
            items.append(f"{key}: {_scalar_literal(item)}")
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_scalar_literal(item) for item in value) + "]"
    raise WireValueError(f"{value!r} has no GraphQL literal")


def _compile(
    query: str,
    plan: OperationPlan,
    inline: tuple[tuple[str, str], ...],
    present: tuple[bool, ...],
) -> tuple[Any, ...]:
    """The document as text pieces and (variable, type) slots for one set of values."""
    types = dict(inline)
    given = {name for (name, _), here in zip(inline, present, strict=True) if here}
    kept = [text for name, _, text in plan.variables if name not in types]
    edits: list[tuple[int, int, Any]] = [(*plan.definitions_span, _Definitions(tuple(kept)))]
    dropped = [0] * len(plan.groups)
    use_edits: list[tuple[int, int, Any, int]] = []
    for name, start, end, holder_start, holder_end, group in plan.uses:
        if name not in types:
            continue
        if name in given:
            use_edits.append((start, end, (name, types[name]), -1))
        elif holder_start >= 0:
            use_edits.append((holder_start, holder_end, "", group))
            if group >= 0:
                dropped[group] += 1
        else:  # an absent value inside a list is null, as for a variable
            use_edits.append((start, end, "null", -1))
    emptied = [i for i, (_, _, count) in enumerate(plan.groups) if dropped[i] == count]
    for start, end, replacement, group in use_edits:
        if group < 0 or group not in emptied:
            edits.append((start, end, replacement))
    edits += [(plan.groups[i][0], plan.groups[i][1], "") for i in emptied]
    edits.sort(key=lambda edit: edit[0])
    pieces: list[Any] = []
    at = 0
    for start, end, replacement in edits:
        pieces.append(query[at:start])
        if type(replacement) is not str or replacement:
            pieces.append(replacement)
        at = end
    pieces.append(query[at:])
    merged: list[Any] = []
    for piece in pieces:
        if type(piece) is str and merged and type(merged[-1]) is str:
            merged[-1] += piece
        elif piece != "":
            merged.append(piece)
    return tuple(merged)


def _rebuild(attested: list[str]) -> WirePolicy:
    from . import wire_plan

    return WirePolicy(attested, wire_plan.PLANS, wire_plan.INPUTS, wire_plan.ENUMS)
