"""Ontology: the tools and classifications of a project, and a builder for new ones.

The builder classes (:class:`OntologyBuilder`, :class:`Tool`, :class:`Classification`,
:class:`Option`) are plain data, defined once in :mod:`labelbox.schema.ontology_builder`
and exported here. The builder's JSON (``OntologyBuilder.asdict()``) is what
``project.setup()`` sends as the labeling frontend options; the server answers with the
same JSON, every node given a ``featureSchemaId`` and a ``schemaNodeId``
(``AsyncOntology.normalized``). ``OntologyBuilder.from_dict(normalized).asdict() ==
normalized`` holds: keys this module does not model are kept as they came and written
back.
"""

from __future__ import annotations

from typing import Any

from labelbox._async._generated.entities import AsyncOntologyBase
from labelbox.schema.ontology_builder import (
    Classification,
    OntologyBuilder,
    Option,
    Tool,
    _items,
)

__all__ = ["Classification", "OntologyBuilder", "Option", "Tool"]
__all__ += ["AsyncOntology"]


class AsyncOntology(AsyncOntologyBase):
    """An ontology specifies which tools and classifications are available to a
    project. This is read only for now.

    Example:
        >>> ontology = await project.ontology()
        >>> [tool.name for tool in ontology.tools()]
    """

    def _normalized(self) -> dict[str, Any]:
        value = self.normalized
        return value if isinstance(value, dict) else {}

    def tools(self) -> list[Tool]:
        """Get list of tools (AKA objects) in an Ontology.

        Returns:
            The tools, with their schema ids (``feature_schema_id``, ``schema_id``).

        Raises:
            InconsistentOntologyException: If the stored JSON is not an ontology.
        """
        return [Tool.from_dict(t) for t in _items(self._normalized(), "tools", "the ontology")]

    def classifications(self) -> list[Classification]:
        """Get list of classifications in an Ontology.

        Returns:
            The global classifications, with their schema ids.

        Raises:
            InconsistentOntologyException: If the stored JSON is not an ontology.
        """
        return [
            Classification.from_dict(c)
            for c in _items(self._normalized(), "classifications", "the ontology")
        ]
