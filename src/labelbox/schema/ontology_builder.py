"""The ontology builder: tools, classifications and their options, as plain data.

Shared by the sync and async facades (it sends no request; ``labelbox.schema.ontology``
and ``labelbox._async.schema.ontology`` export these classes). The builder's JSON
(``OntologyBuilder.asdict()``) is what ``project.setup()`` sends as the labeling
frontend options; the server answers with the same JSON, every node given a
``featureSchemaId`` and a ``schemaNodeId`` (``Ontology.normalized``).
``OntologyBuilder.from_dict(normalized).asdict() == normalized`` holds: keys this module
does not model are kept as they came and written back.
"""

from __future__ import annotations

import colorsys
import inspect
from collections.abc import Awaitable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, overload

from labelbox.exceptions import InconsistentOntologyException
from labelbox.schema.enums import UnknownValue

if TYPE_CHECKING:
    from labelbox._async.schema.ontology import AsyncOntology
    from labelbox._async.schema.project import AsyncProject
    from labelbox.schema.ontology import Ontology
    from labelbox.schema.project import Project

__all__ = ["Classification", "OntologyBuilder", "Option", "Tool"]

#: Keys of each node kind that the dataclasses model; any other key is kept verbatim.
_OPTION_KEYS = frozenset({"schemaNodeId", "featureSchemaId", "label", "value", "options"})
_CLASSIFICATION_KEYS = frozenset(
    {"type", "instructions", "name", "required", "options", "schemaNodeId", "featureSchemaId"}
)
_TOOL_KEYS = frozenset(
    {"tool", "name", "required", "color", "classifications", "schemaNodeId", "featureSchemaId"}
)


