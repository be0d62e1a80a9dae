"""Role: an organization or project role."""

from __future__ import annotations

from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field


class Role(DbObject):
    """An organization or project role (NONE, LABELER, REVIEWER, TEAM_MANAGER, ADMIN)."""

    _fragment = "RoleFields"

    name: Field[Role, str] = Field("name")
