"""User: a registered Labelbox user, their organization role and project roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._async._generated.entities import AsyncUserBase
from labelbox.exceptions import ResourceNotFoundError

if TYPE_CHECKING:
    from labelbox._async.schema.project import AsyncProject
    from labelbox._async.schema.role import AsyncRole


def _check_role(role: object) -> None:
    from labelbox._async.schema.role import AsyncRole

    if not isinstance(role, AsyncRole):
        raise TypeError(f"role must be a Role (from client.get_roles()), got {role!r}")


class AsyncUser(AsyncUserBase):
    """An AsyncUser is a registered Labelbox user (for example you) associated with data they
    create or import and an AsyncOrganization they belong to.

    Fields and relationships (``organization``, ``created_tasks``, ``projects``,
    ``org_role``) are generated from the schema in
    :class:`labelbox._generated.entities.UserBase`; ``is_external_viewer`` is the
    documented name of ``is_external_user``.
    """

    async def update_org_role(self, role: AsyncRole) -> None:
        """Sets the user's organization role (see ``client.get_roles()``). A user
        turned from project-based (``NONE``) to an organization role and back keeps
        their project roles.

        Args:
            role: the new organization role.

        Raises:
            TypeError: If ``role`` is not a role.
            labelbox.exceptions.ResourceNotFoundError: If the user or the role is not
                known to the organization.
        """
        _check_role(role)
        if (
            await self.client._gen.set_organization_role(
                user_id=self.uid, role_id=role.uid, idempotent=True
            )
            is None
        ):
            raise ResourceNotFoundError(type(self), self.uid)

    async def upsert_project_role(self, project: AsyncProject, role: AsyncRole) -> None:
        """Sets (or replaces) the user's role in a project; only for a project-based
        user (organization role ``NONE``). The role ``NONE`` removes them from it.

        Args:
            project: the project.
            role: the role in that project.

        Raises:
            ValueError: If the user's organization role is not ``NONE`` (they have
                access to every project).
            TypeError: If ``role`` is not a role.
            labelbox.exceptions.ResourceNotFoundError: If the user, project or role is
                not known to the organization.
        """
        _check_role(role)
        org_role = await self.org_role()
        if org_role is None or org_role.name.upper() != "NONE":
            raise ValueError("User is not project based and has access to all projects")
        if (
            await self.client._gen.set_project_membership(
                user_id=self.uid, role_id=role.uid, project_id=project.uid, idempotent=True
            )
            is None
        ):
            raise ResourceNotFoundError(type(self), self.uid)

    async def remove_from_project(self, project: AsyncProject) -> None:
        """Removes a project-based user (organization role ``NONE``) from a project.

        Args:
            project: the project to remove the user from.

        Raises:
            ValueError: If the user's organization role is not ``NONE``.
        """
        await self.upsert_project_role(project, (await self.client.get_roles())["NONE"])
