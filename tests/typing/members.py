"""Typing contract of user management as in labelbox 2.6.0 (issue 16): roles, invites,
the invite limit, organization and project roles, project members. Only type-checked,
never executed."""
# pyright: strict

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

import labelbox.schema.invite
import labelbox.schema.organization
import labelbox.schema.project_member
import labelbox.schema.role
from labelbox import (
    Client,
    Field,
    Invite,
    InviteLimit,
    PaginatedCollection,
    Project,
    ProjectMember,
    ProjectRole,
    Role,
    User,
)
from labelbox.orm.model import ToMany, ToOne
from labelbox.schema.role import OrgRole, UserRole


def roles(client: Client) -> None:
    roles = client.get_roles()
    assert_type(roles, dict[str, Role])
    assert_type(roles["LABELER"].name, str)
    assert_type(labelbox.schema.role.get_roles(client), dict[str, Role])
    assert_type(labelbox.schema.role.format_role("Team Manager"), str)
    assert_type(labelbox.schema.organization.ProjectRole, type[ProjectRole])
    assert_type(OrgRole.uid, Field[OrgRole, str])
    assert_type(OrgRole.name, Field[OrgRole, str])
    assert_type(UserRole.uid, Field[UserRole, str])
    assert_type(UserRole.name, Field[UserRole, str])


def invites(client: Client, project: Project) -> None:
    organization = client.get_organization()
    roles = client.get_roles()
    invite = organization.invite_user("ann@example.com", roles["LABELER"])
    assert_type(invite, Invite)
    assert_type(invite.uid, str)
    assert_type(invite.created_at, datetime)
    assert_type(invite.organization_role_name, str)
    assert_type(invite.email, str)
    assert_type(invite.invitee_email, str)
    assert_type(invite.project_roles, list[ProjectRole])
    assert_type(Invite.uid, Field[Invite, str])
    assert_type(Invite.created_at, Field[Invite, datetime])
    assert_type(Invite.organization_role_name, Field[Invite, str])
    assert_type(Invite.invitee_email, Field[Invite, str])
    assert_type(Invite.email, Field[Invite, str])
    grant = ProjectRole(project=project, role=roles["REVIEWER"])
    assert_type(grant.project, Project)
    assert_type(grant.role, Role)
    assert_type(organization.invite_user("b@example.com", roles["NONE"], [grant]), Invite)
    limit = organization.invite_limit()
    assert_type(limit, InviteLimit)
    assert_type(limit.remaining, int)
    assert_type(limit.used, int)
    assert_type(limit.limit, int)
    assert_type(labelbox.schema.invite.InviteLimit, type[InviteLimit])


def members(client: Client, project: Project, user: User) -> None:
    organization = client.get_organization()
    roles = client.get_roles()
    assert_type(organization.users(), PaginatedCollection[User])
    assert_type(user.org_role(), Role | None)
    assert_type(user.update_org_role(roles["ADMIN"]), None)
    assert_type(user.upsert_project_role(project, roles["LABELER"]), None)
    assert_type(user.remove_from_project(project), None)
    assert_type(organization.remove_user(user), None)
    assert_type(project.members(), PaginatedCollection[ProjectMember])
    assert_type(Project.members, ToMany[ProjectMember])
    member = next(iter(project.members()))
    assert_type(member.uid, str)
    assert_type(ProjectMember.uid, Field[ProjectMember, str])
    assert_type(member.user(), User | None)
    assert_type(member.role(), Role | None)
    assert_type(ProjectMember.user, ToOne[User])
    assert_type(ProjectMember.role, ToOne[Role])
    assert_type(labelbox.schema.project_member.ProjectMember, type[ProjectMember])
