"""Ontology: the tools and classifications of a project, and a builder for new ones."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from labelbox.exceptions import InconsistentOntologyException
from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToMany, ToOne

if TYPE_CHECKING:
    from pydantic import JsonValue  # noqa: F401  (used in a Field["..."] forward reference)

    from labelbox.schema.project import Project
    from labelbox.schema.user import User


@dataclass
class Option:
    """An answer of a radio, checklist or dropdown classification."""

    value: str
    schema_id: str | None = None
    feature_schema_id: str | None = None
    options: list[Classification] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The displayed text (same as value)."""
        return self.value

    @classmethod
    def from_dict(cls, dictionary: dict[str, Any]) -> Option:
        """Builds an Option from the server's normalized JSON."""
        return cls(
            value=str(dictionary["value"]),
            schema_id=dictionary.get("schemaNodeId"),
            feature_schema_id=dictionary.get("featureSchemaId"),
            options=[Classification.from_dict(o) for o in dictionary.get("options", [])],
        )

    def asdict(self) -> dict[str, Any]:
        """The normalized JSON of this option."""
        return {
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
            "label": self.value,
            "value": self.value,
            "options": [o.asdict() for o in self.options],
        }


@dataclass
class Classification:
    """A question asked about the whole asset or about an object."""

    class Type(Enum):
        """Classification kinds."""

        TEXT = "text"
        CHECKLIST = "checklist"
        RADIO = "radio"
        DROPDOWN = "dropdown"

    _REQUIRES_OPTIONS = frozenset({Type.CHECKLIST, Type.RADIO, Type.DROPDOWN})

    class_type: Classification.Type
    instructions: str
    required: bool = False
    options: list[Option] = field(default_factory=list)
    schema_id: str | None = None
    feature_schema_id: str | None = None

    @property
    def name(self) -> str:
        """The classification's name (its instructions)."""
        return self.instructions

    def add_option(self, option: Option) -> None:
        """Adds an answer; InconsistentOntologyException on a duplicate value."""
        if option.value in (o.value for o in self.options):
            raise InconsistentOntologyException(
                f"Duplicate option '{option.value}' for classification '{self.name}'"
            )
        self.options.append(option)

    @classmethod
    def from_dict(cls, dictionary: dict[str, Any]) -> Classification:
        """Builds a Classification from the server's normalized JSON."""
        return cls(
            class_type=cls.Type(dictionary["type"]),
            instructions=str(dictionary["instructions"]),
            required=bool(dictionary.get("required", False)),
            options=[Option.from_dict(o) for o in dictionary.get("options", [])],
            schema_id=dictionary.get("schemaNodeId"),
            feature_schema_id=dictionary.get("featureSchemaId"),
        )

    def asdict(self) -> dict[str, Any]:
        """The normalized JSON of this classification."""
        if self.class_type in self._REQUIRES_OPTIONS and not self.options:
            raise InconsistentOntologyException(
                f"Classification '{self.instructions}' requires options"
            )
        return {
            "type": self.class_type.value,
            "instructions": self.instructions,
            "name": self.name,
            "required": self.required,
            "options": [o.asdict() for o in self.options],
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
        }


@dataclass
class Tool:
    """An object annotation tool (bounding box, polygon, ...)."""

    class Type(Enum):
        """Tool kinds."""

        POLYGON = "polygon"
        SEGMENTATION = "superpixel"
        POINT = "point"
        BBOX = "rectangle"
        LINE = "line"
        NER = "named-entity"

    tool: Tool.Type
    name: str
    required: bool = False
    color: str | None = None
    classifications: list[Classification] = field(default_factory=list)
    schema_id: str | None = None
    feature_schema_id: str | None = None

    def add_classification(self, classification: Classification) -> None:
        """Adds a nested classification; InconsistentOntologyException on a duplicate."""
        if classification.instructions in (c.instructions for c in self.classifications):
            raise InconsistentOntologyException(
                f"Duplicate nested classification '{classification.instructions}' "
                f"for tool '{self.name}'"
            )
        self.classifications.append(classification)

    @classmethod
    def from_dict(cls, dictionary: dict[str, Any]) -> Tool:
        """Builds a Tool from the server's normalized JSON."""
        return cls(
            tool=cls.Type(dictionary["tool"]),
            name=str(dictionary["name"]),
            required=bool(dictionary.get("required", False)),
            color=dictionary.get("color"),
            classifications=[
                Classification.from_dict(c) for c in dictionary.get("classifications", [])
            ],
            schema_id=dictionary.get("schemaNodeId"),
            feature_schema_id=dictionary.get("featureSchemaId"),
        )

    def asdict(self) -> dict[str, Any]:
        """The normalized JSON of this tool."""
        return {
            "tool": self.tool.value,
            "name": self.name,
            "required": self.required,
            "color": self.color,
            "classifications": [c.asdict() for c in self.classifications],
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
        }


