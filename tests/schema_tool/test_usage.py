"""The operation -> facade method map (AST scan of the installed source)."""

from __future__ import annotations

import subprocess
import sys
from textwrap import dedent

from labelbox.schema_tool.sdk import sdk_operations
from labelbox.schema_tool.usage import build_usage_map, generated_operation_methods, usage_map

ENTITIES = dedent(
    """
    from labelbox.orm.model import ToMany

    def _project_datasets(client, id, skip, first):
        return client._gen.project_datasets(id=id, skip=skip, first=first)

    class ProjectBase:
        datasets = ToMany("Dataset", "datasets", _project_datasets)

        def update(self, **values):
            self.client._gen.update_project(id=self.uid, data=values)

    class OrphanBase:
        def fetch(self):
            return self.client._gen.get_project(id=self.uid)
    """
)

FACADE = dedent(
    """
    from labelbox._generated.entities import ProjectBase

    class Project(ProjectBase):
        def refresh(self):
            return self._load()

        def _load(self):
            fetch = self.client._gen.get_project
            return fetch(id=self.uid)

        def rename(self, name):
            self.update(name=name)

        def count(self, items):
            items.update({})  # a dict's update, not ProjectBase.update
            return len(items)

    def helper(client):
        return _private(client)

    def _private(client):
        return client.get_project("x")
    """
)

GEN = {
    "project_datasets": "ProjectDatasets",
    "get_project": "GetProject",
    "update_project": "UpdateProject",
}


def test_rules_on_a_synthetic_package() -> None:
    usage = build_usage_map(
        [
            ("labelbox._generated.entities", ENTITIES, False),
            ("labelbox.schema.project", FACADE, False),
        ],
        GEN,
    )
    assert usage.operations_by_method == {
        "OrphanBase.fetch": ("GetProject",),
        "Project.datasets": ("ProjectDatasets",),
        "Project.refresh": ("GetProject",),
        "Project.rename": ("UpdateProject",),
        "Project.update": ("UpdateProject",),
        "labelbox.schema.project.helper": ("GetProject",),
    }
    assert usage.methods(["GetProject", "UpdateProject"]) == [
        "OrphanBase.fetch",
        "Project.refresh",
        "Project.rename",
        "Project.update",
        "labelbox.schema.project.helper",
    ]


def test_every_generated_method_maps_to_its_operation() -> None:
    methods = generated_operation_methods()
    assert methods["get_dataset"] == "GetDataset"
    assert sorted(methods.values()) == sorted(op.name for op in sdk_operations())


def test_installed_sdk_map() -> None:
    usage = usage_map()
    assert "Client.get_dataset" in usage.methods_by_operation["GetDataset"]
    assert "Client.get_user" in usage.methods_by_operation["GetCurrentUser"]
    assert all(not m.split(".")[-1].startswith("_") for m in usage.operations_by_method)


def test_import_labelbox_does_not_import_the_tool_or_graphql() -> None:
    code = (
        "import sys, labelbox\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'graphql'"
        " or m.startswith('labelbox.schema_tool')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
