"""Organization: a group of Users."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToMany

if TYPE_CHECKING:
    from labelbox.schema.project import Project
    from labelbox.schema.user import User
    from labelbox.schema.webhook import Webhook


class Organization(DbObject):
    """An Organization is a group of Users.

    It is associated with data created by Users within that Organization. Typically all
    Users within an Organization have access to data created by any User in the same
    Organization.
    """

    _fragment = "OrganizationFields"

    updated_at: Field[Organization, datetime] = Field("updatedAt")
    created_at: Field[Organization, datetime] = Field("createdAt")
    name: Field[Organization, str] = Field("name")

    users: ToMany[User] = ToMany("User")
    projects: ToMany[Project] = ToMany("Project")
    webhooks: ToMany[Webhook] = ToMany("Webhook")
