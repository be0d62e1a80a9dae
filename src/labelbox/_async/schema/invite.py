"""Invite and InviteLimit: invitations to join an organization (labelbox 2.6.0)."""

from __future__ import annotations

from labelbox._async._generated.entities import AsyncInviteBase
from labelbox._async.schema.role import AsyncProjectRole
from labelbox.schema.invite_limit import InviteLimit


class AsyncInvite(AsyncInviteBase):
    """An invitation of a person (``email``) to join the organization with the
    organization role ``organization_role_name``; sent by
    :meth:`labelbox.schema.organization.Organization.invite_user`.

    ``project_roles`` are the project roles the invite grants (with the ``NONE``
    organization role).
    """

    _project_roles: tuple[AsyncProjectRole, ...] = ()

    @property
    def project_roles(self) -> list[AsyncProjectRole]:
        """The project roles this invite grants (empty for an organization-wide role)."""
        return list(self._project_roles)


__all__ = ["AsyncInvite", "AsyncProjectRole", "InviteLimit"]
