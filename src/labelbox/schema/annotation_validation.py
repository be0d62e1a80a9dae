"""Client-side validation of model-assisted-labeling (MAL) annotations, before upload.

One annotation is one NDJSON line, a JSON object with a ``uuid``, a ``dataRow`` ``{"id"}``,
the ``schemaId`` (a 25-character feature schema id) of a node of the project's ontology,
and exactly one of these keys, which decides its kind:

| key | ontology kind | value |
|---|---|---|
| ``bbox`` | rectangle tool | ``{"top", "left", "height", "width"}`` (numbers) |
| ``polygon`` | polygon tool | at least 3 points ``{"x", "y"}`` (numbers) |
| ``line`` | line tool | at least 2 points |
| ``point`` | point tool | one point |
| ``location`` | named-entity | ``{"start", "end"}`` integers, ``0 <= start <= end`` |
| ``mask`` | superpixel tool | ``{"instanceURI": str, "colorRGB": [r, g, b]}`` (0..255) |
| ``answer`` | radio | ``{"schemaId"}`` of one of the radio's options |
| ``answer`` | text | a string |
| ``answers`` | checklist | non-empty list of ``{"schemaId"}`` options, no repeats |

Tool annotations may carry ``classifications``: radio, checklist and text answers (same
shapes, no ``uuid``/``dataRow`` needed) to classifications nested under that tool.
Top-level radio and checklist annotations may carry video ``frames``:
``[{"start", "end"}]`` integers with ``0 <= start <= end``. Any other key is an error.

Not checked here (the server checks them): that data rows exist, their media type, and
asset bounds (image size, text length, frame count).

Errors name the 0-based line (the annotation's position, like the classic SDK), the
annotation's ``uuid`` and the offending field (a path such as ``bbox.top`` or
``classifications[0].answers[1].schemaId``).
"""

from __future__ import annotations

import math
import uuid as uuid_module
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from labelbox.exceptions import MALValidationError, UuidError
from labelbox.schema.mal_schemas import get_mal_schemas, parse_classification

if TYPE_CHECKING:
    from labelbox.schema.ontology import Ontology

__all__ = [
    "AnnotationValidator",
    "DuplicateUuidError",
    "FeatureSchema",
    "InvalidAnnotationError",
    "OntologyIndex",
    "get_mal_schemas",
    "parse_classification",
    "validate_annotations",
]

#: Length of a Labelbox id (cuid), e.g. a feature schema id.
ID_LENGTH = 25

#: Annotation key → ontology tool kind.
TOOL_KEYS: Mapping[str, str] = {
    "bbox": "rectangle",
    "polygon": "polygon",
    "line": "line",
    "point": "point",
    "location": "named-entity",
    "mask": "superpixel",
}
#: Classification kinds model-assisted labeling supports.
MAL_CLASSIFICATIONS = frozenset({"radio", "checklist", "text"})

_DETERMINANTS = frozenset({*TOOL_KEYS, "answer", "answers"})
_COMMON = frozenset({"uuid", "dataRow", "schemaId"})
#: Keys allowed beside the determinant, by kind, for a top-level annotation.
_ALLOWED_TOP: Mapping[str, frozenset[str]] = {
    **{kind: _COMMON | {"classifications"} for kind in TOOL_KEYS.values()},
    "radio": _COMMON | {"frames"},
    "checklist": _COMMON | {"frames"},
    "text": _COMMON,
}
#: Keys allowed in a classification nested under a tool (uuid/dataRow are tolerated and
#: ignored, as the classic SDK does).
_ALLOWED_NESTED = frozenset({"schemaId", "uuid", "dataRow"})
_BBOX_SIDES = ("top", "left", "height", "width")
_MIN_POINTS = {"polygon": 3, "line": 2}


