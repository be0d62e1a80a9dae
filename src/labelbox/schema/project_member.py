"""ProjectMember: a user's membership of a project (``project.members()``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._generated.entities import ProjectMemberBase
from labelbox.orm.model import ToOne

if TYPE_CHECKING:
    from labelbox.schema.role import Role
    from labelbox.schema.user import User


class ProjectMember(ProjectMemberBase):
    """A user with access to a project and their role in it, as listed by
    ``project.members()``: ``member.user()`` and ``member.role()`` are read with the
    list (no further request), as labelbox 2.6.0 cached them."""

    user: ToOne[User] = ToOne("User", "user", None, embedded=lambda model: model.user)
    """ToOne relationship to User: the member."""

    role: ToOne[Role] = ToOne("Role", "role", None, embedded=lambda model: model.role)
    """ToOne relationship to Role: the member's role in the project (their organization
    role unless it is NONE)."""
