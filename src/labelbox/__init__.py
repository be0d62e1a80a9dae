"""Typed, code-generated Python SDK for the Labelbox GraphQL API.

Same documented API as the classic SDK (``from labelbox import Client, Project, ...``),
every name precisely typed, built on the generated client in ``labelbox_gen``.
"""

from typing import TYPE_CHECKING

from labelbox._options import ClientOptions
from labelbox.client import Client
from labelbox.orm.model import Field, Order
from labelbox.pagination import PaginatedCollection
from labelbox.schema.asset_metadata import AssetMetadata
from labelbox.schema.benchmark import Benchmark
from labelbox.schema.bulk_import_request import BulkImportRequest
from labelbox.schema.data_row import DataRow
from labelbox.schema.dataset import Dataset
from labelbox.schema.label import Label
from labelbox.schema.labeling_frontend import LabelingFrontend, LabelingFrontendOptions
from labelbox.schema.ontology import Classification, Ontology, OntologyBuilder, Option, Tool
from labelbox.schema.organization import Organization
from labelbox.schema.prediction import Prediction, PredictionModel
from labelbox.schema.project import LabelerPerformance, LabelingParameterOverride, Project
from labelbox.schema.review import Review
from labelbox.schema.role import Role
from labelbox.schema.task import Task
from labelbox.schema.user import User
from labelbox.schema.webhook import Webhook

name = "labelbox"


if TYPE_CHECKING:
    __version__: str
else:
    # Hidden from type checkers: a typed module ``__getattr__`` would make every
    # misspelt ``labelbox.<name>`` type-check as a str.
    def __getattr__(attribute: str) -> str:
        if attribute == "__version__":
            from labelbox._version import version

            return version()
        raise AttributeError(f"module 'labelbox' has no attribute {attribute!r}")


__all__ = [
    "AssetMetadata",
    "Benchmark",
    "BulkImportRequest",
    "Classification",
    "Client",
    "ClientOptions",
    "DataRow",
    "Dataset",
    "Field",
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
    "Review",
    "Role",
    "Task",
    "Tool",
    "User",
    "Webhook",
    "__version__",
]
