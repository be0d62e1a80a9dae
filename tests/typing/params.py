"""Typing contract of ``labelbox.params``: the keyword TypedDicts of create and update
methods, built ahead of a call. Only type-checked, never executed."""
# pyright: strict

from __future__ import annotations

from typing_extensions import assert_type

from labelbox import Client, Project
from labelbox.params import DatasetCreateParams, ProjectCreateParams, ProjectUpdateParams


def build(client: Client, project: Project) -> None:
    settings: ProjectCreateParams = {"name": "cars", "description": "street scenes"}
    assert_type(client.create_project(**settings), Project)
    changes: ProjectUpdateParams = {"description": "night scenes"}
    assert_type(project.update(**changes), None)
    dataset: DatasetCreateParams = {"name": "cars-2021", "projects": [project]}
    client.create_dataset(**dataset)
