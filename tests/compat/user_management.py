"""User management as in labelbox 2.6.0 (issue 16), as one script run by either client.

    python user_management.py ENDPOINT API_KEY notebook|classic

``notebook``: the flow of Labelbox's 2.6 user-management notebook through the public API
only (roles, invites, invite limit, organization and project roles, removal); it runs
unchanged under the official ``labelbox==2.6.0`` and under this SDK's facade.
``classic``: the official client's own integration tests of the 2.6.0 tag
(``tests/integration/test_user_management.py`` with its conftest helpers, which reach
the experimental endpoint through the classic's internals), run by the classic only.
One line is printed per step, ``ok NAME`` or ``FAIL NAME: reason``.
"""

from __future__ import annotations

import logging
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `python -I` leaves it out

import steps
from steps import expect, raises

import labelbox
from labelbox import Client, User
from labelbox.exceptions import InvalidQueryError
from labelbox.schema.organization import ProjectRole


class Ctx:
    """What the steps share."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.tag = uuid.uuid4().hex[:8]
        self.organization = client.get_organization()
        self.roles = client.get_roles()
        self.projects = [client.create_project(name=f"user-proj-{i}-{self.tag}") for i in (0, 1)]


def new_project_based_user(client: Client) -> User:
    """The 2.6.0 conftest's project_based_user: addMembersToOrganization, role NONE."""
    email = f"{uuid.uuid4().hex[:16]}@labelbox.com"
    none_role = client.get_roles()["NONE"].uid
    query = (
        "mutation MakeNewUserPyApi { addMembersToOrganization(data: {"
        f'emails: ["{email}"], orgRoleId: "{none_role}", projectRoles: []}}) {{ newUserId }} }}'
    )
    result = client.execute(query)
    assert result is not None
    user_id = result["addMembersToOrganization"][0]["newUserId"]
    expect(user_id is not None, "addMembersToOrganization gave no newUserId")
    return next(u for u in client.get_organization().users() if u.uid == user_id)


NOTEBOOK, notebook_step = steps.registry()
CLASSIC, classic_step = steps.registry()


# ------------------------------------------------------------------ notebook
@notebook_step
def roles_by_name(c: Ctx) -> None:
    names = {"NONE", "LABELER", "REVIEWER", "TEAM_MANAGER", "ADMIN"}
    expect(names <= set(c.roles), f"roles: {sorted(c.roles)}")
    expect(all(r.name == n for n, r in c.roles.items()), "each role's name is its key")


@notebook_step
def invite_with_an_organization_role(c: Ctx) -> None:
    before = c.organization.invite_limit()
    invite = c.organization.invite_user(f"nb-{c.tag}@example.com", c.roles["LABELER"])
    expect(invite.email == f"nb-{c.tag}@example.com", f"invite.email: {invite.email!r}")
    expect(invite.organization_role_name.upper() == "LABELER", "organization_role_name")
    expect(invite.created_at is not None and invite.uid, "invite fields")
    after = c.organization.invite_limit()
    expect(before.remaining - after.remaining == 1, f"invite limit {before} -> {after}")
    expect(after.used == before.used + 1 and after.limit == before.limit, f"{after}")


@notebook_step
def invite_with_project_roles(c: Ctx) -> None:
    project_roles = [
        ProjectRole(project=c.projects[0], role=c.roles["LABELER"]),
        ProjectRole(project=c.projects[1], role=c.roles["REVIEWER"]),
    ]
    invite = c.organization.invite_user(
        f"nb1-{c.tag}@example.com", c.roles["NONE"], project_roles=project_roles
    )
    expect(invite.organization_role_name.upper() == "NONE", "organization_role_name")
    raises(
        ValueError,
        "project roles with an organization role",
        lambda: c.organization.invite_user(
            f"nb2-{c.tag}@example.com", c.roles["LABELER"], project_roles=project_roles
        ),
    )


@notebook_step
def inviting_a_member_is_refused(c: Ctx) -> None:
    me = c.client.get_user()
    raises(
        InvalidQueryError,
        "invite of a member",
        lambda: c.organization.invite_user(me.email, c.roles["LABELER"]),
    )


@notebook_step
def organization_users_with_roles(c: Ctx) -> None:
    me = c.client.get_user()
    users = {u.uid: u for u in c.organization.users()}
    expect(me.uid in users, "the API key's user is a member")
    role = users[me.uid].org_role()
    expect(role is not None and role.name.upper() == "ADMIN", f"org_role: {role!r}")


@notebook_step
def manage_a_member(c: Ctx) -> None:
    user = new_project_based_user(c.client)
    project = c.projects[0]
    user.upsert_project_role(project, c.roles["REVIEWER"])
    member = [m for m in project.members() if m.user().uid == user.uid]
    expect(len(member) == 1 and member[0].role().name.upper() == "REVIEWER", f"{member}")
    user.remove_from_project(project)
    expect(all(m.user().uid != user.uid for m in project.members()), "still a member")
    user.update_org_role(c.roles["TEAM_MANAGER"])
    expect(user.org_role().name.upper() == "TEAM_MANAGER", "org role not changed")
    raises(ValueError, "project role of an org-role user",
           lambda: user.upsert_project_role(project, c.roles["LABELER"]))  # fmt: skip
    c.organization.remove_user(user)
    expect(all(u.uid != user.uid for u in c.organization.users()), "user not removed")


