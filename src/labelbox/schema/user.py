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

    updated_at: Field[User, datetime] = Field("updatedAt")
    created_at: Field[User, datetime] = Field("createdAt")
    email: Field[User, str] = Field("email")
    name: Field[User, str | None] = Field("name")
    nickname: Field[User, str | None] = Field("nickname")
    intercom_hash: Field[User, str | None] = Field("intercomHash")
    picture: Field[User, str | None] = Field("picture")
    is_viewer: Field[User, bool] = Field("isViewer")
    is_external_user: Field[User, bool] = Field("isExternalUser")
    #: Documented name of ``is_external_user``.
    is_external_viewer: Field[User, bool] = Field("isExternalUser")

    organization: ToOne[Organization] = ToOne("Organization")
    created_tasks: ToMany[Task] = ToMany("Task")
    projects: ToMany[Project] = ToMany("Project")
    org_role: ToOne[Role] = ToOne("Role")
