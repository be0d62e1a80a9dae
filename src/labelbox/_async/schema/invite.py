"""Invite and InviteLimit: invitations to join an organization (labelbox 2.6.0)."""

from __future__ import annotations

from dataclasses import dataclass

from labelbox._async._generated.entities import AsyncInviteBase
from labelbox._async.schema.role import ProjectRole


@dataclass
class InviteLimit:
    """How many invites an organization may still send.

    ``used`` counts the organization's members and pending invites, and
    ``remaining = limit - used``.

    Attributes:
        remaining: invites that may still be sent.
        used: members and pending invites.
        limit: most members and pending invites the organization may have.
    """

    remaining: int
    used: int
    limit: int


class AsyncInvite(AsyncInviteBase):
    """An invitation of a person (``email``) to join the organization with the
    organization role ``organization_role_name``; sent by
    :meth:`labelbox.schema.organization.Organization.invite_user`.

    ``project_roles`` are the project roles the invite grants (with the ``NONE``
    organization role).
    """

    _project_roles: tuple[ProjectRole, ...] = ()

    @property
    def project_roles(self) -> list[ProjectRole]:
        """The project roles this invite grants (empty for an organization-wide role)."""
        return list(self._project_roles)


__all__ = ["AsyncInvite", "InviteLimit", "ProjectRole"]
