"""Finding, on one side, an object of each type the SDK's reads need an id of.

Read-only: each finder is one small query selecting only ids (so a renamed field
elsewhere cannot hide the object), e.g. the first project of the key's organization,
then the first label of that project. Ids already known (objects the parity run
created) are kept; the first finder that yields an id of a type wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import Json
from .side import Side


@dataclass(frozen=True)
class Finder:
    """One way to find an object of ``type_name``: ``query`` (with ``$id`` of an object
    of ``needs``, if any) and the keys leading to the object in its answer (the first
    item of a list is taken)."""

    type_name: str
    query: str
    path: tuple[str, ...]
    needs: str | None = None


def _root(type_name: str, field: str, paged: bool) -> Finder:
    args = "(skip: 0, first: 1)" if paged else ""
    return Finder(type_name, f"query ParityFind{type_name} {{ {field}{args} {{ id }} }}", (field,))


def _child(type_name: str, parent: str, root: str, field: str, paged: bool) -> Finder:
    args = "(skip: 0, first: 1)" if paged else ""
    query = (
        f"query ParityFind{type_name}Of{parent}($id: ID!) "
        f"{{ {root}(where: {{id: $id}}) {{ {field}{args} {{ id }} }} }}"
    )
    return Finder(type_name, query, (root, field), parent)


#: The finders, in the order they are tried.
FINDERS: tuple[Finder, ...] = (
    _root("User", "user", paged=False),
    _root("Organization", "organization", paged=False),
    _root("Project", "projects", paged=True),
    _root("Dataset", "datasets", paged=True),
    _root("LabelingFrontend", "labelingFrontends", paged=True),
    _child("DataRow", "Dataset", "dataset", "dataRows", paged=True),
    _child("Label", "Project", "project", "labels", paged=True),
    _child("DataRow", "Label", "label", "dataRow", paged=False),
    _child("Review", "Project", "project", "reviews", paged=True),
    _child("Review", "Label", "label", "reviews", paged=True),
    _child("Benchmark", "Project", "project", "benchmarks", paged=True),
    _child("Webhook", "Project", "project", "webhooks", paged=True),
    _child("Prediction", "Project", "project", "predictions", paged=True),
    _child("PredictionModel", "Project", "project", "activePredictionModel", paged=False),
    _child("BulkImportRequest", "Project", "project", "bulkImportRequests", paged=True),
    _child("Ontology", "Project", "project", "ontology", paged=False),
    _child(
        "LabelingParameterOverride",
        "Project",
        "project",
        "labelingParameterOverrides",
        paged=True,
    ),
)


def _follow(data: Json, path: tuple[str, ...]) -> str | None:
    value = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, list):
            value = value[0] if value else None
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def discover(side: Side) -> None:
    """Fills ``side.ids`` with the first object of every type a finder finds (ids
    already there are kept)."""
    for finder in FINDERS:
        if finder.type_name in side.ids:
            continue
        if finder.needs is not None and finder.needs not in side.ids:
            continue
        variables = {"id": side.ids[finder.needs]} if finder.needs else None
        answer = side.raw(finder.query, variables)
        found = _follow(answer.data, finder.path) if answer.ok else None
        if found is not None:
            side.ids[finder.type_name] = found