@dataclass
class OntologyBuilder:
    """A class to help create an ontology for a Project.

    Build tools and classifications, then pass ``asdict()`` to ``project.setup()`` as the
    labeling frontend options; ``from_project`` loads an existing project's ontology.
    """

    tools: list[Tool] = field(default_factory=list)
    classifications: list[Classification] = field(default_factory=list)

    @classmethod
    def from_dict(cls, dictionary: dict[str, Any]) -> OntologyBuilder:
        """Builds from normalized ontology JSON."""
        return cls(
            tools=[Tool.from_dict(t) for t in dictionary.get("tools", [])],
            classifications=[
                Classification.from_dict(c) for c in dictionary.get("classifications", [])
            ],
        )

    @classmethod
    def from_project(cls, project: Project) -> OntologyBuilder:
        """The ontology of ``project``."""
        ontology = project.ontology()
        if ontology is None:
            return cls()
        normalized = ontology.normalized
        return cls.from_dict(normalized if isinstance(normalized, dict) else {})

    def add_tool(self, tool: Tool) -> None:
        """Adds a tool; InconsistentOntologyException on a duplicate name."""
        if tool.name in (t.name for t in self.tools):
            raise InconsistentOntologyException(f"Duplicate tool name '{tool.name}'")
        self.tools.append(tool)

    def add_classification(self, classification: Classification) -> None:
        """Adds a classification; InconsistentOntologyException on a duplicate."""
        if classification.instructions in (c.instructions for c in self.classifications):
            raise InconsistentOntologyException(
                f"Duplicate classification instructions '{classification.instructions}'"
            )
        self.classifications.append(classification)

    def asdict(self) -> dict[str, Any]:
        """The ontology JSON; tools without a color get distinct colors."""
        missing = [t for t in self.tools if t.color is None]
        for index, tool in enumerate(missing):
            r, g, b = colorsys.hsv_to_rgb(index / max(len(missing), 1), 0.8, 0.9)
            tool.color = f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"
        return {
            "tools": [t.asdict() for t in self.tools],
            "classifications": [c.asdict() for c in self.classifications],
        }


class Ontology(DbObject):
    """An ontology specifies which tools and classifications are available to a
    project. This is read only for now."""

    _fragment = "OntologyFields"

    name = Field[str]("name")
    description = Field["str | None"]("description")
    updated_at = Field[datetime]("updatedAt")
    created_at = Field[datetime]("createdAt")
    normalized = Field["JsonValue"]("normalized")
    object_schema_count = Field[int]("objectSchemaCount")
    classification_schema_count = Field[int]("classificationSchemaCount")

    projects: ToMany[Project] = ToMany("Project")
    created_by: ToOne[User] = ToOne("User")

    def _normalized(self) -> dict[str, Any]:
        value = self.normalized
        return value if isinstance(value, dict) else {}

    def tools(self) -> list[Tool]:
        """Get list of tools (AKA objects) in an Ontology."""
        return [Tool.from_dict(t) for t in self._normalized().get("tools", [])]

    def classifications(self) -> list[Classification]:
        """Get list of classifications in an Ontology."""
        return [Classification.from_dict(c) for c in self._normalized().get("classifications", [])]
