"""A user's tiny Labelbox pipeline: the code under test in this sample project."""

from __future__ import annotations

from labelbox import Client, Project
from labelbox.schema.task import Task


def ensure_project(client: Client, name: str) -> Project:
    """The project called ``name``, created if there is none."""
    existing = client.get_projects(where=Project.name == name).get_one()
    return existing if existing is not None else client.create_project(name=name)


def project_names(client: Client) -> list[str]:
    """Names of every project, sorted."""
    return sorted(project.name for project in client.get_projects())


def import_images(client: Client, dataset_name: str, urls: list[str]) -> Task:
    """Starts importing ``urls`` as data rows of a new dataset."""
    dataset = client.create_dataset(name=dataset_name)
    return dataset.create_data_rows([{"row_data": url} for url in urls])


def run_from_environment(name: str) -> str:
    """What a script does: a Client from LABELBOX_API_KEY/LABELBOX_ENDPOINT."""
    with Client() as client:
        return ensure_project(client, name).uid
