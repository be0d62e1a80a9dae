"""ariadne-codegen plugins used by ``codegen.toml``."""

from __future__ import annotations

import ast

from ariadne_codegen.plugins.base import Plugin
from graphql import GraphQLEnumType, GraphQLInputField, GraphQLInputObjectType


class OpenEnumsPlugin(Plugin):
    """Makes generated enums tolerate values a newer server may add.

    An unknown value becomes a pseudo-member (``_missing_``) instead of failing the
    whole response's validation; known values keep their identity.
    """

    def generate_enum(self, class_def: ast.ClassDef, enum_type: GraphQLEnumType) -> ast.ClassDef:
        method = ast.parse(
            "@classmethod\n"
            "def _missing_(cls, value: object) -> object:\n"
            "    if not isinstance(value, str):\n"
            "        return None\n"
            "    member = str.__new__(cls, value)\n"
            "    member._name_ = value\n"
            "    member._value_ = value\n"
            "    return member\n"
        ).body[0]
        class_def.body.append(method)
        return class_def


class TypedLazyInitPlugin(Plugin):
    """Annotates the lazy-import hooks of the generated ``__init__`` (mypy --strict)."""

    def generate_init_code(self, generated_code: str) -> str:
        return generated_code.replace(
            "def __getattr__(name):", "def __getattr__(name: str) -> object:"
        ).replace("def __dir__():", "def __dir__() -> list[str]:")


class TypedInputsPlugin(Plugin):
    """Makes generated input models constructible with checked Python names.

    Input models are only ever serialized (client → server), so their camelCase names
    become ``serialization_alias`` instead of ``alias``: mypy (pydantic plugin) and
    pyright then agree that ``ProjectUpdateInput(setup_complete=...)`` is the
    constructor's signature, and flag a misspelt or renamed field. ``extra="forbid"``
    refuses unknown names at run time too, instead of dropping them silently.
    """

    def generate_input_class(
        self, class_def: ast.ClassDef, input_type: GraphQLInputObjectType
    ) -> ast.ClassDef:
        class_def.keywords.append(ast.keyword(arg="extra", value=ast.Constant("forbid")))
        return class_def

    def generate_input_field(
        self, field_implementation: ast.AnnAssign, input_field: GraphQLInputField, field_name: str
    ) -> ast.AnnAssign:
        value = field_implementation.value
        if isinstance(value, ast.Call):
            for keyword in value.keywords:
                if keyword.arg == "alias":
                    keyword.arg = "serialization_alias"
        return field_implementation
