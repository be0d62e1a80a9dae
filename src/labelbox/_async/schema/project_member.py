"""ProjectMember: a user's membership of a project (``project.members()``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._async._generated.entities import AsyncProjectMemberBase
from labelbox._async.orm.relationships import AsyncToOne

if TYPE_CHECKING:
    from labelbox._async.schema.role import AsyncRole
    from labelbox._async.schema.user import AsyncUser


class AsyncProjectMember(AsyncProjectMemberBase):
    """A user with access to a project and their role in it, as listed by
    ``project.members()``: ``member.user()`` and ``member.role()`` are read with the
    list (no further request), as labelbox 2.6.0 cached them."""

    user: AsyncToOne[AsyncUser] = AsyncToOne(
        "User", "user", None, embedded=lambda model: model.user
    )
    """ToOne relationship to AsyncUser: the member."""

    role: AsyncToOne[AsyncRole] = AsyncToOne(
        "Role", "role", None, embedded=lambda model: model.role
    )
    """ToOne relationship to AsyncRole: the member's role in the project (their organization
    role unless it is NONE)."""
