"""User: a registered Labelbox user."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToMany, ToOne

if TYPE_CHECKING:
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project
    from labelbox.schema.role import Role
    from labelbox.schema.task import Task


class User(DbObject):
    """A User is a registered Labelbox user (for example you) associated with data they
    create or import and an Organization they belong to."""

    _fragment = "UserFields"

    updated_at = Field[datetime]("updatedAt")
    created_at = Field[datetime]("createdAt")
    email = Field[str]("email")
    name = Field["str | None"]("name")
    nickname = Field["str | None"]("nickname")
    intercom_hash = Field["str | None"]("intercomHash")
    picture = Field["str | None"]("picture")
    is_viewer = Field[bool]("isViewer")
    is_external_user = Field[bool]("isExternalUser")
    #: Documented name of ``is_external_user``.
    is_external_viewer = Field[bool]("isExternalUser")

    organization: ToOne[Organization] = ToOne("Organization")
    created_tasks: ToMany[Task] = ToMany("Task")
    projects: ToMany[Project] = ToMany("Project")
    org_role: ToOne[Role] = ToOne("Role")