# -- errors -------------------------------------------------------------------------------
class InvalidAnnotationError(MALValidationError):
    """An annotation is invalid: names its 0-based ``line``, its ``uuid`` (None when the
    annotation has none) and the ``field`` at fault (a path like ``bbox.top``).

    Args:
        line: 0-based position of the annotation in the import.
        uuid: The annotation's uuid, None when it has none.
        field: Path of the field at fault, e.g. ``bbox.top``.
        reason: What is wrong with it.
    """

    def __init__(self, line: int, uuid: str | None, field: str, reason: str) -> None:
        where = f"uuid {uuid!r}" if uuid is not None else "no uuid"
        super().__init__(f"Invalid NDJson on line {line} ({where}), field '{field}': {reason}")
        self.line = line
        self.uuid = uuid
        self.field = field
        self.reason = reason


class DuplicateUuidError(UuidError):
    """A ``uuid`` repeats within one import: names both 0-based lines.

    Args:
        line: 0-based position of the repeat.
        uuid: The repeated uuid.
        first_line: 0-based position of its first use.
    """

    def __init__(self, line: int, uuid: str, first_line: int) -> None:
        super().__init__(
            f"Invalid NDJson on line {line}, field 'uuid': {uuid} already used on line "
            f"{first_line} in this import job, must be unique for the project."
        )
        self.line = line
        self.uuid = uuid
        self.field = "uuid"
        self.first_line = first_line


