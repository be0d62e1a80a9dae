"""User: a registered Labelbox user, their organization role and project roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._generated.entities import UserBase
from labelbox.exceptions import ResourceNotFoundError

if TYPE_CHECKING:
    from labelbox.schema.project import Project
    from labelbox.schema.role import Role


def _check_role(role: object) -> None:
    from labelbox.schema.role import Role

    if not isinstance(role, Role):
        raise TypeError(f"role must be a Role (from client.get_roles()), got {role!r}")


class User(UserBase):
    """A User is a registered Labelbox user (for example you) associated with data they
    create or import and an Organization they belong to.

    Fields and relationships (``organization``, ``created_tasks``, ``projects``,
    ``org_role``) are generated from the schema in
    :class:`labelbox._generated.entities.UserBase`; ``is_external_viewer`` is the
    documented name of ``is_external_user``.
    """

    def update_org_role(self, role: Role) -> None:
        """Sets the user's organization role (see ``client.get_roles()``). A user
        turned from project-based (``NONE``) to an organization role and back keeps
        their project roles.

        Args:
            role: the new organization role.

        Raises:
            TypeError: If ``role`` is not a Role.
            labelbox.exceptions.ResourceNotFoundError: If the user or the role is not
                known to the organization.
        """
        _check_role(role)
        if (
            self.client._gen.set_organization_role(
                user_id=self.uid, role_id=role.uid, idempotent=True
            )
            is None
        ):
            raise ResourceNotFoundError(type(self), self.uid)

    def upsert_project_role(self, project: Project, role: Role) -> None:
        """Sets (or replaces) the user's role in a project; only for a project-based
        user (organization role ``NONE``). The role ``NONE`` removes them from it.

        Args:
            project: the project.
            role: the role in that project.

        Raises:
            ValueError: If the user's organization role is not ``NONE`` (they have
                access to every project).
            TypeError: If ``role`` is not a Role.
            labelbox.exceptions.ResourceNotFoundError: If the user, project or role is
                not known to the organization.
        """
        _check_role(role)
        org_role = self.org_role()
        if org_role is None or org_role.name.upper() != "NONE":
            raise ValueError("User is not project based and has access to all projects")
        if (
            self.client._gen.set_project_membership(
                user_id=self.uid, role_id=role.uid, project_id=project.uid, idempotent=True
            )
            is None
        ):
            raise ResourceNotFoundError(type(self), self.uid)

    def remove_from_project(self, project: Project) -> None:
        """Removes a project-based user (organization role ``NONE``) from a project.

        Args:
            project: the project to remove the user from.

        Raises:
            ValueError: If the user's organization role is not ``NONE``.
        """
        self.upsert_project_role(project, self.client.get_roles()["NONE"])
