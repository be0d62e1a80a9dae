"""labelbox 2.6's NDJSON annotation classes (``NDRectangle``, ``NDRadio``, ...), importable
from ``labelbox.schema.bulk_import_request`` as there.

Pydantic models of one model-assisted-labeling annotation each: building one checks its
shape (``pydantic.ValidationError``, a ``ValueError``, when it does not fit), and
``validate_instance(get_mal_schemas(ontology))`` checks it against an ontology (a
``ValueError`` naming the problem). ``NDAnnotation(**line)``, ``NDTool(**line)`` and
``NDClassification(**line)`` build the class the line's keys call for (``KeyError``
when no class fits). The SDK's own validation (``annotation_validation``) does not use
these classes; they are kept for code written against labelbox 2.6. Loaded only when one
of the names is first used (pydantic is not imported by ``import labelbox``).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Mapping
from typing import Any, ClassVar
from uuid import UUID

import pydantic
from pydantic import BaseModel, ConfigDict, field_validator

__all__ = [
    "Bbox",
    "DataRow",
    "EntityLocation",
    "FrameLocation",
    "LabelboxID",
    "MaskFeatures",
    "NDAnnotation",
    "NDBase",
    "NDBaseTool",
    "NDChecklist",
    "NDClassification",
    "NDFeatureSchema",
    "NDMask",
    "NDPoint",
    "NDPolygon",
    "NDPolyline",
    "NDRadio",
    "NDRectangle",
    "NDText",
    "NDTextEntity",
    "NDTool",
    "Point",
    "SpecialUnion",
    "VideoSupported",
]

#: A Labelbox id: exactly 25 characters (the default of ``schemaId`` fields).
LabelboxID: Any = pydantic.Field(min_length=25, max_length=25)


class Bbox(BaseModel):
    """``bbox`` of a rectangle."""

    top: float
    left: float
    height: float
    width: float


class Point(BaseModel):
    """A point ``{x, y}``."""

    x: float
    y: float


class FrameLocation(BaseModel):
    """A range of video frames."""

    end: int
    start: int


class VideoSupported(BaseModel):
    """Top-level classifications may name video ``frames``."""

    frames: list[FrameLocation] | None = None


class DataRow(BaseModel):
    """``dataRow`` of an annotation: ``{id}``."""

    id: str


class NDFeatureSchema(BaseModel):
    """A feature schema reference ``{schemaId}`` (an answer)."""

    schemaId: str = LabelboxID


def _schemas_of(valid_feature_schemas: Mapping[str, Any], schema_id: str) -> Mapping[str, Any]:
    found = valid_feature_schemas.get(schema_id)
    if not isinstance(found, Mapping):
        raise ValueError(f"schema id {schema_id} is not valid for the provided project's ontology.")
    return found


class NDBase(NDFeatureSchema):
    """What every annotation has: ``uuid``, ``dataRow``, ``schemaId``; no other keys
    than its class declares."""

    model_config = ConfigDict(extra="forbid")
    #: The key that tells this kind of annotation (``bbox``, ``answer``, ...).
    determinant: ClassVar[str] = ""
    ontology_type: str
    uuid: UUID
    dataRow: DataRow

    def validate_feature_schemas(self, valid_feature_schemas: Mapping[str, Any]) -> None:
        """Checks ``schemaId`` against ``get_mal_schemas(ontology)`` (ValueError)."""
        tool = _schemas_of(valid_feature_schemas, self.schemaId).get("tool")
        if self.ontology_type != tool:
            raise ValueError(f"Schema id {self.schemaId} does not map to the assigned tool {tool}")

    def validate_instance(self, valid_feature_schemas: Mapping[str, Any]) -> None:
        """Checks this annotation against ``get_mal_schemas(ontology)`` (ValueError)."""
        self.validate_feature_schemas(valid_feature_schemas)

    def _options(self, valid_feature_schemas: Mapping[str, Any]) -> list[str]:
        return list(_schemas_of(valid_feature_schemas, self.schemaId).get("options") or [])


# -- classifications ------------------------------------------------------------------------
class NDText(NDBase):
    """A text classification: ``answer`` is a string."""

    determinant: ClassVar[str] = "answer"
    ontology_type: str = "text"
    answer: str


class NDChecklist(VideoSupported, NDBase):
    """A checklist classification: non-empty ``answers``."""

    determinant: ClassVar[str] = "answers"
    ontology_type: str = "checklist"
    answers: list[NDFeatureSchema]

    @field_validator("answers", mode="before")
    @classmethod
    def validate_answers(cls, value: Any) -> Any:
        """At least one answer."""
        if not value:
            raise ValueError("Checklist answers should not be empty")
        return value

    def validate_feature_schemas(self, valid_feature_schemas: Mapping[str, Any]) -> None:
        """The checklist, then each answer (an option, no repeats)."""
        super().validate_feature_schemas(valid_feature_schemas)
        if len({a.schemaId for a in self.answers}) != len(self.answers):
            raise ValueError(f"Duplicated featureSchema found for checklist {self.uuid}")
        options = self._options(valid_feature_schemas)
        for answer in self.answers:
            if answer.schemaId not in options:
                raise ValueError(
                    f"Feature schema provided to {self.ontology_type} invalid. "
                    f"Expected on of {options}. Found {answer}"
                )


class NDRadio(VideoSupported, NDBase):
    """A radio classification: ``answer`` is ``{schemaId}`` of an option."""

    determinant: ClassVar[str] = "answer"
    ontology_type: str = "radio"
    answer: NDFeatureSchema

    def validate_feature_schemas(self, valid_feature_schemas: Mapping[str, Any]) -> None:
        """The radio, then its answer (one of its options)."""
        super().validate_feature_schemas(valid_feature_schemas)
        options = self._options(valid_feature_schemas)
        if self.answer.schemaId not in options:
            raise ValueError(
                f"Feature schema provided to {self.ontology_type} invalid. "
                f"Expected on of {options}. Found {self.answer.schemaId}"
            )


class SpecialUnion:
    """A union of annotation classes that builds the one its data's keys call for:
    ``NDTool(**line)`` returns an ``NDRectangle`` for a line with ``bbox``."""

    def __init__(self, name: str, types: tuple[type[NDBase] | SpecialUnion, ...]) -> None:
        """Names the union and its members (classes, or unions tried in order)."""
        self.__name__ = name
        self._types = types

    def __repr__(self) -> str:
        return f"<SpecialUnion {self.__name__}>"

    def __call__(self, **kwargs: Any) -> NDBase:
        return self.build(kwargs)

    def get_union_types(self) -> tuple[type[NDBase] | SpecialUnion, ...]:
        """The members."""
        return self._types

    def build(self, data: Mapping[str, Any] | BaseModel) -> NDBase:
        """The member whose determinant key ``data`` has, built from it.

        Raises:
            KeyError: no member's key is in ``data``.
            TypeError: ``answer`` is neither a string (text) nor an object (radio).
            pydantic.ValidationError: the member does not accept ``data``.
        """
        values = data.model_dump() if isinstance(data, BaseModel) else dict(data)
        keys = []
        for member in self._types:
            assert isinstance(member, type)
            keys.append([member.determinant])
            if member.determinant not in values:
                continue
            if member.determinant == "answer":
                answer = values["answer"]
                if isinstance(answer, str):
                    member = NDText
                elif isinstance(answer, dict):
                    member = NDRadio
                else:
                    raise TypeError(
                        f"Unexpected type for answer field. Found {answer}. "
                        "Expected a string or a dict"
                    )
            return member(**values)
        raise KeyError(
            f"Invalid annotation. Must have one of the following keys : {keys}. Found {values}."
        )

    def schema(self) -> dict[str, Any]:
        """The JSON schema of each member, by class name, and their ``definitions``."""
        results: dict[str, Any] = {"definitions": {}}
        for member in self._types:
            found = (
                member.schema() if isinstance(member, SpecialUnion) else member.model_json_schema()
            )
            results["definitions"].update(found.pop("$defs", found.pop("definitions", {})))
            results[member.__name__] = found
        return results


#: A classification: ``NDText``, ``NDRadio`` or ``NDChecklist``.
NDClassification = SpecialUnion("NDClassification", (NDText, NDRadio, NDChecklist))


# -- tools ------------------------------------------------------------------------------------
class NDBaseTool(NDBase):
    """A tool annotation, which may carry nested ``classifications`` (no ``uuid`` or
    ``dataRow`` needed in them)."""

    classifications: list[NDText | NDRadio | NDChecklist] = []

    def validate_feature_schemas(self, valid_feature_schemas: Mapping[str, Any]) -> None:
        """The tool, then each nested classification against the tool's."""
        super().validate_feature_schemas(valid_feature_schemas)
        nested = _schemas_of(valid_feature_schemas, self.schemaId).get("classifications") or {}
        for classification in self.classifications:
            classification.validate_feature_schemas(nested)

    @field_validator("classifications", mode="before")
    @classmethod
    def validate_subclasses(cls, value: Any) -> Any:
        """Builds each nested classification (with a placeholder uuid and data row)."""
        placeholder = {"id": "child".center(25, "_")}
        return [
            NDClassification.build(
                {**row, "dataRow": placeholder, "uuid": str(uuid_module.uuid4())}
            )
            for row in value
        ]