class _Invalid(Exception):
    """Internal: a problem at ``field`` (raised deep, given a line and uuid at the top)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(field, reason)
        self.field = field
        self.reason = reason


# -- the ontology, indexed ----------------------------------------------------------------
@dataclass(frozen=True)
class FeatureSchema:
    """One node of an ontology, as annotations refer to it by ``schemaId``.

    Attributes:
        feature_schema_id: The node's ``featureSchemaId`` (an annotation's ``schemaId``).
        kind: A tool kind (``rectangle``, ``polygon``, ...) or a classification type
            (``radio``, ``checklist``, ``text``, ``dropdown``).
        name: The tool's name or the classification's instructions.
        options: The feature schema ids of a classification's answers.
        classifications: The classifications nested under a tool, by feature schema id.
    """

    feature_schema_id: str
    kind: str
    name: str
    options: frozenset[str] = frozenset()
    classifications: Mapping[str, FeatureSchema] = field(default_factory=dict)

    @property
    def is_tool(self) -> bool:
        """Whether this is an object tool (not a classification)."""
        return self.kind in _TOOL_KINDS


_TOOL_KINDS = frozenset(TOOL_KEYS.values())


def _classification_schema(node: Mapping[str, Any]) -> FeatureSchema | None:
    schema_id = node.get("featureSchemaId")
    if not isinstance(schema_id, str):
        return None
    options = frozenset(
        o["featureSchemaId"]
        for o in node.get("options") or []
        if isinstance(o, Mapping) and isinstance(o.get("featureSchemaId"), str)
    )
    name = node.get("instructions", node.get("name"))
    return FeatureSchema(schema_id, str(node.get("type")), str(name), options)


class OntologyIndex:
    """Feature schemas of an ontology by id, for validating annotations against it.

    Build with :meth:`from_ontology` (a project's ``Ontology``, or None when the project
    has none) or :meth:`from_normalized` (its ``normalized`` JSON).
    """

    def __init__(self, schemas: Mapping[str, FeatureSchema], has_ontology: bool = True) -> None:
        """Indexes feature schemas.

        Args:
            schemas: Top-level tools and classifications by feature schema id.
            has_ontology: False when the project has no ontology (for the messages).
        """
        self.schemas: Mapping[str, FeatureSchema] = schemas
        self.has_ontology = has_ontology

    @classmethod
    def from_normalized(cls, normalized: object) -> OntologyIndex:
        """Indexes an ontology's normalized JSON; nodes without a feature schema id are
        skipped.

        Args:
            normalized: ``{"tools": [...], "classifications": [...]}``
                (``Ontology.normalized``); anything else means "no ontology".

        Returns:
            The index.
        """
        if not isinstance(normalized, Mapping):
            return cls({}, has_ontology=False)
        schemas: dict[str, FeatureSchema] = {}
        for tool in normalized.get("tools") or []:
            if not isinstance(tool, Mapping) or not isinstance(tool.get("featureSchemaId"), str):
                continue
            nested: dict[str, FeatureSchema] = {}
            for child in tool.get("classifications") or []:
                parsed = _classification_schema(child) if isinstance(child, Mapping) else None
                if parsed is not None:
                    nested[parsed.feature_schema_id] = parsed
            schema_id = str(tool["featureSchemaId"])
            schemas[schema_id] = FeatureSchema(
                schema_id, str(tool.get("tool")), str(tool.get("name")), frozenset(), nested
            )
        for node in normalized.get("classifications") or []:
            parsed = _classification_schema(node) if isinstance(node, Mapping) else None
            if parsed is not None:
                schemas[parsed.feature_schema_id] = parsed
        return cls(schemas)

    @classmethod
    def from_ontology(cls, ontology: Ontology | None) -> OntologyIndex:
        """Indexes a project's ontology.

        Args:
            ontology: ``project.ontology()``; None when the project has none.

        Returns:
            The index.
        """
        if ontology is None:
            return cls({}, has_ontology=False)
        return cls.from_normalized(ontology.normalized)

    def __len__(self) -> int:
        return len(self.schemas)


# -- field checks (raise _Invalid) ----------------------------------------------------------
def _object(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid(path, f"must be a JSON object, found {_show(value)}")
    return value


def _get(node: dict[str, Any], key: str, path: str) -> Any:
    try:
        return node[key]
    except KeyError:
        raise _Invalid(_join(path, key), "missing") from None


def _number(node: dict[str, Any], key: str, path: str) -> None:
    value = _get(node, key, path)
    kind = type(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return
    raise _Invalid(_join(path, key), f"must be a finite number, found {_show(value)}")


def _integer(node: dict[str, Any], key: str, path: str) -> int:
    value = _get(node, key, path)
    if type(value) is not int:
        raise _Invalid(_join(path, key), f"must be an integer, found {_show(value)}")
    return value


def _list(value: object, path: str) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise _Invalid(path, f"must be a list, found {_show(value)}")
    return value


def _point(value: object, path: str) -> None:
    node = _object(value, path)
    _number(node, "x", path)
    _number(node, "y", path)


def _schema_id(node: dict[str, Any], path: str) -> str:
    value = _get(node, "schemaId", path)
    if type(value) is not str or len(value) != ID_LENGTH:
        raise _Invalid(
            _join(path, "schemaId"),
            f"must be a {ID_LENGTH}-character feature schema id, found {_show(value)}",
        )
    return value


def _range(value: object, path: str, what: str) -> None:
    node = _object(value, path)
    start = _integer(node, "start", path)
    end = _integer(node, "end", path)
    if start < 0:
        raise _Invalid(_join(path, "start"), f"{what} start must be >= 0, found {start}")
    if start > end:
        raise _Invalid(path, f"{what} start {start} is after its end {end}")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _show(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _check_geometry(kind: str, key: str, value: object) -> None:
    if kind == "rectangle":
        node = _object(value, key)
        for side in _BBOX_SIDES:
            _number(node, side, key)
    elif kind == "point":
        _point(value, key)
    elif kind == "polygon" or kind == "line":
        points = _list(value, key)
        minimum = _MIN_POINTS[kind]
        if len(points) < minimum:
            raise _Invalid(key, f"a {kind} needs at least {minimum} points, found {len(points)}")
        for i, point in enumerate(points):
            _point(point, f"{key}[{i}]")
    elif kind == "named-entity":
        _range(value, key, "text location")
    else:  # superpixel
        node = _object(value, key)
        uri = _get(node, "instanceURI", key)
        if type(uri) is not str or not uri:
            raise _Invalid(f"{key}.instanceURI", f"must be a non-empty string, found {_show(uri)}")
        colors = _get(node, "colorRGB", key)
        if (
            not isinstance(colors, (list, tuple))
            or len(colors) != 3
            or not all(type(c) is int and 0 <= c <= 255 for c in colors)
        ):
            raise _Invalid(
                f"{key}.colorRGB", f"must be 3 integers in 0..255 (RGB), found {_show(colors)}"
            )


def _kind_of(annotation: dict[str, Any], path: str) -> tuple[str, str]:
    """(kind, determinant key) of an annotation."""
    found = [key for key in annotation if key in _DETERMINANTS]
    if len(found) != 1:
        expected = ", ".join(sorted(_DETERMINANTS))
        where = path or "annotation"
        if not found:
            raise _Invalid(where, f"has none of the keys {expected}: cannot tell its kind")
        raise _Invalid(where, f"has several of the keys {expected}: {found}")
    key = found[0]
    if key in TOOL_KEYS:
        return TOOL_KEYS[key], key
    if key == "answers":
        return "checklist", key
    answer = annotation["answer"]
    if isinstance(answer, dict):
        return "radio", key
    if isinstance(answer, str):
        return "text", key
    raise _Invalid(
        _join(path, "answer"),
        f"must be a string (text) or an object (radio), found {_show(answer)}",
    )


def _describe(schema: FeatureSchema) -> str:
    what = "tool" if schema.is_tool else "classification"
    return f"the {schema.kind} {what} {schema.name!r}"


def _check_answers(kind: str, key: str, value: object, schema: FeatureSchema, path: str) -> None:
    """The answer(s) of a radio or checklist against its options."""
    if kind == "radio":
        answer_path = _join(path, key)
        option = _schema_id(_object(value, answer_path), answer_path)
        if option not in schema.options:
            raise _Invalid(
                f"{answer_path}.schemaId",
                f"{option!r} is not an option of {_describe(schema)}",
            )
        return
    answers_path = _join(path, key)
    answers = _list(value, answers_path)
    if not answers:
        raise _Invalid(answers_path, "a checklist needs at least one answer")
    seen: set[str] = set()
    for i, answer in enumerate(answers):
        item_path = f"{answers_path}[{i}]"
        option = _schema_id(_object(answer, item_path), item_path)
        if option in seen:
            raise _Invalid(f"{item_path}.schemaId", f"duplicated checklist answer {option!r}")
        seen.add(option)
        if option not in schema.options:
            raise _Invalid(
                f"{item_path}.schemaId", f"{option!r} is not an option of {_describe(schema)}"
            )


def _match_schema(
    schema: FeatureSchema | None, schema_id: str, kind: str, key: str, path: str, scope: str
) -> FeatureSchema:
    if schema is None:
        raise _Invalid(_join(path, "schemaId"), f"unknown schemaId {schema_id!r}: {scope}")
    if schema.kind != kind:
        if schema.kind not in _TOOL_KINDS and schema.kind not in MAL_CLASSIFICATIONS:
            reason = f"{_describe(schema)} is not supported by model-assisted labeling"
        else:
            reason = f"schemaId {schema_id!r} is {_describe(schema)}, not a {kind} ({key!r})"
        raise _Invalid(_join(path, "schemaId"), reason)
    return schema


def _check_nested(value: object, tool: FeatureSchema) -> None:
    items = _list(value, "classifications")
    for i, item in enumerate(items):
        path = f"classifications[{i}]"
        node = _object(item, path)
        kind, key = _kind_of(node, path)
        if kind in _TOOL_KINDS:
            raise _Invalid(_join(path, key), f"a {kind} cannot be nested under a tool")
        extra = [k for k in node if k != key and k not in _ALLOWED_NESTED]
        if extra:
            raise _Invalid(
                _join(path, extra[0]), f"unexpected keys {extra} in a nested {kind} answer"
            )
        schema_id = _schema_id(node, path)
        scope = f"not a classification nested under {_describe(tool)}"
        schema = _match_schema(
            tool.classifications.get(schema_id), schema_id, kind, key, path, scope
        )
        if kind == "text":
            continue
        _check_answers(kind, key, node[key], schema, path)


# -- the validator --------------------------------------------------------------------------
class AnnotationValidator:
    """Checks annotations one at a time against an ontology, remembering uuids so a
    repeat is caught (memory: one small entry per annotation).

    Example:
        >>> validator = AnnotationValidator(OntologyIndex.from_ontology(project.ontology()))
        >>> for line, annotation in enumerate(annotations):
        ...     validator.check(annotation, line)
    """

    def __init__(self, index: OntologyIndex) -> None:
        """Creates a validator.

        Args:
            index: The ontology to validate against.
        """
        self.index = index
        self._seen: dict[int, int] = {}
        if index.has_ontology:
            self._scope = "not a feature schema of the project's ontology"
        else:
            self._scope = "the project has no ontology (set it up with project.setup)"

    @property
    def count(self) -> int:
        """How many annotations passed so far."""
        return len(self._seen)

    def check(self, annotation: object, line: int) -> None:
        """Validates one annotation.

        Args:
            annotation: The annotation (one NDJSON line, parsed).
            line: Its 0-based position in the import, for the messages.

        Raises:
            InvalidAnnotationError: (a MALValidationError) naming line, uuid and field.
            DuplicateUuidError: (a UuidError) if the uuid was seen on an earlier line.
        """
        uid = annotation.get("uuid") if isinstance(annotation, dict) else None
        shown = uid if isinstance(uid, str) else None
        try:
            key = self._check(annotation)
        except _Invalid as exc:
            raise InvalidAnnotationError(line, shown, exc.field, exc.reason) from None
        except (TypeError, ValueError, KeyError, AttributeError) as exc:  # defensive
            raise InvalidAnnotationError(line, shown, "annotation", repr(exc)) from None
        first = self._seen.setdefault(key, line)
        if first != line:
            raise DuplicateUuidError(line, str(uuid_module.UUID(int=key)), first)

    def _check(self, annotation: object) -> int:
        """Checks everything; returns the uuid (as an int, for the duplicate check)."""
        node = _object(annotation, "annotation")
        kind, key = _kind_of(node, "")
        allowed = _ALLOWED_TOP[kind]
        extra = [k for k in node if k != key and k not in allowed]
        if extra:
            raise _Invalid(extra[0], f"unexpected keys {extra} in a {kind} annotation")
        raw_uuid = _get(node, "uuid", "")
        try:
            parsed = uuid_module.UUID(raw_uuid)
        except (TypeError, ValueError, AttributeError):
            raise _Invalid("uuid", f"must be a UUID string, found {_show(raw_uuid)}") from None
        data_row = _object(_get(node, "dataRow", ""), "dataRow")
        row_id = _get(data_row, "id", "dataRow")
        if type(row_id) is not str or not row_id:
            raise _Invalid("dataRow.id", f"must be a non-empty string, found {_show(row_id)}")
        schema_id = _schema_id(node, "")
        value = node[key]
        if kind in _TOOL_KINDS:
            _check_geometry(kind, key, value)
        frames = node.get("frames")
        if frames is not None:
            for i, frame in enumerate(_list(frames, "frames")):
                _range(frame, f"frames[{i}]", "frame")
        schema = _match_schema(
            self.index.schemas.get(schema_id), schema_id, kind, key, "", self._scope
        )
        if kind == "radio" or kind == "checklist":
            _check_answers(kind, key, value, schema, "")
        elif kind == "text":
            pass
        elif "classifications" in node:
            _check_nested(node["classifications"], schema)
        return parsed.int


def validate_annotations(annotations: Iterable[object], index: OntologyIndex) -> int:
    """Validates every annotation against an ontology.

    Args:
        annotations: The annotations, one dict per NDJSON line.
        index: The ontology to validate against.

    Returns:
        How many annotations there were.

    Raises:
        InvalidAnnotationError: (a MALValidationError) on the first invalid annotation.
        DuplicateUuidError: (a UuidError) when a uuid repeats.
    """
    validator = AnnotationValidator(index)
    for line, annotation in enumerate(annotations):
        validator.check(annotation, line)
    return validator.count
