"""Organization: a group of Users, its invites and its members (labelbox 2.6.0)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from labelbox._async._generated.entities import AsyncOrganizationBase
from labelbox._async.schema.invite import AsyncInvite, InviteLimit
from labelbox._async.schema.role import AsyncProjectRole, AsyncRole
from labelbox._async.schema.user import AsyncUser
from labelbox.exceptions import LabelboxError, ResourceNotFoundError

if TYPE_CHECKING:
    from labelbox._async.client import AsyncClient


def _require_experimental(client: AsyncClient, name: str) -> None:
    """labelbox 2.6.0's guard of an experimental feature (``AsyncClient(enable_experimental=True)``)."""
    if not client.enable_experimental:
        raise LabelboxError(
            f"This function {name} relies on a experimental feature in the api. This means "
            "that the interface could change. Set `enable_experimental=True` in the client "
            "to enable use of experimental functions."
        )


def _checked(value: object, kind: type, what: str) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{what} must be a {kind.__name__}, got {value!r}")


class AsyncOrganization(AsyncOrganizationBase):
    """An AsyncOrganization is a group of Users.

    It is associated with data created by Users within that AsyncOrganization. Typically all
    Users within an AsyncOrganization have access to data created by any AsyncUser in the same
    AsyncOrganization. Fields and relationships (``users``, ``projects``, ``webhooks``) are
    generated from the schema in :class:`labelbox._generated.entities.OrganizationBase`;
    ``users()`` lists the members, each with ``org_role()``.
    """

    async def invite_user(
        self, email: str, role: AsyncRole, project_roles: Sequence[AsyncProjectRole] | None = None
    ) -> AsyncInvite:
        """Invites a person to the organization (the server emails the invite).
        Experimental, as in labelbox 2.6.0: needs ``AsyncClient(enable_experimental=True)``.

        Args:
            email: email address of the person to invite.
            role: their organization role (from ``client.get_roles()``).
            project_roles: roles in single projects; only with the ``NONE``
                organization role (a project-based member).

        Returns:
            The AsyncInvite sent.

        Raises:
            ValueError: If ``project_roles`` are given with a role other than ``NONE``.
            TypeError: If an argument has the wrong type.
            labelbox.exceptions.InvalidQueryError: If the server refuses the invite
                ("Invite(s) cannot be sent ...": the person is already a member, the
                invite limit is reached, or a role or project is unknown).
            labelbox.exceptions.LabelboxError: If experimental features are not enabled,
                or the server sent no invite.

        Example:
            >>> roles = await client.get_roles()
            >>> invite = await organization.invite_user("ann@example.com", roles["LABELER"])
        """
        from labelbox_gen.input_types import CreateInviteInput, ProjectInviteInput

        _require_experimental(self.client, "invite_user")
        _checked(email, str, "email")
        _checked(role, AsyncRole, "role")
        roles = list(project_roles or [])
        for project_role in roles:
            _checked(project_role, AsyncProjectRole, "each of project_roles")
        if roles and role.name != "NONE":
            raise ValueError(
                "Project roles cannot be set for a user with organization level permissions. "
                f"Found role name `{role.name}`, expected `NONE`"
            )
        data = CreateInviteInput(
            inviter_id=await self.client._current_user_id(),
            invitee_email=email,
            organization_id=self.uid,
            organization_role_id=role.uid,
            projects=[
                ProjectInviteInput(project_id=r.project.uid, project_role_id=r.role.uid)
                for r in roles
            ],
        )
        results = await self.client._gen.create_invites(data=[data], experimental=True)
        model = results[0].invite if results else None
        if model is None:
            raise LabelboxError(f"Unable to send invite for email {email}")
        invite = AsyncInvite._wrap(self.client, model)
        invite._project_roles = tuple(roles)
        return invite

    async def invite_limit(self) -> InviteLimit:
        """How many invites the organization may still send (``used`` counts members
        and pending invites; ``remaining = limit - used``). Experimental, as in
        labelbox 2.6.0: needs ``AsyncClient(enable_experimental=True)``.

        Returns:
            The organization's InviteLimit.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the server knows no such
                organization.
            labelbox.exceptions.LabelboxError: If experimental features are not enabled.
        """
        _require_experimental(self.client, "invite_limit")
        model = await self.client._gen.invites_limit(organization_id=self.uid, experimental=True)
        if model is None:
            raise ResourceNotFoundError(AsyncOrganization, self.uid)
        return InviteLimit(remaining=model.remaining, used=model.used, limit=model.limit)

    async def remove_user(self, user: AsyncUser) -> None:
        """Removes a user from the organization; undone only by a new invite.

        Args:
            user: the member to remove.

        Raises:
            TypeError: If ``user`` is not a user.
            labelbox.exceptions.ResourceNotFoundError: If the user is not a member of
                this organization.
        """
        _checked(user, AsyncUser, "user")
        if await self.client._gen.delete_member(user_id=user.uid, idempotent=True) is None:
            raise ResourceNotFoundError(AsyncUser, user.uid)


__all__ = ["AsyncInvite", "AsyncOrganization", "AsyncProjectRole", "InviteLimit"]
