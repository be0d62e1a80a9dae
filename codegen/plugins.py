"""ariadne-codegen plugins used by ``codegen.toml``."""

from __future__ import annotations

import ast

from ariadne_codegen.plugins.base import Plugin
from graphql import (
    ExecutableDefinitionNode,
    FragmentDefinitionNode,
    GraphQLEnumType,
    GraphQLInputField,
    GraphQLInputObjectType,
)


class OpenEnumsPlugin(Plugin):
    """Makes enums open and truthful (see ``codegen/open_enum.py``).

    Every enum-typed field of a generated model (fragments, results and inputs) is typed
    ``OpenEnum[E]`` = ``E | UnknownValue``: a value a newer server adds is kept as an
    ``UnknownValue`` string instead of failing the whole response, and type checkers see
    that case. Enum members print as their value (``print(task.status)`` shows
    ``COMPLETE``, as the classic client did).
    """

    def generate_enum(self, class_def: ast.ClassDef, enum_type: GraphQLEnumType) -> ast.ClassDef:
        class_def.body += ast.parse(
            "def __str__(self) -> str:\n"
            "    return str(self.value)\n"
            "\n"
            "def __format__(self, format_spec: str) -> str:\n"
            "    return format(str(self.value), format_spec)\n"
        ).body
        return class_def

    def _enum_names(self) -> set[str]:
        return {
            name
            for name, named in self.schema.type_map.items()
            if isinstance(named, GraphQLEnumType) and not name.startswith("__")
        }

    def _open(self, module: ast.Module) -> ast.Module:
        enums = self._enum_names()
        changed = False

        def wrap(node: ast.expr) -> ast.expr:
            nonlocal changed
            if isinstance(node, ast.Name) and node.id in enums:
                changed = True
                return ast.Subscript(value=ast.Name("OpenEnum"), slice=node)
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value in enums
            ):
                changed = True
                return ast.Subscript(value=ast.Name("OpenEnum"), slice=ast.Name(node.value))
            if isinstance(node, ast.Subscript):
                node.slice = wrap(node.slice)
            elif isinstance(node, ast.Tuple):
                node.elts = [wrap(elt) for elt in node.elts]
            elif isinstance(node, ast.BinOp):
                node.left, node.right = wrap(node.left), wrap(node.right)
            return node

        for node in ast.walk(module):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.AnnAssign):
                        statement.annotation = wrap(statement.annotation)
        if changed:
            module.body.insert(0, ast.parse("from .open_enum import OpenEnum").body[0])
        return module

    def generate_fragments_module(
        self, module: ast.Module, fragments_definitions: dict[str, FragmentDefinitionNode]
    ) -> ast.Module:
        return self._open(module)

    def generate_result_types_module(
        self, module: ast.Module, operation_definition: ExecutableDefinitionNode
    ) -> ast.Module:
        return self._open(module)

    def generate_inputs_module(self, module: ast.Module) -> ast.Module:
        return self._open(module)


class TypedLazyInitPlugin(Plugin):
    """Annotates the lazy-import hooks of the generated ``__init__`` (mypy --strict),
    and exports the sync client and base client that ``codegen/unasync.py`` derives
    from the generated async ones beside them."""

    def generate_init_code(self, generated_code: str) -> str:
        code = generated_code.replace(
            "def __getattr__(name):", "def __getattr__(name: str) -> object:"
        ).replace("def __dir__():", "def __dir__() -> list[str]:")
        for async_module, module, name in (
            ("async_client", "client", "LabelboxGenClient"),
            ("async_base_client", "base_client", "BaseClient"),
        ):
            pairs = (
                (
                    f"    from .{async_module} import Async{name}\n",
                    f"    from .{module} import {name}\n",
                ),
                (f'    "Async{name}": ".{async_module}",\n', f'    "{name}": ".{module}",\n'),
                (f'    "Async{name}",\n', f'    "{name}",\n'),
            )
            for async_line, sync_line in pairs:
                code = code.replace(async_line, async_line + sync_line)
        return code


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


class PostponedAnnotationsPlugin(Plugin):
    """``from __future__ import annotations`` in the generated client module.

    Its ~130 methods' annotations (``Optional["GetProjectProject"]``, ...) are then
    never evaluated: importing the client no longer builds ~500 typing objects and
    compiles ~180 forward references (~10 ms of the time to the first request). Type
    checkers read them the same; nothing inspects them at run time.
    """

    def generate_client_module(self, module: ast.Module) -> ast.Module:
        future = ast.ImportFrom(module="__future__", names=[ast.alias("annotations")], level=0)
        already = any(
            isinstance(node, ast.ImportFrom) and node.module == "__future__" for node in module.body
        )
        if not already:
            module.body.insert(0, future)
        return module