class NDPolygon(NDBaseTool):
    """A polygon: at least 3 points."""

    determinant: ClassVar[str] = "polygon"
    ontology_type: str = "polygon"
    polygon: list[Point]

    @field_validator("polygon")
    @classmethod
    def is_geom_valid(cls, v: list[Point]) -> list[Point]:
        """At least 3 points."""
        if len(v) < 3:
            raise ValueError(f"A polygon must have at least 3 points to be valid. Found {v}")
        return v


class NDPolyline(NDBaseTool):
    """A line: at least 2 points."""

    determinant: ClassVar[str] = "line"
    ontology_type: str = "line"
    line: list[Point]

    @field_validator("line")
    @classmethod
    def is_geom_valid(cls, v: list[Point]) -> list[Point]:
        """At least 2 points."""
        if len(v) < 2:
            raise ValueError(f"A line must have at least 2 points to be valid. Found {v}")
        return v


class NDRectangle(NDBaseTool):
    """A bounding box."""

    determinant: ClassVar[str] = "bbox"
    ontology_type: str = "rectangle"
    bbox: Bbox


class NDPoint(NDBaseTool):
    """A point."""

    determinant: ClassVar[str] = "point"
    ontology_type: str = "point"
    point: Point


class EntityLocation(BaseModel):
    """``location`` of a named entity."""

    start: int
    end: int


