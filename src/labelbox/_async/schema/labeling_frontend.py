"""LabelingFrontend (a label editor) and AsyncLabelingFrontendOptions (a project's ontology)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from labelbox._async._generated.entities import (
    AsyncLabelingFrontendBase,
    AsyncLabelingFrontendOptionsBase,
)
from labelbox._async.orm.relationships import AsyncToOne
from labelbox.exceptions import InvalidQueryError

if TYPE_CHECKING:
    from labelbox._async.schema.organization import AsyncOrganization
    from labelbox._async.schema.project import AsyncProject


def _not_expandable(name: str, instead: str) -> Any:
    """A fetch function for a relationship the real API does not let clients expand."""

    def fetch(gen: object, source_id: str) -> NoReturn:
        raise InvalidQueryError(
            f"The Labelbox API does not expand AsyncLabelingFrontendOptions.{name} (there is no "
            f"labelingFrontendOptions(where: {{id}}) root; labelbox 2.6.0's call is refused "
            f"as an invalid query). {instead}"
        )

    return fetch


class AsyncLabelingFrontend(AsyncLabelingFrontendBase):
    """Label editor.

    Represents an HTML / JavaScript UI that is used to generate labels. "Editor" is the
    default Labeling Frontend that comes in every organization.

    Example:
        >>> editor = await client.get_labeling_frontends(
        ...     where=AsyncLabelingFrontend.name == "Editor").get_one()
    """


class AsyncLabelingFrontendOptions(AsyncLabelingFrontendOptionsBase):
    """Label interface options (a project's ontology, as a JSON string).

    Reached through ``project.labeling_frontend_options()``; its relationships are
    declared as in the classic client but the real API refuses to expand them, so calling
    them raises InvalidQueryError with what to use instead.
    """

    project: AsyncToOne[AsyncProject] = AsyncToOne(
        "Project", "project", _not_expandable("project", "Use the project you listed it from.")
    )
    """ToOne relationship to AsyncProject (the API refuses to expand it: calling it raises
    InvalidQueryError; use the project you listed the options from)."""
    labeling_frontend: AsyncToOne[AsyncLabelingFrontend] = AsyncToOne(
        "LabelingFrontend",
        "labelingFrontend",
        _not_expandable("labeling_frontend", "Use project.labeling_frontend()."),
    )
    """ToOne relationship to AsyncLabelingFrontend (the API refuses to expand it: calling it
    raises InvalidQueryError; use ``project.labeling_frontend()``)."""
    organization: AsyncToOne[AsyncOrganization] = AsyncToOne(
        "Organization",
        "organization",
        _not_expandable("organization", "Use client.get_organization()."),
    )
    """ToOne relationship to AsyncOrganization (the API refuses to expand it: calling it
    raises InvalidQueryError; use ``client.get_organization()``)."""
