"""What the installed SDK sends: its operation documents and the schema it was built from.

Both are read from the installed ``labelbox_gen`` package (no source checkout needed):
every ``*_GQL`` string constant of ``labelbox_gen.operations`` is one complete operation
document (the operation and the fragments it spreads), and ``labelbox_gen/schema.graphql``
is the SDL the generated client was generated from.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from graphql import DocumentNode, OperationDefinitionNode, parse

#: The generated module holding the operation documents.
OPERATIONS_MODULE = "labelbox_gen.operations"
#: The package whose ``schema.graphql`` is the bundled schema.
GENERATED_PACKAGE = "labelbox_gen"
#: Suffix of the operation-document constants in :data:`OPERATIONS_MODULE`.
CONSTANT_SUFFIX = "_GQL"


@dataclass(frozen=True)
class Operation:
    """One operation document the SDK sends.

    Attributes:
        name: the operation's name (``GetDataset``).
        constant: the constant of ``labelbox_gen.operations`` holding it (``GET_DATASET_GQL``).
        source: the document text (operation plus fragments).
        document: the parsed document.
    """

    name: str
    constant: str
    source: str
    document: DocumentNode


def bundled_schema_sdl() -> str:
    """The schema the SDK was generated from.

    Returns:
        The SDL text of ``labelbox_gen/schema.graphql``.
    """
    return (resources.files(GENERATED_PACKAGE) / "schema.graphql").read_text(encoding="utf-8")


def _operation_name(document: DocumentNode, constant: str) -> str:
    names = [
        d.name.value
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode) and d.name is not None
    ]
    if len(names) != 1:
        raise ValueError(f"{OPERATIONS_MODULE}.{constant} must hold exactly one named operation")
    return names[0]


@cache
def sdk_operations() -> tuple[Operation, ...]:
    """Every operation of the installed SDK.

    Returns:
        The operations, sorted by name.
    """
    module = importlib.import_module(OPERATIONS_MODULE)
    found: list[Operation] = []
    for constant, value in vars(module).items():
        if not constant.endswith(CONSTANT_SUFFIX) or not isinstance(value, str):
            continue
        document = parse(value)
        found.append(Operation(_operation_name(document, constant), constant, value, document))
    return tuple(sorted(found, key=lambda op: op.name))


def operations_by_constant() -> dict[str, Operation]:
    """The SDK's operations by constant.

    Returns:
        The operations keyed by the name of their ``*_GQL`` constant.
    """
    return {op.constant: op for op in sdk_operations()}
