"""The one table of what the emulator knows about each stored type beyond its schema.

A stored type (an entity) is a GraphQL object type with ``id: ID!``, kept in the table
of the same name; :mod:`labelbox_emulator.model` derives its columns and relations from
the schema. :data:`FACTS` adds, per type, what the schema cannot say: how its to-many
relations are stored, whether every organization shares it, the values a new object
starts with, which generic root operations serve it, and so on. A type missing from
the table has the :class:`EntityFacts` defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from .model import ScalarKind

V = TypeVar("V")

#: Generic root operations: ``x(where: {id})``, ``xs(where, orderBy, skip, first)``,
#: ``createX(data)``, ``updateX(where, data)`` and ``deleteX(where: {id})`` (a soft delete).
Op = Literal["single", "list", "create", "update", "delete"]

#: The generic operations of a type unless its facts say otherwise (no soft delete:
#: the real server's delete mutations differ per type).
CRUD: frozenset[Op] = frozenset({"single", "list", "create", "update"})


def _frozen(items: Mapping[str, V]) -> Mapping[str, V]:
    return MappingProxyType(dict(items))


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class EntityFacts:
    """What the emulator knows about one stored type beyond its schema."""

    #: How each to-many field is stored: ``"Target.field"`` names the to-one field (a
    #: schema field or a hidden foreign key) of the target pointing back at the owner;
    #: ``"link:<table>"`` names a link table (many-to-many). Fields not listed are
    #: derived when the target has exactly one to-one field back to this type.
    to_many: Mapping[str, str] = field(default_factory=_empty)
    #: Shared by every organization (visible to every API key, read-only to customers).
    shared: bool = False
    #: Stored columns that are not schema fields (never exposed through GraphQL).
    hidden: Mapping[str, ScalarKind] = field(default_factory=_empty)
    #: Column values a new object starts with, besides false booleans and zero
    #: non-null numbers (which every type gets).
    defaults: Mapping[str, object] = field(default_factory=_empty)
    #: When an update sets the first column (to a true value), the second is stamped
    #: with the current time unless the update gives it.
    stamps: Mapping[str, str] = field(default_factory=_empty)
    #: The generic root operations serving the type (others are domain-specific
    #: resolvers, or not implemented).
    generic: frozenset[Op] = CRUD
    #: String fields that may hold the URL of a file the emulator stores: signed anew
    #: whenever they are read.
    url_fields: tuple[str, ...] = ()
    #: Objects backed by a job: each read counts as a poll of their pending job.
    job_backed: bool = False
    #: A soft-deleted object still answers the single lookup by id (the real server's
    #: rule for projects; ``EmulatorConfig.deleted_projects_readable`` turns it off).
    readable_when_deleted: bool = False


_DESCRIBED: Mapping[str, object] = _frozen(
    {"description": ""}
)  # the real server answers "" for one never set

#: The facts of every stored type that has any (see :class:`EntityFacts`).
FACTS: Mapping[str, EntityFacts] = MappingProxyType(
    {
        "Organization": EntityFacts(
            to_many=_frozen(
                {
                    "users": "User.organization",
                    "projects": "Project.organization",
                    "webhooks": "Webhook.organization",
                }
            ),
            # The most members plus pending invites (domain.members.DEFAULT_INVITE_LIMIT
            # when unset).
            hidden=_frozen({"inviteLimit": "int"}),
            generic=frozenset({"list", "create", "update"}),
        ),
        "User": EntityFacts(
            to_many=_frozen({"createdTasks": "Task.createdBy", "projects": "Project.createdBy"}),
            generic=frozenset({"list", "create", "update"}),
        ),
        # Invites and memberships: only their domain resolvers (domain/members.py).
        "Invite": EntityFacts(hidden=_frozen({"projectRoles": "str"}), generic=frozenset()),
        "ProjectMember": EntityFacts(generic=frozenset()),
        "Role": EntityFacts(shared=True, generic=frozenset({"single", "create", "update"})),
        "LabelType": EntityFacts(shared=True),
        "LabelingFrontend": EntityFacts(
            to_many=_frozen({"projects": "Project.labelingFrontend"}),
            shared=True,
            defaults=_DESCRIBED,
        ),
        "Project": EntityFacts(
            to_many=_frozen(
                {
                    "datasets": "link:project_dataset",
                    "reviews": "Review.project",
                    "labelingFrontendOptions": "LabelingFrontendOptions.project",
                    "labelingParameterOverrides": "LabelingParameterOverride.project",
                    "webhooks": "Webhook.project",
                    "benchmarks": "Benchmark.project",
                    "predictions": "Prediction.project",
                    "labels": "Label.project",
                    "bulkImportRequests": "BulkImportRequest.project",
                }
            ),
            defaults=_DESCRIBED,
            stamps=_frozen({"setupComplete": "lastActivityTime"}),  # setup counts as activity
            generic=frozenset({"single", "list", "update"}),
            readable_when_deleted=True,
        ),
        "Dataset": EntityFacts(
            to_many=_frozen({"projects": "link:project_dataset", "dataRows": "DataRow.dataset"}),
            defaults=_DESCRIBED,
        ),
        "DataRow": EntityFacts(
            to_many=_frozen(
                {
                    "labels": "Label.dataRow",
                    "metadata": "AssetMetadata.dataRow",
                    "attachments": "AssetAttachment.dataRow",
                    "predictions": "Prediction.dataRow",
                }
            ),
            url_fields=("rowData",),
        ),
        "AssetAttachment": EntityFacts(url_fields=("value",)),
        "AssetMetadata": EntityFacts(
            url_fields=("metaValue",), generic=frozenset({"single", "list", "update", "delete"})
        ),
        "Benchmark": EntityFacts(generic=frozenset({"single", "list", "update"})),
        "Label": EntityFacts(
            to_many=_frozen({"reviews": "Review.label"}), generic=frozenset({"single", "list"})
        ),
        "Review": EntityFacts(generic=frozenset({"single", "list"})),
        "LabelingFrontendOptions": EntityFacts(generic=frozenset({"single", "list"})),
        "PredictionModel": EntityFacts(
            to_many=_frozen({"createdPredictions": "Prediction.predictionModel"})
        ),
        "Prediction": EntityFacts(generic=frozenset({"single", "list", "update"})),
        "Ontology": EntityFacts(
            to_many=_frozen({"projects": "Project.ontology"}), defaults=_DESCRIBED
        ),
        "Task": EntityFacts(job_backed=True),
        "BulkImportRequest": EntityFacts(
            url_fields=("inputFileUrl", "statusFileUrl", "errorFileUrl"),
            job_backed=True,
            generic=frozenset({"list", "update", "delete"}),
        ),
        "Webhook": EntityFacts(
            hidden=_frozen({"secret": "str"}),
            generic=frozenset({"single", "list"}),
        ),
        "ReviewQueue": EntityFacts(hidden=_frozen({"project_id": "str"})),
    }
)

_NO_FACTS = EntityFacts()


def facts_of(type_name: str) -> EntityFacts:
    """The facts of the stored type ``type_name`` (the defaults if the table has none)."""
    return FACTS.get(type_name, _NO_FACTS)
