"""Typed, code-generated Python SDK for the Labelbox GraphQL API.

Same documented API as the classic SDK (``from labelbox import Client, Project, ...``),
every name precisely typed, built on the generated client in ``labelbox_gen``.

Importing the package is cheap: each name below is imported from its module the first
time it is used (``labelbox.Project``, ``from labelbox import Project``), so a program
pays only for what it uses (see ARCHITECTURE.md, "Lazy imports"). Type checkers see the
names themselves (the imports under ``TYPE_CHECKING``), not a module ``__getattr__``.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from labelbox._async.client import AsyncClient
    from labelbox._async.pagination import AsyncPaginatedCollection
    from labelbox._async.schema.asset_metadata import AsyncAssetMetadata
    from labelbox._async.schema.benchmark import AsyncBenchmark
    from labelbox._async.schema.bulk_import_request import AsyncBulkImportRequest
    from labelbox._async.schema.data_row import AsyncDataRow
    from labelbox._async.schema.dataset import AsyncDataset
    from labelbox._async.schema.invite import AsyncInvite
    from labelbox._async.schema.label import AsyncLabel
    from labelbox._async.schema.labeling_frontend import (
        AsyncLabelingFrontend,
        AsyncLabelingFrontendOptions,
    )
    from labelbox._async.schema.ontology import AsyncOntology
    from labelbox._async.schema.organization import AsyncOrganization
    from labelbox._async.schema.prediction import AsyncPrediction, AsyncPredictionModel
    from labelbox._async.schema.project import AsyncLabelingParameterOverride, AsyncProject
    from labelbox._async.schema.project_member import AsyncProjectMember
    from labelbox._async.schema.review import AsyncReview
    from labelbox._async.schema.role import AsyncProjectRole, AsyncRole
    from labelbox._async.schema.task import AsyncTask
    from labelbox._async.schema.user import AsyncUser
    from labelbox._async.schema.webhook import AsyncWebhook
    from labelbox._options import ClientOptions
    from labelbox.client import Client
    from labelbox.orm.model import Field, Order
    from labelbox.pagination import PaginatedCollection
    from labelbox.schema.asset_metadata import AssetMetadata
    from labelbox.schema.benchmark import Benchmark
    from labelbox.schema.bulk_import_request import BulkImportRequest
    from labelbox.schema.data_row import DataRow
    from labelbox.schema.dataset import Dataset
    from labelbox.schema.invite import Invite, InviteLimit
    from labelbox.schema.label import Label
    from labelbox.schema.labeling_frontend import LabelingFrontend, LabelingFrontendOptions
    from labelbox.schema.ontology import Classification, Ontology, OntologyBuilder, Option, Tool
    from labelbox.schema.organization import Organization
    from labelbox.schema.prediction import Prediction, PredictionModel
    from labelbox.schema.project import LabelerPerformance, LabelingParameterOverride, Project
    from labelbox.schema.project_member import ProjectMember
    from labelbox.schema.review import Review
    from labelbox.schema.role import ProjectRole, Role
    from labelbox.schema.task import Task
    from labelbox.schema.user import User
    from labelbox.schema.webhook import Webhook

name = "labelbox"

#: The module of each public name, imported when the name is first used.
_LAZY: dict[str, str] = {
    "AssetMetadata": "labelbox.schema.asset_metadata",
    "AsyncAssetMetadata": "labelbox._async.schema.asset_metadata",
    "AsyncBenchmark": "labelbox._async.schema.benchmark",
    "AsyncBulkImportRequest": "labelbox._async.schema.bulk_import_request",
    "AsyncClient": "labelbox._async.client",
    "AsyncDataRow": "labelbox._async.schema.data_row",
    "AsyncDataset": "labelbox._async.schema.dataset",
    "AsyncInvite": "labelbox._async.schema.invite",
    "AsyncLabel": "labelbox._async.schema.label",
    "AsyncLabelingFrontend": "labelbox._async.schema.labeling_frontend",
    "AsyncLabelingFrontendOptions": "labelbox._async.schema.labeling_frontend",
    "AsyncLabelingParameterOverride": "labelbox._async.schema.project",
    "AsyncOntology": "labelbox._async.schema.ontology",
    "AsyncOrganization": "labelbox._async.schema.organization",
    "AsyncPaginatedCollection": "labelbox._async.pagination",
    "AsyncPrediction": "labelbox._async.schema.prediction",
    "AsyncPredictionModel": "labelbox._async.schema.prediction",
    "AsyncProject": "labelbox._async.schema.project",
    "AsyncProjectMember": "labelbox._async.schema.project_member",
    "AsyncReview": "labelbox._async.schema.review",
    "AsyncProjectRole": "labelbox._async.schema.role",
    "AsyncRole": "labelbox._async.schema.role",
    "AsyncTask": "labelbox._async.schema.task",
    "AsyncUser": "labelbox._async.schema.user",
    "AsyncWebhook": "labelbox._async.schema.webhook",
    "Benchmark": "labelbox.schema.benchmark",
    "BulkImportRequest": "labelbox.schema.bulk_import_request",
    "Classification": "labelbox.schema.ontology",
    "Client": "labelbox.client",
    "ClientOptions": "labelbox._options",
    "DataRow": "labelbox.schema.data_row",
    "Dataset": "labelbox.schema.dataset",
    "Field": "labelbox.orm.model",
    "Invite": "labelbox.schema.invite",
    "InviteLimit": "labelbox.schema.invite",
    "Label": "labelbox.schema.label",
    "LabelerPerformance": "labelbox.schema.project",
    "LabelingFrontend": "labelbox.schema.labeling_frontend",
    "LabelingFrontendOptions": "labelbox.schema.labeling_frontend",
    "LabelingParameterOverride": "labelbox.schema.project",
    "Ontology": "labelbox.schema.ontology",
    "OntologyBuilder": "labelbox.schema.ontology",
    "Option": "labelbox.schema.ontology",
    "Order": "labelbox.orm.model",
    "Organization": "labelbox.schema.organization",
    "PaginatedCollection": "labelbox.pagination",
    "Prediction": "labelbox.schema.prediction",
    "PredictionModel": "labelbox.schema.prediction",
    "Project": "labelbox.schema.project",
    "ProjectMember": "labelbox.schema.project_member",
    "ProjectRole": "labelbox.schema.role",
    "Review": "labelbox.schema.review",
    "Role": "labelbox.schema.role",
    "Task": "labelbox.schema.task",
    "Tool": "labelbox.schema.ontology",
    "User": "labelbox.schema.user",
    "Webhook": "labelbox.schema.webhook",
}

if TYPE_CHECKING:
    __version__: str
else:
    # Hidden from type checkers: a typed module ``__getattr__`` would make every
    # misspelt ``labelbox.<name>`` type-check (the names are imported above for them).
    def __getattr__(attribute: str) -> object:
        module = _LAZY.get(attribute)
        if module is not None:
            import importlib

            value = getattr(importlib.import_module(module), attribute)
            globals()[attribute] = value  # the next access is a plain module attribute
            return value
        if attribute == "__version__":
            from labelbox._version import version

            return version()
        raise AttributeError(f"module 'labelbox' has no attribute {attribute!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


__all__ = [
    "AssetMetadata",
    "AsyncAssetMetadata",
    "AsyncBenchmark",
    "AsyncBulkImportRequest",
    "AsyncClient",
    "AsyncDataRow",
    "AsyncDataset",
    "AsyncInvite",
    "AsyncLabel",
    "AsyncLabelingFrontend",
    "AsyncLabelingFrontendOptions",
    "AsyncLabelingParameterOverride",
    "AsyncOntology",
    "AsyncOrganization",
    "AsyncPaginatedCollection",
    "AsyncPrediction",
    "AsyncPredictionModel",
    "AsyncProject",
    "AsyncProjectMember",
    "AsyncProjectRole",
    "AsyncReview",
    "AsyncRole",
    "AsyncTask",
    "AsyncUser",
    "AsyncWebhook",
    "Benchmark",
    "BulkImportRequest",
    "Classification",
    "Client",
    "ClientOptions",
    "DataRow",
    "Dataset",
    "Field",
    "Invite",
    "InviteLimit",
    "Label",
    "LabelerPerformance",
    "LabelingFrontend",
    "LabelingFrontendOptions",
    "LabelingParameterOverride",
    "Ontology",
    "OntologyBuilder",
    "Option",
    "Order",
    "Organization",
    "PaginatedCollection",
    "Prediction",
    "PredictionModel",
    "Project",
    "ProjectMember",
    "ProjectRole",
    "Review",
    "Role",
    "Task",
    "Tool",
    "User",
    "Webhook",
    "__version__",
]
