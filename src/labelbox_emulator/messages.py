"""Error messages in the wording of graphql-js, the reference GraphQL implementation the
real server runs.

graphql-core (Python) ports graphql-js's messages but quotes schema names with single
quotes (``Cannot query field 'bbb' on type 'Query'.``) and prints values with Python's
``repr``; graphql-js (15+) uses double quotes (``Cannot query field "bbb" on type
"Query".``) and its own ``inspect`` (JSON strings, ``{ a: 1 }`` objects). The functions
here convert graphql-core's messages: only the quoted *names* the message templates put
in, never text inside a printed value.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from graphql import GraphQLError, GraphQLSchema, OperationDefinitionNode
from graphql.language.printer import print_ast
from graphql.pyutils import Undefined, inspect, print_path_list
from graphql.type import GraphQLInputType, is_input_type, is_non_null_type
from graphql.utilities import coerce_input_value, type_from_ast, value_from_ast

__all__ = ["coerce_variables", "js_inspect", "js_message", "js_syntax_message"]

_MAX_ARRAY_LENGTH = 10  # graphql-js inspect()
_MAX_RECURSIVE_DEPTH = 2


def js_inspect(value: Any) -> str:
    """``value`` printed like graphql-js's ``inspect`` (as in its error messages)."""
    return _js_format(value, 0)


def _js_format(value: Any, depth: int) -> str:
    if value is None or value is Undefined:
        return "null" if value is None else "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        if depth >= _MAX_RECURSIVE_DEPTH:
            return "[Object]"
        parts = [f"{k}: {_js_format(v, depth + 1)}" for k, v in value.items()]
        return "{ " + ", ".join(parts) + " }"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if depth >= _MAX_RECURSIVE_DEPTH:
            return "[Array]"
        items = [_js_format(v, depth + 1) for v in value[:_MAX_ARRAY_LENGTH]]
        remaining = len(value) - _MAX_ARRAY_LENGTH
        if remaining == 1:
            items.append("... 1 more item")
        elif remaining > 1:
            items.append(f"... {remaining} more items")
        return "[" + ", ".join(items) + "]"
    return str(value)


def js_message(message: str) -> str:
    """A graphql-core validation/execution message with graphql-js's double-quoted names.

    Single-quoted spans (the names the message templates quote) become double-quoted;
    double-quoted spans and block strings (values printed from the document) are
    copied unchanged, so text inside user strings is never touched.
    """
    out: list[str] = []
    i, n = 0, len(message)
    while i < n:
        if message.startswith('"""', i):
            end = message.find('"""', i + 3)
            while end != -1 and message[end - 1] == "\\":
                end = message.find('"""', end + 1)
            end = n if end == -1 else end + 3
            out.append(message[i:end])
            i = end
            continue
        ch = message[i]
        if ch == '"':
            j = i + 1
            while j < n and message[j] != '"':
                j += 2 if message[j] == "\\" else 1
            out.append(message[i : j + 1])
            i = j + 1
            continue
        if ch == "'":
            j = message.find("'", i + 1)
            inner = message[i + 1 : j] if j != -1 else ""
            if j != -1 and "\n" not in inner and '"' not in inner:
                out.append(f'"{inner}"')
                i = j + 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


_PUNCTUATOR_DESC = re.compile(r"'([^\w\s'])'|'(\.\.\.)'")
_TOKEN_VALUE = re.compile(
    r"^(?P<head>.*\b(?:Name|String|BlockString|Int|Float|Comment)) '(?P<v>.*)'\.$", re.S
)
_CODE_POINT = re.compile(r"^(?P<head>.*: )'(?P<c>.+)'\.$", re.S)


def js_syntax_message(message: str) -> str:
    """A graphql-core ``Syntax Error: …`` message in graphql-js's wording.

    Token values (``Unexpected Name "asda".``), punctuators (``Expected "{"``) and
    quoted characters (``Unexpected character: "%".``; a double quote itself stays
    ``'"'``, as graphql-js prints it) are double-quoted.
    """
    prefix = "Syntax Error: "
    if not message.startswith(prefix):
        return message
    body = message[len(prefix) :]
    value = _TOKEN_VALUE.match(body)
    if value is not None:
        head = _PUNCTUATOR_DESC.sub(lambda m: f'"{m.group(1) or m.group(2)}"', value["head"])
        return f'{prefix}{head} "{value["v"]}".'
    point = _CODE_POINT.match(body)
    if point is not None and point["c"] != '"':
        return f'{prefix}{point["head"]}"{point["c"]}".'
    return prefix + _PUNCTUATOR_DESC.sub(lambda m: f'"{m.group(1) or m.group(2)}"', body)


def _coercion_detail(error: GraphQLError, invalid: Any) -> str:
    """The inner message of a coercion error, printed as graphql-js prints it."""
    text = error.message
    py = inspect(invalid)
    if py in text:  # the scalar's own message ends with the Python repr of the value
        text = text.replace(py, js_inspect(invalid))
    if isinstance(invalid, str):  # enum messages quote the raw value
        text = text.replace(f"'{invalid}'", json.dumps(invalid, ensure_ascii=False))
    text = text.replace("' to be a mapping.", "' to be an object.")
    text = text.replace("' not to be None.", "' not to be null.")
    return js_message(text)


def coerce_variables(
    schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Mapping[str, Any]
) -> dict[str, Any] | list[GraphQLError]:
    """Coerce the request's variables like graphql-core's executor does, reporting
    errors in graphql-js's wording; returns the values or the errors."""
    errors: list[GraphQLError] = []
    values: dict[str, Any] = {}
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        var_type = type_from_ast(schema, definition.type)
        if var_type is None or not is_input_type(var_type):
            errors.append(
                GraphQLError(
                    f'Variable "${name}" expected value of type "{print_ast(definition.type)}"'
                    " which cannot be used as an input type.",
                    definition.type,
                )
            )
            continue
        input_type: GraphQLInputType = var_type  # type: ignore[assignment]
        if name not in inputs:
            if definition.default_value is not None:
                values[name] = value_from_ast(definition.default_value, input_type)
            elif is_non_null_type(input_type):
                errors.append(
                    GraphQLError(
                        f'Variable "${name}" of required type "{input_type}" was not provided.',
                        definition,
                    )
                )
            continue
        value = inputs[name]
        if value is None and is_non_null_type(input_type):
            errors.append(
                GraphQLError(
                    f'Variable "${name}" of non-null type "{input_type}" must not be null.',
                    definition,
                )
            )
            continue

        def on_error(
            path: list[str | int],
            invalid: Any,
            error: GraphQLError,
            name: str = name,
            definition: Any = definition,
        ) -> None:
            prefix = f'Variable "${name}" got invalid value {js_inspect(invalid)}'
            if path:
                prefix += f' at "{name}{print_path_list(path)}"'
            errors.append(GraphQLError(f"{prefix}; {_coercion_detail(error, invalid)}", definition))

        try:
            values[name] = coerce_input_value(value, input_type, on_error)
        except RecursionError:
            errors.append(GraphQLError("Variable values are nested too deeply.", definition))
    return errors or values
