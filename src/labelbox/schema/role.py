"""Role: an organization or project role."""

from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field


class Role(DbObject):
    """An organization or project role (NONE, LABELER, REVIEWER, TEAM_MANAGER, ADMIN)."""

    _fragment = "RoleFields"

    name = Field[str]("name")
