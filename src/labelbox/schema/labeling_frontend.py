"""LabelingFrontend (a label editor) and LabelingFrontendOptions (a project's ontology)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from labelbox._generated.entities import LabelingFrontendBase, LabelingFrontendOptionsBase
from labelbox.exceptions import InvalidQueryError
from labelbox.orm.model import ToOne

if TYPE_CHECKING:
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project


def _not_expandable(name: str, instead: str) -> Any:
    """A fetch function for a relationship the real API does not let clients expand."""

    def fetch(gen: object, source_id: str) -> NoReturn:
        raise InvalidQueryError(
            f"The Labelbox API does not expand LabelingFrontendOptions.{name} (there is no "
            f"labelingFrontendOptions(where: {{id}}) root; labelbox 2.6.0's call is refused "
            f"as an invalid query). {instead}"
        )

    return fetch


class LabelingFrontend(LabelingFrontendBase):
    """Label editor.

    Represents an HTML / JavaScript UI that is used to generate labels. "Editor" is the
    default Labeling Frontend that comes in every organization.

    Example:
        >>> editor = client.get_labeling_frontends(
        ...     where=LabelingFrontend.name == "Editor").get_one()
    """


class LabelingFrontendOptions(LabelingFrontendOptionsBase):
    """Label interface options (a project's ontology, as a JSON string).

    Reached through ``project.labeling_frontend_options()``; its relationships are
    declared as in the classic client but the real API refuses to expand them, so calling
    them raises InvalidQueryError with what to use instead.
    """

    project: ToOne[Project] = ToOne(
        "Project", "project", _not_expandable("project", "Use the project you listed it from.")
    )
    """ToOne relationship to Project (the API refuses to expand it: calling it raises
    InvalidQueryError; use the project you listed the options from)."""
    labeling_frontend: ToOne[LabelingFrontend] = ToOne(
        "LabelingFrontend",
        "labelingFrontend",
        _not_expandable("labeling_frontend", "Use project.labeling_frontend()."),
    )
    """ToOne relationship to LabelingFrontend (the API refuses to expand it: calling it
    raises InvalidQueryError; use ``project.labeling_frontend()``)."""
    organization: ToOne[Organization] = ToOne(
        "Organization",
        "organization",
        _not_expandable("organization", "Use client.get_organization()."),
    )
    """ToOne relationship to Organization (the API refuses to expand it: calling it
    raises InvalidQueryError; use ``client.get_organization()``)."""