class NDTextEntity(NDBaseTool):
    """A named entity: ``0 <= start <= end``."""

    determinant: ClassVar[str] = "location"
    ontology_type: str = "named-entity"
    location: EntityLocation

    @field_validator("location")
    @classmethod
    def is_valid_location(cls, v: EntityLocation) -> EntityLocation:
        """A non-negative start, not after the end."""
        if v.start < 0:
            raise ValueError(f"Text location must be positive. Found {v}")
        if v.start > v.end:
            raise ValueError(f"Text start location must be less or equal than end. Found {v}")
        return v


class MaskFeatures(BaseModel):
    """``mask`` of a segmentation: the mask's URI and this instance's RGB color."""

    instanceURI: str
    colorRGB: list[int] | tuple[int, int, int]


class NDMask(NDBaseTool):
    """A segmentation mask: 3 colors in 0..255."""

    determinant: ClassVar[str] = "mask"
    ontology_type: str = "superpixel"
    mask: MaskFeatures

    @field_validator("mask")
    @classmethod
    def is_valid_mask(cls, v: MaskFeatures) -> MaskFeatures:
        """RGB: 3 values in 0..255."""
        colors = v.colorRGB
        if len(colors) != 3:
            raise ValueError(f"Must provide RGB values for segmentation colors. Found : {colors}")
        if not all(0 <= color <= 255 for color in colors):
            raise ValueError(f"All rgb colors must be between 0 and 255. Found : {colors}")
        return v


#: A tool: ``NDMask``, ``NDTextEntity``, ``NDPoint``, ``NDRectangle``, ``NDPolyline`` or
#: ``NDPolygon``.
NDTool = SpecialUnion("NDTool", (NDMask, NDTextEntity, NDPoint, NDRectangle, NDPolyline, NDPolygon))


class _AnyAnnotation(SpecialUnion):
    def build(self, data: Mapping[str, Any] | BaseModel) -> NDBase:
        if not isinstance(data, dict):
            raise ValueError("value must be dict")
        errors = []
        for union in self._types:
            assert isinstance(union, SpecialUnion)
            try:
                return union.build(data)
            except KeyError as e:
                errors.append(f"{union.__name__}: {e}")
        raise ValueError("Unable to construct any annotation.\n{}".format("\n".join(errors)))


#: Any annotation: a tool (``NDTool``) or a classification (``NDClassification``).
NDAnnotation: SpecialUnion = _AnyAnnotation("NDAnnotation", (NDTool, NDClassification))
