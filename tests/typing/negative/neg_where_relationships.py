"""Cases that MUST fail type checking: where-expressions, ordering and relationships.

Each line carries the mypy error code(s) it must raise (``# type: ignore[...]``) and the
pyright rule(s) (``# pyright-expect[...]``, or ``# pyright: ignore[...]`` for a case
only pyright catches); tests/typing/test_typing.py checks both, exactly."""
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error
# Errors that only follow from an earlier one on the line (an Unknown result) are off:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

# Bare attribute reads are the cases themselves:
# ruff: noqa: B018

from __future__ import annotations

from labelbox import Client, Dataset, Order, PaginatedCollection, Project, Review, User
from labelbox.orm.model import OrderBy


def comparisons() -> None:
    # Ordering operators check the value type (``==``/``!=`` cannot: see README).
    _ = Project.name < 3  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = Project.name >= None  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = Project.created_at > "2021-06-01"  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = Review.score <= "high"  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = Project.auto_audit_number_of_labels > 1.5  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    # Only expressions combine; a Field is not an expression.
    _ = ~Project.name  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = Project.name & Project.description  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = (Project.name == "x") & "y"  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = (Project.name == "x") | True  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = (Project.name == "x") & Project.description  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _order: OrderBy[Project] = (Project.name, "ASC")  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    # An expression filters one entity: they do not mix.
    _ = (Project.name == "x") & (Dataset.name == "y")  # type: ignore[operator]  # pyright-expect[reportOperatorIssue]
    _ = Order.Ascending  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]


def where_arguments(client: Client) -> None:
    project = client.get_project("<project_id>")
    # A mistyped == falls back to object.__eq__ (bool), which where= rejects.
    client.get_projects(where=Project.name == 3)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.datasets(where=Dataset.name == 3)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    # A field of another entity (the where-expression carries its entity).
    project.datasets(where=Project.name == "x")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_projects(where=(Dataset.name == "x") & (Dataset.description == "y"))  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.get_datasets(order_by=Project.name.asc)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.labels(order_by=(Dataset.name, Order.Asc))  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.datasets(where=True)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.datasets(where={"name": "x"})  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.datasets(order_by=Dataset.name)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.datasets(order_by=("name", Order.Asc))  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.datasets(order_by=(Dataset.name, "DESC"))  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.datasets(first=10)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    project.labels(where=Review.score > 0)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    project.labels(datasets=client.get_dataset("<dataset_id>"))  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.labels(datasets=[project])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]


def relationships(client: Client) -> None:
    project = client.get_project("<project_id>")
    dataset = client.get_dataset("<dataset_id>")
    project.datasets.connect(project)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.datasets.disconnect("<dataset_id>")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.created_by.connect(dataset)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.created_by(where=User.email == "a@b.c")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    project.datasets.count()  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    project.created_by().email  # type: ignore[union-attr]  # pyright-expect[reportOptionalMemberAccess]
    project.datasets().get_one().name  # type: ignore[union-attr]  # pyright-expect[reportOptionalMemberAccess]
    _user: User = project.created_by()  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _projects: PaginatedCollection[Project] = project.datasets()  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _datasets: list[Dataset] = project.datasets()  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    for row in dataset.data_rows():
        row.name  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    project.datasets = dataset.projects  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]


def overwrite_relationship(client: Client) -> None:
    project = client.get_project("<project_id>")
    # Relationships are read-only descriptors (``__set__(value: NoReturn)``).
    project.datasets = project.datasets  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
    project.created_by = None  # type: ignore[assignment]  # pyright-expect[reportAttributeAccessIssue]
