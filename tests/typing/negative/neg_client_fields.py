"""Cases that MUST fail type checking: Client calls, field reads and writes.

Each line carries the mypy error code(s) it must raise (``# type: ignore[...]``) and the
pyright rule(s) (``# pyright-expect[...]``); tests/typing/test_typing.py checks both,
exactly. See tests/typing/README.md."""
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error
# Errors that only follow from an earlier one on the line (an Unknown result) are off:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

# Bare attribute reads are the cases themselves:
# ruff: noqa: B018

from __future__ import annotations

from datetime import datetime

import labelbox
from labelbox import Client, Dataset, PaginatedCollection, Project
from labelbox.exceptions import ResourceNotFoundError


def client_calls(client: Client) -> None:
    Client(api_key=123)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    Client("key", "endpoint", False, 30.0)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    client.get_project(123)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_project("a", "b")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    client.get_dataset(None)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_user("<user_id>")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    client.execute(3)  # type: ignore[call-overload]  # pyright-expect[reportArgumentType]
    client.execute("q", ["p"])  # type: ignore[call-overload]  # pyright-expect[reportArgumentType]
    client.upload_data(123)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.upload_file(123)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.create_project(name=["x"])  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_projects(where="name = 'x'")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_projects(where=Project.name)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_projects(order_by=Project.name)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_projects(order_by=(Project.name, "ASC"))  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_projects(first=10)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    client.get_user().nickame  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    labelbox.Projekt  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    ResourceNotFoundError()  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]


def collection_types(client: Client) -> None:
    _datasets: PaginatedCollection[Dataset] = client.get_projects()  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _project: Project = client.get_projects().get_one()  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _projects: list[Dataset] = client.get_projects().get_many(2)  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    client.get_projects().get_many("2")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    len(client.get_projects())  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_projects()[0]  # type: ignore[index]  # pyright-expect[reportIndexIssue]


def field_writes(client: Client) -> None:
    project = client.get_project("<project_id>")
    project.name = 3  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
    project.description = 1  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
    project.setup_complete = "2021-06-01"  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
    project.uid = 1  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
    project.auto_audit_percentage = "50%"  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
    user = client.get_user()
    user.is_viewer = "yes"  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
    task = client.get_dataset("<dataset_id>").create_data_rows([])
    task.status = "FAILED"  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
    webhook = next(iter(project.webhooks()))
    webhook.topics = ["LABEL_CREATED"]  # type: ignore[list-item]  # pyright-expect[reportAttributeAccessIssue]


def field_reads(client: Client) -> None:
    project = client.get_project("<project_id>")
    _n: int = project.name  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _s: str = project.description  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _d: datetime = project.setup_complete  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _f: float = project.auto_audit_percentage  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _c: str = Project.name  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    project.nme  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    project.description.upper()  # type: ignore[union-attr]  # pyright-expect[reportOptionalMemberAccess]
    Project.name.upper()  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    project.name()  # type: ignore[operator]  # pyright-expect[reportCallIssue]
    project.created_by().email  # type: ignore[union-attr]  # pyright-expect[reportOptionalMemberAccess]