def _node(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InconsistentOntologyException(
            f"{what} must be a JSON object, found {type(value).__name__}"
        )
    return value


def _items(node: Mapping[str, Any], key: str, what: str) -> list[Any]:
    value = node.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InconsistentOntologyException(f"'{key}' of {what} must be a list, found {value!r}")
    return value


def _text(node: Mapping[str, Any], key: str, what: str) -> str:
    if key not in node:
        raise InconsistentOntologyException(f"{what} has no '{key}': {dict(node)!r}")
    value = node[key]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InconsistentOntologyException(f"'{key}' of {what} must be a string, found {value!r}")
    return str(value)


def _optional_id(node: Mapping[str, Any], key: str) -> str | None:
    value = node.get(key)
    return value if isinstance(value, str) and value else None


def _extra(node: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k not in known}


def _check_unique(names: Iterable[str], what: str, owner: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InconsistentOntologyException(f"Duplicate {what} '{name}' {owner}")
        seen.add(name)


@dataclass
class Option:
    """An answer of a radio, checklist or dropdown classification.

    Only ``value`` is needed to create one; ``options`` holds classifications nested
    under this answer (asked when it is chosen).

    Attributes:
        value: The answer's value (also its displayed ``label``).
        schema_id: The server's ``schemaNodeId`` (None until the ontology is saved).
        feature_schema_id: The server's ``featureSchemaId`` (None until saved); MAL
            annotations refer to answers by it.
        options: Classifications nested under this answer.

    Example:
        >>> Option(value="sunny")
    """

    value: str
    schema_id: str | None = None
    feature_schema_id: str | None = None
    options: list[Classification] = field(default_factory=list)
    _unmodeled: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def label(self) -> str:
        """The displayed text (same as value)."""
        return self.value

    def add_option(self, option: Classification) -> None:
        """Nests a classification under this answer.

        Args:
            option: The classification asked when this answer is chosen.

        Raises:
            InconsistentOntologyException: if a nested classification with the same
                instructions exists.
        """
        if option.instructions in (o.instructions for o in self.options):
            raise InconsistentOntologyException(
                f"Duplicate nested classification '{option.instructions}' for option '{self.label}'"
            )
        self.options.append(option)

    @classmethod
    def from_dict(cls, dictionary: Mapping[str, Any]) -> Option:
        """Builds an Option from the server's normalized JSON.

        Args:
            dictionary: The option's JSON (keys not modeled here are kept).

        Returns:
            The Option.

        Raises:
            InconsistentOntologyException: if the JSON is not an option.
        """
        node = _node(dictionary, "an option")
        what = "an option"
        option = cls(
            value=_text(
                node, "label" if "value" not in node and "label" in node else "value", what
            ),
            schema_id=_optional_id(node, "schemaNodeId"),
            feature_schema_id=_optional_id(node, "featureSchemaId"),
            options=[Classification.from_dict(o) for o in _items(node, "options", what)],
        )
        option._unmodeled = _extra(node, _OPTION_KEYS)
        return option

    def asdict(self) -> dict[str, Any]:
        """The normalized JSON of this option.

        Returns:
            The JSON object, as ``project.setup()`` sends it.

        Raises:
            InconsistentOntologyException: if a nested classification is inconsistent.
        """
        _check_unique(
            (o.instructions for o in self.options),
            "nested classification",
            f"for option '{self.value}'",
        )
        return {
            **self._unmodeled,
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
            "label": self.label,
            "value": self.value,
            "options": [o.asdict() for o in self.options],
        }


@dataclass
class Classification:
    """A question asked about the whole asset or about an object.

    Radio, checklist and dropdown classifications need at least one ``Option``; a text
    classification has none.

    Attributes:
        class_type: The kind; an UnknownValue for a kind this SDK does not know (kept
            unchanged).
        instructions: The question shown to labelers (also its ``name``).
        required: Whether labelers must answer it.
        options: The answers (radio, checklist, dropdown).
        schema_id: The server's ``schemaNodeId`` (None until the ontology is saved).
        feature_schema_id: The server's ``featureSchemaId`` (None until saved).

    Example:
        >>> Classification(Classification.Type.RADIO, "weather", options=[Option("sunny")])
    """

    class Type(Enum):
        """Classification kinds."""

        TEXT = "text"
        CHECKLIST = "checklist"
        RADIO = "radio"
        DROPDOWN = "dropdown"

    _REQUIRES_OPTIONS = frozenset({Type.CHECKLIST, Type.RADIO, Type.DROPDOWN})

    #: The kind; an UnknownValue for a kind this SDK does not know (kept unchanged).
    class_type: Classification.Type | UnknownValue
    instructions: str
    required: bool = False
    options: list[Option] = field(default_factory=list)
    schema_id: str | None = None
    feature_schema_id: str | None = None
    _unmodeled: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The classification's name (its instructions)."""
        return self.instructions

    def add_option(self, option: Option) -> None:
        """Adds an answer.

        Args:
            option: The answer.

        Raises:
            InconsistentOntologyException: on a duplicate value.
        """
        if option.value in (o.value for o in self.options):
            raise InconsistentOntologyException(
                f"Duplicate option '{option.value}' for classification '{self.name}'"
            )
        self.options.append(option)

    @classmethod
    def from_dict(cls, dictionary: Mapping[str, Any]) -> Classification:
        """Builds a Classification from the server's normalized JSON.

        Args:
            dictionary: The classification's JSON (keys not modeled here are kept).

        Returns:
            The Classification.

        Raises:
            InconsistentOntologyException: if the JSON is not a classification.
        """
        node = _node(dictionary, "a classification")
        kind = node.get("type")
        class_type = _kind(cls.Type, kind, "classification type")
        what = f"{kind} classification"
        classification = cls(
            class_type=class_type,
            instructions=_text(
                node,
                "name" if "instructions" not in node and "name" in node else "instructions",
                what,
            ),
            required=bool(node.get("required", False)),
            options=[Option.from_dict(o) for o in _items(node, "options", what)],
            schema_id=_optional_id(node, "schemaNodeId"),
            feature_schema_id=_optional_id(node, "featureSchemaId"),
        )
        classification._unmodeled = _extra(node, _CLASSIFICATION_KEYS)
        return classification

    def asdict(self) -> dict[str, Any]:
        """The normalized JSON of this classification.

        Returns:
            The JSON object, as ``project.setup()`` sends it.

        Raises:
            InconsistentOntologyException: if a radio, checklist or dropdown has no
                options, or an option value repeats (here or in nested classifications).
        """
        if self.class_type in self._REQUIRES_OPTIONS and not self.options:
            raise InconsistentOntologyException(
                f"Classification '{self.instructions}' ({self.class_type.value}) requires options"
            )
        _check_unique(
            (o.value for o in self.options), "option", f"for classification '{self.name}'"
        )
        return {
            **self._unmodeled,
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
    """An object annotation tool (bounding box, polygon, ...) with optional nested
    classifications.

    Attributes:
        tool: The kind; an UnknownValue for a kind this SDK does not know (e.g. a newer
            server's ``cuboid``): it round-trips unchanged.
        name: The tool's name shown to labelers (unique in the ontology).
        required: Whether labelers must use it.
        color: Hex color such as ``"#ff0000"``; ``OntologyBuilder.asdict()`` picks a
            distinct one when None.
        classifications: Questions asked about each object drawn with the tool.
        schema_id: The server's ``schemaNodeId`` (None until the ontology is saved).
        feature_schema_id: The server's ``featureSchemaId`` (None until saved); MAL
            annotations refer to tools by it (``schemaId``).

    Example:
        >>> Tool(tool=Tool.Type.BBOX, name="car", color="#ff0000")
    """

    class Type(Enum):
        """Tool kinds."""

        POLYGON = "polygon"
        SEGMENTATION = "superpixel"
        POINT = "point"
        BBOX = "rectangle"
        LINE = "line"
        NER = "named-entity"

    #: The kind; an UnknownValue for a kind this SDK does not know (e.g. a newer server's
    #: ``cuboid``): it round-trips unchanged and the other tools stay readable.
    tool: Tool.Type | UnknownValue
    name: str
    required: bool = False
    color: str | None = None
    classifications: list[Classification] = field(default_factory=list)
    schema_id: str | None = None
    feature_schema_id: str | None = None
    _unmodeled: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def add_classification(self, classification: Classification) -> None:
        """Adds a nested classification.

        Args:
            classification: The question asked about each object of this tool.

        Raises:
            InconsistentOntologyException: on duplicate instructions.
        """
        if classification.instructions in (c.instructions for c in self.classifications):
            raise InconsistentOntologyException(
                f"Duplicate nested classification '{classification.instructions}' "
                f"for tool '{self.name}'"
            )
        self.classifications.append(classification)

    @classmethod
    def from_dict(cls, dictionary: Mapping[str, Any]) -> Tool:
        """Builds a Tool from the server's normalized JSON.

        Args:
            dictionary: The tool's JSON (keys not modeled here are kept).

        Returns:
            The Tool.

        Raises:
            InconsistentOntologyException: if the JSON is not a tool.
        """
        node = _node(dictionary, "a tool")
        kind = node.get("tool")
        tool_type = _kind(cls.Type, kind, "tool")
        what = f"{kind} tool"
        color = node.get("color")
        tool = cls(
            tool=tool_type,
            name=_text(node, "name", what),
            required=bool(node.get("required", False)),
            color=color if isinstance(color, str) else None,
            classifications=[
                Classification.from_dict(c) for c in _items(node, "classifications", what)
            ],
            schema_id=_optional_id(node, "schemaNodeId"),
            feature_schema_id=_optional_id(node, "featureSchemaId"),
        )
        tool._unmodeled = _extra(node, _TOOL_KEYS)
        return tool

    def asdict(self) -> dict[str, Any]:
        """The normalized JSON of this tool.

        Returns:
            The JSON object, as ``project.setup()`` sends it.

        Raises:
            InconsistentOntologyException: if a nested classification is inconsistent
                or its instructions repeat.
        """
        _check_unique(
            (c.instructions for c in self.classifications),
            "nested classification",
            f"for tool '{self.name}'",
        )
        return {
            **self._unmodeled,
            "tool": self.tool.value,
            "name": self.name,
            "required": self.required,
            "color": self.color,
            "classifications": [c.asdict() for c in self.classifications],
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
        }


def _distinct_colors(count: int, taken: set[str]) -> list[str]:
    """``count`` colors spread around the hue circle, none of them in ``taken``."""
    colors: list[str] = []
    steps = max(count, 1)
    attempt = 0
    while len(colors) < count:
        # First pass: evenly spaced hues; later passes: the hues halfway in between.
        hue = ((attempt % steps) + 0.5 * (attempt // steps)) / steps % 1.0
        r, g, b = colorsys.hsv_to_rgb(hue, 0.8, 0.9)
        color = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
        if color not in taken:
            taken.add(color)
            colors.append(color)
        attempt += 1
    return colors


@dataclass
class OntologyBuilder:
    """A class to help create an ontology for a Project.

    This should be used for making Project ontologies from scratch; it can also pull
    from an already existing Project's ontology (``from_project``). There are no
    required instantiation arguments. Build tools and classifications, then pass
    ``asdict()`` to ``project.setup()`` as the labeling frontend options.

    Attributes:
        tools: The object tools (list of Tool).
        classifications: The global classifications (list of Classification).

    Example:
        >>> builder = OntologyBuilder()
        >>> builder.add_tool(Tool(tool=Tool.Type.BBOX, name="car"))
        >>> frontend = list(client.get_labeling_frontends())[0]
        >>> project.setup(frontend, builder.asdict())
    """

    tools: list[Tool] = field(default_factory=list)
    classifications: list[Classification] = field(default_factory=list)

    @classmethod
    def from_dict(cls, dictionary: Mapping[str, Any]) -> OntologyBuilder:
        """Builds from normalized ontology JSON.

        Args:
            dictionary: ``{"tools": [...], "classifications": [...]}``, e.g.
                ``Ontology.normalized``.

        Returns:
            The builder, holding the ontology's tools and classifications.

        Raises:
            InconsistentOntologyException: if the JSON is not an ontology.
        """
        node = _node(dictionary, "an ontology")
        return cls(
            tools=[Tool.from_dict(t) for t in _items(node, "tools", "the ontology")],
            classifications=[
                Classification.from_dict(c) for c in _items(node, "classifications", "the ontology")
            ],
        )

    @overload
    @classmethod
    def from_project(cls, project: Project) -> OntologyBuilder: ...
    @overload
    @classmethod
    def from_project(cls, project: AsyncProject) -> Awaitable[OntologyBuilder]: ...
    @classmethod
    def from_project(
        cls, project: Project | AsyncProject
    ) -> OntologyBuilder | Awaitable[OntologyBuilder]:
        """Loads the ontology of an existing project.

        With an ``AsyncProject`` it returns an awaitable: ``await
        OntologyBuilder.from_project(project)``.

        Args:
            project: The project.

        Returns:
            A builder holding the project's ontology (empty if the project is not set
            up).

        Example:
            >>> builder = OntologyBuilder.from_project(project)
            >>> [tool.name for tool in builder.tools]
        """
        ontology = project.ontology()
        if inspect.isawaitable(ontology):
            return cls._from_pending(ontology)
        return cls._from_ontology(ontology)

    @classmethod
    async def _from_pending(cls, pending: Awaitable[AsyncOntology | None]) -> OntologyBuilder:
        return cls._from_ontology(await pending)

    @classmethod
    def _from_ontology(cls, ontology: Ontology | AsyncOntology | None) -> OntologyBuilder:
        if ontology is None:
            return cls()
        normalized = ontology.normalized
        return cls.from_dict(normalized if isinstance(normalized, dict) else {})

    def add_tool(self, tool: Tool) -> None:
        """Adds a tool.

        Args:
            tool: The tool.

        Raises:
            InconsistentOntologyException: on a duplicate name.
        """
        if tool.name in (t.name for t in self.tools):
            raise InconsistentOntologyException(f"Duplicate tool name '{tool.name}'")
        self.tools.append(tool)

    def add_classification(self, classification: Classification) -> None:
        """Adds a classification.

        Args:
            classification: The global classification.

        Raises:
            InconsistentOntologyException: on duplicate instructions.
        """
        if classification.instructions in (c.instructions for c in self.classifications):
            raise InconsistentOntologyException(
                f"Duplicate classification instructions '{classification.instructions}'"
            )
        self.classifications.append(classification)

    def asdict(self) -> dict[str, Any]:
        """The ontology JSON; tools without a color are given distinct colors (kept on
        the tools).

        Returns:
            ``{"tools": [...], "classifications": [...]}``, what ``project.setup()``
            takes as its labeling frontend options.

        Raises:
            InconsistentOntologyException: if names repeat, or a radio, checklist or
                dropdown classification (at any depth) has no options.
        """
        _check_unique((t.name for t in self.tools), "tool name", "in the ontology")
        _check_unique(
            (c.instructions for c in self.classifications),
            "classification instructions",
            "in the ontology",
        )
        missing = [t for t in self.tools if t.color is None]
        taken = {t.color.lower() for t in self.tools if t.color is not None}
        for tool, color in zip(missing, _distinct_colors(len(missing), taken), strict=True):
            tool.color = color
        return {
            "tools": [t.asdict() for t in self.tools],
            "classifications": [c.asdict() for c in self.classifications],
        }


_E = TypeVar("_E", bound=Enum)


def _kind(enum_type: type[_E], kind: Any, what: str) -> _E | UnknownValue:
    """``enum_type(kind)``, or an UnknownValue for a kind a newer server added (it
    round-trips unchanged); InconsistentOntologyException if ``kind`` is not a string."""
    if not isinstance(kind, str) or not kind:
        known = [member.value for member in enum_type]
        raise InconsistentOntologyException(f"Invalid {what} {kind!r} (one of {known})")
    try:
        return enum_type(kind)
    except ValueError:
        return UnknownValue(kind)