# ---------------------------------------------- the 2.6.0 integration tests
def _cancel_invite(client, invite_id):  # type: ignore[no-untyped-def]
    query_str = """mutation CancelInvitePyApi($where: WhereUniqueIdInput!) {
            cancelInvite(where: $where) {id}}"""
    client.execute(query_str, {"where": {"id": invite_id}}, experimental=True)


def _get_invites(client):  # type: ignore[no-untyped-def]
    from labelbox.pagination import PaginatedCollection
    from labelbox.schema.invite import Invite

    query_str = """query GetOrgInvitationsPyApi($from: ID, $first: PageSize) {
            organization { id invites(from: $from, first: $first) {
                nodes { id createdAt organizationRoleName inviteeEmail } nextCursor }}}"""
    return PaginatedCollection(client, query_str, {}, ["organization", "invites", "nodes"],
                               Invite, cursor_path=["organization", "invites", "nextCursor"],
                               experimental=True)  # fmt: skip


def _get_project_invites(client, project_id):  # type: ignore[no-untyped-def]
    from labelbox.orm.query import results_query_part
    from labelbox.pagination import PaginatedCollection
    from labelbox.schema.invite import Invite

    query_str = (
        "query GetProjectInvitationsPyApi($from: ID, $first: PageSize, $projectId: ID!) {"
        " project(where: {id: $projectId}) {id invites(from: $from, first: $first) {"
        f" nodes {{ {results_query_part(Invite)}"
        " projectInvites { projectId projectRoleName } } nextCursor}}}"
    )
    return PaginatedCollection(client, query_str, {"projectId": project_id},
                               ["project", "invites", "nodes"], Invite,
                               cursor_path=["project", "invites", "nextCursor"],
                               experimental=True)  # fmt: skip


@classic_step
def test_org_invite(c: Ctx) -> None:
    client, organization = c.client, c.organization
    role = client.get_roles()["LABELER"]
    invite_limit = organization.invite_limit()
    expect(invite_limit.remaining > 0, "No invites available")
    invite = organization.invite_user("none@labelbox.com", role)
    invite_limit_after = organization.invite_limit()
    expect(invite_limit.remaining - invite_limit_after.remaining == 1, "one invite used")
    found = [i for i in _get_invites(client) if i.uid == invite.uid]
    expect(len(found) == 1, "Invite not found")
    expect(found[0].organization_role_name.lower() == role.name.lower(), "Role should be labeler")
    _cancel_invite(client, invite.uid)
    expect(invite_limit.remaining - organization.invite_limit().remaining == 0, "limit back")
    expect(all(i.uid != invite.uid for i in _get_invites(client)), "Invite not deleted")


@classic_step
def test_project_invite(c: Ctx) -> None:
    client, organization = c.client, c.organization
    project_1, project_2 = c.projects
    roles = client.get_roles()
    project_role_1 = ProjectRole(project=project_1, role=roles["LABELER"])
    project_role_2 = ProjectRole(project=project_2, role=roles["REVIEWER"])
    invite = organization.invite_user(
        "none1@labelbox.com", roles["NONE"], project_roles=[project_role_1, project_role_2]
    )
    project_invite = next(_get_project_invites(client, project_1.uid))
    got = {(p.project.uid, p.role.uid) for p in project_invite.project_roles}
    want = {(p.project.uid, p.role.uid) for p in (project_role_1, project_role_2)}
    expect(got == want, f"project roles {got} != {want}")
    me = client.get_user().uid
    member = [m for m in project_1.members() if m.user().uid == me]
    expect(len(member) == 1, "the admin is a member of the project")
    expect(member[0].role().name.upper() == roles["ADMIN"].name.upper(), "admin's role")
    _cancel_invite(client, invite.uid)


@classic_step
def test_member_management(c: Ctx) -> None:
    client, organization, project = c.client, c.organization, c.projects[0]
    roles = client.get_roles()
    user = new_project_based_user(client)
    expect(not len(list(user.projects())), "a new user has no projects")
    for role in [roles["LABELER"], roles["REVIEWER"]]:
        user.upsert_project_role(project, role=role)
        member = [m for m in project.members() if m.user().uid == user.uid]
        expect(len(member) == 1, "is member")
        expect(member[0].role().name.upper() == role.name.upper(), "member role")
    user.remove_from_project(project)
    expect(all(m.user().uid != user.uid for m in project.members()), "removed from project")
    expect(user.org_role().name.upper() == roles["NONE"].name.upper(), "org role NONE")
    for role in [roles["TEAM_MANAGER"], roles["ADMIN"], roles["LABELER"], roles["REVIEWER"]]:
        user.update_org_role(role)
        expect(user.org_role().name.upper() == role.name.upper(), "org role set")
    organization.remove_user(user)
    expect(all(user.uid != u.uid for u in organization.users()), "removed from organization")


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[3] not in ("notebook", "classic"):
        print(f"usage: {argv[0]} ENDPOINT API_KEY notebook|classic")
        return 2
    logging.getLogger("labelbox").setLevel(logging.CRITICAL)
    client = Client(argv[2], argv[1], enable_experimental=True)
    chosen = NOTEBOOK if argv[3] == "notebook" else CLASSIC
    return steps.run_steps(chosen, Ctx(client), f"labelbox {labelbox.__version__}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
