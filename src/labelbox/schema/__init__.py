"""The entity classes of the Labelbox API, one module per area.

Importing this package imports none of them: ``labelbox.schema.project`` (or
``import labelbox.schema.project``) imports that module when it is first used, and the
entity registry (``labelbox._generated.entities.ENTITY_MODULES``) imports the module of
an entity when one is first built (see ARCHITECTURE.md, "Lazy imports")."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from labelbox.schema import (
        annotation_import as annotation_import,
    )
    from labelbox.schema import (
        annotation_validation as annotation_validation,
    )
    from labelbox.schema import (
        asset_attachment as asset_attachment,
    )
    from labelbox.schema import (
        asset_metadata as asset_metadata,
    )
    from labelbox.schema import (
        benchmark as benchmark,
    )
    from labelbox.schema import (
        bulk_import_request as bulk_import_request,
    )
    from labelbox.schema import (
        data_row as data_row,
    )
    from labelbox.schema import (
        dataset as dataset,
    )
    from labelbox.schema import (
        enums as enums,
    )
    from labelbox.schema import (
        invite as invite,
    )
    from labelbox.schema import (
        label as label,
    )
    from labelbox.schema import (
        labeling_frontend as labeling_frontend,
    )
    from labelbox.schema import (
        mal_schemas as mal_schemas,
    )
    from labelbox.schema import (
        ontology as ontology,
    )
    from labelbox.schema import (
        organization as organization,
    )
    from labelbox.schema import (
        prediction as prediction,
    )
    from labelbox.schema import (
        project as project,
    )
    from labelbox.schema import (
        project_member as project_member,
    )
    from labelbox.schema import (
        review as review,
    )
    from labelbox.schema import (
        role as role,
    )
    from labelbox.schema import (
        task as task,
    )
    from labelbox.schema import (
        user as user,
    )
    from labelbox.schema import (
        webhook as webhook,
    )

#: The submodules, imported on first attribute access.
_SUBMODULES: frozenset[str] = frozenset(
    {
        "annotation_import",
        "annotation_validation",
        "asset_attachment",
        "asset_metadata",
        "benchmark",
        "bulk_import_request",
        "data_row",
        "dataset",
        "enums",
        "invite",
        "label",
        "labeling_frontend",
        "mal_schemas",
        "ontology",
        "organization",
        "prediction",
        "project",
        "project_member",
        "review",
        "role",
        "task",
        "user",
        "webhook",
    }
)

if not TYPE_CHECKING:
    # Hidden from type checkers (a typed module ``__getattr__`` would let every misspelt
    # ``labelbox.schema.<name>`` type-check); they see the imports above.
    def __getattr__(attribute: str) -> object:
        if attribute in _SUBMODULES:
            import importlib

            return importlib.import_module(f"{__name__}.{attribute}")
        raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), *_SUBMODULES})
