"""Users, organizations, roles and the members of a project."""

from __future__ import annotations

from typing import Any

from ..store import Row
from .context import Ctx
from .records import find, list_rows


def user(ctx: Ctx, user_id: object = None) -> Row | None:
    """The caller's user, or a user of the caller's organization by id."""
    return find(ctx, "User", str(user_id or ctx.user_id))


def organization(ctx: Ctx, org_id: object = None) -> Row | None:
    """The caller's organization (an id of another organization gives None)."""
    return find(ctx, "Organization", str(org_id or ctx.org_id))


def roles(ctx: Ctx, skip: int | None = None, first: int | None = None) -> list[Row]:
    """The roles (a page of them with skip/first)."""
    return list_rows(ctx, "Role", None, None, skip, first)


def project_members(
    ctx: Ctx, project: Row, skip: int | None = None, first: int | None = None
) -> list[dict[str, Any]]:
    """The users of the project's organization with their organization role."""
    users = list_rows(ctx, "User", {"deleted": False}, skip=skip, first=first)
    return [
        {"id": f"{project['id']}:{u['id']}", "user_id": u["id"], "role_id": u.get("orgRole_id")}
        for u in users
    ]
