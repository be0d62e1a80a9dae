"""Typing contract of where-expressions and ordering: ``Field`` comparisons build a
``Comparison``; ``&``, ``|`` and ``~`` build a ``LogicalExpression``; ``order_by`` takes
``(Field, Order)``. Only type-checked, never executed."""
# pyright: strict

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from typing_extensions import assert_type

from labelbox import (
    Client,
    DataRow,
    Dataset,
    Field,
    Label,
    LabelingFrontend,
    Order,
    PaginatedCollection,
    Project,
    Review,
    Task,
    Webhook,
)
from labelbox.orm.comparison import Comparison, Expression, LogicalExpression
from labelbox.orm.model import OrderBy
from labelbox.schema.enums import TaskStatus, WebhookStatus


def comparisons() -> None:
    # Every operator on a Field gives a Comparison (SQLAlchemy-style overloading).
    assert_type(Project.name == "x", Comparison[Project])
    assert_type(Project.name != "x", Comparison[Project])
    assert_type(Project.name < "m", Comparison[Project])
    assert_type(Project.name > "m", Comparison[Project])
    assert_type(Project.name <= "m", Comparison[Project])
    assert_type(Project.name >= "m", Comparison[Project])
    assert_type(Project.uid == "<project_id>", Comparison[Project])
    # Optional fields compare with None too.
    assert_type(Project.description == None, Comparison[Project])  # noqa: E711
    assert_type(Project.description != "y", Comparison[Project])
    assert_type(Project.setup_complete == None, Comparison[Project])  # noqa: E711
    # Non-str fields.
    since = datetime(2021, 6, 1, tzinfo=timezone.utc)
    assert_type(Project.created_at > since, Comparison[Project])
    assert_type(Project.updated_at <= since, Comparison[Project])
    assert_type(Project.auto_audit_number_of_labels >= 2, Comparison[Project])
    assert_type(Project.auto_audit_percentage < 0.5, Comparison[Project])
    assert_type(Review.score > 0.0, Comparison[Review])
    assert_type(Review.score > 0, Comparison[Review])  # an int is a float (numeric tower)
    assert_type(Label.is_benchmark_reference == True, Comparison[Label])  # noqa: E712
    assert_type(Task.status == TaskStatus.COMPLETE, Comparison[Task])
    assert_type(Webhook.status != WebhookStatus.REVOKED, Comparison[Webhook])
    assert_type(DataRow.external_id == "x", Comparison[DataRow])
    comparison = Dataset.name == "x"
    assert_type(comparison.op, Comparison.Op)
    # A Comparison keeps its entity (not its value type: see README).
    assert_type(comparison, Comparison[Dataset])
    assert_type(comparison.field, Field[Dataset, Any])
    assert_type(comparison.value, Any)


def logical() -> None:
    a = Project.name == "x"
    b = Project.description == "y"
    assert_type(a & b, LogicalExpression[Project])
    assert_type(a | b, LogicalExpression[Project])
    assert_type(~a, LogicalExpression[Project])
    assert_type((Project.name == "x") & (Project.description == "y"), LogicalExpression[Project])
    assert_type(((a & b) | ~a) & (Project.name != "z"), LogicalExpression[Project])
    assert_type(~(a | b), LogicalExpression[Project])
    expression: Expression[Project] = a
    expression = a & b
    assert_type(expression & a, LogicalExpression[Project])
    logical = a & b
    assert_type(logical.op, LogicalExpression.Op)
    assert_type(logical.first, Expression[Project])
    assert_type(logical.second, Expression[Project] | None)


def ordering() -> None:
    assert_type(Project.name.asc, OrderBy[Project])
    assert_type(Project.name.desc, OrderBy[Project])
    _by_name: OrderBy[Project] = (Project.name, Order.Asc)
    assert_type(Project.name.asc, tuple[Field[Project, Any], Order])
    # The documented spelling ``(Field, Field.Order)``.
    _documented: OrderBy[Label] = (Label.created_at, Field.Order.Desc)
    _orders: tuple[Order, Order] = (Order.Asc, Field.Order.Desc)
    assert_type(Order("ASC"), Order)


def where_everywhere(client: Client) -> None:
    where = (Project.name == "x") & (Project.description == "y")
    assert_type(client.get_projects(where=where), PaginatedCollection[Project])
    assert_type(
        client.get_projects(where=where, order_by=Project.created_at.desc),
        PaginatedCollection[Project],
    )
    assert_type(
        client.get_projects(order_by=(Project.name, Order.Asc)), PaginatedCollection[Project]
    )
    assert_type(
        client.get_datasets(where=Dataset.name == "d", order_by=Dataset.name.asc),
        PaginatedCollection[Dataset],
    )
    assert_type(
        client.get_labeling_frontends(where=LabelingFrontend.name == "Editor"),
        PaginatedCollection[LabelingFrontend],
    )
    project = client.get_project("<project_id>")
    assert_type(
        project.datasets(where=~(Dataset.name == "skip"), order_by=(Dataset.name, Order.Desc)),
        PaginatedCollection[Dataset],
    )
    assert_type(project.reviews(where=Review.score < 0), PaginatedCollection[Review])
    dataset = client.get_dataset("<dataset_id>")
    assert_type(
        dataset.data_rows(
            where=(DataRow.external_id == "a") | (DataRow.external_id == "b"),
            order_by=DataRow.created_at.asc,
        ),
        PaginatedCollection[DataRow],
    )
    assert_type(
        client.get_organization().webhooks(where=Webhook.url == "https://host/hook"),
        PaginatedCollection[Webhook],
    )
