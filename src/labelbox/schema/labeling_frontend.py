"""LabelingFrontend (a label editor) and LabelingFrontendOptions (a project's ontology)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToMany, ToOne

if TYPE_CHECKING:
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project


class LabelingFrontend(DbObject):
    """Label editor.

    Represents an HTML / JavaScript UI that is used to generate labels. "Editor" is the
    default Labeling Frontend that comes in every organization.
    """

    _fragment = "LabelingFrontendFields"

    name: Field[LabelingFrontend, str] = Field("name")
    description: Field[LabelingFrontend, str | None] = Field("description")
    iframe_url_path: Field[LabelingFrontend, str | None] = Field("iframeUrlPath")

    projects: ToMany[Project] = ToMany("Project")


class LabelingFrontendOptions(DbObject):
    """Label interface options (a project's ontology, as a JSON string)."""

    _fragment = "LabelingFrontendOptionsFields"

    customization_options: Field[LabelingFrontendOptions, str] = Field("customizationOptions")

    project: ToOne[Project] = ToOne("Project")
    labeling_frontend: ToOne[LabelingFrontend] = ToOne("LabelingFrontend")
    organization: ToOne[Organization] = ToOne("Organization")
