"""Role: an organization or project role."""

from __future__ import annotations

from labelbox._generated.entities import RoleBase


class Role(RoleBase):
    """An organization or project role (NONE, LABELER, REVIEWER, TEAM_MANAGER, ADMIN)."""
